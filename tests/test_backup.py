"""Backups of the SQLite database: a complete, private, self-contained copy taken while the
database is open; a failed backup keeps the earlier one; PostgreSQL is refused with advice."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from conftest import make_event, make_group, make_shift, make_volunteer
from rallyorg import app
from rallyorg.db import Database, open_database
from rallyorg.domain.errors import FileWriteError
from rallyorg.i18n import format_file_size
from rallyorg.services import signups, volunteers
from rallyorg.services.backup import BackupError, backup_database, database_info
from rallyorg.services.overview import totals

pytestmark = pytest.mark.sqlite_only


def _coalition(db: Database) -> None:
    make_group(db, "Iglesia San José")
    shift = make_shift(db, make_event(db).id, capacity=1)
    for given, family in (("José", "Gonçalves"), ("María", "Núñez")):
        signups.sign_up(db, make_volunteer(db, given, family).id, shift.id)


def _people(db: Database) -> list[tuple[str, str, str]]:
    return [(r.given_name, r.family_name, r.phone) for r in volunteers.list_volunteers(db)]


def test_backup_is_a_complete_private_single_file_copy(db: Database, db_url: str, tmp_path: Path) -> None:
    _coalition(db)
    database_file = Path(db_url.removeprefix("sqlite:///"))
    # The newest writes are still in the write-ahead log: a plain file copy would miss them.
    assert Path(f"{database_file}-wal").stat().st_size > 0

    result = backup_database(db, tmp_path / "backups" / ".." / "coalition-backup.sqlite3")

    target = tmp_path / "coalition-backup.sqlite3"
    assert result.path == target
    assert result.size_bytes == target.stat().st_size > 0
    assert (result.totals.groups, result.totals.events, result.totals.volunteers) == (1, 1, 2)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with sqlite3.connect(target) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    raw.close()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("test.db")) == [
        "coalition-backup.sqlite3"
    ]  # nothing left behind
    copy = open_database(f"sqlite:///{target}")
    try:
        assert _people(copy) == _people(db)
        assert totals(copy) == totals(db) == result.totals
        [[first, second]] = [[(s.volunteer_name, s.status) for s in shift.signups] for shift in _shifts(copy)]
        assert (first[0], second[0]) == ("José Gonçalves", "María Núñez")
        assert (first[1].value, second[1].value) == ("signed_up", "waitlisted")
    finally:
        copy.close()
    # The database itself carries on as before.
    make_volunteer(db, "Ana", "Souza")
    assert len(_people(db)) == 3


def _shifts(db: Database) -> list[signups.ShiftData]:
    from rallyorg.services import events

    [event] = events.list_events(db)
    return list(events.get_event(db, event.id).shifts)


def test_a_failed_backup_keeps_the_earlier_one(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _coalition(db)
    target = tmp_path / "backup.sqlite3"
    target.write_bytes(b"last week's backup")

    def no_space(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(FileWriteError) as caught:
        backup_database(db, target)
    assert str(caught.value) == (
        f"Could not write {target}: the disk is full. The earlier file there is unchanged."
    )
    assert target.read_bytes() == b"last week's backup"
    left = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("test.db"))
    assert left == ["backup.sqlite3"]


def test_the_database_cannot_be_its_own_backup(db: Database, db_url: str) -> None:
    path = db_url.removeprefix("sqlite:///")
    for target in (path, f"{path}-wal"):
        with pytest.raises(BackupError, match="is the database itself"):
            backup_database(db, target)
    assert open_database(db_url).close() is None  # still a good database


def test_postgresql_is_backed_up_on_its_server() -> None:
    server = Database(create_engine("postgresql+psycopg://organizer:s3cret@db.example.org/coalition"))
    try:
        info = database_info(server)
        assert (info.kind, info.location, info.size_bytes, info.can_back_up) == (
            "postgresql",
            "db.example.org/coalition",
            None,
            False,
        )
        with pytest.raises(BackupError, match="pg_dump"):
            backup_database(server, "/tmp/never-written.sqlite3")
    finally:
        server.close()
    assert not Path("/tmp/never-written.sqlite3").exists()


def test_database_info_for_a_file(db: Database, db_url: str) -> None:
    info = database_info(db)
    assert (info.kind, info.location, info.can_back_up) == ("sqlite", db_url.removeprefix("sqlite:///"), True)
    assert info.size_bytes is not None and info.size_bytes > 0


@pytest.mark.parametrize(
    ("size", "language", "text"),
    [
        (512, "en", "512 byte"),
        (454_656, "en", "454.7 kB"),
        (2_140_000, "pt_BR", "2,1 MB"),
        (3e9, "es", "3 GB"),
    ],
)
def test_file_sizes_are_written_per_locale(size: float, language: str, text: str) -> None:
    assert format_file_size(int(size), language) == text


def test_cli_backup_and_info(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _coalition(db)
    target = tmp_path / "copy.sqlite3"
    assert app.main(["--lang", "en", "--db", db_url, "db", "backup", str(target)]) == 0
    first, counts, advice = capsys.readouterr().out.splitlines()
    assert first.startswith(f"Backup written to {target} (") and first.endswith(" kB).")
    assert counts == "Partner groups: 1 · Rallies: 1 · Volunteers: 2"
    assert advice == "The backup holds volunteers' personal details: keep it somewhere safe."
    assert app.main(["--lang", "es", "--db", db_url, "db", "info"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Base de datos: {db_url.removeprefix('sqlite:///')} (sqlite)"
    assert lines[1].startswith("Tamaño: ") and lines[1].endswith("kB")
    assert app.main(["--lang", "en", "--db", db_url, "db", "backup", db_url.removeprefix("sqlite:///")]) == 1
    assert capsys.readouterr().err.startswith("rallyorg: Choose another file:")
