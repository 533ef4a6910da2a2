"""Events (rallies, marches, vigils…): details, per-language texts, partner groups, copies."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping

from sqlalchemy import func, insert, literal, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.base import ExecutableOption

from rallyorg.db import Database
from rallyorg.domain import validation as v
from rallyorg.domain.dates import SHIFT_WINDOW_DAYS, shift_window, wall_clock_offset
from rallyorg.domain.enums import EventKind, EventStatus, PartnerRole, SignUpStatus
from rallyorg.domain.errors import NotFoundError, ValidationError
from rallyorg.domain.events import (
    EventChange,
    EventData,
    EventInput,
    EventPartnerData,
    EventPartnerInput,
    EventTextInput,
)
from rallyorg.domain.text import fold
from rallyorg.i18n import N_
from rallyorg.models import (
    Event,
    EventPartner,
    EventPicture,
    EventText,
    PartnerGroup,
    Shift,
    SignUp,
    Venue,
    utcnow,
)
from rallyorg.services.concurrency import check_version
from rallyorg.services.event_rows import assemble_event, listed_events
from rallyorg.services.signups import refill_shift, shift_data, signup_data
from rallyorg.services.venues import venue_data


def local_datetime(day: dt.date, time: dt.time, timezone: str) -> dt.datetime:
    """Wall-clock date and time in an IANA zone, as an aware datetime."""
    return dt.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(timezone))


def title_in(event: Event, language: str) -> str:
    by_language = {t.language: t.title for t in event.texts if t.title}
    return by_language.get(language) or by_language.get("en") or next(iter(by_language.values()), "")


def event_data(event: Event, counts: Mapping[int, Mapping[SignUpStatus, int]] | None = None) -> EventData:
    """The event as services return it; with ``counts`` (per shift id, its sign-ups by status)
    its shifts carry only their numbers, not their sign-ups."""
    zone = zoneinfo.ZoneInfo(event.timezone)
    partners = [
        (EventPartnerData(p.group_id, p.group.name, p.role, p.commitment), p.group.name_key)
        for p in event.partners
    ]
    shifts = tuple(
        shift_data(s, zone) if counts is None else shift_data(s, zone, counts.get(s.id, {}))
        for s in event.shifts
    )
    return assemble_event(
        event, event.texts, partners, shifts, venue_data(event.venue) if event.venue else None
    )


def _load_options() -> list[ExecutableOption]:
    return [
        selectinload(Event.texts),
        selectinload(Event.venue),
        selectinload(Event.partners).selectinload(EventPartner.group),
        selectinload(Event.shifts).selectinload(Shift.signups).selectinload(SignUp.volunteer),
    ]


def _get_event(session: Session, event_id: int) -> Event:
    event = session.scalar(select(Event).where(Event.id == event_id).options(*_load_options()))
    if event is None:
        raise NotFoundError(N_("Event {id} does not exist."), id=event_id)
    return event


def _apply_texts(event: Event, texts: Mapping[str, EventTextInput]) -> None:
    existing = {t.language: t for t in event.texts}
    for language, text in texts.items():
        code = v.language_code("texts.language", language)
        row = existing.get(code)
        if row is None:
            row = EventText(language=code)
            event.texts.append(row)
        row.title = v.limited_text(f"texts.{code}.title", text.title, max_length=300)
        row.summary = v.limited_text(f"texts.{code}.summary", text.summary, max_length=5000, multiline=True)
        row.call_to_action = v.limited_text(
            f"texts.{code}.call_to_action", text.call_to_action, max_length=2000, multiline=True
        )
        row.accessibility_note = v.limited_text(
            f"texts.{code}.accessibility_note", text.accessibility_note, max_length=2000, multiline=True
        )
        row.headline = v.limited_text(f"texts.{code}.headline", text.headline, max_length=120)


def _apply_partners(session: Session, event: Event, partners: tuple[EventPartnerInput, ...]) -> None:
    """The event's partners become ``partners``: one row per group and role (a group may lead
    and provide the marshals), and at most one lead."""
    seen: set[tuple[int, PartnerRole]] = set()
    current = {(p.group_id, p.role): p for p in event.partners}
    for index, partner in enumerate(partners):
        key = (partner.group_id, PartnerRole(partner.role))
        if key in seen:
            raise ValidationError(f"partners[{index}]", N_("This group is listed twice in the same role."))
        if key[1] == PartnerRole.LEAD and any(role == PartnerRole.LEAD for _group, role in seen):
            raise ValidationError(f"partners[{index}]", N_("Only one partner group can lead the rally."))
        if session.get(PartnerGroup, partner.group_id) is None:
            raise ValidationError(
                f"partners[{index}]", N_("Partner group {id} does not exist."), id=partner.group_id
            )
        seen.add(key)
        row = current.get(key)
        if row is None:
            row = EventPartner(group_id=partner.group_id, role=key[1])
            event.partners.append(row)
        row.commitment = v.limited_text(f"partners[{index}].commitment", partner.commitment, max_length=2000)
    for key, row in current.items():
        if key not in seen:
            event.partners.remove(row)


def _apply(session: Session, event: Event, data: EventInput) -> None:
    event.timezone = v.time_zone("timezone", data.timezone)
    v.moment("starts_at", data.starts_at)
    v.moment("ends_at", data.ends_at)
    if data.ends_at <= data.starts_at:
        raise ValidationError("ends_at", N_("The end must be after the start."))
    event.starts_at = data.starts_at
    event.ends_at = data.ends_at
    event.kind = EventKind(data.kind)
    event.status = EventStatus(data.status)
    if data.venue_id is not None and session.get(Venue, data.venue_id) is None:
        raise ValidationError("venue_id", N_("Venue {id} does not exist."), id=data.venue_id)
    event.venue_id = data.venue_id
    event.expected_attendance = v.non_negative("expected_attendance", data.expected_attendance)
    event.public_url = v.web_address("public_url", data.public_url, max_length=500)
    _apply_texts(event, data.texts)
    if not any(text.title for text in event.texts):
        # An untitled rally shows up as "(untitled)" in every list, picker and export.
        raise ValidationError("texts.en.title", N_("Give the rally a title, in at least one language."))
    if data.partners is not None:
        _apply_partners(session, event, data.partners)
    if data.tags is not None:
        event.tags = _spelled_as_before(session, event, v.campaign_tags("tags", data.tags))


def _spelled_as_before(session: Session, event: Event, tags: list[str]) -> list[str]:
    """A tag other events already carry keeps their spelling ("trust act" becomes "TRUST Act"):
    one campaign is one tag, and a report on it finds all its events on any database."""
    if not tags:
        return tags
    others = select(Event.tags).where(func.length(Event.tags) > 0).distinct()
    if event.id is not None:
        others = others.where(Event.id != event.id)
    spelling = {tag.casefold(): tag for stored in session.scalars(others) for tag in stored}
    return sorted(spelling.get(tag.casefold(), tag) for tag in tags)


def create_event(db: Database, data: EventInput) -> EventData:
    with db.transaction() as session:
        event = Event(texts=[], partners=[], shifts=[])
        _apply(session, event, data)
        session.add(event)
        session.flush()
        return event_data(_get_event(session, event.id))


def update_event(
    db: Database,
    event_id: int,
    data: EventInput,
    *,
    version: int,
    move_shifts: bool = False,
) -> EventData:
    return update_event_and_shifts(db, event_id, data, version=version, move_shifts=move_shifts).event


def update_event_and_shifts(
    db: Database,
    event_id: int,
    data: EventInput,
    *,
    version: int,
    move_shifts: bool = False,
) -> EventChange:
    """Save an event. With ``move_shifts``, a new start moves its shifts (and their sign-ups)
    by as much on the clock, in the same transaction; a past shift moved ahead moves its
    waitlist up (the change names who). Without it, the shifts stay, but none may end up
    more than SHIFT_WINDOW_DAYS from the rally's new dates."""
    with db.transaction() as session:
        event = _get_event(session, event_id)
        check_version(event.version, version)
        old_zone = zoneinfo.ZoneInfo(event.timezone)
        old_start, old_end = event.starts_at.astimezone(old_zone), event.ends_at.astimezone(old_zone)
        _apply(session, event, data)
        new_zone = zoneinfo.ZoneInfo(event.timezone)
        offset = wall_clock_offset(old_start, data.starts_at.astimezone(new_zone))
        moved = 0
        promoted = []
        if move_shifts and (offset or old_zone.key != new_zone.key):
            for shift in event.shifts:
                shift.starts_at = _moved(shift.starts_at, old_zone, new_zone, offset)
                shift.ends_at = _moved(shift.ends_at, old_zone, new_zone, offset)
                v.moment("starts_at", shift.starts_at)
                moved += 1
            session.flush()
            for shift in event.shifts:
                promoted.extend(refill_shift(session, shift.id))
        elif (old_start, old_end) != (event.starts_at, event.ends_at):
            _check_shifts_stay_near(event, shift_window(old_start, old_end))
        # Texts and partners live in other tables: touching the event row makes every save
        # bump its version, so two people editing the same rally's texts cannot silently
        # overwrite each other.
        event.updated_at = utcnow()
        session.flush()
        promotions = tuple(signup_data(s) for s in promoted)
        session.expire(event)
        return EventChange(event_data(_get_event(session, event_id)), moved, promotions)


