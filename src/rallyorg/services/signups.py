"""Shifts and sign-ups: capacity, the waitlist and its promotion, and event-day check-in.

Rules: sign-ups that hold a place (signed up, confirmed, attended) never exceed a shift's
capacity; past it, new sign-ups go on the waitlist in the order they came; when a place frees
up (a cancellation, a larger capacity, a past shift moved ahead) the first waitlisted person
is promoted, and the change returned names them; a shift that is over promotes nobody.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session, selectinload

from rallyorg.db import Database
from rallyorg.domain import validation as v
from rallyorg.domain.dates import SHIFT_WINDOW_DAYS, shift_window
from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.errors import ConflictError, NotFoundError, ValidationError
from rallyorg.domain.shifts import (
    HOLDING,
    ShiftChange,
    ShiftData,
    ShiftInput,
    SignUpChange,
    SignUpData,
    is_over,
)
from rallyorg.domain.text import fold, volunteer_keys
from rallyorg.i18n import N_
from rallyorg.models import Event, Shift, SignUp, Volunteer, shift_signup_count, utcnow
from rallyorg.services.concurrency import check_version


@dataclass(frozen=True)
class CheckInRow:
    signup_id: int
    volunteer_id: int
    name: str
    shift_role: str
    shift_starts_at: dt.datetime
    status: SignUpStatus
    checked_in_at: dt.datetime | None


@dataclass(frozen=True)
class CheckInCounts:
    checked_in: int
    signed_up: int


def full_name(volunteer: Volunteer) -> str:
    return " ".join(p for p in (volunteer.given_name, volunteer.family_name) if p)


def signup_data(signup: SignUp) -> SignUpData:
    person = signup.volunteer  # None: a forgotten person, counted without a name
    return SignUpData(
        id=signup.id,
        shift_id=signup.shift_id,
        volunteer_id=signup.volunteer_id,
        volunteer_name=full_name(person) if person is not None else "",
        volunteer_phone=person.phone if person is not None else "",
        status=signup.status,
        signed_up_at=signup.signed_up_at,
        checked_in_at=signup.checked_in_at,
        hours=signup.hours,
        version=signup.version,
        promoted_at=signup.promoted_at,
    )


def shift_data(
    shift: Shift, zone: zoneinfo.ZoneInfo | None = None, counts: Mapping[SignUpStatus, int] | None = None
) -> ShiftData:
    """The shift with its sign-ups — or, given ``counts`` (sign-ups by status, counted in SQL),
    with only how many hold a place and wait: its sign-ups are then not read at all."""
    zone = zone or zoneinfo.ZoneInfo(shift.event.timezone)
    if counts is None:
        signups, held, waiting = tuple(signup_data(s) for s in shift.signups), None, None
    else:
        signups = ()
        held = sum(number for status, number in counts.items() if status in HOLDING)
        waiting = counts.get(SignUpStatus.WAITLISTED, 0)
    return ShiftData(
        id=shift.id,
        event_id=shift.event_id,
        role=shift.role,
        starts_at=shift.starts_at.astimezone(zone),
        ends_at=shift.ends_at.astimezone(zone),
        capacity=shift.capacity,
        required_language=shift.required_language,
        notes=shift.notes,
        version=shift.version,
        signups=signups,
        held_count=held,
        waiting_count=waiting,
    )


def _lock_shift(session: Session, shift_id: int) -> Shift:
    # FOR UPDATE serialises concurrent sign-ups on PostgreSQL; SQLite has one writer anyway.
    shift = session.scalar(
        select(Shift)
        .where(Shift.id == shift_id)
        .options(selectinload(Shift.signups).selectinload(SignUp.volunteer))
        .with_for_update()
    )
    if shift is None:
        raise NotFoundError(N_("Shift {id} does not exist."), id=shift_id)
    return shift


def _holders(shift: Shift) -> int:
    return _counted(shift, HOLDING)


def _waiting(shift: Shift) -> int:
    return _counted(shift, (SignUpStatus.WAITLISTED,))


def _counted(shift: Shift, statuses: tuple[SignUpStatus, ...]) -> int:
    """Sign-ups of the shift in these statuses, counted by the database's view (migration
    0012), not from ``shift.signups``: on a shared server a partner login loads only its own
    group's sign-ups, and must neither give away nor miss a place another group holds.
    The query flushes this transaction's changes first (autoflush), so it counts them."""
    session = object_session(shift)
    assert session is not None
    view = shift_signup_count.c
    number = session.scalar(
        select(func.coalesce(func.sum(view.number), 0)).where(
            view.shift_id == shift.id, view.status.in_(statuses)
        )
    )
    return int(number or 0)


