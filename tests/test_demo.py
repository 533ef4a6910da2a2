"""The sample coalition (``rallyorg demo``): what a new user sees after loading it."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import subprocess
import sys
import zoneinfo
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select

import rallyorg.demo as demo_module
from rallyorg.db import Database, open_database
from rallyorg.demo import DemoSummary, load_demo
from rallyorg.domain.enums import EventStatus, PartnerKind, SignUpStatus
from rallyorg.domain.errors import ConflictError
from rallyorg.domain.events import EventData
from rallyorg.domain.text import fold
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.models import Base
from rallyorg.services import events, partners, sample, volunteers
from rallyorg.services.overview import Totals, totals

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
TRUST_ACT_TITLE = "Rally: Governor, sign the TRUST Act!"
DEMO_TODAY = dt.datetime(2026, 11, 25, tzinfo=NEW_YORK)


@pytest.fixture(scope="module")
def demo(fresh_db_url: Callable[[], str]) -> Iterator[tuple[Database, DemoSummary]]:
    """One loaded sample, shared by the read-only tests (loading takes a few seconds)."""
    db = open_database(fresh_db_url())
    try:
        yield db, load_demo(db)
    finally:
        db.close()


@pytest.fixture(scope="module")
def demo_db(demo: tuple[Database, DemoSummary]) -> Database:
    return demo[0]


def _rally(db: Database) -> EventData:
    [rally] = [e for e in events.list_events(db) if e.title("en") == TRUST_ACT_TITLE]
    return rally


def _run_cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rallyorg.app", "--db", url, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
        timeout=120,
    )


def test_summary_matches_what_is_in_the_database(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    counted = totals(db)
    assert (summary.groups, summary.events, summary.volunteers, summary.signups) == (
        counted.groups,
        counted.events,
        counted.volunteers,
        counted.signups,
    )


def test_partner_groups_cover_every_kind_with_contacts(demo_db: Database) -> None:
    groups = partners.list_groups(demo_db)
    assert len(groups) >= 60
    assert {g.kind for g in groups} == set(PartnerKind)
    assert len({g.city for g in groups}) >= 10
    assert {"Iglesia Pentecostal Nueva Vida", "Igreja Batista Brasileira de Danbury"} <= {
        g.name for g in groups
    }
    for group in groups:
        contacts = partners.get_group(demo_db, group.id).contacts
        assert 1 <= len(contacts) <= 3, group.name
        assert sum(c.is_primary for c in contacts) == 1, group.name
    everyone = partners.list_contacts(demo_db)
    assert any(c.do_not_contact for c in everyone)
    assert any(c.may_share for c in everyone)
    assert all(c.email.endswith(("@example.org", "@example.com")) for c in everyone if c.email)


def test_volunteers_are_fictional_and_many(demo_db: Database) -> None:
    rows = volunteers.list_volunteers(demo_db)
    assert len(rows) >= 300
    assert all(r.email.endswith(("@example.org", "@example.com")) for r in rows if r.email)
    # Only the 555-0100..0199 block reserved for fiction, in Connecticut's area codes.
    assert all(r.phone[:5] in {"+1203", "+1475", "+1860", "+1959"} for r in rows if r.phone)
    assert all(r.phone[5:9] == "5550" and r.phone[9] == "1" for r in rows if r.phone)
    assert {"es", "pt_BR", "ht", "en"} <= {code for r in rows for code in r.languages}


def test_danbury_trust_act_rally_is_there_in_three_languages(demo_db: Database) -> None:
    rally = _rally(demo_db)
    assert rally.starts_at == dt.datetime(2025, 5, 20, 15, 0, tzinfo=NEW_YORK)
    assert rally.ends_at == dt.datetime(2025, 5, 20, 17, 0, tzinfo=NEW_YORK)
    assert rally.timezone == "America/New_York"
    assert rally.status == EventStatus.CONFIRMED
    assert rally.venue is not None
    assert rally.venue.address == "155 Deer Hill Ave, Danbury, CT 06810"
    assert rally.public_url == "https://example.org/rallies/trust-act-danbury"
    assert rally.texts["es"].title == "¡Gobernador, firme la Ley TRUST!"
    assert rally.texts["pt_BR"].title == "Governador, assine a Lei TRUST!"
    assert rally.missing_texts() == []
    assert 3 <= len(rally.partners) - 1 <= 8
    assert rally.partners[0].role == "lead"


def test_every_event_has_english_and_the_flagships_all_three(demo_db: Database) -> None:
    found = events.list_events(demo_db)
    assert all(e.texts["en"].title and e.texts["en"].summary for e in found)
    assert all(e.timezone == "America/New_York" for e in found)
    flagships = [e for e in found if e.kind in ("rally", "march")]
    assert len(flagships) >= 4
    for event in flagships:
        assert event.missing_texts() == [], event.title()
        assert all(event.texts[lang].call_to_action for lang in ("en", "es", "pt_BR"))
    missing = {(m.language, m.field) for e in found for m in e.missing_texts()}
    assert ("pt_BR", "title") in missing
    assert ("es", "summary") in missing


def test_calendar_has_history_and_upcoming_work(demo_db: Database) -> None:
    found = events.list_events(demo_db)
    upcoming = [e for e in found if e.starts_at > DEMO_TODAY]
    assert len(upcoming) >= 5
    assert all(dt.date(2026, 12, 1) <= e.starts_at.date() <= dt.date(2027, 3, 31) for e in upcoming)
    assert [e.status for e in found].count(EventStatus.CANCELLED) == 1
    assert {"May Day March for Workers and Immigrants", "Know Your Rights Training"} <= {
        e.title() for e in found
    }
    may_day = next(e for e in found if e.title() == "May Day March for Workers and Immigrants")
    assert may_day.starts_at.date() == dt.date(2025, 5, 1)
    assert may_day.venue is not None and may_day.venue.name == "Kennedy Park"


def test_shifts_show_full_waitlisted_short_and_past_attendance(demo_db: Database) -> None:
    # Each event whole, with its sign-ups (a list of events carries only their numbers).
    found = [events.get_event(demo_db, e.id) for e in events.list_events(demo_db)]
    upcoming_shifts = [
        s for e in found if e.starts_at > DEMO_TODAY and e.status != EventStatus.CANCELLED for s in e.shifts
    ]
    assert any(s.filled == s.capacity and s.waitlisted > 0 for s in upcoming_shifts)
    assert any(s.short_by > 0 for s in upcoming_shifts)
    assert {s.required_language for s in upcoming_shifts} >= {"es", "pt_BR"}
    past = [su for e in found if e.starts_at < DEMO_TODAY for s in e.shifts for su in s.signups]
    attended = [su for su in past if su.status == SignUpStatus.ATTENDED]
    assert attended and all(su.checked_in_at is not None and su.hours for su in attended)
    assert any(su.status == SignUpStatus.NO_SHOW for su in past)
    # Past sign-ups are dated before their event (walk-ins during it), not the day the sample
    # was loaded.
    for event in (e for e in found if e.starts_at < DEMO_TODAY):
        for su in (su for shift in event.shifts for su in shift.signups):
            assert su.signed_up_at <= event.ends_at, (event.title("en"), su.volunteer_name)


def test_search_finds_accented_names_typed_without_accents(demo_db: Database) -> None:
    joses = volunteers.list_volunteers(demo_db, search="jose")
    assert sum("José" in r.name for r in joses) >= 3
    assert any(r.name == "Jose Ramírez" for r in joses)
    assert all("jose" in fold(r.name) or "jose" in r.email for r in joses)
    goncalves = volunteers.list_volunteers(demo_db, search="GONCALVES")
    assert sum("Gonçalves" in r.family_name for r in goncalves) >= 3


def test_duplicate_review_shows_planted_pairs_not_families(demo_db: Database) -> None:
    pairs = volunteers.find_duplicates(demo_db)
    found = {frozenset((p.first.name, p.second.name)) for p in pairs}
    assert found == {
        frozenset(("José Núñez", "Jose Nunez")),
        frozenset(("Conceição Gonçalves", "Conceicao Goncalves")),
        frozenset(("Widline Pierre", "Widline Pierre-Louis")),
    }
    assert all(p.reason == "phone" for p in pairs)
    shared = volunteers.list_volunteers(demo_db, search="familia.souza@example.com")
    assert {r.name for r in shared} == {"Ana Souza", "Pedro Souza"}
    assert len(volunteers.list_volunteers(demo_db, search="pena.familia@example.org")) == 3


def test_second_load_without_force_is_refused_and_changes_nothing(demo_db: Database) -> None:
    before = totals(demo_db)
    with pytest.raises(ConflictError, match="--force"):
        load_demo(demo_db)
    assert totals(demo_db) == before


def test_force_adds_on_top_and_reuses_groups_of_the_same_name(db_url: str) -> None:
    db = open_database(db_url)
    try:
        partners.create_group(db, partners.PartnerGroupInput(name="IGREJA BATISTA BRASILEIRA DE DÂNBURY"))
        volunteers.create_volunteer(db, VolunteerInput(given_name="Someone", family_name="Else"))
        with pytest.raises(ConflictError):
            load_demo(db)
        summary = load_demo(db, force=True)
        counted = totals(db)
        assert counted.groups == summary.groups  # the existing group was reused, not duplicated
        assert counted.volunteers == summary.volunteers + 1
        assert counted.events == summary.events
        # The user's group is not the sample's: a later --force leaves it where it is.
        assert sample.count_marked(db)["partner_group"] == summary.groups - 1
    finally:
        db.close()


@pytest.fixture(scope="module")
def cli_db_url(fresh_db_url: Callable[[], str]) -> str:
    """A second, independent load, made the way a user makes it: ``rallyorg demo``."""
    url = fresh_db_url()
    result = _run_cli(url, "demo")
    assert result.returncode == 0, result.stderr
    assert "partner groups" in result.stdout
    return url


def test_cli_lists_the_rally_with_its_spanish_title(cli_db_url: str) -> None:
    result = _run_cli(cli_db_url, "events", "list", "--json")
    assert result.returncode == 0, result.stderr
    [rally] = [e for e in json.loads(result.stdout) if e["titles"]["en"] == TRUST_ACT_TITLE]
    assert rally["titles"]["es"] == "¡Gobernador, firme la Ley TRUST!"
    assert rally["starts_at"] == "2025-05-20T15:00:00-04:00"


def test_cli_volunteer_search_returns_accented_names(cli_db_url: str) -> None:
    result = _run_cli(cli_db_url, "volunteers", "list", "--search", "jose", "--json")
    assert result.returncode == 0, result.stderr
    names = [f"{r['given_name']} {r['family_name']}" for r in json.loads(result.stdout)]
    assert any("José" in name for name in names)
    assert "José Gonçalves" in names


def test_cli_demo_refuses_a_database_with_data(cli_db_url: str) -> None:
    result = _run_cli(cli_db_url, "demo")
    assert result.returncode == 1
    assert "--force" in result.stderr


def test_two_loads_give_the_same_sample(demo_db: Database, cli_db_url: str) -> None:
    other = open_database(cli_db_url)
    try:

        def people(db: Database) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
            rows = volunteers.list_volunteers(db, sort=volunteers.VolunteerSort.NEWEST)
            return [(r.given_name, r.family_name, r.email, r.phone, r.skills) for r in rows]

        def calendar(db: Database) -> list[tuple[str, dt.datetime, list[tuple[str, str, SignUpStatus]]]]:
            return [
                (
                    e.title("es"),
                    e.starts_at,
                    [(s.role, su.volunteer_name, su.status) for s in e.shifts for su in s.signups],
                )
                for e in events.list_events(db)
            ]

        assert people(demo_db) == people(other)
        assert calendar(demo_db) == calendar(other)
        assert [g.name for g in partners.list_groups(demo_db)] == [
            g.name for g in partners.list_groups(other)
        ]
    finally:
        other.close()


# --- One transaction, and what --force replaces --------------------------------------------------


class _Interrupted(Exception):
    """Raised into a load half-way, as a crash would stop it."""


def _every_row(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in key order: equal means the database did not change."""
    with db.engine.connect() as connection:
        return {
            table.name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key))]
            for table in Base.metadata.sorted_tables
        }


