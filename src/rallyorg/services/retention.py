"""A retention rule: forget volunteers nobody has heard from in N months.

A volunteer is inactive when, for ``months`` calendar months, their record was not added or
edited, none of their sign-ups was made or changed (a check-in changes it), and they did not
walk in at an event. ``inactive_volunteers`` lists them (a dry run); ``forget_inactive``
forgets them all (services/forget.py) in one transaction, choosing them again inside it, so
someone who signed up in the meantime is kept.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rallyorg.db import Database
from rallyorg.domain.errors import ValidationError
from rallyorg.i18n import N_
from rallyorg.models import Attendee, SignUp, Volunteer, utcnow
from rallyorg.services.forget import ForgetReport, forget_people
from rallyorg.services.forget_records import Person, volunteer_person

MAX_MONTHS = 1200


@dataclass(frozen=True)
class InactiveVolunteer:
    id: int
    name: str
    last_active: dt.datetime  # UTC


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day and time ``months`` calendar months earlier (the 31st becomes the month's last day)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _check(months: int) -> None:
    if not 1 <= months <= MAX_MONTHS:
        raise ValidationError(
            "inactive_months", N_("Give a number of months from 1 to {most}."), most=MAX_MONTHS
        )


def _inactive(session: Session, months: int, now: dt.datetime) -> list[InactiveVolunteer]:
    cutoff = months_before(now, months)
    latest: dict[int, dt.datetime] = {}

    def seen(volunteer_id: int | None, moment: dt.datetime | None) -> None:
        if volunteer_id is not None and moment is not None and moment > latest.get(volunteer_id, moment):
            latest[volunteer_id] = moment

    people = session.execute(
        select(
            Volunteer.id,
            Volunteer.given_name,
            Volunteer.family_name,
            Volunteer.created_at,
            Volunteer.updated_at,
        )
    ).all()
    for row in people:
        latest[row.id] = max(row.created_at, row.updated_at)
    for query in (
        select(SignUp.volunteer_id, func.max(SignUp.updated_at)).group_by(SignUp.volunteer_id),
        select(SignUp.volunteer_id, func.max(SignUp.signed_up_at)).group_by(SignUp.volunteer_id),
        select(Attendee.volunteer_id, func.max(Attendee.arrived_at)).group_by(Attendee.volunteer_id),
    ):
        for volunteer_id, moment in session.execute(query):
            seen(volunteer_id, moment)
    found = [
        InactiveVolunteer(row.id, " ".join(p for p in (row.given_name, row.family_name) if p), latest[row.id])
        for row in people
        if latest[row.id] < cutoff
    ]
    return sorted(found, key=lambda v: (v.last_active, v.id))


def inactive_volunteers(
    db: Database, months: int, *, now: dt.datetime | None = None
) -> list[InactiveVolunteer]:
    """Volunteers with no sign-up, walk-in or edit in ``months`` months, longest silent first."""
    _check(months)
    with db.reading() as session:
        return _inactive(session, months, now or utcnow())


def forget_inactive(db: Database, months: int, *, now: dt.datetime | None = None) -> ForgetReport:
    """Forget every volunteer ``inactive_volunteers`` lists, in one transaction."""
    _check(months)
    moment = now or utcnow()

    def find(session: Session) -> list[Person]:
        return [volunteer_person(session, v.id) for v in _inactive(session, months, moment)]

    return forget_people(db, "volunteer", find, now=moment)