def _promote_waitlist(shift: Shift) -> list[SignUp]:
    """Fill free places from the waitlist, first come first served, and note when (the
    person's history shows it). Not once the shift is over (see ``is_over``)."""
    now = utcnow()
    if is_over(shift.ends_at, now):
        return []
    promoted = []
    waiting = sorted(
        (s for s in shift.signups if s.status == SignUpStatus.WAITLISTED),
        key=lambda s: (s.signed_up_at, s.id),
    )
    for signup in waiting:
        if _holders(shift) >= shift.capacity:
            break
        signup.status = SignUpStatus.SIGNED_UP
        signup.promoted_at = now
        promoted.append(signup)
    return promoted


def refill_shift(session: Session, shift_id: int) -> list[SignUp]:
    """Promote waitlisted people into places freed inside another service's transaction
    (e.g. merging two records of one person who held two places on the same shift, or a
    rally moving a past shift ahead with it)."""
    return _promote_waitlist(_lock_shift(session, shift_id))


def _shift_hours(shift: Shift) -> float:
    return round((shift.ends_at - shift.starts_at).total_seconds() / 3600, 2)


def check_shift_window(event: Event, starts_at: dt.datetime, field: str = "starts_at") -> None:
    """A shift starts within SHIFT_WINDOW_DAYS of its rally (see ``shift_window``)."""
    zone = zoneinfo.ZoneInfo(event.timezone)
    first, last = shift_window(event.starts_at.astimezone(zone), event.ends_at.astimezone(zone))
    if not first <= starts_at.astimezone(zone).date() <= last:
        raise ValidationError(
            field,
            N_("A shift must start within {days} days of its rally: pick a day closer to the rally."),
            days=SHIFT_WINDOW_DAYS,
        )


def _apply_shift(shift: Shift, event: Event, data: ShiftInput) -> None:
    shift.role = v.required_text("role", data.role, max_length=120)
    v.moment("starts_at", data.starts_at)
    v.moment("ends_at", data.ends_at)
    check_shift_window(event, data.starts_at)
    if data.ends_at <= data.starts_at:
        raise ValidationError("ends_at", N_("The end must be after the start."))
    if data.capacity < 1:
        raise ValidationError("capacity", N_("A shift needs room for at least one person."))
    shift.starts_at = data.starts_at
    shift.ends_at = data.ends_at
    shift.capacity = data.capacity
    shift.required_language = (
        v.language_codes("required_language", [data.required_language])[0] if data.required_language else None
    )
    shift.notes = v.limited_text("notes", data.notes, max_length=2000, multiline=True)


def add_shift(db: Database, event_id: int, data: ShiftInput) -> ShiftData:
    with db.transaction() as session:
        event = session.get(Event, event_id)
        if event is None:
            raise NotFoundError(N_("Event {id} does not exist."), id=event_id)
        shift = Shift(event=event, signups=[])
        _apply_shift(shift, event, data)
        session.add(shift)
        session.flush()
        return shift_data(shift)


def update_shift(db: Database, shift_id: int, data: ShiftInput, *, version: int) -> ShiftChange:
    """Save a shift; more places, or a shift moved from the past to ahead, move its waitlist
    up (the change names who)."""
    with db.transaction() as session:
        shift = _lock_shift(session, shift_id)
        check_version(shift.version, version)
        holders = _holders(shift)
        _apply_shift(shift, shift.event, data)
        if data.capacity < holders:
            raise ValidationError(
                "capacity",
                N_("{count} people already hold places on this shift; cancel some first."),
                count=holders,
            )
        promoted = _promote_waitlist(shift)
        session.flush()
        return ShiftChange(shift_data(shift), tuple(signup_data(s) for s in promoted))


def remove_shift(db: Database, shift_id: int) -> None:
    with db.transaction() as session:
        session.delete(_lock_shift(session, shift_id))


def get_shift(db: Database, shift_id: int) -> ShiftData:
    with db.reading() as session:
        return shift_data(_lock_shift(session, shift_id))


