"""After forgetting, a person's name, email and phone are in none of the bytes of the database
file, its write-ahead log, its automatic backups or the safety copies taken before a restore;
a copy that cannot be rewritten is deleted and the report says which and why."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest

from conftest import make_event, make_group, make_shift, make_volunteer
from rallyorg.db import Database, open_database
from rallyorg.domain.errors import DatabaseOpenError
from rallyorg.exchange.columns import ImportKind
from rallyorg.services import attendance, exports, forget, partners, signups, volunteers
from rallyorg.services.backup import automatic_backup, backup_database
from rallyorg.services.backup_manifest import MANIFEST_TABLE, BackupDamagedError
from rallyorg.services.forget_records import Erased
from rallyorg.services.imports import OnDuplicate, run_import
from rallyorg.services.restore import inspect_backup, restore_database

pytestmark = pytest.mark.sqlite_only

# Every spelling of the marker that could be stored: as typed, folded (search and sort keys),
# the phone in E.164 and the earlier phone an import replaced (kept for undo), the email.
MARKER = (
    b"Zorbalina",
    b"zorbalina",
    b"Quixfeather",
    b"quixfeather",
    b"zorbalina.q@quix.example",
    b"2035550147",
    b"2035550148",
)
MONDAY = dt.datetime(2026, 11, 23, 9, 30)


def _hits(path: Path) -> list[bytes]:
    data = path.read_bytes()
    return [marker for marker in MARKER if marker in data]


def _files(tmp_path: Path) -> list[Path]:
    """The database, its log and shared memory, and everything in its backups folder."""
    found = [p for p in tmp_path.glob("test.db*")] + list((tmp_path / "test-backups").rglob("*"))
    return sorted(p for p in found if p.is_file())


def _marker_through_everything(db: Database, tmp_path: Path) -> int:
    """Import → update by import → sign-up → check-in → export → backup → restore (a safety copy)."""
    make_volunteer(db, "Ana", "Souza", phone="203-555-0100")
    csv = tmp_path / "people.csv"
    csv.write_text(
        "Name,Phone,Email,City\nZorbalina Quixfeather,203-555-0148,zorbalina.q@quix.example,Danbury\n",
        "utf-8",
    )
    [created] = run_import(db, csv, ImportKind.VOLUNTEERS).outcomes
    marker = created.record_id
    assert marker is not None
    csv.write_text(
        "Name,Phone,Email,City\nZorbalina Quixfeather,203-555-0147,zorbalina.q@quix.example,Bethel\n", "utf-8"
    )
    assert run_import(db, csv, ImportKind.VOLUNTEERS, on_duplicate=OnDuplicate.UPDATE).updated == 1
    csv.unlink()  # the organizer's own file, not rallyorg's
    rally = make_event(db)
    shift = make_shift(db, rally.id)
    signups.check_in(db, signups.sign_up(db, marker, shift.id).id)
    exports.export_volunteers(db, tmp_path / "exported" / "volunteers.csv")
    assert automatic_backup(db, now=MONDAY) is not None
    by_hand = backup_database(db, tmp_path / "by-hand.sqlite3").path
    restore_database(db, by_hand, now=MONDAY + dt.timedelta(hours=1))  # takes a safety copy first
    return marker


@pytest.fixture
def export_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "exported"
    folder.mkdir()
    return folder


def test_after_forgetting_the_marker_is_in_no_byte_of_the_database_its_log_or_its_backups(
    db: Database, tmp_path: Path, export_folder: Path
) -> None:
    marker = _marker_through_everything(db, tmp_path)
    backups = sorted((tmp_path / "test-backups").glob("*.sqlite3"))
    assert [p.name for p in backups] == [
        "rallyorg-auto-2026-11-23-093000.sqlite3",
        "rallyorg-before-restore-2026-11-23-103000.sqlite3",
    ]
    # Before: everywhere (the test would prove nothing otherwise).
    database_bytes = b"".join(p.read_bytes() for p in tmp_path.glob("test.db*"))
    assert [m for m in MARKER if m in database_bytes] == list(MARKER)
    for backup in backups:
        assert _hits(backup) == list(MARKER), backup.name
    shift = signups.get_shift(db, 1)
    tally = attendance.attendance(db, shift.event_id)

    report = forget.forget_volunteer(db, marker)

    assert report.erased == Erased(records=1, signups_kept=1, import_records=2)
    assert report.log_cleared
    assert report.backups.rewritten == tuple(backups)
    assert (report.backups.untouched, report.backups.deleted, report.backups.stuck) == ((), (), ())
    assert report.describe() == [
        "1 sign-up stays as an anonymous count (the shift keeps its numbers).",
        "2 import history records that name them are removed.",
        "2 backups beside the database were rewritten without them.",
        "Backups you saved elsewhere yourself still hold them: delete those too.",
    ]
    assert (tmp_path / "test.db-wal").stat().st_size == 0
    for path in _files(tmp_path):
        assert _hits(path) == [], path.name
    assert _hits(tmp_path / "by-hand.sqlite3") == list(MARKER)  # saved elsewhere: out of reach, and said so
    # The counts are kept, and the rewritten backups are whole, checked backups without them.
    assert signups.get_shift(db, 1).filled == shift.filled == 1
    assert attendance.attendance(db, shift.event_id) == tally
    assert [v.given_name for v in volunteers.list_volunteers(db)] == ["Ana"]
    for backup in backups:
        contents = inspect_backup(backup)
        assert contents.verified and (contents.totals.volunteers, contents.totals.signups) == (1, 1)
        copy = open_database(f"sqlite:///{backup}")
        try:
            assert [v.given_name for v in volunteers.list_volunteers(copy)] == ["Ana"]
            [anonymous] = signups.get_shift(copy, 1).signups
            assert (anonymous.volunteer_id, anonymous.status.value) == (None, "attended")
        finally:
            copy.close()
    assert sorted(p.name for p in (tmp_path / "test-backups").iterdir()) == [p.name for p in backups]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_that_cannot_be_rewritten_is_deleted_and_the_report_says_why(
    db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "test-backups"
    make_volunteer(db, "Ana", "Souza")
    before_them = automatic_backup(db, now=MONDAY)  # does not name the marker: left as it is
    assert before_them is not None
    kept_digest = _digest(before_them.path)
    marker = make_volunteer(db, "Zorbalina", "Quixfeather", email="zorbalina.q@quix.example")
    changed = backup_database(db, folder / "rallyorg-auto-2026-11-24-093000.sqlite3").path
    with sqlite3.connect(changed) as raw:  # someone edited the backup: its checksum no longer matches
        raw.execute("UPDATE volunteer SET city = 'Somewhere' WHERE given_name = 'Ana'")
    raw.close()
    newer = backup_database(db, folder / "rallyorg-before-restore-2026-11-25-093000.sqlite3").path
    with sqlite3.connect(newer) as raw:  # from a newer rallyorg, made before checksums existed
        raw.execute(f"DROP TABLE {MANIFEST_TABLE}")
        raw.execute("UPDATE alembic_version SET version_num = '9999_future'")
    raw.close()

    report = forget.forget_volunteer(db, marker.id)

    assert report.backups.rewritten == report.backups.stuck == ()
    assert report.backups.untouched == (before_them.path,)
    assert [(path, type(error)) for path, error in report.backups.deleted] == [
        (changed, BackupDamagedError),
        (newer, DatabaseOpenError),
    ]
    assert not changed.exists() and not newer.exists()
    assert _digest(before_them.path) == kept_digest
    assert report.describe()[-3:] == [
        f"The backup {changed} could not be rewritten ({changed} was changed or damaged after rallyorg "
        "saved it: its content no longer matches the checksum written into it.), so it was deleted.",
        f"The backup {newer} could not be rewritten (This database was written by a newer rallyorg "
        "(schema 9999_future); please update.), so it was deleted.",
        "Backups you saved elsewhere yourself still hold them: delete those too.",
    ]


def test_a_backup_where_their_id_belongs_to_someone_else_is_left_alone(db: Database, tmp_path: Path) -> None:
    # SQLite gives a new row the highest id plus one: once Old Person is deleted, the marker can
    # get their id. The backup's volunteer 1 is Old Person, who must not be forgotten.
    earlier = make_volunteer(db, "Old", "Person", phone="203-555-0199")
    backup = automatic_backup(db, now=MONDAY)
    assert backup is not None
    volunteers.delete_volunteer(db, earlier.id)
    marker = make_volunteer(db, "Zorbalina", "Quixfeather", phone="203-555-0147")
    assert marker.id == earlier.id

    report = forget.forget_volunteer(db, marker.id)

    assert report.backups.untouched == (backup.path,)
    copy = open_database(f"sqlite:///{backup.path}")
    try:
        assert [(v.id, v.given_name) for v in volunteers.list_volunteers(copy)] == [(earlier.id, "Old")]
    finally:
        copy.close()


def test_a_contact_is_forgotten_in_the_backups_too(db: Database, tmp_path: Path) -> None:
    group = make_group(db, "Unidad Latina")
    rosa = partners.add_contact(
        db,
        group.id,
        partners.ContactInput(
            name="Zorbalina Quixfeather", email="zorbalina.q@quix.example", phone="203-555-0147"
        ),
    )
    backup = automatic_backup(db, now=MONDAY)
    assert backup is not None and _hits(backup.path) == [m for m in MARKER if m != b"2035550148"]

    report = forget.forget_contact(db, rosa.id)

    assert report.backups.rewritten == (backup.path,)
    for path in _files(tmp_path):
        assert _hits(path) == [], path.name
    assert inspect_backup(backup.path).totals.groups == 1
