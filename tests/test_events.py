"""Events: per-language texts, missing translations, copies, search and time zones."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from conftest import NEW_YORK, RALLY_START, make_event, make_group, make_shift, make_volunteer
from rallyorg.db import Database
from rallyorg.domain.enums import EventKind, EventStatus, PartnerRole, SignUpStatus
from rallyorg.domain.errors import NotFoundError, ValidationError
from rallyorg.domain.events import EventInput, EventPartnerInput, EventTextInput, MissingText
from rallyorg.domain.venues import VenueInput
from rallyorg.models import Event
from rallyorg.services import events, signups, venues

TRILINGUAL = {
    "en": EventTextInput(
        title="Rally: Governor, sign the TRUST Act!",
        summary="Join us at Danbury City Hall.",
        call_to_action="Bring a sign",
    ),
    "es": EventTextInput(
        title="Manifestación: ¡Gobernador, firme la Ley TRUST!",
        summary="Acompáñenos en la alcaldía de Danbury.",
    ),
    "pt_BR": EventTextInput(
        title="Ato: Governador, assine a Lei TRUST!",
        summary="Venha à prefeitura de Danbury.",
        accessibility_note="Intérprete de Libras",
    ),
}


def test_create_with_texts_in_three_languages(db: Database) -> None:
    event = make_event(db, texts=TRILINGUAL, kind=EventKind.RALLY, expected_attendance=300)

    loaded = events.get_event(db, event.id)

    assert set(loaded.texts) == {"en", "es", "pt_BR"}
    assert loaded.title("es") == "Manifestación: ¡Gobernador, firme la Ley TRUST!"
    assert loaded.texts["pt_BR"].accessibility_note == "Intérprete de Libras"
    assert loaded.texts["en"].call_to_action == "Bring a sign"
    assert loaded.missing_texts() == []
    assert loaded.status == EventStatus.DRAFT
    assert loaded.expected_attendance == 300


def test_missing_texts_report_language_and_field(db: Database) -> None:
    event = make_event(
        db,
        texts={
            "en": EventTextInput(title="Vigil", summary="Candles at 7"),
            "es": EventTextInput(title="Vigilia"),
        },
    )
    assert event.missing_texts() == [
        MissingText("es", "summary"),
        MissingText("pt_BR", "title"),
        MissingText("pt_BR", "summary"),
    ]
    # The title falls back to English when a language has none.
    assert event.title("pt_BR") == "Vigil"
    assert event.title("es") == "Vigilia"


def test_aware_datetimes_round_trip_in_the_events_zone(db: Database) -> None:
    event = make_event(db)
    loaded = events.get_event(db, event.id)

    assert loaded.starts_at == RALLY_START
    assert loaded.starts_at.tzinfo == NEW_YORK
    assert (loaded.starts_at.hour, loaded.starts_at.minute) == (15, 0)
    assert loaded.starts_at.utcoffset() == dt.timedelta(hours=-4)  # EDT in May
    # Stored as UTC: 19:00.
    with db.reading() as session:
        stored = session.get(Event, event.id)
        assert stored is not None
        assert stored.starts_at == dt.datetime(2025, 5, 20, 19, 0, tzinfo=dt.UTC)


def test_other_time_zone_is_kept(db: Database) -> None:
    sao_paulo = zoneinfo.ZoneInfo("America/Sao_Paulo")
    start = dt.datetime(2025, 9, 13, 10, 0, tzinfo=sao_paulo)
    event = make_event(db, starts_at=start, timezone="America/Sao_Paulo")
    loaded = events.get_event(db, event.id)
    assert loaded.starts_at.tzinfo == sao_paulo
    assert loaded.starts_at.hour == 10


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone", "Unknown time zone Mars/Olympus, e.g. America/New_York."),
        ({"timezone": "America"}, "timezone", "Unknown time zone America, e.g. America/New_York."),
        ({"ends_at": RALLY_START}, "ends_at", "The end must be after the start."),
        (
            {"starts_at": dt.datetime(2025, 5, 20, 15)},
            "starts_at",
            "A date and time with a time zone is required.",
        ),
        ({"public_url": "danbury.example.org"}, "public_url", "A web address starts with https://"),
        ({"expected_attendance": -5}, "expected_attendance", "Must be zero or more."),
        ({"venue_id": 88}, "venue_id", "Venue 88 does not exist."),
        (
            {"texts": {"es": EventTextInput(title="x" * 301)}},
            "texts.es.title",
            "Too long: at most 300 characters.",
        ),
        ({"texts": {"fr": EventTextInput(title="Rassemblement")}}, "texts.language", None),
        ({"partners": (EventPartnerInput(404),)}, "partners[0]", "Partner group 404 does not exist."),
        ({"texts": {}}, "texts.en.title", "Give the rally a title, in at least one language."),
        (
            {"texts": {"es": EventTextInput(title="  ", summary="Sin título")}},
            "texts.en.title",
            "Give the rally a title, in at least one language.",
        ),
    ],
)
def test_validation_errors_name_the_field(
    db: Database, changes: dict[str, object], field: str, message: str | None
) -> None:
    values: dict[str, object] = {
        "starts_at": RALLY_START,
        "ends_at": RALLY_START + dt.timedelta(hours=2),
        "texts": {"en": EventTextInput(title="Rally for the TRUST Act")},
    }
    values.update(changes)

    with pytest.raises(ValidationError) as caught:
        events.create_event(db, EventInput(**values))  # type: ignore[arg-type]

    assert caught.value.field == field
    text = caught.value.translated()
    assert "{" not in text and text.endswith((".", "/"))
    if message is not None:
        assert text == message
    assert events.list_events(db) == []


def test_a_group_listed_twice_is_refused(db: Database) -> None:
    group = make_group(db)
    with pytest.raises(ValidationError) as caught:
        make_event(db, partners=(EventPartnerInput(group.id), EventPartnerInput(group.id)))
    assert caught.value.field == "partners[1]"


def test_update_replaces_partners_only_when_given(db: Database) -> None:
    church = make_group(db, "Iglesia San José")
    union = make_group(db, "SEIU 32BJ")
    event = make_event(
        db,
        partners=(
            EventPartnerInput(union.id, PartnerRole.CO_SPONSOR),
            EventPartnerInput(church.id, PartnerRole.LEAD, "Hosts the rally"),
        ),
    )
    assert [(p.group_name, p.role) for p in event.partners] == [
        ("Iglesia San José", PartnerRole.LEAD),
        ("SEIU 32BJ", PartnerRole.CO_SPONSOR),
    ]
    base = {"starts_at": event.starts_at, "ends_at": event.ends_at}

    kept = events.update_event(db, event.id, EventInput(**base, texts={}), version=event.version)  # type: ignore[arg-type]
    assert len(kept.partners) == 2
    replaced = events.update_event(
        db,
        event.id,
        EventInput(**base, partners=(EventPartnerInput(union.id, PartnerRole.ENDORSER),)),  # type: ignore[arg-type]
        version=kept.version,
    )
    assert [(p.group_name, p.role) for p in replaced.partners] == [("SEIU 32BJ", PartnerRole.ENDORSER)]


def test_duplicate_event_copies_texts_partners_and_moved_shifts_but_no_signups(db: Database) -> None:
    group = make_group(db)
    venue = venues.create_venue(
        db, VenueInput(name="Danbury City Hall", street="155 Deer Hill Ave", city="Danbury")
    )
    event = make_event(
        db,
        texts=TRILINGUAL,
        venue_id=venue.id,
        status=EventStatus.CONFIRMED,
        partners=(EventPartnerInput(group.id, PartnerRole.LEAD, "Sound system"),),
    )
    marshal = make_shift(db, event.id, role="Marshal", capacity=2)
    make_shift(db, event.id, role="Interpreter", capacity=1, required_language="es")
    signups.sign_up(db, make_volunteer(db).id, marshal.id)
    new_start = dt.datetime(2025, 6, 3, 17, 30, tzinfo=NEW_YORK)

    copy = events.duplicate_event(db, event.id, new_start)

    assert copy.id != event.id
    assert copy.status == EventStatus.DRAFT
    assert copy.starts_at == new_start
    assert copy.ends_at - copy.starts_at == event.ends_at - event.starts_at
    assert {k: t.title for k, t in copy.texts.items()} == {k: t.title for k, t in event.texts.items()}
    assert copy.venue is not None and copy.venue.address == "155 Deer Hill Ave, Danbury, CT"
    assert [(p.group_id, p.role, p.commitment) for p in copy.partners] == [
        (group.id, PartnerRole.LEAD, "Sound system")
    ]
    delta = new_start - event.starts_at
    original = events.get_event(db, event.id)
    assert [(s.role, s.starts_at, s.capacity, s.required_language) for s in copy.shifts] == [
        (s.role, s.starts_at + delta, s.capacity, s.required_language) for s in original.shifts
    ]
    assert all(s.signups == () for s in copy.shifts)
    assert original.shifts[0].signups[0].status == SignUpStatus.SIGNED_UP  # the source keeps its people
    with pytest.raises(ValidationError):
        events.duplicate_event(db, event.id, dt.datetime(2025, 6, 3, 17, 30))


def test_list_events_search_is_accent_insensitive(db: Database) -> None:
    make_event(db, texts=TRILINGUAL)
    make_event(db, texts={"en": EventTextInput(title="Know your rights training")}, kind=EventKind.TRAINING)

    def titles(query: str) -> list[str]:
        return [e.title("en") for e in events.list_events(db, search=query)]

    assert titles("manifestacion") == ["Rally: Governor, sign the TRUST Act!"]
    assert titles("MANIFESTACIÓN") == ["Rally: Governor, sign the TRUST Act!"]
    assert titles("ley trust") == ["Rally: Governor, sign the TRUST Act!"]
    assert titles("RIGHTS") == ["Know your rights training"]
    assert titles("") == ["Rally: Governor, sign the TRUST Act!", "Know your rights training"]
    assert titles("nothing like this") == []


def test_list_events_upcoming_and_status_filters(db: Database) -> None:
    past = make_event(db, "May Day march", starts_at=dt.datetime(2025, 5, 1, 12, tzinfo=NEW_YORK))
    future = make_event(db, "Capitol rally", starts_at=dt.datetime(2025, 6, 1, 12, tzinfo=NEW_YORK))
    events.set_status(db, future.id, EventStatus.CONFIRMED, version=future.version)
    now = dt.datetime(2025, 5, 10, tzinfo=dt.UTC)

    assert [e.id for e in events.list_events(db, upcoming_only=True, now=now)] == [future.id]
    assert [e.id for e in events.list_events(db)] == [past.id, future.id]
    assert [e.id for e in events.list_events(db, status=EventStatus.CONFIRMED)] == [future.id]
    # An event still going on counts as upcoming.
    during = dt.datetime(2025, 5, 1, 12, 30, tzinfo=NEW_YORK)
    assert [e.id for e in events.list_events(db, upcoming_only=True, now=during)] == [past.id, future.id]


def test_places_needed_and_filled(db: Database) -> None:
    event = make_event(db)
    shift = make_shift(db, event.id, capacity=2)
    make_shift(db, event.id, role="Medic", capacity=3)
    for name in ("Ana", "Bia", "Caio"):
        signups.sign_up(db, make_volunteer(db, name).id, shift.id)
    loaded = events.get_event(db, event.id)
    assert (loaded.places_needed, loaded.places_filled) == (5, 2)
    assert events.active_signup_count(loaded) == 2


def test_cancel_and_delete(db: Database) -> None:
    event = make_event(db)
    make_shift(db, event.id)
    assert events.cancel_event(db, event.id).status == EventStatus.CANCELLED
    events.delete_event(db, event.id)
    with pytest.raises(NotFoundError, match=f"Event {event.id} does not exist"):
        events.get_event(db, event.id)


def test_saving_only_texts_bumps_the_version_so_stale_edits_conflict(db: Database) -> None:
    from rallyorg.domain.errors import ConflictError
    from rallyorg.domain.events import EventTextInput

    event = make_event(db)
    data = EventInput(
        starts_at=event.starts_at, ends_at=event.ends_at, texts={"es": EventTextInput(title="¡Marcha!")}
    )
    saved = events.update_event(db, event.id, data, version=event.version)
    assert saved.version == event.version + 1
    with pytest.raises(ConflictError):
        events.update_event(db, event.id, data, version=event.version)


# --- moving a rally's date, with or without its shifts (issue 10) ---------------------------------
def _moved_input(event: events.EventData, starts_at: dt.datetime) -> EventInput:
    return EventInput(
        starts_at=starts_at,
        ends_at=starts_at + (event.ends_at - event.starts_at),
        timezone=event.timezone,
        texts={code: EventTextInput(t.title, t.summary) for code, t in event.texts.items()},
    )


def test_moving_a_rally_moves_its_shifts_and_keeps_their_signups(db: Database) -> None:
    # Across the end of daylight saving time: the marshals still meet an hour before, on the clock.
    start = dt.datetime(2026, 10, 30, 15, 0, tzinfo=NEW_YORK)
    event = make_event(db, starts_at=start)
    shift = make_shift(db, event.id, starts_at=start - dt.timedelta(hours=1))
    setup = make_shift(db, event.id, role="Set-up", starts_at=start - dt.timedelta(days=1))
    ana = make_volunteer(db)
    signups.sign_up(db, ana.id, shift.id)
    event = events.get_event(db, event.id)
    new_start = dt.datetime(2026, 11, 6, 15, 0, tzinfo=NEW_YORK)

    change = events.update_event_and_shifts(
        db, event.id, _moved_input(event, new_start), version=event.version, move_shifts=True
    )

    assert change.shifts_moved == 2 and change.promotions == ()
    moved = {s.role: s for s in change.event.shifts}
    assert moved["Marshal"].starts_at == dt.datetime(2026, 11, 6, 14, 0, tzinfo=NEW_YORK)
    assert moved["Marshal"].starts_at.utcoffset() == dt.timedelta(hours=-5)
    assert moved["Set-up"].starts_at == dt.datetime(2026, 11, 5, 15, 0, tzinfo=NEW_YORK)
    assert [(s.volunteer_id, s.status) for s in moved["Marshal"].signups] == [
        (ana.id, SignUpStatus.SIGNED_UP)
    ]
    assert setup.id in {s.id for s in change.event.shifts}


def test_a_rally_moved_far_without_its_shifts_is_refused(db: Database) -> None:
    event = make_event(db)
    shift = make_shift(db, event.id)
    event = events.get_event(db, event.id)

    with pytest.raises(ValidationError) as caught:
        events.update_event(
            db, event.id, _moved_input(event, RALLY_START + dt.timedelta(days=21)), version=event.version
        )

    assert caught.value.field == "starts_at"
    assert "more than 7 days from the rally's new date" in str(caught.value)
    assert events.get_event(db, event.id).starts_at == RALLY_START  # nothing written
    # A few days is fine: the shifts stay where they were.
    kept = events.update_event(
        db, event.id, _moved_input(event, RALLY_START + dt.timedelta(days=3)), version=event.version
    )
    assert kept.starts_at == RALLY_START + dt.timedelta(days=3)
    assert [s.starts_at for s in kept.shifts] == [shift.starts_at]


def test_a_past_shift_moved_ahead_with_its_rally_moves_its_waitlist_up_and_says_who(db: Database) -> None:
    event = make_event(db)  # the Danbury rally, in May 2025: over
    shift = make_shift(db, event.id, capacity=1)
    ana, bruno = make_volunteer(db, "Ana", "Lopes"), make_volunteer(db, "Bruno", "Lopes")
    first = signups.sign_up(db, ana.id, shift.id)
    signups.sign_up(db, bruno.id, shift.id)
    cancelled = signups.cancel_signup(db, first.id)
    assert cancelled.promotions == () and cancelled.shift_over
    event = events.get_event(db, event.id)
    ahead = dt.datetime.now(NEW_YORK).replace(hour=15, minute=0, second=0, microsecond=0) + dt.timedelta(
        days=14
    )

    change = events.update_event_and_shifts(
        db, event.id, _moved_input(event, ahead), version=event.version, move_shifts=True
    )

    assert [(p.volunteer_name, p.status) for p in change.promotions] == [
        ("Bruno Lopes", SignUpStatus.SIGNED_UP)
    ]
    assert change.promotions[0].promoted_at is not None


def test_a_rally_in_the_year_3202_is_refused(db: Database) -> None:
    event = make_event(db)

    with pytest.raises(ValidationError) as caught:
        events.update_event(
            db, event.id, _moved_input(event, RALLY_START.replace(year=3202)), version=event.version
        )

    assert caught.value.field == "starts_at"
    assert "between 2000 and 2100" in str(caught.value)
