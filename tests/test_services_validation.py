"""Validation errors name the field and carry an English sentence; stale edits are conflicts."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session

from conftest import RALLY_START, EventWithShift, make_event, make_volunteer
from rallyorg.db import Database
from rallyorg.domain import validation as v
from rallyorg.domain.errors import ConflictError, ValidationError
from rallyorg.domain.events import EventInput
from rallyorg.domain.shifts import ShiftInput
from rallyorg.domain.venues import VenueInput
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.models import Volunteer
from rallyorg.services import concurrency, events, signups, venues, volunteers


def _assert_sentence(error: ValidationError) -> None:
    text = error.translated()
    assert "{" not in text and "}" not in text, text
    assert text[0].isupper() and " " in text, text


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"given_name": "  "}, "given_name", "This field is required."),
        ({"given_name": "x" * 101}, "given_name", "Too long: at most 100 characters."),
        ({"family_name": "y" * 101}, "family_name", "Too long: at most 100 characters."),
        ({"email": "ana@@example"}, "email", "Not a valid email address: ana@@example"),
        ({"email": "ana example.org"}, "email", "Not a valid email address: ana example.org"),
        ({"phone": "555"}, "phone", "Not a valid phone number: 555"),
        ({"phone": "call me"}, "phone", "Not a valid phone number: call me"),
        ({"city": "c" * 101}, "city", "Too long: at most 100 characters."),
        ({"languages": ("es,en",)}, "languages", "Not a language code: es,en"),
        ({"skills": ("juggler",)}, "skills", "Unknown skill: juggler"),
    ],
)
def test_volunteer_validation_errors(db: Database, changes: dict[str, Any], field: str, message: str) -> None:
    values: dict[str, Any] = {"given_name": "Ana"}
    values.update(changes)

    with pytest.raises(ValidationError) as caught:
        volunteers.create_volunteer(db, VolunteerInput(**values))

    assert caught.value.field == field
    assert caught.value.translated() == message
    assert str(caught.value) == f"{field}: {message}"
    assert volunteers.count_volunteers(db) == 0


def test_messages_are_translated_before_placeholders_are_filled() -> None:
    with pytest.raises(ValidationError) as caught:
        v.limited_text("texts.es.title", "x" * 301, max_length=300)
    error = caught.value
    assert error.message == "Too long: at most {limit} characters."
    assert error.params == {"limit": 300}
    # A front end passes its gettext; the placeholder is filled after translation.
    spanish = {"Too long: at most {limit} characters.": "Demasiado largo: como máximo {limit} caracteres."}
    assert error.translated(lambda m: spanish.get(m, m)) == "Demasiado largo: como máximo 300 caracteres."


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("(203) 555-0123", "+12035550123"),
        ("203.555.0123", "+12035550123"),
        ("+1 203 555 0123", "+12035550123"),
        ("1-203-555-0123", "+12035550123"),
        ("+55 11 91234-5678", "+5511912345678"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_phone_numbers_are_stored_as_e164(raw: str, e164: str) -> None:
    assert v.normalise_phone("phone", raw) == e164


def test_format_phone_for_people() -> None:
    assert v.format_phone("+12035550123") == "(203) 555-0123"
    assert v.format_phone("+5511912345678") == "+55 11 91234-5678"
    assert v.format_phone("") == ""


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("  ana@EXAMPLE.org ", "ana@example.org"),
        ("José@Example.COM", "José@example.com"),
        ("", ""),
    ],
)
def test_email_addresses_are_normalised(raw: str, normalised: str) -> None:
    assert v.normalise_email("email", raw) == normalised


def test_shift_validation_errors(db: Database, event_with_shift: EventWithShift) -> None:
    event_id = event_with_shift.event.id
    start = RALLY_START

    def add(**changes: Any) -> ValidationError:
        values: dict[str, Any] = {
            "role": "Marshal",
            "starts_at": start,
            "ends_at": start + dt.timedelta(hours=1),
            "capacity": 2,
        }
        values.update(changes)
        with pytest.raises(ValidationError) as caught:
            signups.add_shift(db, event_id, ShiftInput(**values))
        _assert_sentence(caught.value)
        return caught.value

    assert add(role="").field == "role"
    assert add(ends_at=start).field == "ends_at"
    assert add(ends_at=start - dt.timedelta(minutes=1)).field == "ends_at"
    assert add(starts_at=dt.datetime(2025, 5, 20, 14)).field == "starts_at"
    assert add(capacity=0).field == "capacity"
    assert add(required_language="es,pt").field == "required_language"
    assert len(events.get_event(db, event_id).shifts) == 1


def test_venue_validation_names_prefixed_fields(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        venues.create_venue(db, VenueInput(name=""))
    assert caught.value.field == "venue.name"
    with pytest.raises(ValidationError) as caught:
        venues.create_venue(db, VenueInput(name="Kennedy Park", postal_code="0" * 21))
    assert caught.value.field == "venue.postal_code"
    _assert_sentence(caught.value)


def test_stale_version_is_a_conflict(db: Database) -> None:
    ana = make_volunteer(db, "Ana")
    volunteers.update_volunteer(db, ana.id, VolunteerInput(given_name="Ana Maria"), version=ana.version)

    with pytest.raises(ConflictError) as caught:
        volunteers.update_volunteer(db, ana.id, VolunteerInput(given_name="Ana Paula"), version=ana.version)

    assert "Someone else changed this record" in str(caught.value)
    assert volunteers.get_volunteer(db, ana.id).given_name == "Ana Maria"


def test_stale_event_and_shift_versions_are_conflicts(db: Database, event_with_shift: EventWithShift) -> None:
    event = event_with_shift.event
    data = EventInput(starts_at=event.starts_at, ends_at=event.ends_at, expected_attendance=100)
    assert events.update_event(db, event.id, data, version=event.version).version == event.version + 1
    with pytest.raises(ConflictError):
        events.update_event(db, event.id, data, version=event.version)

    shift = event_with_shift.shift
    again = ShiftInput(shift.role, shift.starts_at, shift.ends_at, 3)
    signups.update_shift(db, shift.id, again, version=shift.version)
    with pytest.raises(ConflictError):
        signups.update_shift(db, shift.id, again, version=shift.version)


def test_an_object_edited_in_a_stale_session_is_a_conflict(db: Database) -> None:
    """Two sessions race: SQLAlchemy's version check (StaleDataError) surfaces as ConflictError."""
    ana = make_volunteer(db, "Ana")
    with Session(db.engine, expire_on_commit=False) as first:
        stale = first.get(Volunteer, ana.id)
        assert stale is not None
        first.commit()
    volunteers.update_volunteer(db, ana.id, VolunteerInput(given_name="Ana Maria"), version=ana.version)

    with pytest.raises(ConflictError), db.transaction() as second:
        mine = second.merge(stale, load=False)
        mine.city = "Danbury"

    assert volunteers.get_volunteer(db, ana.id).given_name == "Ana Maria"
    assert volunteers.get_volunteer(db, ana.id).city == ""


