"""No edit without the version the caller saw (issue 11): every service that writes values its
caller chose requires ``version``; a stale one is refused and changes nothing; and concurrent
read-edit-save cycles from many processes lose no update, on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import inspect
import multiprocessing
import pkgutil
import random
import threading
import time
from collections.abc import Callable, Iterator
from multiprocessing.synchronize import Barrier
from types import FunctionType
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

import rallyorg.services
from conftest import (
    make_event,
    make_event_with_shift,
    make_group,
    make_shift,
    make_volunteer,
    upcoming_start,
)
from rallyorg.db import Database, open_database
from rallyorg.domain.enums import EventStatus, SignUpStatus
from rallyorg.domain.errors import ConflictError
from rallyorg.domain.events import EventInput, EventTextInput
from rallyorg.domain.shifts import ShiftInput
from rallyorg.domain.venues import VenueInput
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.services import concurrency, events, partners, signups, venues, volunteers
from rallyorg.services.volunteers import VolunteerData

# Every service that edits an existing record with values its caller chose. Actions decided from
# the record as it is inside the transaction (check_in, cancel_signup, cancel_event,
# merge_volunteers, forget…) take no version: see services/concurrency.py.
EDITING = {
    "rallyorg.services.events.set_campaign_tags",
    "rallyorg.services.events.set_status",
    "rallyorg.services.events.update_event",
    "rallyorg.services.events.update_event_and_shifts",
    "rallyorg.services.partners.update_contact",
    "rallyorg.services.partners.update_group",
    "rallyorg.services.signups.set_signup_status",
    "rallyorg.services.signups.undo_check_in",
    "rallyorg.services.signups.update_shift",
    "rallyorg.services.venues.update_venue",
    "rallyorg.services.volunteers.update_volunteer",
}


def _service_functions() -> Iterator[tuple[str, FunctionType]]:
    """Every public function defined in a rallyorg.services module."""
    for module_info in pkgutil.iter_modules(rallyorg.services.__path__):
        module = importlib.import_module(f"rallyorg.services.{module_info.name}")
        for name, function in vars(module).items():
            if (
                isinstance(function, FunctionType)
                and not name.startswith("_")
                and function.__module__ == module.__name__
            ):
                yield f"{module.__name__}.{name}", function


# --- (b) no blind path ----------------------------------------------------------------------------


def test_every_editing_service_requires_the_version_with_no_default() -> None:
    found = dict(_service_functions())
    with_version = {name for name, f in found.items() if "version" in inspect.signature(f).parameters}
    # A new update_*/set_* service is an edit: it must take the version (or be named for the
    # action it is, and documented as one in services/concurrency.py).
    named_as_edits = {name for name in found if name.rpartition(".")[2].startswith(("update_", "set_"))}
    assert not EDITING - set(found), sorted(EDITING - set(found))
    assert named_as_edits <= EDITING, sorted(named_as_edits - EDITING)
    assert with_version == EDITING, sorted(with_version ^ EDITING)
    for name in sorted(EDITING):
        version = inspect.signature(found[name]).parameters["version"]
        assert version.kind is inspect.Parameter.KEYWORD_ONLY, name
        assert version.default is inspect.Parameter.empty, f"{name}: version has a default"
        assert version.annotation == "int", f"{name}: version is {version.annotation}, not int"


def test_the_check_itself_has_no_skip_path() -> None:
    expected = inspect.signature(concurrency.check_version).parameters["expected"]
    assert expected.default is inspect.Parameter.empty
    assert expected.annotation == "int"
    with pytest.raises(ConflictError):
        concurrency.check_version(2, None)  # type: ignore[arg-type]


# --- (a) a stale version is refused and changes nothing ---------------------------------------------

# Each scenario builds a record, edits it once with the right version (someone else's save),
# and returns: the edit attempted with the version the caller saw before that save, and a
# reading of everything that edit could have changed.
Scenario = Callable[[Database], tuple[Callable[[], object], Callable[[], object]]]


def _volunteer(db: Database) -> tuple[Callable[[], object], Callable[[], object]]:
    seen = make_volunteer(db, "Ana", "Souza")
    volunteers.update_volunteer(
        db, seen.id, VolunteerInput("Ana", "Souza", city="Hartford"), version=seen.version
    )
    return (
        lambda: volunteers.update_volunteer(
            db, seen.id, VolunteerInput("Ana", "Souza", city="Danbury"), version=seen.version
        ),
        lambda: volunteers.get_volunteer(db, seen.id),
    )


def _event_input(seen: events.EventData, title: str) -> EventInput:
    return EventInput(
        starts_at=seen.starts_at, ends_at=seen.ends_at, texts={"en": EventTextInput(title, "Be there.")}
    )


def _event(
    edit: Callable[..., object],
) -> Scenario:
    def scenario(db: Database) -> tuple[Callable[[], object], Callable[[], object]]:
        seen = make_event(db)
        events.update_event(db, seen.id, _event_input(seen, "Rally at the Capitol"), version=seen.version)
        return (
            lambda: edit(db, seen.id, _event_input(seen, "Vigil"), version=seen.version),
            lambda: events.get_event(db, seen.id),
        )

    return scenario


def _event_status(db: Database) -> tuple[Callable[[], object], Callable[[], object]]:
    seen = make_event(db)
    events.set_status(db, seen.id, EventStatus.CONFIRMED, version=seen.version)
    return (
        lambda: events.set_status(db, seen.id, EventStatus.DRAFT, version=seen.version),
        lambda: events.get_event(db, seen.id),
    )


def _campaign_tags(db: Database) -> tuple[Callable[[], object], Callable[[], object]]:
    seen = make_event(db)
    events.set_campaign_tags(db, seen.id, ("TRUST Act",), version=seen.version)
    return (
        lambda: events.set_campaign_tags(db, seen.id, ("Census",), version=seen.version),
        lambda: events.get_event(db, seen.id),
    )


def _group(db: Database) -> tuple[Callable[[], object], Callable[[], object]]:
    seen = make_group(db, "Iglesia San José")
    partners.update_group(
        db, seen.id, partners.PartnerGroupInput("Iglesia San José", city="Danbury"), version=seen.version
    )
    return (
        lambda: partners.update_group(
            db, seen.id, partners.PartnerGroupInput("Iglesia San José", city="Norwalk"), version=seen.version
        ),
        lambda: partners.get_group(db, seen.id),
    )


def _contact(db: Database) -> tuple[Callable[[], object], Callable[[], object]]:
    group = make_group(db)
    seen = partners.add_contact(db, group.id, partners.ContactInput("Rosa Lima"))
    partners.update_contact(
        db, seen.id, partners.ContactInput("Rosa Lima", role="Pastor"), version=seen.version
    )
    return (
        lambda: partners.update_contact(
            db, seen.id, partners.ContactInput("Rosa L.", is_primary=True), version=seen.version
        ),
        lambda: partners.list_contacts(db),
    )


def _venue(db: Database) -> tuple[Callable[[], object], Callable[[], object]]:
    seen = venues.create_venue(db, VenueInput("Danbury Green", city="Danbury"))
    venues.update_venue(
        db, seen.id, VenueInput("Danbury Green", city="Danbury", street="Main St"), version=seen.version
    )
    return (
        lambda: venues.update_venue(
            db, seen.id, VenueInput("City Hall", city="Danbury"), version=seen.version
        ),
        lambda: venues.list_venues(db),
    )


def _shift(db: Database) -> tuple[Callable[[], object], Callable[[], object]]:
    event = make_event(db)
    seen = make_shift(db, event.id, capacity=2)
    base = {"role": seen.role, "starts_at": seen.starts_at, "ends_at": seen.ends_at}
    signups.update_shift(db, seen.id, ShiftInput(**base, capacity=3), version=seen.version)
    return (
        lambda: signups.update_shift(db, seen.id, ShiftInput(**base, capacity=1), version=seen.version),
        lambda: signups.get_shift(db, seen.id),
    )


def _signup_status(status: SignUpStatus) -> Scenario:
    def scenario(db: Database) -> tuple[Callable[[], object], Callable[[], object]]:
        setup = make_event_with_shift(db, capacity=1, starts_at=upcoming_start())
        seen = signups.sign_up(db, make_volunteer(db, "Ana").id, setup.shift.id)
        signups.sign_up(db, make_volunteer(db, "Bruno").id, setup.shift.id)  # waitlisted
        signups.set_signup_status(db, seen.id, SignUpStatus.CONFIRMED, version=seen.version)
        return (
            lambda: signups.set_signup_status(db, seen.id, status, version=seen.version),
            lambda: signups.get_shift(db, setup.shift.id),
        )

    return scenario


def _undo_check_in(db: Database) -> tuple[Callable[[], object], Callable[[], object]]:
    # Two desks at the door: the first checks Ana in; the second undoes that and checks her in
    # again at another time. The first desk's undo, based on its own check-in, must not erase
    # the second desk's.
    setup = make_event_with_shift(db)
    signup = signups.sign_up(db, make_volunteer(db, "Ana").id, setup.shift.id)
    first = signups.check_in(db, signup.id, at=dt.datetime(2025, 5, 20, 18, 0, tzinfo=dt.UTC))
    undone = signups.undo_check_in(db, signup.id, version=first.version)
    signups.check_in(db, undone.id, at=dt.datetime(2025, 5, 20, 18, 30, tzinfo=dt.UTC))
    return (
        lambda: signups.undo_check_in(db, signup.id, version=first.version),
        lambda: signups.get_shift(db, setup.shift.id),
    )


STALE_EDITS: dict[str, Scenario] = {
    "rallyorg.services.volunteers.update_volunteer": _volunteer,
    "rallyorg.services.events.update_event": _event(events.update_event),
    "rallyorg.services.events.update_event_and_shifts": _event(events.update_event_and_shifts),
    "rallyorg.services.events.set_status": _event_status,
    "rallyorg.services.events.set_campaign_tags": _campaign_tags,
    "rallyorg.services.partners.update_group": _group,
    "rallyorg.services.partners.update_contact": _contact,
    "rallyorg.services.venues.update_venue": _venue,
    "rallyorg.services.signups.update_shift": _shift,
    "rallyorg.services.signups.set_signup_status": _signup_status(SignUpStatus.NO_SHOW),
    "rallyorg.services.signups.set_signup_status (cancelling)": _signup_status(SignUpStatus.CANCELLED),
    "rallyorg.services.signups.undo_check_in": _undo_check_in,
}


def test_every_editing_service_has_a_stale_version_scenario() -> None:
    assert {name.partition(" ")[0] for name in STALE_EDITS} == EDITING


@pytest.mark.parametrize("name", sorted(STALE_EDITS))
def test_a_stale_version_is_refused_and_changes_nothing(db: Database, name: str) -> None:
    stale_edit, read = STALE_EDITS[name](db)
    before = read()

    with pytest.raises(ConflictError, match="Someone else changed this record"):
        stale_edit()

    assert read() == before


# --- the UPDATE itself is guarded -----------------------------------------------------------------


def test_two_writers_that_both_passed_the_check_cannot_both_succeed(db: Database) -> None:
    """Writer A checks version N; before A's UPDATE, writer B saves (N → N+1). A's UPDATE is
    ``... WHERE version = N``: it matches nothing and A gets the conflict, not B's data erased.

    On PostgreSQL B is another connection that commits while A's transaction is open (READ
    COMMITTED lets A read N and go on). SQLite's BEGIN IMMEDIATE lets nobody write between A's
    check and A's UPDATE, so B's save is made on A's own connection there: the guard is then
    shown the same stale version it would see from another process.
    """
    ana = make_volunteer(db, "Ana")
    raced: list[int] = []

    def other_writer_saves_first(session: Session, *_: object) -> None:
        if raced:
            return
        raced.append(1)
        statement = text("UPDATE volunteer SET city = 'Hartford', version = version + 1 WHERE id = :id")
        if db.is_sqlite:
            session.execute(statement, {"id": ana.id})
        else:
            with db.engine.begin() as other:
                other.execute(statement, {"id": ana.id})

    event.listen(Session, "before_flush", other_writer_saves_first)
    try:
        with pytest.raises(ConflictError, match="Someone else changed this record"):
            volunteers.update_volunteer(
                db, ana.id, VolunteerInput("Ana", "Souza", city="Danbury"), version=ana.version
            )
    finally:
        event.remove(Session, "before_flush", other_writer_saves_first)

    stored = volunteers.get_volunteer(db, ana.id)
    if db.is_sqlite:  # B's save was part of A's transaction, rolled back with it
        assert (stored.city, stored.version) == ("", ana.version)
    else:
        assert (stored.city, stored.version) == ("Hartford", ana.version + 1)


# --- (c) concurrent read-edit-save cycles lose nothing --------------------------------------------

PROCESSES = 8
EDITS_EACH = 50
BACKOFF_SECONDS = 0.01
STARTUP_SECONDS = 120  # eight fresh interpreters importing rallyorg on a busy 2-core machine


def _volunteer_input(seen: VolunteerData, notes: str) -> VolunteerInput:
    fields = {f.name: getattr(seen, f.name) for f in dataclasses.fields(VolunteerInput)}
    return VolunteerInput(**{**fields, "notes": notes})


def _edit_notes(url: str, volunteer_id: int, worker: int, edits: int, start: Barrier, results: Any) -> None:
    """One process: ``edits`` times, read the volunteer, append a line to the notes and save
    with the version read; on a conflict, read again and redo the edit.

    After a conflict it backs off a few random milliseconds, more after each conflict in a row,
    as any optimistic retry loop should: on PostgreSQL the losers otherwise all wake together
    when the winner commits and collide again (measured on a shared 2-core machine, without it:
    1,400-2,400 conflicts and 15-40 s for the 400 edits; with it: 230-320 conflicts, 4-7 s).
    The backoff orders nothing: whatever the timing, every edit must be applied exactly once,
    which is what the test checks.
    """
    jitter = random.Random(worker)
    applied = conflicts = at_update = in_a_row = 0
    try:
        db = open_database(url, migrate=False)
        start.wait(timeout=STARTUP_SECONDS)  # every process is up and connected: now they race
    except BaseException as error:
        results.put(f"worker {worker} did not start: {type(error).__name__}: {error}")
        start.abort()  # the others and the test stop waiting at once
        raise
    try:
        while applied < edits:
            seen = volunteers.get_volunteer(db, volunteer_id)
            notes = "\n".join(line for line in (seen.notes, f"w{worker}.e{applied}") if line)
            try:
                volunteers.update_volunteer(
                    db, volunteer_id, _volunteer_input(seen, notes), version=seen.version
                )
            except ConflictError as conflict:
                conflicts += 1
                at_update += isinstance(conflict.__cause__, StaleDataError)
                in_a_row += 1
                if conflicts > 100 * edits:
                    raise
                time.sleep(jitter.uniform(0, BACKOFF_SECONDS * 2 ** min(in_a_row, 4)))
                continue
            applied += 1
            in_a_row = 0
    finally:
        db.close()
        results.put((worker, applied, conflicts, at_update))


def test_eight_processes_editing_one_volunteer_lose_no_update(db: Database, db_url: str) -> None:
    ana = make_volunteer(db, "Ana", "Souza")
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(PROCESSES + 1)
    results = context.Queue()
    workers = [
        context.Process(
            target=_edit_notes, args=(db_url, ana.id, number, EDITS_EACH, start, results), daemon=True
        )
        for number in range(PROCESSES)
    ]
    launched = time.perf_counter()
    for worker in workers:
        worker.start()
    try:
        try:
            start.wait(timeout=STARTUP_SECONDS)
        except threading.BrokenBarrierError:
            why = [results.get(timeout=5) for _ in range(results.qsize())]
            pytest.fail(f"the workers did not all start: {why or 'no worker said why'}")
        began = time.perf_counter()
        reports = [results.get(timeout=120) for _ in workers]
        elapsed = time.perf_counter() - began
        for worker in workers:
            worker.join(timeout=30)
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.kill()
    assert [w.exitcode for w in workers] == [0] * PROCESSES

    applied = sum(r[1] for r in reports)
    conflicts = sum(r[2] for r in reports)
    at_update = sum(r[3] for r in reports)  # passed the check, stopped by the guarded UPDATE
    final = volunteers.get_volunteer(db, ana.id)
    lines = final.notes.splitlines()
    print(
        f"\n{db.engine.dialect.name}: {PROCESSES} processes × {EDITS_EACH} edits: "
        f"attempted {applied + conflicts}, applied {applied}, conflicts retried {conflicts} "
        f"({at_update} stopped by the guarded UPDATE), "
        f"lost {PROCESSES * EDITS_EACH - len(lines)}, "
        f"{elapsed:.1f} s (processes up in {began - launched:.1f} s)"
    )
    assert applied == PROCESSES * EDITS_EACH
    assert final.version == ana.version + PROCESSES * EDITS_EACH
    assert len(lines) == len(set(lines)) == PROCESSES * EDITS_EACH  # every edit is there, once
    for number in range(PROCESSES):  # and each process's edits in the order it made them
        assert [x for x in lines if x.startswith(f"w{number}.")] == [
            f"w{number}.e{i}" for i in range(EDITS_EACH)
        ]
