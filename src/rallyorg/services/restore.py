"""Put a backup back: look inside it first, keep a copy of what is there now, then replace.

``inspect_backup`` opens the file read-only and says what it holds (or why it cannot be used:
not a SQLite file, not rallyorg's, damaged, changed since it was made (its SHA-256 manifest,
backup_manifest.py), written by a newer rallyorg), so the question the user answers names
real numbers.

``restore_database`` works on a private copy of the backup, brought to today's schema first
(the user's file is never changed, and a failed migration changes nothing). Then, holding the
database's write lock from start to end, it backs up what is there now and replaces every
table's rows with the copy's, in one transaction: no one can save anything between the safety
copy and the restore (it would be in neither), and a failure half-way leaves the data as it
was. Every open connection sees the restored rows; nothing has to be closed. The safety copies
are thinned out like the automatic backups (backup_rotation.py).
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy import exc as sa_exc

from rallyorg.db import Database, open_database
from rallyorg.db.encryption import driver_errors
from rallyorg.db.sqlite_files import connect_file, file_engine
from rallyorg.i18n import N_
from rallyorg.migrations import known_revision
from rallyorg.models import Base
from rallyorg.services.backup import (
    BackupError,
    BackupFile,
    automatic_backup_folder,
    automatic_backups,
    backup_database,
    rotate,
    stamped_backups,
)
from rallyorg.services.backup_manifest import check_manifest
from rallyorg.services.database_copy import copy_rows
from rallyorg.services.leftovers import RESTORE_SCRATCH, scratch_folder
from rallyorg.services.overview import Totals, totals

BEFORE_RESTORE_PREFIX = "rallyorg-before-restore-"


@dataclass(frozen=True)
class BackupContents:
    path: Path
    totals: Totals
    modified_at: dt.datetime  # when the file was written, local time
    # Its content matched the checksum inside it; False for a backup made before rallyorg
    # wrote one (a changed or damaged backup is refused: BackupDamagedError).
    verified: bool = False


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupContents
    safety_copy: Path  # what was there before, backed up first


def inspect_backup(path: Path | str) -> BackupContents:
    file = Path(path).expanduser().resolve()
    if not file.is_file():
        raise BackupError(N_("{path} is not a file."), path=str(file))
    try:
        connection = connect_file(file, read_only=True)  # an encrypted one: its passphrase found
        try:
            verdict = connection.execute("PRAGMA quick_check").fetchone()
            listing = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = {row[0] for row in listing}
            revision = (
                connection.execute("SELECT version_num FROM alembic_version").fetchone()
                if "alembic_version" in tables
                else None
            )
            verified = verdict is not None and verdict[0] == "ok" and check_manifest(connection, file)
        finally:
            connection.close()
    except driver_errors() as error:
        raise BackupError(
            N_("{path} cannot be read as a rallyorg backup: {reason}"), path=str(file), reason=str(error)
        ) from error
    if verdict is None or verdict[0] != "ok":
        raise BackupError(N_("{path} is damaged; it cannot be restored."), path=str(file))
    if revision is None or "volunteer" not in tables:
        raise BackupError(N_("{path} is not a rallyorg backup."), path=str(file))
    if not known_revision(revision[0]):
        raise BackupError(
            N_("{path} was written by a newer rallyorg (schema {revision}); please update first."),
            path=str(file),
            revision=revision[0],
        )
    reader = Database(file_engine(file, read_only=True))
    try:
        counted = totals(reader)
    finally:
        reader.close()
    modified = dt.datetime.fromtimestamp(file.stat().st_mtime)
    return BackupContents(file, counted, modified, verified)


def safety_copies(folder: Path) -> list[BackupFile]:
    """The copies taken before a restore, in ``folder``, newest first."""
    return stamped_backups(folder, BEFORE_RESTORE_PREFIX)


def kept_copies(folder: Path) -> list[Path]:
    """Every copy rallyorg keeps in a backups folder: automatic backups and safety copies."""
    if not folder.is_dir():
        return []
    return [b.path for b in (*automatic_backups(folder), *safety_copies(folder))]


def _free_name(folder: Path, stem: str) -> Path:
    """``stem.sqlite3`` in ``folder``, or ``stem-2.sqlite3``… if that exists (two restores in
    one second must not overwrite the first safety copy)."""
    path, number = folder / f"{stem}.sqlite3", 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}.sqlite3"
    return path


def restore_database(db: Database, path: Path | str, *, now: dt.datetime | None = None) -> RestoreResult:
    """Replace everything in ``db`` (a SQLite file) with the backup at ``path``."""
    contents = inspect_backup(path)
    folder = automatic_backup_folder(db)
    if folder is None:
        raise BackupError(N_("Only a SQLite database file can be restored from a backup in rallyorg."))
    folder.mkdir(mode=0o700, exist_ok=True)
    moment = (now or dt.datetime.now()).replace(microsecond=0)
    with scratch_folder(folder, RESTORE_SCRATCH) as scratch:
        staged = scratch / "restoring.sqlite3"
        shutil.copyfile(contents.path, staged)
        staged.chmod(0o600)
        source = open_database(f"sqlite:///{staged}")  # an older backup gets today's schema here
        try:
            with db.transaction() as session, source.engine.connect() as reading:
                writing = session.connection()  # BEGIN IMMEDIATE: the write lock is ours until commit
                safety = backup_database(
                    db, _free_name(folder, f"{BEFORE_RESTORE_PREFIX}{moment:%Y-%m-%d-%H%M%S}")
                )
                for table in reversed(Base.metadata.sorted_tables):  # rows that point at others first
                    writing.execute(delete(table))
                copy_rows(reading, writing)
        except (ValueError, sa_exc.StatementError) as error:
            # A value no column can hold (a date that is not a date): the transaction is rolled
            # back, so the data is as it was; the safety copy stays, it is a good backup.
            raise BackupError(
                N_("{path} holds a value rallyorg cannot read ({reason}); nothing was restored."),
                path=str(contents.path),
                reason=str(getattr(error, "orig", None) or error).splitlines()[0],
            ) from error
        finally:
            source.close()
    rotate(folder, BEFORE_RESTORE_PREFIX, moment)
    return RestoreResult(contents, safety.path)
