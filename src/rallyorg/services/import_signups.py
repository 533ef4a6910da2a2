"""Importing sign-ups for an event's shifts, with the capacity and waitlist rules."""

from __future__ import annotations

import zoneinfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from rallyorg.domain import validation as v
from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.errors import NotFoundError, ValidationError
from rallyorg.domain.shifts import HOLDING
from rallyorg.exchange import values as cells
from rallyorg.exchange.duplicates import Match, PersonIndex
from rallyorg.exchange.outcomes import (
    OnDuplicate,
    RowFate,
    RowOutcome,
)
from rallyorg.exchange.rows import (
    MappedRow,
    Notice,
    RowRejected,
    person_name,
    volunteer_values,
)
from rallyorg.exchange.shifts import find_shift
from rallyorg.i18n import N_
from rallyorg.models import (
    Event,
    Shift,
    SignUp,
    Volunteer,
    utcnow,
)
from rallyorg.services.import_run import (
    ImportRun,
    bulk_insert,
    rejected_outcome,
)
from rallyorg.services.import_volunteers import known_volunteers, shared_phone_warnings

# --- Sign-ups ----------------------------------------------------------------------------------------------


def import_signups(run: ImportRun, rows: list[MappedRow | RowOutcome], event_id: int) -> None:
    session = run.session
    event = session.scalar(
        select(Event)
        .where(Event.id == event_id)
        .options(selectinload(Event.shifts).selectinload(Shift.signups))
    )
    if event is None:
        raise NotFoundError(N_("Event {id} does not exist."), id=event_id)
    if not event.shifts:
        raise ValidationError(
            "event", N_("This event has no shifts yet: add them before importing sign-ups.")
        )
    zone = zoneinfo.ZoneInfo(event.timezone)
    holders = {s.id: sum(1 for su in s.signups if su.status in HOLDING) for s in event.shifts}
    existing = {(su.volunteer_id, su.shift_id): su for s in event.shifts for su in s.signups}
    known = known_volunteers(session)
    by_email: dict[str, list[int]] = {}
    for volunteer_id, email in session.execute(
        select(Volunteer.id, Volunteer.email).where(Volunteer.email != "")
    ):
        by_email.setdefault(email.casefold(), []).append(volunteer_id)
    new_people: list[dict[str, object]] = []  # volunteers this import adds; referred to as -(index + 1)
    new_index: PersonIndex[int] = PersonIndex()
    planned: set[tuple[int, int]] = set()
    to_create: list[tuple[int, int, int, SignUpStatus]] = []  # outcome index, volunteer ref, shift id, status
    now = utcnow()
    for done, row in enumerate(rows, 1):
        run.tick(done)
        if isinstance(row, RowOutcome):
            run.outcome(row)
            continue
        if not any(row.values.get(f) for f in ("given_name", "family_name", "full_name", "email", "phone")):
            notice = Notice("row", N_("An open slot: nobody signed up on this line."))
            run.outcome(RowOutcome(row.line, RowFate.OPEN_SLOT, notice))
            continue
        status_text = row.values.get("status", "")
        if cells.is_cancelled(status_text):
            notice = Notice(
                "row", N_("Cancelled in the source ({value}): not signed up."), {"value": status_text}
            )
            run.outcome(RowOutcome(row.line, RowFate.CANCELLED, notice))
            continue
        try:
            shift = find_shift(row, event.shifts, zone)
            person, warnings = _signup_person(run, row, known, by_email, new_index, new_people)
        except RowRejected as rejection:
            run.outcome(rejected_outcome(row, rejection.notice))
            continue
        if (person, shift.id) in planned:
            run.duplicate(row, N_("Same sign-up as an earlier line of this file."))
            continue
        planned.add((person, shift.id))
        current = existing.get((person, shift.id)) if person > 0 else None
        if current is not None and (
            current.status != SignUpStatus.CANCELLED or run.on_duplicate == OnDuplicate.SKIP
        ):
            message = (
                N_("Cancelled earlier; import with --on-duplicate update to sign them up again.")
                if current.status == SignUpStatus.CANCELLED
                else N_("Already on this shift ({status}).")
            )
            run.duplicate(row, message, current.id, status=current.status.value)
            continue
        status = SignUpStatus.WAITLISTED if holders[shift.id] >= shift.capacity else SignUpStatus.SIGNED_UP
        if status == SignUpStatus.SIGNED_UP:
            holders[shift.id] += 1
        else:
            run.extra["waitlisted"] = run.extra.get("waitlisted", 0) + 1
        if current is not None:
            # A cancelled sign-up taken up again joins the back of the queue, as in sign_up().
            run.outcome(RowOutcome(row.line, RowFate.UPDATED, None, current.id, warnings))
            if not run.dry_run:
                previous = {
                    "status": current.status.value,
                    "signed_up_at": current.signed_up_at.isoformat(),
                    "checked_in_at": current.checked_in_at.isoformat() if current.checked_in_at else None,
                    "hours": current.hours,
                }
                current.status, current.signed_up_at, current.checked_in_at, current.hours = (
                    status,
                    now,
                    None,
                    None,
                )
                session.flush()
                run.record_updated("signup", current.id, current.version, previous)
            continue
        index = run.outcome(RowOutcome(row.line, RowFate.CREATED, warnings=warnings))
        to_create.append((index, person, shift.id, status))
    run.extra["volunteers_created"] = len(new_people)
    if run.dry_run:
        return
    new_ids = bulk_insert(session, Volunteer, new_people) if new_people else []
    run.record_created("volunteer", new_ids)
    signup_rows = [
        {
            "volunteer_id": person if person > 0 else new_ids[-person - 1],
            "shift_id": shift_id,
            "status": status,
            "signed_up_at": now,
        }
        for _, person, shift_id, status in to_create
    ]
    ids = bulk_insert(session, SignUp, signup_rows) if signup_rows else []
    run.record_created("signup", ids)
    for (index, _, _, _), new_id in zip(to_create, ids, strict=True):
        outcome = run.outcomes[index]
        assert outcome is not None
        run.outcomes[index] = RowOutcome(outcome.line, outcome.fate, None, new_id, outcome.warnings)


