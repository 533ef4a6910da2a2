"""The sample coalition (fictional people and groups): placeholder until the demo data lands."""

from __future__ import annotations

from dataclasses import dataclass

from rallyorg.db import Database


@dataclass(frozen=True)
class DemoSummary:
    groups: int
    events: int
    volunteers: int
    signups: int


def load_demo(db: Database, *, force: bool = False) -> DemoSummary:
    raise NotImplementedError
