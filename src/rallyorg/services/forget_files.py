"""After people are forgotten in the database: their bytes gone from its write-ahead log, and
the automatic backups and the safety copies taken before a restore rewritten without them.

SQLite runs with ``secure_delete`` (db.py), so deleted rows are overwritten in the database
file; the write-ahead log still holds the pages as they were until a checkpoint, and a
``TRUNCATE`` checkpoint empties the file. Each backup beside the database is rewritten in a
private scratch folder (services/leftovers.py): copied, checked (structure and manifest),
opened (which brings an older one to today's schema), cleaned with the same rules as the
database (forget_records.py, finding the person by id *and* name, email or phone), vacuumed,
checked again, given a new manifest and put in place of the old file in one rename. A copy
that does not name them is left as it was. A copy that cannot be rewritten (damaged, changed,
from a newer rallyorg, a full disk) is deleted, and the report says which and why: keeping it
would keep the person. Backups saved elsewhere by hand are out of reach; the report says that too.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rallyorg.db import Database, open_database
from rallyorg.db.sqlite_files import connect_file
from rallyorg.i18n import N_
from rallyorg.services.backup import automatic_backup_folder
from rallyorg.services.backup_errors import BackupError
from rallyorg.services.backup_manifest import check_manifest, write_manifest
from rallyorg.services.database_files import database_file, sqlite_url
from rallyorg.services.forget_records import Person, erase, locate
from rallyorg.services.leftovers import REWRITE_SCRATCH, scratch_folder
from rallyorg.services.restore import kept_copies


@dataclass(frozen=True)
class BackupsRewritten:
    rewritten: tuple[Path, ...] = ()
    untouched: tuple[Path, ...] = ()  # did not name them
    deleted: tuple[tuple[Path, BaseException], ...] = ()  # could not be rewritten: why
    stuck: tuple[tuple[Path, BaseException], ...] = ()  # could be neither rewritten nor deleted


def clear_write_ahead_log(db: Database) -> bool:
    """Checkpoint and empty the WAL file; False when a reader in another process kept it."""
    if database_file(db) is None:
        return True  # a server; or a file-less database with no log on disk
    with db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        row = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return row is None or row[0] == 0


def backup_copies(db: Database) -> list[Path]:
    """Every copy rallyorg keeps beside ``db``: automatic backups and safety copies."""
    folder = automatic_backup_folder(db)
    return [] if folder is None else kept_copies(folder)


def _check(path: Path, work: Path) -> bool:
    """The copy's structure is sound; True when it has a manifest that matches."""
    raw = connect_file(work)  # an encrypted backup under its database's passphrase
    try:
        verdict = raw.execute("PRAGMA quick_check").fetchone()
        if verdict is None or verdict[0] != "ok":
            raise BackupError(N_("{path} is damaged."), path=str(path))
        return check_manifest(raw, path)
    finally:
        raw.close()


def _finish(path: Path, work: Path, with_manifest: bool) -> None:
    raw = connect_file(work)
    try:
        raw.execute("PRAGMA secure_delete = ON")
        raw.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, as backups are
        if with_manifest:
            write_manifest(raw)
        raw.execute("VACUUM")  # no free page keeps anything of them
        verdict = raw.execute("PRAGMA integrity_check").fetchone()
        if with_manifest and not check_manifest(raw, path):
            raise BackupError(N_("{path} is damaged."), path=str(path))
    finally:
        raw.close()
    if verdict is None or verdict[0] != "ok":
        raise BackupError(N_("{path} is damaged."), path=str(path))


def rewrite_backup(path: Path, people: Sequence[Person], now: dt.datetime) -> bool:
    """Rewrite one backup without ``people``; False when it did not name them (left as it was)."""
    with scratch_folder(path.parent, REWRITE_SCRATCH) as scratch:
        work = scratch / "rewriting.sqlite3"
        shutil.copyfile(path, work)
        work.chmod(0o600)
        had_manifest = _check(path, work)
        copy = open_database(sqlite_url(work))
        try:
            with copy.transaction() as session:
                erased = erase(session, [locate(session, person) for person in people], now)
        finally:
            copy.close()
        if not erased.changed:
            return False
        _finish(path, work, had_manifest)
        os.replace(work, path)
    return True


def rewrite_backups(db: Database, people: Sequence[Person], now: dt.datetime) -> BackupsRewritten:
    rewritten: list[Path] = []
    untouched: list[Path] = []
    deleted: list[tuple[Path, BaseException]] = []
    stuck: list[tuple[Path, BaseException]] = []
    for path in backup_copies(db):
        try:
            (rewritten if rewrite_backup(path, people, now) else untouched).append(path)
        except Exception as error:  # whatever it was, this copy would keep them: it goes
            try:
                path.unlink(missing_ok=True)
            except OSError as unlink_error:
                stuck.append((path, unlink_error))
            else:
                deleted.append((path, error))
    return BackupsRewritten(tuple(rewritten), tuple(untouched), tuple(deleted), tuple(stuck))