def _fail_at_event(monkeypatch: pytest.MonkeyPatch, number: int, seen: list[Totals]) -> None:
    """Make the load fail while staffing its ``number``-th event, after noting how much of the
    sample was written by then (in ``seen``: proof the failure comes half-way)."""
    staffed = itertools.count(1)
    real_staff_event = demo_module.staff_event

    def staff_event(db: Database, *args: Any, **kwargs: Any) -> Any:
        if next(staffed) == number:
            seen.append(totals(db))
            raise _Interrupted
        return real_staff_event(db, *args, **kwargs)

    monkeypatch.setattr(demo_module, "staff_event", staff_event)


def _own_records(db: Database) -> tuple[int, int]:
    """A user's own group and volunteer (in that group), added beside whatever is there."""
    group = partners.create_group(db, partners.PartnerGroupInput(name="Windham Solidarity Circle"))
    person = volunteers.create_volunteer(
        db,
        VolunteerInput(
            given_name="Marisol",
            family_name="Quintero",
            email="marisol.quintero@example.net",
            group_id=group.id,
        ),
    )
    return group.id, person.id


def _expected_marks() -> dict[str, int]:
    plan = demo_module.plan_demo()
    walk_ins = sum(len(e.walk_ins) for e in demo_module.EVENTS)
    return {
        "event": len(demo_module.EVENTS),
        "volunteer": len(plan.volunteers) + walk_ins,
        "contact": sum(len(g.contacts) for g in plan.groups),
        "partner_group": len(plan.groups),
        "venue": len(demo_module.VENUES),
    }


