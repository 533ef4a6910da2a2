"""Events as an iCalendar file (.ics) for calendar apps, with real time zones.

Times are written in the event's own zone (``DTSTART;TZID=America/New_York``) with the
matching VTIMEZONE, so a rally at 3 PM in Danbury stays at 3 PM for everyone, across
daylight-saving changes. The title and description are in one chosen language; the other
languages' texts follow in the description, because most calendar apps show one text only.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import icalendar

from rallyorg.domain import validation as v
from rallyorg.domain.enums import EventStatus, Language
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.events import EventData
from rallyorg.exchange.record_problems import NOT_WRITABLE, RecordGuard, RecordProblem, writable
from rallyorg.i18n import N_, translator

_STATUS = {
    EventStatus.DRAFT: "TENTATIVE",
    EventStatus.CONFIRMED: "CONFIRMED",
    EventStatus.CANCELLED: "CANCELLED",
    EventStatus.DONE: "CONFIRMED",
}


def _native(code: str) -> str:
    return Language(code).native_name if code in set(Language) else code


def _text_in(event: EventData, language: str) -> str:
    """The description block for one language: summary, call to action, accessibility."""
    text = event.texts.get(language)
    if text is None:
        return ""
    gettext: Callable[[str], str] = translator(language).gettext
    parts = [text.summary.strip(), text.call_to_action.strip()]
    if text.accessibility_note.strip():
        parts.append(gettext(N_("Accessibility: {note}")).format(note=text.accessibility_note.strip()))
    return "\n\n".join(p for p in parts if p)


def _description(event: EventData, language: str) -> str:
    blocks = [_text_in(event, language)] if language in event.texts else []
    for code, text in sorted(event.texts.items()):
        if code == language or not (text.title or text.summary):
            continue
        body = "\n".join(p for p in (text.title.strip(), _text_in(event, code)) if p)
        blocks.append(f"— {_native(code)} —\n{body}")
    if event.public_url:
        blocks.append(event.public_url)
    return "\n\n".join(b for b in blocks if b)


def _location(event: EventData) -> str:
    if event.venue is None:
        return ""
    return ", ".join(p for p in (event.venue.name, event.venue.address) if p)


def event_uid(event: EventData, domain: str) -> str:
    """Stable across exports, so calendar apps update an event instead of adding it twice.

    The id with the moment the event was created: unique across coalitions' databases, and
    unchanged when the database file moves or is opened from a backup.
    """
    if event.created_at is None:
        return f"event-{event.id}@{domain}"
    created = event.created_at.strftime("%Y%m%dT%H%M%S%f")
    return f"event-{event.id}-{created}@{domain}"


@dataclass(frozen=True)
class CalendarFile:
    data: bytes
    written: tuple[int, ...]  # ids of the events in the file
    skipped: tuple[RecordProblem, ...]  # the events left out, and why


def calendar_file(
    events: Sequence[EventData],
    *,
    language: str = "en",
    uid_domain: str = "rallyorg.invalid",
    calendar_name: str = "",
    now: dt.datetime | None = None,
) -> CalendarFile:
    """An .ics file with one VEVENT per event and a VTIMEZONE per zone used. An event that
    cannot be written (a public URL with a line break, stored by an older version) is left out
    and reported; the others are written."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//rallyorg//rallyorg//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if calendar_name:
        calendar.add("name", calendar_name)
        calendar.add("x-wr-calname", calendar_name)
    stamp = now or dt.datetime.now(dt.UTC)
    guard = RecordGuard("event")
    written: list[EventData] = []
    for event in events:
        build = functools.partial(_vevent, event, language, uid_domain, stamp)
        vevent = guard.make(event.id, event.title(language), build)
        if vevent is not None:
            calendar.add_component(vevent)
            written.append(event)
    if written:
        # VTIMEZONE rules for the years around the events only (a short, exact file).
        first = min(e.starts_at for e in written).date() - dt.timedelta(days=366)
        last = max(e.ends_at for e in written).date() + dt.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return CalendarFile(bytes(calendar.to_ical()), tuple(e.id for e in written), tuple(guard.problems))


def calendar_bytes(events: Sequence[EventData], **options: Any) -> bytes:
    """The .ics file's bytes (``calendar_file`` also says which events were left out)."""
    return calendar_file(events, **options).data


def _vevent(event: EventData, language: str, uid_domain: str, stamp: dt.datetime) -> icalendar.Event:
    """One event's VEVENT, serialised once here so that a value the library refuses fails
    this event only; ``ValidationError`` names the field to blame."""
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event, uid_domain))
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.starts_at)
    vevent.add("dtend", event.ends_at)
    vevent.add("sequence", event.version)
    title_language = _title_language(event, language)
    _add(vevent, "summary", event.title(language), f"texts.{title_language}.title",
         parameters={"LANGUAGE": _bcp47(title_language)})  # fmt: skip
    _add(vevent, "description", _description(event, language), "texts")
    _add(vevent, "location", _location(event), "venue")
    # The same rule as typing it in: no line break can start a property of its own.
    _add(vevent, "url", v.web_address("public_url", event.public_url), "public_url")
    vevent.add("status", _STATUS[event.status])
    vevent.to_ical()
    return vevent


def _add(vevent: icalendar.Event, name: str, value: str, field: str, **options: Any) -> None:
    if not value and name != "summary":  # every event has a SUMMARY, even an empty one
        return
    try:
        vevent.add(name, writable(field, value), **options)
    except ValueError as error:
        raise ValidationError(field, NOT_WRITABLE, reason=str(error)) from None


def _title_language(event: EventData, language: str) -> str:
    """The language ``EventData.title`` actually picked (it falls back when one is missing)."""
    for code in (language, "en", *event.texts):
        text = event.texts.get(code)
        if text and text.title:
            return code
    return language


def _bcp47(code: str) -> str:
    return code.replace("_", "-")