def sign_up(db: Database, volunteer_id: int, shift_id: int, *, at: dt.datetime | None = None) -> SignUpData:
    """Sign a volunteer up for a shift; on the waitlist if the shift is full. ``at`` is when
    they signed up, if not now (a paper sheet typed in later, the sample coalition's history)."""
    if at is not None and at.tzinfo is None:
        raise ValidationError("signed_up_at", N_("A date and time with a time zone is required."))
    with db.transaction() as session:
        shift = _lock_shift(session, shift_id)
        volunteer = session.get(Volunteer, volunteer_id)
        if volunteer is None:
            raise NotFoundError(N_("Volunteer {id} does not exist."), id=volunteer_id)
        existing = next((s for s in shift.signups if s.volunteer_id == volunteer_id), None)
        if existing is not None and existing.status != SignUpStatus.CANCELLED:
            raise ConflictError(N_("{name} is already on this shift."), name=full_name(volunteer))
        status = SignUpStatus.WAITLISTED if _holders(shift) >= shift.capacity else SignUpStatus.SIGNED_UP
        if existing is None:
            existing = SignUp(volunteer=volunteer, shift=shift)
            session.add(existing)
        existing.status = status
        existing.signed_up_at = at or utcnow()  # a returning person joins the back of the queue
        existing.checked_in_at = None
        existing.hours = None  # hours belong to an attendance, not to the person's return
        existing.promoted_at = None
        session.flush()
        return signup_data(existing)


def _get_signup(session: Session, signup_id: int) -> SignUp:
    signup = session.get(SignUp, signup_id)
    if signup is None:
        raise NotFoundError(N_("Sign-up {id} does not exist."), id=signup_id)
    return signup


def cancel_signup(db: Database, signup_id: int) -> SignUpChange:
    """Cancel a sign-up. An action, not an edit (it ends cancelled whatever happened to it
    meanwhile, and cancelling twice changes nothing), so no version is asked."""
    with db.transaction() as session:
        return _cancel(session, _get_signup(session, signup_id))


def _cancel(session: Session, signup: SignUp) -> SignUpChange:
    shift = _lock_shift(session, signup.shift_id)
    freed_a_place = signup.status in HOLDING
    signup.status = SignUpStatus.CANCELLED
    signup.checked_in_at = None
    signup.hours = None
    promoted = _promote_waitlist(shift)
    session.flush()
    return SignUpChange(
        cancelled=signup_data(signup),
        promotions=tuple(signup_data(s) for s in promoted),
        freed_a_place=freed_a_place,
        shift_over=is_over(shift.ends_at, utcnow()),
        still_waiting=_waiting(shift),
    )


def set_signup_status(db: Database, signup_id: int, status: SignUpStatus, *, version: int) -> SignUpData:
    """Confirm, mark as no-show, and the like, if the sign-up is still as the caller saw it
    (``version``); cancelling is done as ``cancel_signup`` does it."""
    with db.transaction() as session:
        signup = _get_signup(session, signup_id)
        check_version(signup.version, version)
        if status == SignUpStatus.CANCELLED:
            return _cancel(session, signup).cancelled
        shift = _lock_shift(session, signup.shift_id)
        if status in HOLDING and signup.status not in HOLDING and _holders(shift) >= shift.capacity:
            raise ConflictError(N_("The shift is full."))
        if status == SignUpStatus.ATTENDED and signup.status != SignUpStatus.ATTENDED:
            # Marking someone attended is a check-in: same time and hours as ``check_in``.
            signup.checked_in_at = utcnow()
            signup.hours = _shift_hours(shift)
        elif status != SignUpStatus.ATTENDED:
            signup.checked_in_at = None
            signup.hours = None
        signup.status = status
        _promote_waitlist(shift)
        session.flush()
        return signup_data(signup)


def check_in(db: Database, signup_id: int, *, at: dt.datetime | None = None) -> SignUpData:
    """Mark a person as here: attended, with the time and the shift's length as hours."""
    with db.transaction() as session:
        signup = _get_signup(session, signup_id)
        if signup.status == SignUpStatus.ATTENDED:
            return signup_data(signup)
        signup.status = SignUpStatus.ATTENDED
        signup.checked_in_at = at or utcnow()
        shift = signup.shift
        signup.hours = _shift_hours(shift)
        session.flush()
        return signup_data(signup)


