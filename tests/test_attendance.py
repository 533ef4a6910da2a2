"""Event-day attendance: the public counted and named only with consent, walk-in volunteers on
the shift the organizer picks (or none, or over capacity when chosen), and the tally."""

from __future__ import annotations

import pytest

from conftest import EventWithShift, make_event, make_shift, make_volunteer
from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.errors import NotFoundError, ValidationError
from rallyorg.services import Database, events, signups, trash, volunteers
from rallyorg.services.attendance import (
    Attendance,
    AttendeeInput,
    ShiftFullError,
    WalkInInput,
    attendance,
    count_attendee,
    record_attendee,
    remove_attendee,
    undo_walk_in,
    walk_in,
)


def test_the_public_is_counted_and_named_only_with_consent(db: Database) -> None:
    event = make_event(db)
    first = count_attendee(db, event.id)
    count_attendee(db, event.id)
    record_attendee(db, event.id, AttendeeInput(name="Rosa Pérez", language="es"))
    record_attendee(
        db,
        event.id,
        AttendeeInput(name="João Lima", phone="(203) 555-0142", language="pt_BR", may_contact=True),
    )
    assert attendance(db, event.id) == Attendance(on_shifts=0, walk_ins=0, public=4, named=2)
    with pytest.raises(ValidationError) as refused:
        record_attendee(db, event.id, AttendeeInput(name="Ana", phone="203 555 0199"))
    assert refused.value.field == "phone"  # a phone number without consent is not kept
    remove_attendee(db, first)  # the door counter's undo
    assert attendance(db, event.id).public == 3
    with pytest.raises(NotFoundError):
        count_attendee(db, event.id + 99)


def test_a_walk_in_who_does_not_want_to_be_kept_is_counted_not_stored(
    db: Database, event_with_shift: EventWithShift
) -> None:
    event = event_with_shift.event
    result = walk_in(db, event.id, WalkInInput("Marta", "Quispe", phone="203 555 0101"))
    assert result.volunteer_id is None and result.signup_id is None and result.attendee_id is not None
    assert volunteers.count_volunteers(db) == 0
    assert attendance(db, event.id) == Attendance(on_shifts=0, walk_ins=0, public=1, named=0)
    with pytest.raises(ValidationError) as refused:
        walk_in(db, event.id, WalkInInput("Marta", shift_id=event_with_shift.shift.id))
    assert refused.value.field == "shift"


def test_a_kept_walk_in_joins_the_shift_chosen_or_none(
    db: Database, event_with_shift: EventWithShift
) -> None:
    event, shift = event_with_shift.event, event_with_shift.shift
    on_shift = walk_in(
        db,
        event.id,
        WalkInInput(
            "Luis", "Ramos", phone="203 555 0102", keep_details=True, may_contact=True, shift_id=shift.id
        ),
    )
    assert on_shift.signup_id is not None and not on_shift.over_capacity
    (signup,) = events.get_event(db, event.id).shifts[0].signups
    assert (signup.volunteer_name, signup.status) == ("Luis Ramos", SignUpStatus.ATTENDED)
    kept = volunteers.get_volunteer(db, on_shift.volunteer_id or 0, "en")
    assert (kept.source, kept.may_text, kept.may_call, kept.may_email) == ("walk-in", True, True, False)
    helping = walk_in(db, event.id, WalkInInput("Beatriz", keep_details=True, language="pt_BR"))
    assert helping.signup_id is None and helping.attendee_id is not None
    assert volunteers.get_volunteer(db, helping.volunteer_id or 0, "en").languages == ("pt_BR",)
    assert attendance(db, event.id) == Attendance(on_shifts=1, walk_ins=1, public=0, named=0)


def test_a_full_shift_takes_a_walk_in_only_when_the_organizer_says_so(db: Database) -> None:
    event = make_event(db)
    shift = make_shift(db, event.id, capacity=1, starts_at=event.starts_at)
    signups.sign_up(db, make_volunteer(db).id, shift.id)
    person = WalkInInput("Diego", keep_details=True, shift_id=shift.id)
    with pytest.raises(ShiftFullError) as full:
        walk_in(db, event.id, person)
    assert (full.value.filled, full.value.capacity) == (1, 1)
    assert full.value.translated() == "The Marshal shift is full (1 of 1)."
    assert volunteers.count_volunteers(db) == 1  # nobody half-added
    added = walk_in(
        db, event.id, WalkInInput("Diego", keep_details=True, shift_id=shift.id, over_capacity=True)
    )
    assert added.over_capacity
    assert len(events.get_event(db, event.id).shifts[0].signups) == 2


def test_a_shift_of_another_event_is_refused(db: Database, event_with_shift: EventWithShift) -> None:
    other = make_event(db, "Vigil")
    with pytest.raises(ValidationError) as refused:
        walk_in(db, other.id, WalkInInput("Ana", keep_details=True, shift_id=event_with_shift.shift.id))
    assert refused.value.field == "shift"


def test_undo_takes_the_walk_in_back_and_a_deleted_person_leaves_the_count(
    db: Database, event_with_shift: EventWithShift
) -> None:
    event = event_with_shift.event
    mistake = walk_in(db, event.id, WalkInInput("Pat", keep_details=True, shift_id=event_with_shift.shift.id))
    undo_walk_in(db, mistake)
    assert volunteers.count_volunteers(db) == 0
    assert attendance(db, event.id).total == 0
    helper = walk_in(db, event.id, WalkInInput("Noor", keep_details=True))
    trash.delete_with_undo(db, "volunteer", helper.volunteer_id or 0)  # forgotten, still counted
    assert attendance(db, event.id) == Attendance(on_shifts=0, walk_ins=0, public=1, named=0)
