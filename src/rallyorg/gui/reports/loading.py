"""What the Reports screen asks the database for, on the database thread: one report's figures
over a range of days, and whether the range holds any event at all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rallyorg.domain.reports import DateRange, ReportKind
from rallyorg.exchange.report_tables import ReportData
from rallyorg.services import Database, reports


@dataclass(frozen=True)
class Loaded:
    kind: ReportKind
    dates: DateRange
    language: str
    data: ReportData
    events: int  # events (not cancelled) in the range
    every_day: DateRange | None  # the first and last day of any event; None: there is none


def load_report(db: Database, kind: ReportKind, dates: DateRange, language: str) -> Loaded:
    start, end = dates.start, dates.end
    data: ReportData
    if kind == ReportKind.ATTENDANCE:
        data = reports.attendance(db, start, end, language=language)
    elif kind == ReportKind.HOURS:
        data = reports.hours(db, start, end)
    elif kind == ReportKind.PARTNERS:
        data = reports.partners(db, start, end)
    else:
        data = reports.shifts(db, start, end, language=language)
    events = reports.event_count(db, start, end)
    every_day = reports.event_days(db) if not events else None
    return Loaded(kind, dates, language, data, events, every_day)


def last_twelve_months(today: dt.date) -> DateRange:
    """The screen's first range: from this day a year ago to today (29 February: the 28th)."""
    try:
        start = today.replace(year=today.year - 1)
    except ValueError:
        start = today.replace(year=today.year - 1, day=28)
    return DateRange(start, today)
