"""Shifts and sign-ups for the sample events, through the sign-up service.

Who signs up for a shift is chosen the way a coordinator would: speakers of the shift's
language only, people with the right skill and from the event's town first, nobody twice at
one event. Past events then get their check-ins (a few no-shows among them); upcoming ones get
confirmations and a drop-out or two, which moves the waitlist up; a cancelled event's
sign-ups are cancelled.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from rallyorg.db import Database
from rallyorg.demo.eventspec import TIMEZONE, EventPlan, ShiftPlan
from rallyorg.demo.people import VolunteerPlan
from rallyorg.domain.enums import EventStatus, SignUpStatus
from rallyorg.domain.shifts import ShiftInput, SignUpData
from rallyorg.services import signups
from rallyorg.services.events import local_datetime

ATTENDANCE_RATE = 0.86
CONFIRMATION_RATE = 0.45


@dataclass(frozen=True)
class StaffingResult:
    signups: int
    walk_ins: int


def _choose(
    rng: random.Random, plan: ShiftPlan, city: str, people: Sequence[VolunteerPlan], taken: set[int]
) -> list[int]:
    """Indexes into ``people`` of who signs up, best match first."""
    scored = []
    for index, volunteer in enumerate(people):
        person = volunteer.person
        if index in taken or (plan.language and plan.language not in person.languages):
            continue
        score = rng.random() * 1.5
        if plan.skill is not None and plan.skill in person.skills:
            score += 2
        if person.city == city:
            score += 1
        scored.append((-score, index))
    chosen = [index for _, index in sorted(scored)[: plan.signups]]
    taken.update(chosen)
    return chosen


def _record_attendance(db: Database, rng: random.Random, shift_id: int, starts: dt.datetime) -> None:
    """Check in most people and mark the rest no-shows. A no-show frees a place, so the sign-up
    service promotes the next waitlisted person: they were called that morning, and (mostly) came."""
    while pending := [
        s for s in signups.get_shift(db, shift_id).signups if s.status == SignUpStatus.SIGNED_UP
    ]:
        for signup in pending:
            if rng.random() < ATTENDANCE_RATE:
                arrived = starts + dt.timedelta(minutes=rng.randint(-25, 10))
                signups.check_in(db, signup.id, at=arrived)
            else:
                signups.set_signup_status(db, signup.id, SignUpStatus.NO_SHOW, version=signup.version)


def _confirm_and_drop_out(
    db: Database, rng: random.Random, holders: Sequence[SignUpData], drop_outs: int
) -> None:
    for signup in holders:
        if rng.random() < CONFIRMATION_RATE:
            signups.set_signup_status(db, signup.id, SignUpStatus.CONFIRMED, version=signup.version)
    for signup in rng.sample(list(holders), min(drop_outs, len(holders))):
        signups.cancel_signup(db, signup.id)


def staff_event(
    db: Database,
    rng: random.Random,
    plan: EventPlan,
    event_id: int,
    city: str,
    people: Sequence[VolunteerPlan],
    volunteer_ids: Sequence[int],
) -> StaffingResult:
    taken: set[int] = set()
    made: list[SignUpData] = []
    last_shift_id = 0
    for shift_plan in plan.shifts:
        starts = local_datetime(plan.day, shift_plan.starts, TIMEZONE)
        shift = signups.add_shift(
            db,
            event_id,
            ShiftInput(
                role=shift_plan.role,
                starts_at=starts,
                ends_at=local_datetime(plan.day, shift_plan.ends, TIMEZONE),
                capacity=shift_plan.capacity,
                required_language=shift_plan.language,
                notes=shift_plan.notes,
            ),
        )
        last_shift_id = shift.id
        # Past events' sign-ups are dated in the weeks before them (in order, a few hours
        # apart), not on the day the sample is loaded; upcoming ones are signing up now.
        chosen = _choose(rng, shift_plan, city, people, taken)
        results = [
            signups.sign_up(
                db,
                volunteer_ids[index],
                shift.id,
                at=starts - dt.timedelta(days=28) + dt.timedelta(hours=5 * order) if plan.is_past else None,
            )
            for order, index in enumerate(chosen)
        ]
        made.extend(results)
        holders = [s for s in results if s.status != SignUpStatus.WAITLISTED]
        if plan.is_past:
            _record_attendance(db, rng, shift.id, starts)
        elif plan.status != EventStatus.CANCELLED:
            _confirm_and_drop_out(db, rng, holders, shift_plan.cancellations)
    # People who turned up unannounced helped with the last shift (the clean-up).
    last_start = signups.get_shift(db, last_shift_id).starts_at if last_shift_id else None
    for number, walk_in in enumerate(plan.walk_ins):
        arrived = last_start + dt.timedelta(minutes=5 + 3 * number) if plan.is_past and last_start else None
        signups.walk_in(
            db,
            event_id,
            walk_in.given_name,
            walk_in.family_name,
            phone=walk_in.phone,
            shift_id=last_shift_id,
            at=arrived,
        )
    if plan.status == EventStatus.CANCELLED:
        # Newest first, so that no waitlisted person is promoted into a place being emptied.
        for signup in reversed(made):
            signups.cancel_signup(db, signup.id)
    return StaffingResult(signups=len(made) + len(plan.walk_ins), walk_ins=len(plan.walk_ins))
