"""What the Reports screen asks the database for, on the database thread: one report's figures
over a range of days, and whether the range holds any event at all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rallyorg.domain.reports import DateRange, ReportData, ReportKind
from rallyorg.services import Database, reports
from rallyorg.services import events as event_service


@dataclass(frozen=True)
class Loaded:
    kind: ReportKind
    dates: DateRange
    language: str
    campaign: str | None  # the campaign tag the report is limited to; None: every event
    data: ReportData
    events: int  # events (not cancelled) in the range (and campaign)
    every_day: DateRange | None  # the first and last day of any event; None: there is none
    campaigns: tuple[str, ...] = ()  # every campaign tag in use, for the screen's choice


def load_report(
    db: Database, kind: ReportKind, dates: DateRange, language: str, campaign: str | None = None
) -> Loaded:
    data = reports.report(db, kind, dates, language=language, campaign=campaign)
    events = reports.event_count(db, dates.start, dates.end, campaign=campaign)
    every_day = reports.event_days(db, campaign=campaign) if not events else None
    campaigns = tuple(event_service.campaign_tags(db))
    return Loaded(kind, dates, language, campaign, data, events, every_day, campaigns)


def last_twelve_months(today: dt.date) -> DateRange:
    """The screen's first range: from this day a year ago to today (29 February: the 28th)."""
    try:
        start = today.replace(year=today.year - 1)
    except ValueError:
        start = today.replace(year=today.year - 1, day=28)
    return DateRange(start, today)
