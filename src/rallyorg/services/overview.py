"""Counts and summaries across areas (first-run check, dashboard)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute

from rallyorg.db import Database
from rallyorg.i18n import ngettext
from rallyorg.models import Event, PartnerGroup, SignUp, Volunteer, shift_signup_count


@dataclass(frozen=True)
class Totals:
    groups: int
    events: int
    volunteers: int
    signups: int

    @property
    def is_empty(self) -> bool:
        return not (self.groups or self.events or self.volunteers or self.signups)

    def describe(self) -> str:
        """ "67 partner groups, 13 rallies, 360 volunteers" in the interface language."""
        groups = ngettext("{count} partner group", "{count} partner groups", self.groups)
        events = ngettext("{count} rally", "{count} rallies", self.events)
        people = ngettext("{count} volunteer", "{count} volunteers", self.volunteers)
        return ", ".join(
            (
                groups.format(count=self.groups),
                events.format(count=self.events),
                people.format(count=self.volunteers),
            )
        )


def totals(db: Database, *, people: bool = True) -> Totals:
    """How much the database holds; ``people=False`` for a login that may not read volunteers
    (a viewer on a shared server): their number is left at 0, sign-ups counted by the view
    every login may read (migration 0012)."""
    with db.reading() as session:

        def count(column: InstrumentedAttribute[int]) -> int:
            return int(session.scalar(select(func.count(column))) or 0)

        signups = (
            count(SignUp.id)
            if people
            else int(session.scalar(select(func.sum(shift_signup_count.c.number))) or 0)
        )
        return Totals(
            groups=count(PartnerGroup.id),
            events=count(Event.id),
            volunteers=count(Volunteer.id) if people else 0,
            signups=signups,
        )
