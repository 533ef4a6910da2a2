"""Which days the reports can cover: how many events a range holds (the Reports screen says
"No rallies between … and …" rather than show four empty reports), and the first and last
day of any event (its "Show every date" action). Days as the reports read them: each event's
start in its own time zone, cancelled events left out (``scope.events_in_range``)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from sqlalchemy import and_, func, or_, select, true

from rallyorg.db import Database
from rallyorg.domain.enums import EventStatus
from rallyorg.domain.reports import DateRange
from rallyorg.models import Event, has_code
from rallyorg.services.reports.scope import MARGIN, events_in_range


def event_count(
    db: Database, start: dt.date | None = None, end: dt.date | None = None, *, campaign: str | None = None
) -> int:
    """The events (not cancelled; of ``campaign`` when given) whose start falls in the range, in
    their own time zones."""
    dates = DateRange(start, end)
    with db.reading() as session:
        return len(events_in_range(session, dates, "en", campaign).events)


def event_days(db: Database, *, campaign: str | None = None) -> DateRange | None:
    """The first and the last day an event (not cancelled; of ``campaign`` when given) starts
    on; None when there is none.

    Only the events within a day of the earliest and the latest start are read: one of them
    is first (or last) on the calendar, whatever the time zones."""
    held = and_(Event.status != EventStatus.CANCELLED, has_code(Event.tags, campaign) if campaign else true())
    with db.reading() as session:
        first, last = session.execute(
            select(func.min(Event.starts_at), func.max(Event.starts_at)).where(held)
        ).one()
        if first is None or last is None:
            return None
        edges = session.execute(
            select(Event.starts_at, Event.timezone).where(
                held, or_(Event.starts_at <= first + MARGIN, Event.starts_at >= last - MARGIN)
            )
        ).all()
    days = [starts_at.astimezone(zoneinfo.ZoneInfo(timezone)).date() for starts_at, timezone in edges]
    return DateRange(min(days), max(days))
