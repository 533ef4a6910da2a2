"""Where the data lives, a complete copy of it on demand, and automatic daily copies.

A backup is taken with SQLite's online backup API while the app keeps running: it copies
the committed state page by page (a plain file copy of a WAL database can miss the newest
transactions or catch one half-written). The copy is checked with ``PRAGMA integrity_check``,
made a single self-contained file (rollback journal instead of WAL), given a SHA-256 manifest
of its content (backup_manifest.py, checked before a restore) and only then moved into place,
so a failed backup never replaces an earlier good one. The app makes an automatic backup when
it starts, at most about once a day, beside the database; older ones are thinned out by
backup_rotation.py's rule (recent ones all, then one a week, then one a month). A PostgreSQL
database is backed up on its server (pg_dump) by whoever runs it; rallyorg says so instead of
half-trying.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from rallyorg.db import Database
from rallyorg.db.encryption import driver_errors
from rallyorg.db.sqlite_files import connect_new_file, database_passphrase, file_engine
from rallyorg.domain.files import write_error
from rallyorg.i18n import N_, _, format_file_size, format_number
from rallyorg.services import backup_rotation
from rallyorg.services.backup_errors import BackupError
from rallyorg.services.backup_manifest import write_manifest
from rallyorg.services.leftovers import BACKUP_SCRATCH, remove_leftovers_in, scratch_folder
from rallyorg.services.overview import Totals, totals

__all__ = ["BackupError"]  # defined in backup_errors (the manifest raises it too); used from here


@dataclass(frozen=True)
class DatabaseInfo:
    kind: str  # the SQLAlchemy dialect: "sqlite", "postgresql"…
    location: str  # a file path, or the server address without a password
    file: Path | None  # the SQLite file, if there is one
    size_bytes: int | None  # the file with its write-ahead log, if there is one

    @property
    def can_back_up(self) -> bool:
        return self.file is not None


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    totals: Totals

    def describe(self, language: str) -> str:
        """What was written, in the interface language (for the command line and the app)."""
        count = functools.partial(format_number, language=language)
        return "\n".join(
            (
                _("Backup written to {path} ({size}).").format(
                    path=self.path, size=format_file_size(self.size_bytes, language)
                ),
                _("Partner groups: {groups} · Rallies: {events} · Volunteers: {volunteers}").format(
                    groups=count(self.totals.groups),
                    events=count(self.totals.events),
                    volunteers=count(self.totals.volunteers),
                ),
                _("The backup holds volunteers' personal details: keep it somewhere safe."),
            )
        )


def _sqlite_file(db: Database) -> Path | None:
    database = db.engine.url.database or ""
    if not db.is_sqlite or database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database).expanduser().resolve()


def database_info(db: Database) -> DatabaseInfo:
    file = _sqlite_file(db)
    if file is None:
        url = db.engine.url
        where = "/".join(part for part in (url.host or "", url.database or "") if part)
        return DatabaseInfo(db.engine.dialect.name, where or db.url, None, None)
    size = sum(p.stat().st_size for p in (file, file.with_name(file.name + "-wal")) if p.exists())
    return DatabaseInfo("sqlite", str(file), file, size)


def _copy_online(db: Database, copy: Path) -> None:
    # An encrypted database's backup is encrypted under the same passphrase: the pages are
    # copied as SQLCipher decrypts them and encrypted again on the way into the copy.
    destination = connect_new_file(copy, database_passphrase(db))
    try:
        with db.engine.connect() as connection:
            source = connection.connection.driver_connection
            assert source is not None
            source.backup(destination)
        destination.execute("PRAGMA journal_mode = DELETE")
        write_manifest(destination)
        # quick_check reads every page of every table and index, as integrity_check does, but
        # does not match each index against its table: the copy is page for page the
        # database's, and that match took 1 s of a 100,000-person backup's 1.6 s.
        verdict = destination.execute("PRAGMA quick_check").fetchone()
    except driver_errors() as error:  # a full disk shows up here as "database or disk is full"
        raise BackupError(N_("The backup could not be made: {reason}"), reason=str(error)) from error
    finally:
        destination.close()
    if verdict is None or verdict[0] != "ok":
        raise BackupError(N_("The copy of the database failed its integrity check; nothing was saved."))


def backup_database(db: Database, target: Path | str) -> BackupResult:
    """Copy the whole database to ``target`` (created readable by its owner only)."""
    source = _sqlite_file(db)
    if source is None:
        raise BackupError(
            N_(
                "Only a SQLite database file can be backed up from rallyorg. A {kind} database is "
                "backed up on its server (for PostgreSQL: pg_dump) by whoever runs it."
            ),
            kind=db.engine.dialect.name,
        )
    path = Path(target).expanduser().resolve()
    if path in (source, source.with_name(source.name + "-wal"), source.with_name(source.name + "-shm")):
        raise BackupError(N_("Choose another file: {path} is the database itself."), path=str(path))
    # The copy is made in a private folder beside the target (same disk, same privacy), checked,
    # then renamed over the target: a killed backup leaves nothing but that folder (no
    # temporary file beside the target), recognised by its lock (services/leftovers.py) and
    # removed at the next start (beside the database, in its backups folder) or by the next
    # backup into the same folder (elsewhere).
    with contextlib.suppress(OSError):  # an unreadable folder is reported just below
        remove_leftovers_in(path.parent, temp_files=False)
    with contextlib.ExitStack() as stack:
        try:
            folder = stack.enter_context(scratch_folder(path.parent, BACKUP_SCRATCH))
        except OSError as error:  # no such folder, no permission, a full disk
            raise write_error(path, error) from error
        copy = folder / "copy.sqlite3"
        _copy_online(db, copy)
        # A plain engine: rallyorg's connection settings would turn WAL back on.
        copied = Database(file_engine(copy, passphrase=database_passphrase(db)))
        try:
            counted = totals(copied)
        finally:
            copied.close()
        try:
            _replace_durably(copy, path)
        except OSError as error:
            raise write_error(path, error) from error
    return BackupResult(path, path.stat().st_size, counted)


def _replace_durably(source: Path, target: Path) -> None:
    """Rename ``source`` over ``target`` (same folder's disk) once its bytes are on the disk."""
    source.chmod(0o600)
    with source.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(source, target)
    if os.name == "posix":  # the rename itself, on the disk (Windows cannot open a folder)
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


# --- automatic backups ------------------------------------------------------------------------
AUTO_PREFIX = "rallyorg-auto-"
AUTO_EVERY = dt.timedelta(hours=20)  # about once a day, whatever time the app is started


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime  # local time, from the file name
    size_bytes: int


def automatic_backup_folder(db: Database) -> Path | None:
    """Beside the database: ``<name>-backups/`` (so two databases never share backups)."""
    file = _sqlite_file(db)
    return None if file is None else backup_folder_of(file)


def backup_folder_of(file: Path) -> Path:
    """The folder of the automatic backups and safety copies of the database file ``file``."""
    return file.parent / f"{file.stem}-backups"


def remove_leftovers(db: Database) -> int:
    """What killed backups and restores of ``db`` left behind (services/leftovers.py), in the
    folder of its automatic backups and its own; how many. Nothing for a server. (At each
    start, services/housekeeping.py runs this and finishes an interrupted encryption.)"""
    file, folder = _sqlite_file(db), automatic_backup_folder(db)
    if file is None or folder is None:
        return 0
    # Beside the database, temporary files may be someone's export in progress: folders only.
    return remove_leftovers_in(folder) + remove_leftovers_in(file.parent, temp_files=False)


def stamped_backups(folder: Path, prefix: str) -> list[BackupFile]:
    """The copies named ``<prefix>YYYY-mm-dd-HHMMSS[-N].sqlite3`` in ``folder``, newest first."""
    found = []
    for path in folder.glob(f"{prefix}*.sqlite3"):
        stamp = path.name.removeprefix(prefix).removesuffix(".sqlite3")
        number = stamp[17:]  # "-2" when two were made in one second
        try:
            taken_at = dt.datetime.strptime(stamp[:17], "%Y-%m-%d-%H%M%S")
        except ValueError:
            continue  # not one of ours
        if number and not (number.startswith("-") and number[1:].isdigit()):
            continue
        found.append(BackupFile(path, taken_at, path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def automatic_backups(folder: Path) -> list[BackupFile]:
    """The automatic backups in ``folder``, newest first."""
    return stamped_backups(folder, AUTO_PREFIX)


def rotate(folder: Path, prefix: str, now: dt.datetime) -> list[Path]:
    """Remove the ``prefix`` copies in ``folder`` that backup_rotation's rule does not keep."""
    removed = []
    for old in backup_rotation.to_remove(stamped_backups(folder, prefix), now, lambda b: b.taken_at):
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


def automatic_backup(db: Database, *, now: dt.datetime | None = None) -> BackupResult | None:
    """A backup if the newest automatic one is older than about a day; older ones are thinned
    out (``rotate``). None when none was due (or the database is on a server)."""
    folder = automatic_backup_folder(db)
    if folder is None or totals(db).is_empty:
        return None  # a server backs itself up; an empty database has nothing to lose
    moment = (now or dt.datetime.now()).replace(microsecond=0)
    folder.mkdir(mode=0o700, exist_ok=True)
    # A backup dated ahead of now (the clock was wrong once) must not stop backups until then.
    existing = [b for b in automatic_backups(folder) if b.taken_at <= moment]
    if existing and moment - existing[0].taken_at < AUTO_EVERY:
        return None
    result = backup_database(db, folder / f"{AUTO_PREFIX}{moment:%Y-%m-%d-%H%M%S}.sqlite3")
    rotate(folder, AUTO_PREFIX, moment)
    return result