def _race(
    db: Database, monkeypatch: pytest.MonkeyPatch, edit: Callable[[], object]
) -> list[BaseException | None]:
    """Run ``edit`` in two threads that both read the record before either writes."""
    both_read = threading.Barrier(2)
    original = concurrency.check_version

    def check_version_then_wait(current: int, expected: int | None) -> None:
        # Wait (briefly) for the other thread to have read too. When writers are serialised
        # the other one cannot read before this one commits: give up waiting after a moment.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read.wait(timeout=0.5)
        original(current, expected)

    monkeypatch.setattr(volunteers, "check_version", check_version_then_wait)
    outcomes: list[BaseException | None] = []

    def run() -> None:
        try:
            edit()
        except BaseException as error:
            outcomes.append(error)
        else:
            outcomes.append(None)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_editors_racing_one_wins_one_gets_a_conflict(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = make_volunteer(db, "Ana")

    outcomes = _race(
        db,
        monkeypatch,
        lambda: volunteers.update_volunteer(
            db, ana.id, VolunteerInput(given_name="Ana Paula"), version=ana.version
        ),
    )

    assert sorted(type(o).__name__ for o in outcomes) == ["ConflictError", "NoneType"], outcomes
    assert volunteers.get_volunteer(db, ana.id).version == ana.version + 1


def test_two_signups_racing_for_the_last_place(db: Database, event_with_shift: EventWithShift) -> None:
    shift_id = event_with_shift.shift.id
    signups.sign_up(db, make_volunteer(db, "Ana").id, shift_id)
    racers = [make_volunteer(db, name).id for name in ("Bia", "Caio")]
    outcomes: list[BaseException | None] = []
    start = threading.Barrier(2)

    def run(volunteer_id: int) -> None:
        start.wait()
        try:
            signups.sign_up(db, volunteer_id, shift_id)
        except BaseException as error:
            outcomes.append(error)
        else:
            outcomes.append(None)

    threads = [threading.Thread(target=run, args=(vid,)) for vid in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert outcomes == [None, None]
    shift = signups.get_shift(db, shift_id)
    assert (shift.filled, shift.waitlisted) == (2, 1)


def test_event_create_validates_before_writing(db: Database) -> None:
    make_event(db)
    with pytest.raises(ValidationError):
        make_event(db, timezone="Nowhere/Special")
    assert len(events.list_events(db)) == 1
