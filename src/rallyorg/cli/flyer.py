"""``rallyorg flyer``: filled in by the flyer work (issue 4)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """No flyer command yet."""
