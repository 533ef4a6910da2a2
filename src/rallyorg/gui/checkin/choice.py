"""Which event and which shift Check-in starts with: plain rules, no Qt."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from rallyorg.domain.events import EventData
from rallyorg.domain.shifts import ShiftData


def default_event(events: list[EventData], now: dt.datetime) -> EventData | None:
    """Today's event (in its own time zone) if there is one, else the next upcoming one,
    else the most recent. ``events`` are soonest first."""
    if not events:
        return None
    for event in events:
        local_today = now.astimezone(zoneinfo.ZoneInfo(event.timezone)).date()
        if event.starts_at.date() <= local_today <= event.ends_at.date():
            return event
    upcoming = [e for e in events if e.ends_at >= now]
    return upcoming[0] if upcoming else events[-1]


def walk_in_shift(event: EventData, now: dt.datetime) -> ShiftData | None:
    """The shift a walk-in joins: the one under way, else the next to start, else the first."""
    shifts = sorted(event.shifts, key=lambda s: (s.starts_at, s.id))
    if not shifts:
        return None
    for shift in shifts:
        if shift.starts_at <= now < shift.ends_at:
            return shift
    return next((s for s in shifts if s.starts_at >= now), shifts[0])


def split_name(full_name: str) -> tuple[str, str]:
    """Given and family name from one field, split on the last space:
    "Maria da Silva Souza" -> ("Maria da Silva", "Souza"); "Ana" -> ("Ana", "")."""
    words = " ".join(full_name.split())
    given, _space, family = words.rpartition(" ")
    return (given, family) if given else (family, "")
