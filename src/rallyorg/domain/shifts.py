"""Shifts and sign-ups as plain records: a shift as a form gives it (ShiftInput) and as services
return it, with its sign-ups (ShiftData, SignUpData); what a change did to the waitlist
(SignUpChange, ShiftChange), so the front end can say exactly who moved up, or why nobody did."""

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
    volunteer_id: int | None  # None: the person was forgotten; the sign-up is an anonymous count
    volunteer_name: str
    volunteer_phone: str
    status: SignUpStatus
    signed_up_at: dt.datetime
    checked_in_at: dt.datetime | None
    hours: float | None
    version: int
    # When the person moved up from the waitlist into a place (None: never waited, or
    # signed up again since); kept, so their history says so.
    promoted_at: dt.datetime | None = None


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
    # Lists of events read only how many hold a place and how many wait, counted in SQL
    # (reading every sign-up of 1,000 events took seconds): then ``signups`` is empty.
    held_count: int | None = None
    waiting_count: int | None = None

    @property
    def filled(self) -> int:
        if self.held_count is not None:
            return self.held_count
        return sum(1 for s in self.signups if s.status in HOLDING)

    @property
    def waitlisted(self) -> int:
        if self.waiting_count is not None:
            return self.waiting_count
        return sum(1 for s in self.signups if s.status == SignUpStatus.WAITLISTED)

    @property
    def short_by(self) -> int:
        return max(self.capacity - self.filled, 0)

    def is_over(self, now: dt.datetime) -> bool:
        return is_over(self.ends_at, now)

    def waiting(self) -> list[SignUpData]:
        """The waitlist, first come first served."""
        return sorted(
            (s for s in self.signups if s.status == SignUpStatus.WAITLISTED),
            key=lambda s: (s.signed_up_at, s.id),
        )


def is_over(ends_at: dt.datetime, now: dt.datetime) -> bool:
    """A shift that has ended never moves its waitlist up: marking no-shows after a rally must
    not turn the waitlist into sign-ups for a shift nobody can come to any more."""
    return ends_at <= now


@dataclass(frozen=True)
class SignUpChange:
    """What a cancellation did: the cancelled sign-up, whoever moved up into the place, and
    if nobody did, why (the shift is over, or nobody was waiting)."""

    cancelled: SignUpData
    promotions: tuple[SignUpData, ...] = ()
    freed_a_place: bool = False  # the cancelled sign-up held a place (was not waitlisted)
    shift_over: bool = False
    still_waiting: int = 0  # people on the waitlist after the change

    @property
    def promoted(self) -> SignUpData | None:
        return self.promotions[0] if self.promotions else None


@dataclass(frozen=True)
class ShiftChange:
    """A shift as saved, and whoever moved up from its waitlist because of the change (more
    places, or a shift moved from the past to ahead)."""

    shift: ShiftData
    promotions: tuple[SignUpData, ...] = ()
