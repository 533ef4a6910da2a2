"""Every backup carries a SHA-256 of its content, checked before it is restored: a changed or
damaged backup is refused with the reason, and nothing in the database changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import make_volunteer
from rallyorg import app
from rallyorg.db import Database
from rallyorg.services import volunteers
from rallyorg.services.backup import BackupError, backup_database
from rallyorg.services.backup_manifest import (
    FORMAT,
    FORMAT_1,
    MANIFEST_TABLE,
    BackupDamagedError,
    content_digest,
)
from rallyorg.services.restore import inspect_backup, restore_database

pytestmark = pytest.mark.sqlite_only


def _names(db: Database) -> list[str]:
    return sorted(f"{v.given_name} {v.family_name}" for v in volunteers.list_volunteers(db))


def _edit(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as raw:
        for statement in statements:
            raw.execute(statement)
    raw.close()


@pytest.fixture
def friday(db: Database, tmp_path: Path) -> Path:
    make_volunteer(db, "José", "Gonçalves")
    path = backup_database(db, tmp_path / "friday.sqlite3").path
    make_volunteer(db, "María", "Núñez")  # after the backup
    return path


def test_a_backup_carries_a_checksum_of_its_content(friday: Path) -> None:
    with sqlite3.connect(friday) as raw:
        [(form, digest)] = raw.execute(f"SELECT format, sha256 FROM {MANIFEST_TABLE}").fetchall()
        assert (form, digest) == (FORMAT, content_digest(raw))
        assert len(digest) == 64 and int(digest, 16) >= 0
    raw.close()
    assert inspect_backup(friday).verified


def test_the_checksum_survives_a_copy_and_a_vacuum(friday: Path, tmp_path: Path) -> None:
    copy = tmp_path / "usb" / "friday.sqlite3"
    copy.parent.mkdir()
    copy.write_bytes(friday.read_bytes())
    _edit(copy, "VACUUM")
    assert inspect_backup(copy).verified


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE volunteer SET given_name = 'Josué' WHERE given_name = 'José'",
        "UPDATE volunteer SET created_at = 'not a date'",  # a bad date gave a traceback once
        "DELETE FROM volunteer",
        "INSERT INTO alembic_version (version_num) VALUES ('extra')",
        "CREATE TABLE notes (text TEXT)",
    ],
)
def test_a_changed_backup_is_refused_with_the_reason(
    db: Database, friday: Path, change: str, capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    _edit(friday, change)
    expected = (
        f"{friday} was changed or damaged after rallyorg saved it: its content no longer matches "
        "the checksum written into it."
    )
    with pytest.raises(BackupDamagedError) as caught:
        restore_database(db, friday)
    assert str(caught.value) == expected
    assert _names(db) == ["José Gonçalves", "María Núñez"]  # nothing changed
    assert app.main(["--lang", "en", "--db", db_url, "db", "restore", str(friday), "--yes"]) == 1
    assert capsys.readouterr().err == f"rallyorg: {expected}\n"
    assert _names(db) == ["José Gonçalves", "María Núñez"]


def _as_format_1(path: Path) -> None:
    """Rewrite the manifest as rallyorg wrote it before format 2 (tag-and-length encoding)."""
    with sqlite3.connect(path) as raw:
        raw.execute(f"DELETE FROM {MANIFEST_TABLE}")
        digest = content_digest(raw, FORMAT_1)
        raw.execute(f"INSERT INTO {MANIFEST_TABLE} (format, sha256) VALUES (?, ?)", (FORMAT_1, digest))
    raw.close()


def test_a_format_1_backup_is_still_checked_with_format_1(db: Database, friday: Path) -> None:
    with sqlite3.connect(friday) as raw:
        assert content_digest(raw, FORMAT_1) != content_digest(raw)  # two encodings indeed
    raw.close()
    _as_format_1(friday)
    assert inspect_backup(friday).verified
    _edit(friday, "UPDATE volunteer SET given_name = 'Jos41'")
    with pytest.raises(BackupDamagedError):
        inspect_backup(friday)


@pytest.mark.parametrize(
    "change",
    [
        f"UPDATE {MANIFEST_TABLE} SET format = 'something else'",
        f"INSERT INTO {MANIFEST_TABLE} (format, sha256) VALUES ('{FORMAT}', 'abc')",
    ],
)
def test_a_damaged_checksum_is_refused(db: Database, friday: Path, change: str) -> None:
    _edit(friday, change)
    with pytest.raises(BackupDamagedError) as caught:
        inspect_backup(friday)
    assert str(caught.value) == f"{friday} has a damaged checksum, so its content cannot be trusted."


def test_a_backup_from_before_checksums_is_restored_unverified_and_says_so(
    db: Database, friday: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(friday, f"DROP TABLE {MANIFEST_TABLE}")
    assert not inspect_backup(friday).verified
    assert app.main(["--lang", "en", "--db", db_url, "db", "restore", str(friday), "--yes"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        "Restored the backup: 0 partner groups, 0 rallies, 1 volunteer.",
        "This backup has no checksum (an older rallyorg made it), so changes to it cannot be detected.",
    ]
    assert out[2].startswith("What was there before is kept in ")
    assert _names(db) == ["José Gonçalves"]


def test_a_bad_date_in_an_unverified_backup_is_a_clear_refusal(db: Database, friday: Path) -> None:
    _edit(friday, f"DROP TABLE {MANIFEST_TABLE}", "UPDATE volunteer SET created_at = 'not a date'")
    with pytest.raises(BackupError) as caught:
        restore_database(db, friday)
    assert str(caught.value).startswith(f"{friday} holds a value rallyorg cannot read (")
    assert str(caught.value).endswith("); nothing was restored.")
    assert _names(db) == ["José Gonçalves", "María Núñez"]