def _signup_person(
    run: ImportRun,
    row: MappedRow,
    known: PersonIndex[int],
    by_email: dict[str, list[int]],
    new_index: PersonIndex[int],
    new_people: list[dict[str, object]],
) -> tuple[int, tuple[Notice, ...]]:
    """The volunteer a sign-up row names: an id (> 0), or -(n + 1) for the n-th new person."""
    name = person_name(row, required=False)
    if not name.given:
        email = row.values.get("email", "")
        phone = row.values.get("phone", "")
        try:
            phone = v.normalise_phone("phone", phone)
            email = v.normalise_email("email", email)
        except ValidationError as error:
            raise RowRejected(Notice(error.field, error.message, dict(error.params))) from None
        owner = known.only_owner_of(phone) if phone else None
        if owner is not None:
            return owner, ()
        # Without a name, an email identifies someone only if one person alone uses it.
        owners = by_email.get(email.casefold(), []) if email else []
        if len(owners) == 1:
            return owners[0], ()
        raise RowRejected(
            Notice(
                "given_name",
                N_("Nobody in rallyorg has this phone or email, and there is no name to add them."),
            )
        )
    checked = volunteer_values(row, {}, default_source=run.default_source, regions=run.phone_regions(row))
    phone, name_key, email = (str(checked.values[k]) for k in ("phone", "name_key", "email"))
    matches: list[Match[int]] = known.find(phone, name_key, email)
    if not matches and not phone and not email:
        # A name alone (a paper sheet): whoever in rallyorg has that name, if only one person does.
        namesakes = run.session.scalars(
            select(Volunteer.id).where(Volunteer.name_key == name_key).limit(2)
        ).all()
        if len(namesakes) == 1:
            return namesakes[0], ()
    if matches:
        return matches[0].ref, ()
    again = new_index.find(phone, name_key, email)
    if again:
        return again[0].ref, ()
    new_people.append(checked.values)
    ref = -len(new_people)
    new_index.add(ref, phone, name_key, email)
    return ref, checked.warnings + shared_phone_warnings(run, known, phone, name_key)
