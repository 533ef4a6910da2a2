"""Counts and summaries across areas (first-run check, dashboard)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute

from rallyorg.db import Database
from rallyorg.models import Event, PartnerGroup, SignUp, Volunteer


@dataclass(frozen=True)
class Totals:
    groups: int
    events: int
    volunteers: int
    signups: int

    @property
    def is_empty(self) -> bool:
        return not (self.groups or self.events or self.volunteers or self.signups)


def totals(db: Database) -> Totals:
    with db.reading() as session:

        def count(column: InstrumentedAttribute[int]) -> int:
            return int(session.scalar(select(func.count(column))) or 0)

        return Totals(
            groups=count(PartnerGroup.id),
            events=count(Event.id),
            volunteers=count(Volunteer.id),
            signups=count(SignUp.id),
        )
