"""Put a backup back: look inside it first, keep a copy of what is there now, then replace.

``inspect_backup`` opens the file read-only and says what it holds (or why it cannot be used:
not a SQLite file, not rallyorg's, damaged, written by a newer rallyorg), so the question the
user answers names real numbers. ``restore_database`` first backs up the current data beside
the automatic backups, then copies the backup into the open database with SQLite's backup API
(every connection sees the restored data; nothing has to be closed) and brings its schema up
to date.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine

from rallyorg.db import Database, migrate_to_head
from rallyorg.i18n import N_
from rallyorg.migrations import known_revision
from rallyorg.services.backup import BackupError, automatic_backup_folder, backup_database
from rallyorg.services.overview import Totals, totals

BEFORE_RESTORE_PREFIX = "rallyorg-before-restore-"


@dataclass(frozen=True)
class BackupContents:
    path: Path
    totals: Totals
    modified_at: dt.datetime  # when the file was written, local time


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupContents
    safety_copy: Path  # what was there before, backed up first


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def inspect_backup(path: Path | str) -> BackupContents:
    file = Path(path).expanduser().resolve()
    if not file.is_file():
        raise BackupError(N_("{path} is not a file."), path=str(file))
    try:
        connection = _read_only(file)
        try:
            verdict = connection.execute("PRAGMA quick_check").fetchone()
            listing = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = {row[0] for row in listing}
            revision = (
                connection.execute("SELECT version_num FROM alembic_version").fetchone()
                if "alembic_version" in tables
                else None
            )
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
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
    engine = create_engine("sqlite://", creator=lambda: _read_only(file))
    reader = Database(engine)
    try:
        counted = totals(reader)
    finally:
        reader.close()
    modified = dt.datetime.fromtimestamp(file.stat().st_mtime)
    return BackupContents(file, counted, modified)


def restore_database(db: Database, path: Path | str, *, now: dt.datetime | None = None) -> RestoreResult:
    """Replace everything in ``db`` (a SQLite file) with the backup at ``path``."""
    contents = inspect_backup(path)
    folder = automatic_backup_folder(db)
    if folder is None:
        raise BackupError(N_("Only a SQLite database file can be restored from a backup in rallyorg."))
    folder.mkdir(mode=0o700, exist_ok=True)
    moment = now or dt.datetime.now()
    safety = backup_database(db, folder / f"{BEFORE_RESTORE_PREFIX}{moment:%Y-%m-%d-%H%M%S}.sqlite3")
    source = _read_only(contents.path)
    try:
        with db.engine.connect() as connection:
            live = connection.connection.driver_connection
            assert isinstance(live, sqlite3.Connection)
            source.backup(live)
            # The backup was written without WAL; the live database keeps rallyorg's settings.
            live.execute("PRAGMA journal_mode = WAL")
    finally:
        source.close()
    migrate_to_head(db.engine)  # an older backup gets today's schema
    return RestoreResult(contents, safety.path)
