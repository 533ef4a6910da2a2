"""Event-day attendance beyond the shifts: the public counted at the door, and walk-in
volunteers.

- ``count_attendee`` adds one anonymous person (the clicker at the door); ``record_attendee``
  adds one who gave a name — a phone only with their consent to be contacted.
- ``walk_in`` takes a volunteer who turned up unannounced. Their details are kept only if
  they agree (``keep_details``); otherwise they are counted, not stored. A kept walk-in joins
  the shift the organizer picks, or none; a full shift takes them only when the organizer
  says so (``over_capacity``), and the refusal says how full it is.
- ``attendance`` is the event's tally: volunteers checked in on shifts, walk-ins without a
  shift, and the public.

Each function is one transaction, like every service.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from rallyorg.db import Database
from rallyorg.domain import validation as v
from rallyorg.domain.control_chars import clean_text
from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.errors import NotFoundError, ValidationError
from rallyorg.domain.text import volunteer_keys
from rallyorg.i18n import N_
from rallyorg.models import Attendee, Event, EventText, Shift, SignUp, Volunteer, utcnow


@dataclass(frozen=True)
class AttendeeInput:
    name: str = ""
    phone: str = ""
    language: str = ""  # the language the consent question was asked in
    may_contact: bool = False


@dataclass(frozen=True)
class WalkInInput:
    given_name: str
    family_name: str = ""
    phone: str = ""
    keep_details: bool = False  # they agreed to be kept as a volunteer
    may_contact: bool = False  # …and to be called or texted
    language: str = ""
    shift_id: int | None = None  # None: helping without a shift
    over_capacity: bool = False  # the organizer chose to add them to a full shift


@dataclass(frozen=True)
class WalkInResult:
    name: str
    volunteer_id: int | None  # None: counted, not kept
    signup_id: int | None  # on the chosen shift
    attendee_id: int | None  # without a shift, or not kept
    over_capacity: bool = False
    shift_role: str = ""


@dataclass(frozen=True)
class Attendance:
    on_shifts: int  # volunteers checked in on a shift
    walk_ins: int  # volunteers helping without a shift
    public: int  # everyone else counted at the door
    named: int  # of the public, how many left a name

    @property
    def total(self) -> int:
        return self.on_shifts + self.walk_ins + self.public


class ShiftFullError(ValidationError):
    """The chosen shift has no free place; the organizer may add the person anyway."""

    def __init__(self, role: str, filled: int, capacity: int) -> None:
        super().__init__(
            "shift",
            N_("The {role} shift is full ({filled} of {capacity})."),
            role=role,
            filled=filled,
            capacity=capacity,
        )
        self.filled, self.capacity = filled, capacity


def _event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFoundError(N_("Event {id} does not exist."), id=event_id)
    return event


def _attendee(event_id: int, data: AttendeeInput, volunteer_id: int | None = None) -> Attendee:
    name = v.limited_text("name", data.name, max_length=200)
    phone = v.normalise_phone("phone", data.phone)
    if phone and not data.may_contact:
        raise ValidationError("phone", N_("Keep a phone number only if the person agrees to be contacted."))
    return Attendee(
        event_id=event_id,
        volunteer_id=volunteer_id,
        name=name,
        phone=phone,
        language=data.language if name or phone else "",
        may_contact=data.may_contact and bool(phone),
        arrived_at=utcnow(),
    )


def count_attendee(db: Database, event_id: int) -> int:
    """One more person at the door, nothing about them kept; returns the new row's id."""
    return record_attendee(db, event_id, AttendeeInput())


def record_attendee(db: Database, event_id: int, data: AttendeeInput) -> int:
    with db.transaction() as session:
        _event(session, event_id)
        attendee = _attendee(event_id, data)
        session.add(attendee)
        session.flush()
        return attendee.id


def remove_attendee(db: Database, attendee_id: int) -> None:
    """Undo a count or a record."""
    with db.transaction() as session:
        attendee = session.get(Attendee, attendee_id)
        if attendee is not None:
            session.delete(attendee)