def _moved(
    moment: dt.datetime, old_zone: zoneinfo.ZoneInfo, new_zone: zoneinfo.ZoneInfo, offset: dt.timedelta
) -> dt.datetime:
    return (moment.astimezone(old_zone).replace(tzinfo=None) + offset).replace(tzinfo=new_zone)


def _check_shifts_stay_near(event: Event, old_window: tuple[dt.date, dt.date]) -> None:
    """Shifts left where they were must not end up far from the rally (those that already
    were are for their own form to point at)."""
    zone = zoneinfo.ZoneInfo(event.timezone)
    first, last = shift_window(event.starts_at.astimezone(zone), event.ends_at.astimezone(zone))
    for shift in event.shifts:
        day = shift.starts_at.astimezone(zone).date()
        if old_window[0] <= day <= old_window[1] and not first <= day <= last:
            raise ValidationError(
                "starts_at",
                N_(
                    "Its shifts would be more than {days} days from the rally's new date: "
                    "move them with the rally, or change them first."
                ),
                days=SHIFT_WINDOW_DAYS,
            )


def get_event(db: Database, event_id: int, *, people: bool = True) -> EventData:
    """The event with everything on it; ``people=False`` leaves out who signed up (its shifts
    keep their numbers): for a login that may not read people, a viewer on a shared server."""
    if not people:
        return get_listed_event(db, event_id)
    with db.reading() as session:
        return event_data(_get_event(session, event_id))


