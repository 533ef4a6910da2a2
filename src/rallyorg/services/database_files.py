"""Database files a person picks in the app (File ▸ New database…, Open database…): made new,
or checked to be rallyorg's before anything is written to them.

Opening brings a database's schema up to date, which would add rallyorg's tables to any SQLite
file; so a file that already holds other tables, and not rallyorg's, is refused instead.
"""

from __future__ import annotations

from pathlib import Path

from rallyorg.db import Database, encryption, open_database
from rallyorg.db.sqlite_files import connect_file
from rallyorg.domain.errors import DatabaseOpenError
from rallyorg.i18n import N_

# Suffixes offered in the file dialogs; any name works.
SUFFIX = ".sqlite3"


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path).expanduser().resolve()}"


def check_database_file(path: Path | str) -> Path:
    """The file's full path if it can be opened as a rallyorg database (a rallyorg database, or
    an empty file); a ``DatabaseOpenError`` saying why not otherwise."""
    file = Path(path).expanduser().resolve()
    if not file.exists():
        raise DatabaseOpenError(
            N_("{path} was not found. It may have been moved or deleted."), path=str(file)
        )
    if not file.is_file():
        raise DatabaseOpenError(N_("{path} is not a file."), path=str(file))
    try:
        with file.open("rb") as stream:
            header = stream.read(len(encryption.SQLITE_HEADER))
    except OSError as error:
        raise DatabaseOpenError(
            N_("{path} cannot be read: {reason}"), path=str(file), reason=error.strerror or str(error)
        ) from error
    if not header:
        return file  # an empty file: opened as a new database
    if header != encryption.SQLITE_HEADER and not encryption.is_encrypted(file):
        raise DatabaseOpenError(N_("{path} is not a rallyorg database."), path=str(file))
    try:
        connection = connect_file(file, read_only=True)  # an encrypted one: its passphrase found
        try:
            tables = {
                row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            connection.close()
    except encryption.driver_errors() as error:
        raise DatabaseOpenError(
            N_("{path} cannot be opened: {reason}"), path=str(file), reason=str(error)
        ) from error
    if tables and not {"alembic_version", "volunteer"} <= tables:
        raise DatabaseOpenError(N_("{path} is not a rallyorg database."), path=str(file))
    return file


def open_database_file(path: Path | str) -> Database:
    """Open an existing rallyorg database file (brought up to date)."""
    return open_database(sqlite_url(check_database_file(path)))


def create_database_file(path: Path | str) -> Database:
    """A new, empty rallyorg database at ``path`` (created private, 0600); never over a file."""
    file = Path(path).expanduser().resolve()
    if file.exists():
        raise DatabaseOpenError(
            N_("{path} already exists. Choose another name, or open it with Open database…"), path=str(file)
        )
    return open_database(sqlite_url(file))


def database_file(db: Database) -> Path | None:
    """The file behind an open SQLite database; None for a server or an in-memory one."""
    if not db.is_sqlite:
        return None
    name = db.engine.url.database or ""
    if name in ("", ":memory:") or name.startswith("file::memory:"):
        return None
    return Path(name).expanduser().resolve()
