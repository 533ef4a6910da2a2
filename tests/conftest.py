"""Shared fixtures: a fresh migrated SQLite database per test and small builders for the
records most tests need (an event with a shift, a volunteer, a partner group)."""

from __future__ import annotations

import os

# GUI tests (pytest-qt) must never need a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never read or write the developer's own keyring (nor wait for a desktop's keyring
# service); this is inherited by every rallyorg process a test starts. Tests of the keyring
# path install an in-memory one (tests/test_encryption.py).
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
os.environ.pop("RALLYORG_PASSPHRASE", None)

import datetime as dt
import gc
import itertools
import sys
import tempfile
import zoneinfo
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from keyrings import MemoryKeyring
from postgres_server import PostgresServer, find_binaries
from rallyorg.db import Database, open_database
from rallyorg.domain.events import EventData, EventInput, EventTextInput
from rallyorg.domain.shifts import ShiftData, ShiftInput
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.services import events, partners, signups, volunteers
from rallyorg.services.volunteers import VolunteerData

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
# The Danbury rally for the TRUST Act: 2025-05-20, 15:00 local time.
RALLY_START = dt.datetime(2025, 5, 20, 15, 0, tzinfo=NEW_YORK)
_THIS_MODULE = sys.modules[__name__]


def pytest_collectstart(collector: pytest.Collector) -> None:
    """Keep ``from conftest import make_event`` meaning *this* file in every test module.

    A conftest.py in a test folder without ``__init__.py`` (tests/flyers/) is imported under the
    same top-level name ``conftest`` and replaces this one in ``sys.modules``; test modules
    collected afterwards would then import the wrong builders. (Fixtures are unaffected: pytest
    tracks conftests by path.) Adding ``__init__.py`` to such folders is the lasting fix.
    """
    sys.modules["conftest"] = _THIS_MODULE


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="database the tests run on; postgresql starts a throwaway server and runs only the "
        "tests that use a database (not those marked sqlite_only)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: tests SQLite itself (file, pragmas, locking)")
    config.addinivalue_line(
        "markers", "soak: runs the real app in a fresh process for thousands of actions (tests/soak/)"
    )


def _on_postgresql(config: pytest.Config) -> bool:
    return bool(config.getoption("backend") == "postgresql")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not _on_postgresql(config):
        return
    database_fixtures = {"db", "db_url", "empty_db_url", "fresh_db_url"}
    keep, drop = [], []
    for item in items:
        uses_database = database_fixtures & set(getattr(item, "fixturenames", ()))
        (keep if uses_database and not item.get_closest_marker("sqlite_only") else drop).append(item)
    config.hook.pytest_deselected(items=drop)
    items[:] = keep


_TEMPLATE = "rallyorg_migrated"
_database_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def no_passphrase_carried_over() -> Iterator[None]:
    """Passphrases given in one test are not known in the next (db/passphrases.py)."""
    yield
    from rallyorg.db import passphrases

    with passphrases._lock:
        passphrases._known.clear()
    passphrases.set_prompt(None)


@pytest.fixture(autouse=True)
def collect_cycles_as_the_app_does() -> Iterator[None]:
    """Once a GUI test has turned automatic collection off (gui/garbage.py), tests that run no
    event loop would never collect: do here what its timer does."""
    yield
    if not gc.isenabled():
        from rallyorg.gui.garbage import collect_due  # Qt is loaded already, or gc would be on

        collect_due()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The system keyring replaced by one in this process for the test."""
    import keyring

    before = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(before)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """The run's PostgreSQL server, with a migrated template database to copy per test."""
    binaries = find_binaries()
    if binaries is None:
        message = "--backend=postgresql: no PostgreSQL server installed (Debian: apt install postgresql)"
        if os.environ.get("RALLYORG_REQUIRE_POSTGRES"):  # set by .ci/run: CI must not skip these
            pytest.fail(message)
        pytest.skip(message)
    # Not under pytest's tmp_path: its root is private to the user running the tests, and as
    # root the server runs as the postgres account, which must reach its folder.
    with tempfile.TemporaryDirectory(prefix="rallyorg-postgres-") as folder:
        server = PostgresServer(binaries, Path(folder))
        server.start()
        try:
            open_database(server.create_database(_TEMPLATE)).close()
            yield server
        finally:
            server.stop()


