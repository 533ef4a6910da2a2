"""The reports' figures as plain rows (issue #17): what ``services.reports`` computes and what
the PDF and CSV writers of ``exchange.report_files`` print. Plain data, no SQLAlchemy, so
every front end (command line, the Reports screen) can take them.

Every report covers the events whose start falls in a ``DateRange``: inclusive days, each
event's start read in the event's own time zone (a rally at 8 pm on 31 December in New York
is a December event, though it is 1 January in UTC). Cancelled events are left out of every
report: nobody could sign up for, attend or sponsor what did not happen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from rallyorg.domain.errors import ValidationError
from rallyorg.i18n import N_


class ReportKind(StrEnum):
    ATTENDANCE = "attendance"
    HOURS = "hours"
    PARTNERS = "partners"
    SHIFTS = "shifts"


@dataclass(frozen=True)
class DateRange:
    """Days from ``start`` to ``end``, both included; ``None`` leaves that side open."""

    start: dt.date | None = None
    end: dt.date | None = None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValidationError(
                "to",
                N_("The range ends ({end}) before it starts ({start})."),
                start=self.start.isoformat(),
                end=self.end.isoformat(),
            )

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date):
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class AttendanceRow:
    """One event's people (see ``services.reports.figures.attendance`` for each count)."""

    event_id: int
    date: dt.date  # the event's start, in its own time zone
    title: str  # in the language asked for, else English, else any (as ``EventData.title``)
    signed_up: int
    checked_in: int
    walk_ins: int


@dataclass(frozen=True)
class PersonHours:
    volunteer_id: int | None  # None: the hours of people since forgotten, together
    name: str
    hours: float


@dataclass(frozen=True)
class MonthHours:
    month: dt.date  # the first day of the month
    hours: float


@dataclass(frozen=True)
class HoursReport:
    by_person: tuple[PersonHours, ...]  # most hours first
    by_month: tuple[MonthHours, ...]  # in order, months without hours left out

    @property
    def total(self) -> float:
        return round(sum(row.hours for row in self.by_month), 2)


@dataclass(frozen=True)
class PartnerRow:
    group_id: int
    name: str
    co_sponsorships: int  # events the group took part in, in any role (lead included)
    volunteers: int  # the group's volunteers with a place on those events' shifts


@dataclass(frozen=True)
class ShiftRow:
    event_id: int
    date: dt.date  # the event's start, in its own time zone
    event_title: str
    shift_id: int
    role: str
    starts_at: dt.datetime  # in the event's time zone
    capacity: int
    filled: int

    @property
    def fill_rate(self) -> float | None:
        """Filled places over capacity (above 1 when walk-ins were added to a full shift);
        ``None`` for a shift of no places."""
        return self.filled / self.capacity if self.capacity > 0 else None


# One report's figures, whichever kind (``services.reports.report`` gives it).
ReportData = Sequence[AttendanceRow] | HoursReport | Sequence[PartnerRow] | Sequence[ShiftRow]
