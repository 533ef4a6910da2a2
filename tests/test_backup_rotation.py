"""Backups and safety copies are thinned out Anki-style: every one from the last 7 days, the
newest of each of the last 8 calendar weeks and of each of the last 6 calendar months."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import make_volunteer
from rallyorg.db import Database
from rallyorg.services import backup_rotation
from rallyorg.services.backup import AUTO_PREFIX, automatic_backups, backup_database, rotate
from rallyorg.services.restore import BEFORE_RESTORE_PREFIX, restore_database, safety_copies

NOW = dt.datetime(2026, 3, 18, 9, 0)  # a Wednesday


def _daily(first: dt.date, last: dt.date) -> list[dt.datetime]:
    days = (last - first).days
    return [dt.datetime.combine(first + dt.timedelta(days=n), dt.time(9, 0)) for n in range(days + 1)]


def _kept(stamps: list[dt.datetime], now: dt.datetime) -> list[str]:
    gone = backup_rotation.to_remove(stamps, now, lambda stamp: stamp)
    return [stamp.date().isoformat() for stamp in sorted(set(stamps) - set(gone))]


EXPECTED = [
    # the newest of each of the last 6 months: October … March (March's is today's)
    "2025-10-31",
    "2025-11-30",
    "2025-12-31",
    "2026-01-31",
    # the newest of each of the last 8 weeks (Sundays), Feb 28 being February's
    "2026-02-01",
    "2026-02-08",
    "2026-02-15",
    "2026-02-22",
    "2026-02-28",
    "2026-03-01",
    "2026-03-08",
    # every one from the last 7 days (Mar 11 at 9:00 is exactly 7 days old: not recent)
    "2026-03-12",
    "2026-03-13",
    "2026-03-14",
    "2026-03-15",
    "2026-03-16",
    "2026-03-17",
    "2026-03-18",
]


def test_the_rule_with_explicit_dates() -> None:
    stamps = _daily(dt.date(2025, 8, 1), NOW.date())
    assert _kept(stamps, NOW) == EXPECTED
    removed = backup_rotation.to_remove(stamps, NOW, lambda stamp: stamp)
    assert removed[0] == dt.datetime(2025, 8, 1, 9, 0) and removed == sorted(removed)  # oldest first
    assert len(removed) == len(stamps) - 18


def test_rotating_every_day_keeps_the_same_copies_as_rotating_once() -> None:
    # What the app does: one backup a day, the rule applied after each. A copy the rule keeps
    # at the end was never removed on the way (a week's or a month's copy does not keep moving).
    present: list[dt.datetime] = []
    for stamp in _daily(dt.date(2025, 8, 1), NOW.date()):
        present.append(stamp)
        for gone in backup_rotation.to_remove(present, stamp, lambda s: s):
            present.remove(gone)
        assert len(present) <= 7 + backup_rotation.KEEP_WEEKS + backup_rotation.KEEP_MONTHS
    assert [s.date().isoformat() for s in sorted(present)] == EXPECTED


def test_irregular_copies_and_a_clock_that_was_wrong() -> None:
    stamps = [
        dt.datetime(2026, 3, 18, 8, 0),  # two today
        dt.datetime(2026, 3, 18, 7, 0),
        dt.datetime(2026, 3, 10, 12, 0),  # Tuesday of last week: its week's newest
        dt.datetime(2026, 3, 9, 12, 0),  # Monday of that week: nothing keeps it
        dt.datetime(2025, 9, 30, 12, 0),  # 6 months back: past the monthly copies
        dt.datetime(2025, 10, 2, 12, 0),  # 5 months back: October's newest
        dt.datetime(2025, 10, 1, 12, 0),
        dt.datetime(2031, 1, 1, 0, 0),  # dated ahead of now: kept, its age is unknown
    ]
    assert _kept(stamps, NOW) == ["2025-10-02", "2026-03-10", "2026-03-18", "2026-03-18", "2031-01-01"]


@pytest.mark.sqlite_only
def test_files_are_rotated_by_kind_and_others_are_left_alone(tmp_path: Path) -> None:
    names = [
        f"{AUTO_PREFIX}2026-03-17-090000.sqlite3",
        f"{AUTO_PREFIX}2026-03-09-090000.sqlite3",  # not the newest of its week
        f"{AUTO_PREFIX}2026-03-13-090000.sqlite3",
        f"{BEFORE_RESTORE_PREFIX}2026-03-09-090000.sqlite3",  # the only safety copy that week
        f"{BEFORE_RESTORE_PREFIX}2025-01-05-090000.sqlite3",  # more than 6 months back
        f"{BEFORE_RESTORE_PREFIX}2025-01-05-090000-2.sqlite3",
        "rallyorg-auto-not-a-date.sqlite3",
        "my-own-copy.sqlite3",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"a copy")
    assert rotate(tmp_path, AUTO_PREFIX, NOW) == [tmp_path / names[1]]
    removed = rotate(tmp_path, BEFORE_RESTORE_PREFIX, NOW)
    assert sorted(p.name for p in removed) == sorted(names[4:6])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[:1] + names[2:4] + names[6:])
    assert [b.path.name for b in automatic_backups(tmp_path)] == [names[0], names[2]]


@pytest.mark.sqlite_only
def test_safety_copies_taken_before_a_restore_are_rotated(db: Database, tmp_path: Path) -> None:
    make_volunteer(db, "José", "Gonçalves")
    friday = backup_database(db, tmp_path / "friday.sqlite3").path
    folder = tmp_path / "test-backups"
    folder.mkdir()
    for stamp in ("2025-06-01-100000", "2025-06-20-100000", "2026-02-28-100000", "2026-03-17-100000"):
        (folder / f"{BEFORE_RESTORE_PREFIX}{stamp}.sqlite3").write_bytes(b"an earlier safety copy")

    result = restore_database(db, friday, now=NOW)

    assert [b.path.name for b in safety_copies(folder)] == [
        result.safety_copy.name,
        f"{BEFORE_RESTORE_PREFIX}2026-03-17-100000.sqlite3",
        f"{BEFORE_RESTORE_PREFIX}2026-02-28-100000.sqlite3",
    ]
    assert result.safety_copy.name == f"{BEFORE_RESTORE_PREFIX}2026-03-18-090000.sqlite3"
