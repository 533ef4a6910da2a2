"""SQLite storage: private files, connection settings, real rollbacks and savepoints, cascades,
choosing the database, and clear errors when it cannot be opened."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from conftest import make_group, make_volunteer
from rallyorg import paths
from rallyorg.db import Database, open_database
from rallyorg.domain.errors import DatabaseOpenError, ValidationError
from rallyorg.domain.events import EventInput, EventPartnerInput, EventTextInput
from rallyorg.migrations import current_revision, head_revision
from rallyorg.models import Contact, PartnerGroup
from rallyorg.services import events, partners
from rallyorg.services.partners import ContactInput


def _count(db: Database, model: type[PartnerGroup] | type[Contact]) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_new_database_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "private.db"
    database = open_database(f"sqlite:///{path}")
    try:
        make_volunteer(database)
    finally:
        database.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_existing_file_permissions_are_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    path.touch(mode=0o640)
    path.chmod(0o640)
    open_database(f"sqlite:///{path}").close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.sqlite_only
def test_pragmas_on_every_connection(db: Database) -> None:
    expected = {"foreign_keys": 1, "journal_mode": "wal", "synchronous": 2, "secure_delete": 1}
    # Two connections open at once: the pool must set both up, not just the first.
    with db.engine.connect() as first, db.engine.connect() as second:
        for connection in (first, second):
            for pragma, value in expected.items():
                assert connection.exec_driver_sql(f"PRAGMA {pragma}").scalar() == value, pragma
            assert (connection.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) > 0
    with db.transaction() as session:
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_failing_transaction_writes_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction() as session:
        group = PartnerGroup(name="Half written", name_key="half written")
        session.add(group)
        session.flush()
        session.add(Contact(group_id=group.id, name="Orphan"))
        session.flush()
        raise RuntimeError("power cut")

    assert _count(db, PartnerGroup) == 0
    assert _count(db, Contact) == 0


def test_a_service_that_fails_halfway_writes_nothing(db: Database) -> None:
    group = make_group(db)
    texts = {"en": EventTextInput(title="Rally"), "es": EventTextInput(title="x" * 301)}
    with pytest.raises(ValidationError):
        events.create_event(
            db,
            EventInput(
                starts_at=events.local_datetime(dt.date(2025, 5, 20), dt.time(15), "America/New_York"),
                ends_at=events.local_datetime(dt.date(2025, 5, 20), dt.time(17), "America/New_York"),
                texts=texts,
                partners=(EventPartnerInput(group.id),),
            ),
        )
    assert events.list_events(db) == []
    with db.reading() as session:
        assert session.execute(text("SELECT count(*) FROM event_text")).scalar() == 0


def test_a_rolled_back_savepoint_discards_its_rows(db: Database) -> None:
    with db.transaction() as session:
        session.add(PartnerGroup(name="Kept", name_key="kept"))
        session.flush()
        nested = session.begin_nested()
        session.add(PartnerGroup(name="Discarded", name_key="discarded"))
        session.flush()
        nested.rollback()
        session.add(PartnerGroup(name="Also kept", name_key="also kept"))

    assert [g.name for g in partners.list_groups(db)] == ["Also kept", "Kept"]


def test_rolling_back_discards_rows_of_a_released_savepoint(db: Database) -> None:
    """Without SQLAlchemy's pysqlite recipe the driver emits no BEGIN before a SAVEPOINT, so
    the savepoint is the outermost transaction and releasing it commits for good."""
    with pytest.raises(RuntimeError), db.transaction() as session:
        with session.begin_nested():
            session.add(PartnerGroup(name="Released", name_key="released"))
        raise RuntimeError("the outer unit of work fails")

    assert _count(db, PartnerGroup) == 0


def test_a_savepoint_that_fails_leaves_the_outer_transaction_usable(db: Database) -> None:
    with db.transaction() as session:
        session.add(PartnerGroup(name="Kept", name_key="kept"))
        session.flush()
        with pytest.raises(IntegrityError, match=r"(?i)unique"), session.begin_nested():
            session.add(PartnerGroup(name="KEPT", name_key="kept"))
            session.flush()
    assert [g.name for g in partners.list_groups(db)] == ["Kept"]


def test_deleting_a_group_cascades_contacts_in_the_database_itself(db: Database) -> None:
    group = make_group(db)
    partners.add_contact(db, group.id, ContactInput(name="Padre Luis"))
    member = make_volunteer(db, group_id=group.id)
    # Plain SQL, bypassing the ORM's cascade: the foreign keys must do it.
    with db.transaction() as session:
        session.execute(text("DELETE FROM partner_group WHERE id = :id"), {"id": group.id})
    assert _count(db, Contact) == 0
    with db.reading() as session:
        group_of_member = session.execute(
            text("SELECT group_id FROM volunteer WHERE id = :id"), {"id": member.id}
        ).scalar()
    assert group_of_member is None


def test_rallyorg_db_environment_variable_chooses_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'from-env.db'}"
    monkeypatch.setenv(paths.DB_ENV_VAR, url)
    assert paths.default_database_url() == url


def test_default_database_lives_in_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(paths.DB_ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = paths.default_database_url()
    assert url == f"sqlite:///{tmp_path / 'data' / 'rallyorg' / 'rallyorg.sqlite3'}"
    assert stat.S_IMODE((tmp_path / "data" / "rallyorg").stat().st_mode) == 0o700


@pytest.mark.parametrize(
    "url", ["sqlite://", "sqlite:///", "sqlite:///:memory:", "sqlite:///file::memory:?uri=true"]
)
def test_a_database_address_without_a_file_is_refused(url: str) -> None:
    """``sqlite:///$FILE`` with $FILE empty: before, an in-memory database took every save,
    reported success and kept nothing."""
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(url)
    assert str(caught.value) == (
        f"The database address {url} names no file, so nothing would be kept. "
        "Give a file, e.g. sqlite:///path/to/coalition.db"
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "Not a database address: not a url. Use e.g. sqlite:///path/to/file.db"),
        ("", "The database address is empty. Use e.g. sqlite:///path/to/file.db"),
        (
            "organizer:Secr3t-pass@db.example.org/rallyorg",
            "Not a database address: organizer:***@db.example.org/rallyorg. Use e.g. sqlite:///path/to/file.db",
        ),
        (
            "postgresql+psycopg://organizer:Secr3t-pass@[::1/rallyorg",
            "Not a database address: postgresql+psycopg://organizer:***@[::1/rallyorg. "
            "Use e.g. sqlite:///path/to/file.db",
        ),
        (
            "nosuchdb://host/x",
            "Cannot use the database nosuchdb://host/x: Can't load plugin: sqlalchemy.dialects:nosuchdb",
        ),
    ],
)
def test_bad_urls(url: str, message: str) -> None:
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(url)
    assert str(caught.value) == message


def test_missing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder" / "x.db"
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(f"sqlite:///{missing}")
    assert str(caught.value) == (
        f"Cannot create the database file {missing}: the folder {missing.parent} does not exist."
    )
    assert not missing.parent.exists()


def test_not_a_database_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Shopping list: tortillas, farofa, pão de queijo\n" * 200)
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(f"sqlite:///{path}")
    assert str(caught.value) == f"Cannot open the database sqlite:///{path}: file is not a database"
    assert path.read_text().startswith("Shopping list")


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="unable to open database file"):
        open_database(f"sqlite:///{tmp_path}")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    open_database(f"sqlite:///{path}").close()
    path.chmod(0)
    try:
        with pytest.raises(DatabaseOpenError, match="Cannot open the database"):
            open_database(f"sqlite:///{path}")
    finally:
        path.chmod(0o600)


def test_database_from_a_newer_rallyorg_is_refused(db_url: str) -> None:
    database = open_database(db_url)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    database.close()

    with pytest.raises(DatabaseOpenError) as caught:
        open_database(db_url)

    assert str(caught.value) == (
        "This database was written by a newer rallyorg (schema 9999_from_the_future); please update."
    )


def _open_when_all_are_ready(url: str, start: Any, results: Any) -> None:
    start.wait()
    try:
        open_database(url).close()
    except Exception as error:
        results.put(f"{type(error).__name__}: {error}")
    else:
        results.put("ok")


def test_two_processes_opening_a_new_file_do_not_collide(tmp_path: Path) -> None:
    """The app and a command started together on first run both migrate the same new file.
    (Processes, not threads: Alembic's ``context`` is process-global.)"""
    url = f"sqlite:///{tmp_path / 'first-run.db'}"
    forking = multiprocessing.get_context("fork")
    start, results = forking.Barrier(3), forking.Queue()
    workers = [forking.Process(target=_open_when_all_are_ready, args=(url, start, results)) for _ in range(3)]
    for worker in workers:
        worker.start()
    outcomes = sorted(results.get(timeout=60) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)

    assert outcomes == ["ok"] * 3
    database = open_database(url)
    try:
        assert current_revision(database.engine) == head_revision()
    finally:
        database.close()


@pytest.mark.sqlite_only
def test_opening_migrates_to_head(db: Database) -> None:
    assert current_revision(db.engine) == head_revision()
    assert db.is_sqlite
    assert db.url.endswith("test.db")