def _duplicated_emails(db: Database) -> int:
    rows = volunteers.list_volunteers(db)
    emails = [r.email for r in rows if r.email]
    return len(emails) - len(set(emails))


def test_a_load_that_fails_half_way_leaves_the_database_as_it_was(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _every_row(db)
    seen: list[Totals] = []
    _fail_at_event(monkeypatch, 6, seen)
    with pytest.raises(_Interrupted):
        load_demo(db)
    [half_way] = seen  # what the load had written when it failed, all of it then undone
    assert half_way.volunteers >= 300 and half_way.events == 6 and half_way.signups > 0
    assert _every_row(db) == before
    assert totals(db).is_empty  # so the app offers the sample again on its next start


def test_force_replaces_the_sample_whole_and_keeps_the_users_records(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_demo(db)
    group_id, person_id = _own_records(db)
    sample_person = volunteers.list_volunteers(db, search="Widline Pierre-Louis")[0]
    volunteers.update_volunteer(
        db,
        sample_person.id,
        VolunteerInput(given_name="Widline", family_name="Pierre-Louis", city="Edited"),
        version=volunteers.get_volunteer(db, sample_person.id).version,
    )
    duplicated = _duplicated_emails(db)  # the families who share an address, in the sample itself

    # A replacement that fails half-way changes nothing either.
    before = _every_row(db)
    _fail_at_event(monkeypatch, 9, [])
    with pytest.raises(_Interrupted):
        load_demo(db, force=True)
    assert _every_row(db) == before
    monkeypatch.undo()

    summary = load_demo(db, force=True)
    assert summary == first
    counted = totals(db)
    assert (counted.groups, counted.events, counted.volunteers) == (
        first.groups + 1,
        first.events,
        first.volunteers + 1,
    )
    assert counted.signups == first.signups
    assert _duplicated_emails(db) == duplicated  # one sample, not two
    assert sample.count_marked(db) == _expected_marks()
    # The user's own records are there as they were; the edited sample person was replaced.
    mine = volunteers.get_volunteer(db, person_id)
    assert (mine.name, mine.group_id) == ("Marisol Quintero", group_id)
    assert [r.city for r in volunteers.list_volunteers(db, search="Widline Pierre-Louis")] == ["Stamford"]


def test_force_replaces_a_half_sample_an_older_rallyorg_left_unmarked(
    db: Database, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a killed ``demo`` of an older rallyorg left: the records of each service call that
    had committed, with no marks. ``demo --force`` then added a second sample on top (720
    volunteers, 281 duplicated emails); now it replaces them."""
    _fail_at_event(monkeypatch, 5, [])
    with pytest.raises(_Interrupted):
        demo_module._load(db, demo_module.plan_demo())  # service by service, as older versions did
    monkeypatch.undo()
    half = totals(db)
    assert half.volunteers >= 300 and half.events == 5
    assert sum(sample.count_marked(db).values()) == 0
    _own_records(db)

    summary = load_demo(db, force=True)
    counted = totals(db)
    assert (counted.events, counted.volunteers, counted.signups) == (
        summary.events,
        summary.volunteers + 1,
        summary.signups,
    )
    assert counted.groups == summary.groups + 1  # the half sample's groups were reused by name
    assert _duplicated_emails(db) == _duplicated_emails(demo_db)  # as in a sample loaded once
