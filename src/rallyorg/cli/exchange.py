"""``rallyorg import`` and ``rallyorg export``: filled in by the import and export work (issue 5)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """No import or export commands yet."""