def _next_database_name() -> str:
    return f"test_{next(_database_numbers)}"


@pytest.fixture
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with no tables yet (for migrations)."""
    if _on_postgresql(request.config):
        server: PostgresServer = request.getfixturevalue("postgres")
        return server.create_database(_next_database_name())
    return f"sqlite:///{tmp_path / 'empty.db'}"


@pytest.fixture(scope="session")
def fresh_db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[], str]:
    """Makes a new database, brought to the current schema when first opened (for fixtures
    shared by a module).

    On PostgreSQL it is a copy of a migrated template: migrating 400 databases one by one
    would add a minute to the run.
    """
    if _on_postgresql(request.config):
        server: PostgresServer = request.getfixturevalue("postgres")
        return lambda: server.create_database(_next_database_name(), template=_TEMPLATE)
    return lambda: f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path, fresh_db_url: Callable[[], str]) -> str:
    """The test's own database (on SQLite, test.db in the test's tmp_path)."""
    if _on_postgresql(request.config):
        return fresh_db_url()
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture(scope="module")
def sample_coalition(fresh_db_url: Callable[[], str]) -> Iterator[tuple[Database, str]]:
    """The sample coalition, loaded once for a module whose tests only read it; with its URL
    (for a command line run against it)."""
    from rallyorg.demo import load_demo

    url = fresh_db_url()
    database = open_database(url)
    try:
        load_demo(database)
        yield database, url
    finally:
        database.close()


@dataclass(frozen=True)
class EventWithShift:
    event: EventData
    shift: ShiftData


def make_event(
    db: Database,
    title: str = "Rally for the TRUST Act",
    *,
    starts_at: dt.datetime = RALLY_START,
    hours: float = 2,
    texts: dict[str, EventTextInput] | None = None,
    **fields: object,
) -> EventData:
    return events.create_event(
        db,
        EventInput(
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=hours),
            texts=texts if texts is not None else {"en": EventTextInput(title=title, summary="Be there.")},
            **fields,  # type: ignore[arg-type]
        ),
    )


def make_shift(
    db: Database,
    event_id: int,
    *,
    role: str = "Marshal",
    capacity: int = 2,
    starts_at: dt.datetime = RALLY_START - dt.timedelta(hours=1),
    hours: float = 3,
    required_language: str | None = None,
) -> ShiftData:
    return signups.add_shift(
        db,
        event_id,
        ShiftInput(
            role=role,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=hours),
            capacity=capacity,
            required_language=required_language,
        ),
    )


def make_event_with_shift(db: Database, *, capacity: int = 2, **event_fields: object) -> EventWithShift:
    """An event with one marshal shift from an hour before it starts, for three hours."""
    event = make_event(db, **event_fields)  # type: ignore[arg-type]
    shift = make_shift(db, event.id, capacity=capacity, starts_at=event.starts_at - dt.timedelta(hours=1))
    return EventWithShift(event=events.get_event(db, event.id), shift=shift)


def upcoming_start(days: int = 14) -> dt.datetime:
    """15:00 in New York ``days`` from today: for rules that only apply before a shift ends."""
    day = dt.datetime.now(NEW_YORK).date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(15, 0), tzinfo=NEW_YORK)


def make_volunteer(
    db: Database, given_name: str = "Ana", family_name: str = "Souza", **fields: object
) -> VolunteerData:
    return volunteers.create_volunteer(
        db,
        VolunteerInput(given_name=given_name, family_name=family_name, **fields),  # type: ignore[arg-type]
    )


def make_group(db: Database, name: str = "Iglesia San José", **fields: object) -> partners.PartnerGroupData:
    return partners.create_group(db, partners.PartnerGroupInput(name=name, **fields))  # type: ignore[arg-type]


@pytest.fixture
def event_with_shift(db: Database) -> EventWithShift:
    """An event (the Danbury rally, 2025-05-20, now past) with one marshal shift of capacity 2."""
    return make_event_with_shift(db, capacity=2)


@pytest.fixture
def upcoming_event_with_shift(db: Database) -> EventWithShift:
    """The same rally two weeks from today: its waitlist still moves."""
    return make_event_with_shift(db, capacity=2, starts_at=upcoming_start())
