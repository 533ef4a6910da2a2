"""Shifts, sign-ups, the waitlist and event-day check-in, through the services."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import EventWithShift, make_event, make_shift, make_volunteer
from rallyorg.db import Database
from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.errors import ConflictError, NotFoundError, ValidationError
from rallyorg.domain.shifts import ShiftData, ShiftInput
from rallyorg.services import events, signups, volunteers


def _statuses(db: Database, shift_id: int) -> dict[int, SignUpStatus]:
    return {s.volunteer_id: s.status for s in signups.get_shift(db, shift_id).signups}


def _shift_input(shift: ShiftData, **changes: object) -> ShiftInput:
    values: dict[str, object] = {
        "role": shift.role,
        "starts_at": shift.starts_at,
        "ends_at": shift.ends_at,
        "capacity": shift.capacity,
        "required_language": shift.required_language,
        "notes": shift.notes,
    }
    values.update(changes)
    return ShiftInput(**values)  # type: ignore[arg-type]


def test_third_signup_on_a_shift_of_two_is_waitlisted(db: Database, event_with_shift: EventWithShift) -> None:
    shift_id = event_with_shift.shift.id
    people = [make_volunteer(db, name, "Lopes") for name in ("Ana", "Bruno", "Carla")]

    results = [signups.sign_up(db, p.id, shift_id) for p in people]

    assert [r.status for r in results] == [
        SignUpStatus.SIGNED_UP,
        SignUpStatus.SIGNED_UP,
        SignUpStatus.WAITLISTED,
    ]
    shift = signups.get_shift(db, shift_id)
    assert (shift.filled, shift.waitlisted, shift.short_by) == (2, 1, 0)


def test_cancellation_promotes_the_first_waitlisted_in_signup_order(
    db: Database, upcoming_event_with_shift: EventWithShift
) -> None:
    shift_id = upcoming_event_with_shift.shift.id
    ana, bruno, carla, diego = (make_volunteer(db, n, "Lopes") for n in ("Ana", "Bruno", "Carla", "Diego"))
    first = signups.sign_up(db, ana.id, shift_id)
    signups.sign_up(db, bruno.id, shift_id)
    signups.sign_up(db, carla.id, shift_id)  # waitlisted first
    signups.sign_up(db, diego.id, shift_id)  # waitlisted second

    change = signups.cancel_signup(db, first.id)

    assert change.cancelled.status == SignUpStatus.CANCELLED
    assert change.promoted is not None
    assert change.promoted.volunteer_id == carla.id
    assert change.promoted.status == SignUpStatus.SIGNED_UP
    assert _statuses(db, shift_id) == {
        ana.id: SignUpStatus.CANCELLED,
        bruno.id: SignUpStatus.SIGNED_UP,
        carla.id: SignUpStatus.SIGNED_UP,
        diego.id: SignUpStatus.WAITLISTED,
    }


def test_cancelling_a_waitlisted_signup_promotes_nobody(
    db: Database, event_with_shift: EventWithShift
) -> None:
    shift_id = event_with_shift.shift.id
    a, b, c = (make_volunteer(db, n, "Lopes") for n in ("Ana", "Bruno", "Carla"))
    signups.sign_up(db, a.id, shift_id)
    signups.sign_up(db, b.id, shift_id)
    waiting = signups.sign_up(db, c.id, shift_id)

    change = signups.cancel_signup(db, waiting.id)

    assert change.promoted is None
    assert signups.get_shift(db, shift_id).filled == 2


def test_capacity_increase_promotes_from_the_waitlist(
    db: Database, upcoming_event_with_shift: EventWithShift
) -> None:
    shift_id = upcoming_event_with_shift.shift.id
    people = [make_volunteer(db, n, "Lopes") for n in ("Ana", "Bruno", "Carla", "Diego")]
    for p in people:
        signups.sign_up(db, p.id, shift_id)
    shift = signups.get_shift(db, shift_id)

    change = signups.update_shift(db, shift_id, _shift_input(shift, capacity=3), version=shift.version)

    assert change.shift.capacity == 3
    assert [p.volunteer_id for p in change.promotions] == [people[2].id]
    statuses = _statuses(db, shift_id)
    assert statuses[people[2].id] == SignUpStatus.SIGNED_UP  # first in the queue
    assert statuses[people[3].id] == SignUpStatus.WAITLISTED


def test_capacity_below_the_people_holding_places_is_refused(
    db: Database, event_with_shift: EventWithShift
) -> None:
    shift_id = event_with_shift.shift.id
    for name in ("Ana", "Bruno"):
        signups.sign_up(db, make_volunteer(db, name, "Lopes").id, shift_id)
    shift = signups.get_shift(db, shift_id)

    with pytest.raises(ValidationError) as caught:
        signups.update_shift(db, shift_id, _shift_input(shift, capacity=1), version=shift.version)

    assert caught.value.field == "capacity"
    assert str(caught.value) == "capacity: 2 people already hold places on this shift; cancel some first."
    assert signups.get_shift(db, shift_id).capacity == 2  # nothing written


def test_capacity_must_be_at_least_one(db: Database, event_with_shift: EventWithShift) -> None:
    with pytest.raises(ValidationError) as caught:
        make_shift(db, event_with_shift.event.id, capacity=0)
    assert caught.value.field == "capacity"


def test_resigning_after_cancel_joins_the_back_of_the_queue(
    db: Database, upcoming_event_with_shift: EventWithShift
) -> None:
    shift_id = upcoming_event_with_shift.shift.id
    ana, bruno, carla, diego = (make_volunteer(db, n, "Lopes") for n in ("Ana", "Bruno", "Carla", "Diego"))
    signups.sign_up(db, ana.id, shift_id)
    signups.sign_up(db, bruno.id, shift_id)
    carla_signup = signups.sign_up(db, carla.id, shift_id)
    signups.sign_up(db, diego.id, shift_id)
    # Carla leaves the waitlist and comes back: she is now behind Diego.
    signups.cancel_signup(db, carla_signup.id)
    back = signups.sign_up(db, carla.id, shift_id)
    assert back.id == carla_signup.id
    assert back.status == SignUpStatus.WAITLISTED
    assert back.signed_up_at > carla_signup.signed_up_at

    ana_signup = next(s for s in signups.get_shift(db, shift_id).signups if s.volunteer_id == ana.id)
    change = signups.cancel_signup(db, ana_signup.id)

    assert change.promoted is not None and change.promoted.volunteer_id == diego.id
    assert _statuses(db, shift_id)[carla.id] == SignUpStatus.WAITLISTED


def test_resigning_a_cancelled_attendee_clears_the_old_check_in(
    db: Database, event_with_shift: EventWithShift
) -> None:
    shift_id = event_with_shift.shift.id
    ana = make_volunteer(db)
    first = signups.sign_up(db, ana.id, shift_id)
    signups.check_in(db, first.id)
    signups.cancel_signup(db, first.id)

    again = signups.sign_up(db, ana.id, shift_id)

    assert again.status == SignUpStatus.SIGNED_UP
    assert again.checked_in_at is None
    assert again.hours is None


def test_duplicate_signup_is_a_conflict(db: Database, event_with_shift: EventWithShift) -> None:
    ana = make_volunteer(db, "Ana", "Souza")
    signups.sign_up(db, ana.id, event_with_shift.shift.id)

    with pytest.raises(ConflictError) as caught:
        signups.sign_up(db, ana.id, event_with_shift.shift.id)

    assert str(caught.value) == "Ana Souza is already on this shift."


def test_signup_for_missing_shift_or_volunteer(db: Database, event_with_shift: EventWithShift) -> None:
    ana = make_volunteer(db)
    with pytest.raises(NotFoundError, match="Shift 999 does not exist"):
        signups.sign_up(db, ana.id, 999)
    with pytest.raises(NotFoundError, match="Volunteer 999 does not exist"):
        signups.sign_up(db, 999, event_with_shift.shift.id)


def test_confirming_a_waitlisted_person_on_a_full_shift_is_refused(
    db: Database, event_with_shift: EventWithShift
) -> None:
    shift_id = event_with_shift.shift.id
    for name in ("Ana", "Bruno"):
        signups.sign_up(db, make_volunteer(db, name, "Lopes").id, shift_id)
    waiting = signups.sign_up(db, make_volunteer(db, "Carla", "Lopes").id, shift_id)

    with pytest.raises(ConflictError, match="full"):
        signups.set_signup_status(db, waiting.id, SignUpStatus.CONFIRMED, version=waiting.version)


def test_no_show_frees_a_place_for_the_waitlist(
    db: Database, upcoming_event_with_shift: EventWithShift
) -> None:
    shift_id = upcoming_event_with_shift.shift.id
    first = signups.sign_up(db, make_volunteer(db, "Ana", "Lopes").id, shift_id)
    signups.sign_up(db, make_volunteer(db, "Bruno", "Lopes").id, shift_id)
    carla = make_volunteer(db, "Carla", "Lopes")
    signups.sign_up(db, carla.id, shift_id)

    signups.set_signup_status(db, first.id, SignUpStatus.NO_SHOW, version=first.version)

    assert _statuses(db, shift_id)[carla.id] == SignUpStatus.SIGNED_UP


def test_after_the_shift_the_waitlist_stays_as_it_was(db: Database, event_with_shift: EventWithShift) -> None:
    # The Danbury rally is over: marking no-shows and tidying cancellations must not turn
    # waitlisted people into sign-ups for a shift nobody can come to any more.
    shift_id = event_with_shift.shift.id
    first = signups.sign_up(db, make_volunteer(db, "Ana", "Lopes").id, shift_id)
    second = signups.sign_up(db, make_volunteer(db, "Bruno", "Lopes").id, shift_id)
    carla = make_volunteer(db, "Carla", "Lopes")
    signups.sign_up(db, carla.id, shift_id)

    signups.set_signup_status(db, first.id, SignUpStatus.NO_SHOW, version=first.version)
    change = signups.cancel_signup(db, second.id)

    assert change.promoted is None
    assert _statuses(db, shift_id)[carla.id] == SignUpStatus.WAITLISTED


def test_check_in_marks_attended_with_time_and_shift_hours(
    db: Database, event_with_shift: EventWithShift
) -> None:
    signup = signups.sign_up(db, make_volunteer(db).id, event_with_shift.shift.id)
    at = dt.datetime(2025, 5, 20, 18, 5, tzinfo=dt.UTC)

    checked = signups.check_in(db, signup.id, at=at)

    assert checked.status == SignUpStatus.ATTENDED
    assert checked.checked_in_at == at
    assert checked.hours == 3.0  # the shift is three hours long
    stored = signups.get_shift(db, event_with_shift.shift.id).signups[0]
    assert (stored.status, stored.checked_in_at, stored.hours) == (SignUpStatus.ATTENDED, at, 3.0)


def test_undo_check_in(db: Database, event_with_shift: EventWithShift) -> None:
    signup = signups.sign_up(db, make_volunteer(db).id, event_with_shift.shift.id)
    checked = signups.check_in(db, signup.id)

    undone = signups.undo_check_in(db, signup.id, version=checked.version)

    assert undone.status == SignUpStatus.SIGNED_UP
    assert undone.checked_in_at is None
    assert undone.hours is None
    counts = signups.check_in_counts(db, event_with_shift.event.id)
    assert (counts.checked_in, counts.signed_up) == (0, 1)


def test_undo_check_in_of_a_confirmed_person_confirms_them_again(
    db: Database, event_with_shift: EventWithShift
) -> None:
    signup = signups.sign_up(db, make_volunteer(db).id, event_with_shift.shift.id)
    signups.set_signup_status(db, signup.id, SignUpStatus.CONFIRMED, version=signup.version)
    checked = signups.check_in(db, signup.id)

    undone = signups.undo_check_in(db, signup.id, SignUpStatus.CONFIRMED, version=checked.version)

    assert (undone.status, undone.checked_in_at, undone.hours) == (SignUpStatus.CONFIRMED, None, None)
    with pytest.raises(ValidationError):
        signups.undo_check_in(db, signup.id, SignUpStatus.WAITLISTED, version=undone.version)


def test_walk_in_creates_an_attended_volunteer(db: Database, event_with_shift: EventWithShift) -> None:
    walk = signups.walk_in(db, event_with_shift.event.id, "María", "Núñez", phone="(203) 555-0134")

    assert walk.status == SignUpStatus.ATTENDED
    assert walk.checked_in_at is not None
    assert walk.hours == 3.0
    assert walk.shift_id == event_with_shift.shift.id
    assert walk.volunteer_name == "María Núñez"
    assert walk.volunteer_phone == "+12035550134"
    found = signups.check_in_candidates(db, event_with_shift.event.id, "nunez")
    assert [r.volunteer_id for r in found] == [walk.volunteer_id]


def test_walk_in_needs_a_shift_and_a_name(db: Database) -> None:
    event = make_event(db)
    with pytest.raises(ValidationError) as no_shift:
        signups.walk_in(db, event.id, "Ana")
    assert no_shift.value.field == "shift"
    make_shift(db, event.id)
    with pytest.raises(ValidationError) as no_name:
        signups.walk_in(db, event.id, "  ")
    assert no_name.value.field == "given_name"


def test_check_in_candidates_are_accent_insensitive(db: Database, event_with_shift: EventWithShift) -> None:
    shift_id = event_with_shift.shift.id
    jose = make_volunteer(db, "José", "Gonçalves")
    ana = make_volunteer(db, "Ana", "Joseph")
    other = make_volunteer(db, "Bruno", "Lima")
    for person in (jose, ana):
        signups.sign_up(db, person.id, shift_id)
    # Bruno is on the waitlist of another, full shift: not a check-in candidate.
    full = make_shift(db, event_with_shift.event.id, role="Medic", capacity=1)
    signups.sign_up(db, jose.id, full.id)
    signups.sign_up(db, other.id, full.id)

    by_jose = signups.check_in_candidates(db, event_with_shift.event.id, "jose")
    by_surname = signups.check_in_candidates(db, event_with_shift.event.id, "GONCALVES")
    everyone = signups.check_in_candidates(db, event_with_shift.event.id)

    # "José ..." starts with the query, so it comes before "Ana Joseph".
    assert [r.name for r in by_jose] == ["José Gonçalves", "José Gonçalves", "Ana Joseph"]
    assert {r.name for r in by_surname} == {"José Gonçalves"}
    assert "Bruno Lima" not in {r.name for r in everyone}


def test_checked_in_people_sort_last(db: Database, event_with_shift: EventWithShift) -> None:
    shift_id = event_with_shift.shift.id
    first = signups.sign_up(db, make_volunteer(db, "Ana", "Alves").id, shift_id)
    signups.sign_up(db, make_volunteer(db, "Bruno", "Brito").id, shift_id)
    signups.check_in(db, first.id)

    names = [r.name for r in signups.check_in_candidates(db, event_with_shift.event.id)]

    assert names == ["Bruno Brito", "Ana Alves"]


def test_check_in_counts(db: Database, event_with_shift: EventWithShift) -> None:
    shift_id = event_with_shift.shift.id
    a = signups.sign_up(db, make_volunteer(db, "Ana", "Lopes").id, shift_id)
    signups.sign_up(db, make_volunteer(db, "Bruno", "Lopes").id, shift_id)
    signups.sign_up(db, make_volunteer(db, "Carla", "Lopes").id, shift_id)  # waitlisted: not counted
    signups.check_in(db, a.id)

    counts = signups.check_in_counts(db, event_with_shift.event.id)

    assert (counts.checked_in, counts.signed_up) == (1, 2)


def test_removing_a_shift_removes_its_signups(db: Database, event_with_shift: EventWithShift) -> None:
    signups.sign_up(db, make_volunteer(db).id, event_with_shift.shift.id)
    signups.remove_shift(db, event_with_shift.shift.id)
    with pytest.raises(NotFoundError):
        signups.get_shift(db, event_with_shift.shift.id)
    assert signups.check_in_counts(db, event_with_shift.event.id).signed_up == 0


def test_marking_attended_by_status_records_the_check_in(
    db: Database, event_with_shift: EventWithShift
) -> None:
    signup = signups.sign_up(db, make_volunteer(db).id, event_with_shift.shift.id)

    attended = signups.set_signup_status(db, signup.id, SignUpStatus.ATTENDED, version=signup.version)
    assert attended.checked_in_at is not None
    assert attended.hours == 3.0

    no_show = signups.set_signup_status(db, signup.id, SignUpStatus.NO_SHOW, version=attended.version)
    assert (no_show.checked_in_at, no_show.hours) == (None, None)


def test_walk_in_on_another_events_shift_is_refused(db: Database, event_with_shift: EventWithShift) -> None:
    other = make_event(db, "Vigil")
    with pytest.raises(ValidationError) as caught:
        signups.walk_in(db, other.id, "Ana", shift_id=event_with_shift.shift.id)
    assert caught.value.field == "shift"
    assert caught.value.translated() == f"Shift {event_with_shift.shift.id} is not part of this event."


def test_a_paper_sign_up_keeps_the_day_it_was_made(
    db: Database, upcoming_event_with_shift: EventWithShift
) -> None:
    shift_id = upcoming_event_with_shift.shift.id
    monday = dt.datetime(2026, 11, 23, 18, 30, tzinfo=dt.UTC)
    early = signups.sign_up(db, make_volunteer(db, "Ana", "Lopes").id, shift_id, at=monday)
    assert early.signed_up_at == monday
    with pytest.raises(ValidationError) as caught:
        signups.sign_up(db, make_volunteer(db, "Bruno", "Lopes").id, shift_id, at=dt.datetime(2026, 11, 23))
    assert caught.value.field == "signed_up_at"


# --- what the waitlist did, said exactly (issue 10) ------------------------------------------------
def test_cancelling_on_a_past_shift_says_nobody_moved_up_because_it_is_over(
    db: Database, event_with_shift: EventWithShift
) -> None:
    shift_id = event_with_shift.shift.id
    first = signups.sign_up(db, make_volunteer(db, "Ana", "Lopes").id, shift_id)
    signups.sign_up(db, make_volunteer(db, "Bruno", "Lopes").id, shift_id)
    signups.sign_up(db, make_volunteer(db, "Carla", "Lopes").id, shift_id)

    change = signups.cancel_signup(db, first.id)

    assert change.promotions == ()
    assert (change.freed_a_place, change.shift_over, change.still_waiting) == (True, True, 1)


def test_cancelling_with_nobody_waiting_says_the_place_stays_free(
    db: Database, upcoming_event_with_shift: EventWithShift
) -> None:
    first = signups.sign_up(db, make_volunteer(db, "Ana", "Lopes").id, upcoming_event_with_shift.shift.id)

    change = signups.cancel_signup(db, first.id)

    assert change.promotions == ()
    assert (change.freed_a_place, change.shift_over, change.still_waiting) == (True, False, 0)


def test_a_promotion_is_kept_in_the_volunteers_history_until_they_sign_up_again(
    db: Database, upcoming_event_with_shift: EventWithShift
) -> None:
    shift_id = upcoming_event_with_shift.shift.id
    first = signups.sign_up(db, make_volunteer(db, "Ana", "Lopes").id, shift_id)
    signups.sign_up(db, make_volunteer(db, "Bruno", "Lopes").id, shift_id)
    carla = make_volunteer(db, "Carla", "Lopes")
    waiting = signups.sign_up(db, carla.id, shift_id)
    assert waiting.promoted_at is None

    change = signups.cancel_signup(db, first.id)

    assert change.promoted is not None and change.promoted.promoted_at is not None
    (entry,) = volunteers.get_volunteer(db, carla.id).history
    assert entry.status == SignUpStatus.SIGNED_UP and entry.promoted_at == change.promoted.promoted_at
    signups.cancel_signup(db, waiting.id)
    assert signups.sign_up(db, carla.id, shift_id).promoted_at is None  # a new sign-up, not a promotion


def test_a_shift_must_start_within_a_week_of_its_rally(
    db: Database, event_with_shift: EventWithShift
) -> None:
    event = event_with_shift.event
    make_shift(db, event.id, role="Phone bank", starts_at=event.starts_at - dt.timedelta(days=7))
    make_shift(db, event.id, role="Clean-up", starts_at=event.starts_at + dt.timedelta(days=7))

    with pytest.raises(ValidationError) as caught:
        make_shift(db, event.id, role="Too late", starts_at=event.starts_at + dt.timedelta(days=8))

    assert caught.value.field == "starts_at"
    assert "within 7 days of its rally" in str(caught.value)
    assert len(events.get_event(db, event.id).shifts) == 3  # the refused one was not added
    moved = _shift_input(event_with_shift.shift, starts_at=event.starts_at + dt.timedelta(days=400))
    with pytest.raises(ValidationError, match="within 7 days"):
        signups.update_shift(db, event_with_shift.shift.id, moved, version=event_with_shift.shift.version)


def test_a_shift_in_the_year_3202_is_refused(db: Database, event_with_shift: EventWithShift) -> None:
    shift = event_with_shift.shift
    far = shift.starts_at.replace(year=3202)

    with pytest.raises(ValidationError) as caught:
        signups.update_shift(
            db,
            shift.id,
            _shift_input(shift, starts_at=far, ends_at=far + dt.timedelta(hours=3)),
            version=shift.version,
        )

    assert caught.value.field == "starts_at"
    assert caught.value.translated() == "The year must be between 2000 and 2100."
    assert signups.get_shift(db, shift.id).starts_at == shift.starts_at
