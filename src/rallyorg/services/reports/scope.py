"""Which events a report covers: those not cancelled whose start, read in the event's own time
zone, falls on a day of the range (``domain.reports.DateRange``).

SQL cannot read a start in each event's zone portably (SQLite knows no time zones), so the
range is widened by a day on each side in UTC — every zone's day lies inside it, from UTC-12
to UTC+14 — and the few events near either end are then checked in Python. Those found
outside are excluded by id: the condition the report queries add stays small (a handful of
ids, not one per event in range), however many events the range holds.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from sqlalchemy import ColumnElement, and_, select, true
from sqlalchemy.orm import Session

from rallyorg.domain.enums import EventStatus
from rallyorg.domain.reports import DateRange
from rallyorg.models import Event, EventText, has_code

MARGIN = dt.timedelta(days=1)


@dataclass(frozen=True)
class ScopedEvent:
    id: int
    starts_at: dt.datetime  # in the event's own time zone
    title: str

    @property
    def date(self) -> dt.date:
        return self.starts_at.date()


@dataclass(frozen=True)
class Scope:
    events: tuple[ScopedEvent, ...]  # by start, then id
    # True for exactly the events above, on a query that selects from (or joins) Event.
    condition: ColumnElement[bool]

    def by_id(self) -> dict[int, ScopedEvent]:
        return {event.id: event for event in self.events}


@cache
def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


def _midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def events_in_range(session: Session, dates: DateRange, language: str, campaign: str | None = None) -> Scope:
    """The events the report covers (of the ``campaign`` tag only, when one is given), with their
    titles in ``language`` (else English, else any language that has one, as ``EventData.title``
    picks), and the SQL condition that selects them."""
    wide = [Event.status != EventStatus.CANCELLED]
    if campaign:
        wide.append(has_code(Event.tags, campaign))
    if dates.start is not None:
        wide.append(Event.starts_at >= _midnight_utc(dates.start) - MARGIN)
    if dates.end is not None:
        wide.append(Event.starts_at < _midnight_utc(dates.end) + 2 * MARGIN)
    found = session.execute(
        select(Event.id, Event.starts_at, Event.timezone).where(*wide).order_by(Event.starts_at, Event.id)
    ).all()
    kept: list[tuple[int, dt.datetime]] = []
    outside: list[int] = []
    for event_id, starts_at, timezone in found:
        local = starts_at.astimezone(_zone(timezone))
        if local.date() in dates:
            kept.append((event_id, local))
        else:
            outside.append(event_id)
    condition = and_(*wide, Event.id.not_in(outside)) if outside else and_(true(), *wide)
    titles = _titles(session, condition, language)
    events = sorted(
        (ScopedEvent(event_id, local, titles.get(event_id, "")) for event_id, local in kept),
        key=lambda e: (e.starts_at, e.id),
    )
    return Scope(tuple(events), condition)


def _titles(session: Session, condition: ColumnElement[bool], language: str) -> dict[int, str]:
    texts: dict[int, dict[str, str]] = defaultdict(dict)
    for event_id, text_language, title in session.execute(
        select(EventText.event_id, EventText.language, EventText.title)
        .join(Event, Event.id == EventText.event_id)
        .where(condition)
        .order_by(EventText.event_id, EventText.language)
    ):
        texts[event_id][text_language] = title
    return {event_id: pick_title(by_language, language) for event_id, by_language in texts.items()}


def pick_title(titles: dict[str, str], language: str) -> str:
    """As ``EventData.title``: the title in ``language``, else English, else any that has one."""
    for code in (language, "en", *titles):
        if titles.get(code):
            return titles[code]
    return ""
