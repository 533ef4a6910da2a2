"""Shifts and sign-ups as plain records: a shift as a form gives it (ShiftInput) and as services
return it, with its sign-ups (ShiftData, SignUpData)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rallyorg.domain.enums import SignUpStatus

# The statuses that hold a place on a shift (the waitlisted and cancelled do not).
HOLDING = (SignUpStatus.SIGNED_UP, SignUpStatus.CONFIRMED, SignUpStatus.ATTENDED)


@dataclass(frozen=True)
class ShiftInput:
    role: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int
    required_language: str | None = None
    notes: str = ""


@dataclass(frozen=True)
class SignUpData:
    id: int
    shift_id: int
    volunteer_id: int
    volunteer_name: str
    volunteer_phone: str
    status: SignUpStatus
    signed_up_at: dt.datetime
    checked_in_at: dt.datetime | None
    hours: float | None
    version: int


@dataclass(frozen=True)
class ShiftData:
    id: int
    event_id: int
    role: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int
    required_language: str | None
    notes: str
    version: int
    signups: tuple[SignUpData, ...]

    @property
    def filled(self) -> int:
        return sum(1 for s in self.signups if s.status in HOLDING)

    @property
    def waitlisted(self) -> int:
        return sum(1 for s in self.signups if s.status == SignUpStatus.WAITLISTED)

    @property
    def short_by(self) -> int:
        return max(self.capacity - self.filled, 0)