def walk_in(db: Database, event_id: int, data: WalkInInput) -> WalkInResult:
    """A name is needed only to keep the person; one not kept is counted, nothing more."""
    if data.keep_details:
        given = v.required_text("given_name", data.given_name, max_length=100)
        family = v.limited_text("family_name", data.family_name, max_length=100)
    else:
        # Not kept, so not checked; cleaned all the same, as the result is shown.
        given = clean_text(data.given_name).strip()
        family = clean_text(data.family_name).strip()
    name = f"{given} {family}".strip()
    with db.transaction() as session:
        event = _event(session, event_id)
        if not data.keep_details:
            if data.shift_id is not None:
                raise ValidationError(
                    "shift", N_("To put someone on a shift, they must agree to be kept as a volunteer.")
                )
            attendee = Attendee(event_id=event.id, arrived_at=utcnow())  # counted, not named
            session.add(attendee)
            session.flush()
            return WalkInResult(name, None, None, attendee.id)
        phone = v.normalise_phone("phone", data.phone)
        volunteer = Volunteer(
            given_name=given,
            family_name=family,
            phone=phone,
            languages=[data.language] if data.language else [],
            may_call=data.may_contact and bool(phone),
            may_text=data.may_contact and bool(phone),
            source="walk-in",
            **volunteer_keys(given, family, "", phone, ""),
        )
        session.add(volunteer)
        if data.shift_id is None:
            session.flush()
            attendee = Attendee(event_id=event.id, volunteer_id=volunteer.id, arrived_at=utcnow())
            session.add(attendee)
            session.flush()
            return WalkInResult(name, volunteer.id, None, attendee.id)
        shift = session.get(Shift, data.shift_id)
        if shift is None or shift.event_id != event.id:
            raise ValidationError("shift", N_("Shift {id} is not part of this event."), id=data.shift_id)
        filled = sum(1 for s in shift.signups if s.status.holds_a_place)
        over = filled >= shift.capacity
        if over and not data.over_capacity:
            raise ShiftFullError(shift.role, filled, shift.capacity)
        now = utcnow()
        signup = SignUp(
            volunteer=volunteer,
            shift=shift,
            status=SignUpStatus.ATTENDED,
            signed_up_at=now,
            checked_in_at=now,
            hours=round((shift.ends_at - shift.starts_at).total_seconds() / 3600, 2),
        )
        session.add(signup)
        session.flush()
        return WalkInResult(name, volunteer.id, signup.id, None, over_capacity=over, shift_role=shift.role)


def undo_walk_in(db: Database, result: WalkInResult) -> None:
    """Take back a walk-in added by mistake: the person, their sign-up and their count."""
    with db.transaction() as session:
        if result.volunteer_id is not None:
            volunteer = session.get(Volunteer, result.volunteer_id)
            if volunteer is not None:
                session.delete(volunteer)
        if result.attendee_id is not None:
            attendee = session.get(Attendee, result.attendee_id)
            if attendee is not None:
                session.delete(attendee)


@dataclass(frozen=True)
class EventAttendance:
    event_id: int
    starts_at: dt.datetime
    titles: dict[str, str]  # by language
    tally: Attendance

    def title(self, language: str) -> str:
        return self.titles.get(language) or next((t for t in self.titles.values() if t), "")


def attendance(db: Database, event_id: int) -> Attendance:
    with db.reading() as session:
        return _tally(session, event_id)


def recent_attendance(
    db: Database, *, limit: int = 5, now: dt.datetime | None = None
) -> list[EventAttendance]:
    """The last ``limit`` events that have started, newest first, with their attendance."""
    with db.reading() as session:
        started = session.execute(
            select(Event.id, Event.starts_at)
            .where(Event.starts_at <= (now or utcnow()))
            .order_by(Event.starts_at.desc(), Event.id.desc())
            .limit(limit)
        ).all()
        ids = [row.id for row in started]
        titles: dict[int, dict[str, str]] = {event_id: {} for event_id in ids}
        for text in session.execute(
            select(EventText.event_id, EventText.language, EventText.title).where(EventText.event_id.in_(ids))
        ):
            titles[text.event_id][text.language] = text.title
        return [
            EventAttendance(row.id, row.starts_at, titles[row.id], _tally(session, row.id)) for row in started
        ]


def _tally(session: Session, event_id: int) -> Attendance:
    on_shifts = session.scalar(
        select(func.count(SignUp.id))
        .join(Shift, SignUp.shift_id == Shift.id)
        .where(Shift.event_id == event_id, SignUp.status == SignUpStatus.ATTENDED)
    )
    rows = session.execute(
        select(
            func.count(Attendee.id),
            # A forgotten walk-in volunteer (``walk_in``) is still a walk-in.
            func.count(Attendee.id).filter(or_(Attendee.volunteer_id.is_not(None), Attendee.walk_in)),
            func.count(Attendee.id).filter(Attendee.name != ""),
        ).where(Attendee.event_id == event_id)
    ).one()
    everyone, walk_ins, named = (count or 0 for count in rows)
    return Attendance(on_shifts=on_shifts or 0, walk_ins=walk_ins, public=everyone - walk_ins, named=named)