def get_listed_event(db: Database, event_id: int) -> EventData:
    """The event as lists show it: its shifts with their numbers of sign-ups, not the people
    (what a flyer needs, and all a viewer login on a shared server may read)."""
    with db.reading() as session:
        found = listed_events(session, select(Event.id).where(Event.id == event_id))
    if not found:
        raise NotFoundError(N_("Event {id} does not exist."), id=event_id)
    return found[0]


def list_events(
    db: Database,
    *,
    search: str = "",
    status: EventStatus | None = None,
    upcoming_only: bool = False,
    now: dt.datetime | None = None,
) -> list[EventData]:
    """Events by start time (soonest first). ``search`` matches titles in any language."""
    query = select(Event.id).order_by(Event.starts_at, Event.id)
    if status is not None:
        query = query.where(Event.status == status)
    if upcoming_only:
        query = query.where(Event.ends_at >= (now or utcnow()))
    with db.reading() as session:
        events = listed_events(session, query)
    needle = fold(search)
    if needle:
        # Few hundred events at most: folding titles in Python handles accents everywhere.
        events = [
            e
            for e in events
            if any(needle in fold(t.title) for t in e.texts.values())
            or (e.venue is not None and needle in fold(f"{e.venue.name} {e.venue.city}"))
        ]
    return events


