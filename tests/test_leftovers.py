"""What killed backups and restores leave behind (hidden full copies of everyone's details) is
removed the next time a command or the app opens the database; work in progress is left alone."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import make_volunteer
from rallyorg import app
from rallyorg.db import Database
from rallyorg.services.backup import remove_leftovers
from rallyorg.services.leftovers import (
    BACKUP_SCRATCH,
    LOCK_NAME,
    RESTORE_SCRATCH,
    remove_leftovers_in,
    scratch_folder,
)

pytestmark = pytest.mark.sqlite_only

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from rallyorg.services.leftovers import RESTORE_SCRATCH, scratch_folder

    with scratch_folder(Path(sys.argv[1]), RESTORE_SCRATCH) as folder:
        (folder / "restoring.sqlite3").write_bytes(b"everyone's phone numbers")
        print(folder, flush=True)
        sys.stdin.read()  # until killed
    """
)


def _legacy_leftovers(folder: Path) -> list[Path]:
    """What rallyorg before lock files left when killed: folders with a copy, a temporary file."""
    folder.mkdir(exist_ok=True)
    made = []
    for name in (f"{RESTORE_SCRATCH}abc123", f"{BACKUP_SCRATCH}def456"):
        (folder / name).mkdir()
        (folder / name / "copy.sqlite3").write_bytes(b"everyone's phone numbers")
        made.append(folder / name)
    temp = folder / ".rallyorg-auto-2026-11-23-093000.sqlite3.k2j3h4.tmp"
    temp.write_bytes(b"half a backup")
    return [*made, temp]


def test_a_command_removes_what_killed_backups_and_restores_left(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_volunteer(db, "José", "Gonçalves")
    backups = tmp_path / "test-backups"
    leftovers = _legacy_leftovers(backups)
    beside_the_database = tmp_path / f"{RESTORE_SCRATCH}zzz999"
    beside_the_database.mkdir()
    (beside_the_database / "restoring.sqlite3").write_bytes(b"everyone's phone numbers")
    others = [
        backups / "my-notes.tmp",
        backups / ".rallyorg-something.txt",
        tmp_path / ".rallyorg-export.csv.abc.tmp",  # beside the database: maybe an export running
    ]
    for path in others:
        path.write_bytes(b"not ours to remove")
    empty = backups / f"{BACKUP_SCRATCH}new000"  # may be a backup starting right now: no lock yet
    empty.mkdir()

    assert app.main(["--lang", "en", "--db", db_url, "volunteers", "list", "--json"]) == 0
    assert '"given_name": "José"' in capsys.readouterr().out

    assert [p for p in [*leftovers, beside_the_database] if p.exists()] == []
    assert [p.read_bytes() for p in others] == [b"not ours to remove"] * 3
    assert empty.is_dir()


def test_work_in_progress_is_left_alone_and_removed_once_its_process_is_killed(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        folder = Path(holder.stdout.readline().strip() if holder.stdout else "")
        assert folder.parent == tmp_path and (folder / LOCK_NAME).exists()
        temp = tmp_path / ".rallyorg-before-restore-2026-11-23-093000.sqlite3.abc.tmp"
        temp.write_bytes(b"the safety copy being written")
        assert remove_leftovers_in(tmp_path) == 0  # a restore is running: nothing goes
        assert folder.is_dir() and temp.exists()
    finally:
        holder.kill()
        holder.wait()
        if holder.stdin:
            holder.stdin.close()
        if holder.stdout:
            holder.stdout.close()
    assert holder.returncode != 0
    assert remove_leftovers_in(tmp_path) == 2
    assert list(tmp_path.iterdir()) == []


def test_a_scratch_folder_in_use_in_this_process_is_left_alone(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "test-backups"
    folder.mkdir()
    with scratch_folder(folder, BACKUP_SCRATCH) as scratch:
        (scratch / "copy.sqlite3").write_bytes(b"a backup in progress")
        assert remove_leftovers(db) == 0
        assert (scratch / "copy.sqlite3").exists()
    assert list(folder.iterdir()) == []  # and its own end removes it


def test_the_next_backup_into_a_folder_removes_what_a_killed_one_left_there(
    db: Database, tmp_path: Path
) -> None:
    """The next start looks beside the database and in its backups folder only; a backup
    killed while writing to another folder (a USB stick) is cleaned up by the next one there."""
    from rallyorg.services.backup import backup_database

    make_volunteer(db, "José", "Gonçalves")
    usb = tmp_path / "usb"
    leftovers = _legacy_leftovers(usb)
    backup_database(db, usb / "coalition.sqlite3")
    assert [p for p in leftovers[:2] if p.exists()] == []  # the scratch folders
    assert sorted(p.name for p in usb.iterdir() if not p.name.endswith(".tmp")) == ["coalition.sqlite3"]


def test_plain_copies_a_killed_encryption_left_are_encrypted_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``db encrypt`` converts the database, then its backups: killed in between, it left the
    backups readable beside an encrypted database (and refuses to run again: "already
    encrypted"). The next start encrypts them."""
    import datetime as dt

    from rallyorg.db import encryption as sqlcipher_files
    from rallyorg.db import open_database
    from rallyorg.services import backup, encryption

    path = tmp_path / "coalition.sqlite3"
    db = open_database(f"sqlite:///{path}")
    make_volunteer(db, "Zyxquorth", "Vembleton")
    copy = backup.automatic_backup(db, now=dt.datetime(2026, 11, 30, 9, 0))
    db.close()
    assert copy is not None
    encryption.convert_file(path, None, "correct horse battery", exclusive=True)  # and no further
    assert sqlcipher_files.is_encrypted(path) and b"Zyxquorth" in copy.path.read_bytes()

    monkeypatch.setenv("RALLYORG_PASSPHRASE", "correct horse battery")
    assert app.main(["--lang", "en", "--db", f"sqlite:///{path}", "volunteers", "list", "--json"]) == 0
    assert "Zyxquorth" in capsys.readouterr().out
    assert sqlcipher_files.is_encrypted(copy.path) and b"Zyxquorth" not in copy.path.read_bytes()
    assert sqlcipher_files.opens(copy.path, "correct horse battery")


def test_an_empty_scratch_folder_is_left_while_new_and_removed_once_old(tmp_path: Path) -> None:
    """A rallyorg killed between making its scratch folder and locking it leaves it empty: a
    new one may be someone's that is starting (left alone), an old one is not (removed)."""
    import os
    import time

    new, old = tmp_path / f"{BACKUP_SCRATCH}new000", tmp_path / f"{BACKUP_SCRATCH}old000"
    new.mkdir()
    old.mkdir()
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    assert remove_leftovers_in(tmp_path) == 1
    assert new.is_dir() and not old.exists()
