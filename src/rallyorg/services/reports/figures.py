"""The four reports of issue #17, each counted in SQL (a few aggregate queries, whatever the
number of people: no ORM objects are built), for the events of ``scope.events_in_range``.

Who counts as what, from the models:

- A **walk-in** is a volunteer who helped without having signed up: a sign-up created at the
  moment of its check-in (``signed_up_at = checked_in_at``, status attended — what both
  walk-in paths of check-in write, ``signups.walk_in`` and ``attendance.walk_in``), or an
  event-day attendee row of a walk-in volunteer without a shift (``volunteer_id`` set or
  ``walk_in``: ``attendance.attendance`` counts these as walk-ins too). Forgetting a person
  erases when they signed up, so a forgotten walk-in's sign-up counts as signed up and checked
  in; a walk-in who was counted but not kept is a count at the door, like the public, and is
  in no report.
- **Signed up**: sign-ups that held a place or were a no-show (signed up, confirmed, attended,
  no-show), walk-ins left out. Cancelled and waitlisted ones are not counted.
- **Checked in**: of those, the attended ones. So ``checked in ≤ signed up``, and the people
  who helped are ``checked in + walk-ins``.
- **Hours**: the hours of attended sign-ups (set at check-in to the shift's length, as the
  volunteer's record totals them), walk-ins included. Signed-up shifts nobody checked in for
  are promises, not hours, and count for nothing.
- **Filled** places of a shift: sign-ups holding a place (signed up, confirmed, attended), as
  the app's staffing bars count them, from the view every login reads in full (migration 0012).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import and_, func, not_, or_, select

from rallyorg.db import Database
from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.reports import (
    AttendanceRow,
    DateRange,
    HoursReport,
    MonthHours,
    PartnerRow,
    PersonHours,
    ShiftRow,
)
from rallyorg.models import (
    Attendee,
    Event,
    EventPartner,
    PartnerGroup,
    Shift,
    SignUp,
    Volunteer,
    shift_signup_count,
)
from rallyorg.services.reports.scope import events_in_range

SIGNED_UP = (SignUpStatus.SIGNED_UP, SignUpStatus.CONFIRMED, SignUpStatus.ATTENDED, SignUpStatus.NO_SHOW)
HOLDING = tuple(status for status in SignUpStatus if status.holds_a_place)

# A sign-up made at check-in: the walk-in sign-ups of the module's docstring. Never NULL, so
# that NOT of it is true for every other sign-up: an attended one without a check-in time (an
# import's) compared NULL, and NOT NULL dropped it from every column.
WALK_IN_SIGNUP = and_(
    SignUp.status == SignUpStatus.ATTENDED,
    SignUp.volunteer_id.is_not(None),
    SignUp.checked_in_at.is_not(None),
    SignUp.checked_in_at == SignUp.signed_up_at,
)
WALK_IN_ATTENDEE = or_(Attendee.volunteer_id.is_not(None), Attendee.walk_in)


def attendance(
    db: Database,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    language: str = "en",
    campaign: str | None = None,
) -> list[AttendanceRow]:
    """One row per event in the range, in order of start: people signed up, checked in and
    walked in (see the module's docstring), with the title in ``language``."""
    dates = DateRange(start, end)
    with db.reading() as session:
        scope = events_in_range(session, dates, language, campaign)
        counts: dict[int, tuple[int, int, int]] = {}
        for event_id, signed_up, checked_in, walk_ins in session.execute(
            select(
                Shift.event_id,
                func.count(SignUp.id).filter(SignUp.status.in_(SIGNED_UP), not_(WALK_IN_SIGNUP)),
                func.count(SignUp.id).filter(SignUp.status == SignUpStatus.ATTENDED, not_(WALK_IN_SIGNUP)),
                func.count(SignUp.id).filter(WALK_IN_SIGNUP),
            )
            .join(Shift, Shift.id == SignUp.shift_id)
            .join(Event, Event.id == Shift.event_id)
            .where(scope.condition)
            .group_by(Shift.event_id)
        ):
            counts[event_id] = (signed_up or 0, checked_in or 0, walk_ins or 0)
        walked_in: dict[int, int] = dict(
            session.execute(
                select(Attendee.event_id, func.count(Attendee.id))
                .join(Event, Event.id == Attendee.event_id)
                .where(scope.condition, WALK_IN_ATTENDEE)
                .group_by(Attendee.event_id)
            ).all()
        )
    rows = []
    for event in scope.events:
        signed_up, checked_in, walk_ins = counts.get(event.id, (0, 0, 0))
        rows.append(
            AttendanceRow(
                event.id,
                event.date,
                event.title,
                signed_up=signed_up,
                checked_in=checked_in,
                walk_ins=walk_ins + walked_in.get(event.id, 0),
            )
        )
    return rows


def hours(
    db: Database, start: dt.date | None = None, end: dt.date | None = None, *, campaign: str | None = None
) -> HoursReport:
    """Hours checked in for on the range's events, by person (most first; the hours of
    forgotten people as one row without an id, last) and by month of the event's start
    (in the event's time zone)."""
    dates = DateRange(start, end)
    with db.reading() as session:
        scope = events_in_range(session, dates, "en", campaign)
        attended = (
            select()
            .select_from(SignUp)
            .join(Shift, Shift.id == SignUp.shift_id)
            .join(Event, Event.id == Shift.event_id)
            .where(scope.condition, SignUp.status == SignUpStatus.ATTENDED)
        )
        total = func.coalesce(func.sum(SignUp.hours), 0)
        people = session.execute(
            attended.add_columns(SignUp.volunteer_id, Volunteer.given_name, Volunteer.family_name, total)
            .outerjoin(Volunteer, Volunteer.id == SignUp.volunteer_id)
            .group_by(SignUp.volunteer_id, Volunteer.given_name, Volunteer.family_name)
        ).all()
        per_event = session.execute(
            attended.add_columns(Shift.event_id, total).group_by(Shift.event_id)
        ).all()
    by_person = [
        PersonHours(volunteer_id, " ".join(p for p in (given, family) if p), round(float(summed), 2))
        for volunteer_id, given, family, summed in people
    ]
    by_person.sort(
        key=lambda row: (row.volunteer_id is None, -row.hours, row.name.casefold(), row.volunteer_id)
    )
    events = scope.by_id()
    months: dict[dt.date, float] = defaultdict(float)
    for event_id, summed in per_event:
        months[events[event_id].date.replace(day=1)] += float(summed)
    by_month = [MonthHours(month, round(months[month], 2)) for month in sorted(months) if months[month]]
    return HoursReport(tuple(row for row in by_person if row.hours), tuple(by_month))


def partners(
    db: Database, start: dt.date | None = None, end: dt.date | None = None, *, campaign: str | None = None
) -> list[PartnerRow]:
    """Each partner group that took part in the range: the events it was a partner of, in any
    role (lead, co-sponsor, endorser, marshals…; an event counts once however many roles it
    had), and how many of its volunteers (a volunteer's group as it is now) signed up for those
    events' shifts — cancelled and waitlisted sign-ups left out, walk-ins in. Most events first."""
    dates = DateRange(start, end)
    with db.reading() as session:
        scope = events_in_range(session, dates, "en", campaign)
        events: dict[int, int] = dict(
            session.execute(
                select(EventPartner.group_id, func.count(func.distinct(EventPartner.event_id)))
                .join(Event, Event.id == EventPartner.event_id)
                .where(scope.condition)
                .group_by(EventPartner.group_id)
            ).all()
        )
        people: dict[int, int] = dict(
            session.execute(  # type: ignore[arg-type]
                select(Volunteer.group_id, func.count(func.distinct(SignUp.volunteer_id)))
                .select_from(SignUp)
                .join(Volunteer, Volunteer.id == SignUp.volunteer_id)
                .join(Shift, Shift.id == SignUp.shift_id)
                .join(Event, Event.id == Shift.event_id)
                .where(scope.condition, Volunteer.group_id.is_not(None), SignUp.status.in_(SIGNED_UP))
                .group_by(Volunteer.group_id)
            ).all()
        )
        wanted = sorted(set(events) | set(people))
        names = dict(
            session.execute(
                select(PartnerGroup.id, PartnerGroup.name).where(PartnerGroup.id.in_(wanted))
            ).all()
        )
    rows = [
        PartnerRow(group_id, names.get(group_id, ""), events.get(group_id, 0), people.get(group_id, 0))
        for group_id in wanted
        if group_id in names
    ]
    rows.sort(key=lambda row: (-row.co_sponsorships, -row.volunteers, row.name.casefold(), row.group_id))
    return rows


def shifts(
    db: Database,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    language: str = "en",
    campaign: str | None = None,
) -> list[ShiftRow]:
    """Every shift of the range's events, in order of its event and its start: its capacity
    and filled places (see the module's docstring)."""
    dates = DateRange(start, end)
    view = shift_signup_count.c
    with db.reading() as session:
        scope = events_in_range(session, dates, language, campaign)
        found = session.execute(
            select(Shift.id, Shift.event_id, Shift.role, Shift.starts_at, Shift.capacity)
            .join(Event, Event.id == Shift.event_id)
            .where(scope.condition)
        ).all()
        filled: dict[int, int] = {
            shift_id: int(number or 0)  # PostgreSQL's sum of counts is a numeric
            for shift_id, number in session.execute(
                select(view.shift_id, func.sum(view.number))
                .join(Shift, Shift.id == view.shift_id)
                .join(Event, Event.id == Shift.event_id)
                .where(scope.condition, view.status.in_(HOLDING))
                .group_by(view.shift_id)
            )
        }
    events = scope.by_id()
    rows = []
    for shift_id, event_id, role, starts_at, capacity in found:
        event = events[event_id]
        rows.append(
            ShiftRow(
                event_id,
                event.date,
                event.title,
                shift_id,
                role,
                starts_at.astimezone(event.starts_at.tzinfo),
                capacity,
                filled.get(shift_id, 0),
            )
        )
    order = {event.id: place for place, event in enumerate(scope.events)}
    rows.sort(key=lambda row: (order[row.event_id], row.starts_at, row.shift_id))
    return rows