def campaign_tags(db: Database) -> list[str]:
    """Every campaign tag some event carries, alphabetically (for pickers and report filters)."""
    with db.reading() as session:
        stored = session.scalars(select(Event.tags).where(func.length(Event.tags) > 0).distinct())
        return sorted({tag for tags in stored for tag in tags}, key=str.casefold)


def set_status(db: Database, event_id: int, status: EventStatus, *, version: int) -> EventData:
    """Move an event to ``status`` (draft, confirmed…), if it is still as the caller saw it."""
    with db.transaction() as session:
        event = _get_event(session, event_id)
        check_version(event.version, version)
        event.status = status
        session.flush()
        return event_data(event)


def set_campaign_tags(db: Database, event_id: int, tags: tuple[str, ...], *, version: int) -> EventData:
    """Replace an event's campaign tags, if it is still as the caller saw it."""
    with db.transaction() as session:
        event = _get_event(session, event_id)
        check_version(event.version, version)
        event.tags = _spelled_as_before(session, event, v.campaign_tags("tags", tags))
        session.flush()
        return event_data(event)


def cancel_event(db: Database, event_id: int) -> EventData:
    """Cancel an event. An action, not an edit: whatever else changed meanwhile stays, the event
    ends up cancelled, and cancelling it twice changes nothing — so no version is asked."""
    with db.transaction() as session:
        event = _get_event(session, event_id)
        event.status = EventStatus.CANCELLED
        session.flush()
        return event_data(event)


def delete_event(db: Database, event_id: int) -> None:
    with db.transaction() as session:
        session.delete(_get_event(session, event_id))


def duplicate_event(db: Database, event_id: int, new_start: dt.datetime) -> EventData:
    """A draft copy at ``new_start`` with the same texts, partners, picture and shifts (moved
    by the same amount); nobody's sign-up is copied."""
    v.moment("starts_at", new_start)
    with db.transaction() as session:
        source = _get_event(session, event_id)
        delta = new_start - source.starts_at
        copy = Event(
            kind=source.kind,
            status=EventStatus.DRAFT,
            starts_at=new_start,
            ends_at=source.ends_at + delta,
            timezone=source.timezone,
            venue_id=source.venue_id,
            expected_attendance=source.expected_attendance,
            public_url=source.public_url,
            tags=list(source.tags),
            texts=[
                EventText(
                    language=t.language,
                    title=t.title,
                    summary=t.summary,
                    call_to_action=t.call_to_action,
                    accessibility_note=t.accessibility_note,
                    headline=t.headline,
                )
                for t in source.texts
            ],
            partners=[
                EventPartner(group_id=p.group_id, role=p.role, commitment=p.commitment)
                for p in source.partners
            ],
            shifts=[
                Shift(
                    role=s.role,
                    starts_at=s.starts_at + delta,
                    ends_at=s.ends_at + delta,
                    capacity=s.capacity,
                    required_language=s.required_language,
                    notes=s.notes,
                )
                for s in source.shifts
            ],
        )
        session.add(copy)
        session.flush()
        # Its picture too, copied in the database (the bytes never pass through Python); a
        # statement, not a new object, so the log says "created" alone, as for its texts.
        picture_columns = ("media_type", "width", "height", "data", "file_name")
        session.execute(
            insert(EventPicture).from_select(
                ["event_id", *picture_columns],
                select(literal(copy.id), *(getattr(EventPicture, name) for name in picture_columns)).where(
                    EventPicture.event_id == source.id
                ),
            )
        )
        return event_data(_get_event(session, copy.id))


def active_signup_count(event: EventData) -> int:
    return sum(1 for s in event.shifts for su in s.signups if SignUpStatus(su.status).holds_a_place)
