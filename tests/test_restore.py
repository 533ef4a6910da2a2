"""Automatic daily backups beside the database, and restoring a backup into the open database:
what it holds is checked first, what was there is kept, the schema is brought up to date."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from conftest import make_group, make_volunteer
from rallyorg import app
from rallyorg.db import Database, create_database_engine, open_database
from rallyorg.migrations import alembic_config, current_revision, head_revision
from rallyorg.services import restore as restore_module
from rallyorg.services import volunteers
from rallyorg.services.backup import (
    AUTO_PREFIX,
    BackupError,
    BackupResult,
    automatic_backup,
    automatic_backup_folder,
    automatic_backups,
    backup_database,
)
from rallyorg.services.overview import Totals, totals
from rallyorg.services.restore import BEFORE_RESTORE_PREFIX, inspect_backup, restore_database

pytestmark = pytest.mark.sqlite_only
MONDAY = dt.datetime(2026, 11, 23, 9, 30)


def _names(db: Database) -> list[str]:
    return sorted(f"{r.given_name} {r.family_name}" for r in volunteers.list_volunteers(db))


def test_automatic_backups_once_a_day_thinned_out_by_the_rotation(
    db: Database, db_url: str, tmp_path: Path
) -> None:
    assert automatic_backup(db, now=MONDAY) is None  # nothing to lose yet
    make_volunteer(db, "José", "Gonçalves")
    folder = automatic_backup_folder(db)
    assert folder == tmp_path / "test-backups"

    first = automatic_backup(db, now=MONDAY)
    assert first is not None and first.path == folder / f"{AUTO_PREFIX}2026-11-23-093000.sqlite3"
    assert automatic_backup(db, now=MONDAY + dt.timedelta(hours=8)) is None  # not due yet
    (folder / "my-own-copy.sqlite3").write_bytes(b"kept")  # not ours: never pruned
    for day in range(1, 10):
        assert automatic_backup(db, now=MONDAY + dt.timedelta(days=day)) is not None

    kept = automatic_backups(folder)
    # The last 7 days, each (Nov 26 to Dec 2); Nov 23 to 25 are neither the newest of their
    # week (Sunday Nov 29 is) nor of their month (Nov 30 is). tests/test_backup_rotation.py
    # follows the rule over months.
    assert [b.taken_at.date().isoformat() for b in kept] == [
        "2026-12-02",
        "2026-12-01",
        "2026-11-30",
        "2026-11-29",
        "2026-11-28",
        "2026-11-27",
        "2026-11-26",
    ]
    assert (folder / "my-own-copy.sqlite3").read_bytes() == b"kept"
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    copy = open_database(f"sqlite:///{kept[0].path}")
    try:
        assert _names(copy) == ["José Gonçalves"]
    finally:
        copy.close()


def test_restoring_puts_the_backup_back_and_keeps_what_was_there(db: Database, tmp_path: Path) -> None:
    make_group(db, "Iglesia San José")
    make_volunteer(db, "José", "Gonçalves")
    backup_database(db, tmp_path / "friday.sqlite3")
    make_volunteer(db, "María", "Núñez")  # after the backup
    [jose] = [r for r in volunteers.list_volunteers(db) if r.given_name == "José"]
    volunteers.delete_volunteer(db, jose.id)  # the mistake the backup undoes

    assert inspect_backup(tmp_path / "friday.sqlite3").totals == Totals(
        groups=1, events=0, volunteers=1, signups=0
    )
    result = restore_database(db, tmp_path / "friday.sqlite3", now=MONDAY)

    assert _names(db) == ["José Gonçalves"]
    assert result.safety_copy.name == f"{BEFORE_RESTORE_PREFIX}2026-11-23-093000.sqlite3"
    before = open_database(f"sqlite:///{result.safety_copy}")
    try:
        assert _names(before) == ["María Núñez"]
    finally:
        before.close()
    make_volunteer(db, "Ana", "Souza")  # the restored database takes new work
    assert _names(db) == ["Ana Souza", "José Gonçalves"]
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_an_older_backup_is_brought_up_to_date(db: Database, tmp_path: Path) -> None:
    old = tmp_path / "from-2025.sqlite3"
    engine = create_database_engine(f"sqlite:///{old}")
    command.upgrade(alembic_config(engine), "0001")
    engine.dispose()
    make_volunteer(db, "Someone", "Current")

    restore_database(db, old)

    assert current_revision(db.engine) == head_revision()
    assert _names(db) == []
    assert totals(db).is_empty


def _not_rallyorg(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    connection.close()


def _from_the_future(path: Path) -> None:
    database = open_database(f"sqlite:///{path}")
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    database.close()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (None, "is not a file"),
        (
            lambda p: p.write_text("Name,Phone\nAna,203\n"),
            "cannot be read as a rallyorg backup: file is not a database",
        ),
        (_not_rallyorg, "is not a rallyorg backup"),
        (_from_the_future, "was written by a newer rallyorg (schema 9999_future); please update first"),
    ],
)
def test_what_cannot_be_restored_is_refused_before_anything_changes(
    db: Database, tmp_path: Path, make: object, message: str
) -> None:
    make_volunteer(db, "José", "Gonçalves")
    candidate = tmp_path / "candidate.sqlite3"
    if callable(make):
        make(candidate)
    with pytest.raises(BackupError) as caught:
        restore_database(db, candidate)
    assert message in str(caught.value)
    assert _names(db) == ["José Gonçalves"]
    assert not (tmp_path / "test-backups").exists()  # not even the safety copy was needed


def test_cli_restore_asks_for_yes(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_volunteer(db, "José", "Gonçalves")
    backup_database(db, tmp_path / "b.sqlite3")
    make_volunteer(db, "María", "Núñez")
    argv = ["--lang", "en", "--db", db_url, "db", "restore", str(tmp_path / "b.sqlite3")]
    assert app.main(argv) == 1
    assert capsys.readouterr().err == (
        f"rallyorg: Restoring replaces everything in {db_url} with the backup (0 partner groups, "
        "0 rallies, 1 volunteer). Run again with --yes to go ahead.\n"
    )
    assert len(_names(db)) == 2
    assert app.main([*argv, "--yes"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Restored the backup: 0 partner groups, 0 rallies, 1 volunteer."
    assert out[1].startswith(
        f"What was there before is kept in {tmp_path / 'test-backups' / BEFORE_RESTORE_PREFIX}"
    )
    assert _names(db) == ["José Gonçalves"]


def test_a_save_during_a_restore_is_never_lost(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Someone saves while the restore runs (the command line, a second window). Their work must
    # end up in the safety copy or after the restore, never in the gap between the two.
    make_volunteer(db, "José", "Gonçalves")
    backup_database(db, tmp_path / "friday.sqlite3")
    safety_taken = threading.Event()
    original = restore_module.backup_database

    def backup_then_let_the_other_writer_try(database: Database, target: Path) -> BackupResult:
        result = original(database, target)
        safety_taken.set()
        time.sleep(0.5)  # the other writer is waiting for the lock now
        return result

    monkeypatch.setattr(restore_module, "backup_database", backup_then_let_the_other_writer_try)

    def other_writer() -> None:
        safety_taken.wait(timeout=10)
        make_volunteer(db, "Zoe", "Late")

    writer = threading.Thread(target=other_writer)
    writer.start()
    result = restore_database(db, tmp_path / "friday.sqlite3", now=MONDAY)
    writer.join(timeout=30)

    copy = open_database(f"sqlite:///{result.safety_copy}")
    try:
        in_safety = _names(copy)
    finally:
        copy.close()
    assert "Zoe Late" in _names(db) or "Zoe Late" in in_safety
    assert _names(db) == ["José Gonçalves", "Zoe Late"]  # it waited for the lock, then saved


def test_two_restores_in_one_second_keep_both_safety_copies(db: Database, tmp_path: Path) -> None:
    make_volunteer(db, "José", "Gonçalves")
    backup_database(db, tmp_path / "b.sqlite3")
    first = restore_database(db, tmp_path / "b.sqlite3", now=MONDAY).safety_copy
    second = restore_database(db, tmp_path / "b.sqlite3", now=MONDAY).safety_copy
    assert first != second and first.exists() and second.name.endswith("-2.sqlite3")


def test_a_backup_dated_in_the_future_does_not_stop_the_daily_ones(db: Database, tmp_path: Path) -> None:
    make_volunteer(db, "José", "Gonçalves")
    folder = tmp_path / "test-backups"
    folder.mkdir()
    (folder / f"{AUTO_PREFIX}2031-01-01-000000.sqlite3").write_bytes(b"made when the clock was wrong")
    made = automatic_backup(db, now=MONDAY)
    assert made is not None and made.path.name == f"{AUTO_PREFIX}2026-11-23-093000.sqlite3"
