"""The shape of a sample event: its details, texts, partner groups and shifts, as plain data.

Dates and times are fixed literals in the event's own wall-clock time (America/New_York), so
the demo is the same whenever it is loaded. "Today" for the sample is ``DEMO_TODAY``: events
before it are in the past (check-ins, no-shows), events after it still need people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from rallyorg.domain.enums import EventKind, EventStatus, PartnerRole, Skill
from rallyorg.domain.events import EventTextInput

TIMEZONE = "America/New_York"
DEMO_TODAY = dt.date(2026, 11, 25)


@dataclass(frozen=True)
class PartnerPlan:
    group: str  # the group's name, as written in groups.py
    role: PartnerRole
    commitment: str = ""


@dataclass(frozen=True)
class ShiftPlan:
    role: str
    starts: dt.time
    ends: dt.time
    capacity: int
    signups: int  # people who sign up; more than ``capacity`` puts the rest on the waitlist
    skill: Skill | None = None  # preferred when choosing who signs up
    language: str | None = None  # required: only speakers of it sign up
    cancellations: int = 0  # for upcoming events: how many later drop out (the waitlist moves up)
    notes: str = ""


@dataclass(frozen=True)
class WalkIn:
    given_name: str
    family_name: str
    phone: str = ""


@dataclass(frozen=True)
class EventPlan:
    key: str
    kind: EventKind
    status: EventStatus
    when: str  # "2025-05-20 15:00-17:00", local time
    venue: str  # a venue name from venues.py
    lead: str
    partners: tuple[PartnerPlan, ...]
    expected_attendance: int
    public_url: str
    texts: Mapping[str, EventTextInput]
    shifts: tuple[ShiftPlan, ...]
    walk_ins: tuple[WalkIn, ...] = field(default=())
    tags: tuple[str, ...] = ()  # campaign tags

    @property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.when.split()[0])

    @property
    def starts(self) -> dt.time:
        return dt.time.fromisoformat(self.when.split()[1].split("-")[0])

    @property
    def ends(self) -> dt.time:
        return dt.time.fromisoformat(self.when.split()[1].split("-")[1])

    @property
    def is_past(self) -> bool:
        return self.day < DEMO_TODAY


def text(
    title: str, summary: str = "", call_to_action: str = "", accessibility_note: str = "", headline: str = ""
) -> EventTextInput:
    return EventTextInput(
        title=title,
        summary=summary,
        call_to_action=call_to_action,
        accessibility_note=accessibility_note,
        headline=headline,
    )


def partner(group: str, role: PartnerRole = PartnerRole.CO_SPONSOR, commitment: str = "") -> PartnerPlan:
    return PartnerPlan(group, role, commitment)


def shift(
    role: str,
    hours: str,
    capacity: int,
    signups: int,
    skill: Skill | None = None,
    *,
    language: str | None = None,
    cancellations: int = 0,
    notes: str = "",
) -> ShiftPlan:
    """A shift from a compact "HH:MM-HH:MM" local time range."""
    start_text, end_text = hours.split("-")
    return ShiftPlan(
        role=role,
        starts=dt.time.fromisoformat(start_text),
        ends=dt.time.fromisoformat(end_text),
        capacity=capacity,
        signups=signups,
        skill=skill,
        language=language,
        cancellations=cancellations,
        notes=notes,
    )