def undo_check_in(
    db: Database, signup_id: int, status_before: SignUpStatus = SignUpStatus.SIGNED_UP, *, version: int
) -> SignUpData:
    """Take a check-in back: the person is again as they were before it, signed up or confirmed.
    ``version`` is the sign-up's as the check-in left it: a change made since is not undone."""
    if status_before not in (SignUpStatus.SIGNED_UP, SignUpStatus.CONFIRMED):
        raise ValidationError("status", N_("A check-in can only go back to signed up or confirmed."))
    with db.transaction() as session:
        signup = _get_signup(session, signup_id)
        check_version(signup.version, version)
        if signup.status == SignUpStatus.ATTENDED:
            signup.status = status_before
            signup.checked_in_at = None
            signup.hours = None
        session.flush()
        return signup_data(signup)


def check_in_candidates(db: Database, event_id: int, query: str = "", limit: int = 50) -> list[CheckInRow]:
    """People signed up for an event's shifts whose name matches ``query`` (accent-insensitive),
    not-yet-checked-in first, then by name."""
    needle = fold(query)
    with db.reading() as session:
        rows = session.execute(
            select(SignUp, Volunteer, Shift)
            .join(Volunteer, Volunteer.id == SignUp.volunteer_id)
            .join(Shift, Shift.id == SignUp.shift_id)
            .where(Shift.event_id == event_id, SignUp.status.in_(HOLDING))
        ).all()
        found = [
            CheckInRow(
                signup_id=signup.id,
                volunteer_id=volunteer.id,
                name=full_name(volunteer),
                shift_role=shift.role,
                shift_starts_at=shift.starts_at,
                status=signup.status,
                checked_in_at=signup.checked_in_at,
            )
            for signup, volunteer, shift in rows
            if not needle or needle in volunteer.name_key or needle in fold(volunteer.family_name)
        ]
    found.sort(
        key=lambda r: (
            r.status == SignUpStatus.ATTENDED,
            not fold(r.name).startswith(needle),
            fold(r.name),
        )
    )
    return found[:limit]


def check_in_counts(db: Database, event_id: int) -> CheckInCounts:
    view = shift_signup_count.c  # everyone's numbers, whatever the login sees (migration 0012)
    with db.reading() as session:
        rows = {
            status: int(number)  # PostgreSQL's sum of counts is a numeric
            for status, number in session.execute(
                select(view.status, func.sum(view.number))
                .join(Shift, Shift.id == view.shift_id)
                .where(Shift.event_id == event_id, view.status.in_(HOLDING))
                .group_by(view.status)
            )
        }
    return CheckInCounts(checked_in=rows.get(SignUpStatus.ATTENDED, 0), signed_up=sum(rows.values()))


def walk_in(
    db: Database,
    event_id: int,
    given_name: str,
    family_name: str = "",
    *,
    phone: str = "",
    shift_id: int | None = None,
    at: dt.datetime | None = None,
) -> SignUpData:
    """Someone who turns up unannounced: a new volunteer, marked attended on a shift
    (the given one, else the event's first) at ``at`` (default: now)."""
    if at is not None and at.tzinfo is None:
        raise ValidationError("checked_in_at", N_("A date and time with a time zone is required."))
    with db.transaction() as session:
        event = session.get(Event, event_id)
        if event is None:
            raise NotFoundError(N_("Event {id} does not exist."), id=event_id)
        shifts = sorted(event.shifts, key=lambda s: (s.starts_at, s.id))
        shift = (
            next((s for s in shifts if s.id == shift_id), None)
            if shift_id
            else (shifts[0] if shifts else None)
        )
        if shift is None and shift_id:
            raise ValidationError("shift", N_("Shift {id} is not part of this event."), id=shift_id)
        if shift is None:
            raise ValidationError("shift", N_("Add a shift to this event before checking people in."))
        given = v.required_text("given_name", given_name, max_length=100)
        family = v.limited_text("family_name", family_name, max_length=100)
        normalised_phone = v.normalise_phone("phone", phone)
        volunteer = Volunteer(
            given_name=given,
            family_name=family,
            phone=normalised_phone,
            source="walk-in",
            **volunteer_keys(given, family, "", normalised_phone, ""),
        )
        now = at or utcnow()
        signup = SignUp(
            volunteer=volunteer,
            shift=shift,
            status=SignUpStatus.ATTENDED,
            signed_up_at=now,
            checked_in_at=now,
            hours=_shift_hours(shift),
        )
        session.add_all([volunteer, signup])
        session.flush()
        return signup_data(signup)
