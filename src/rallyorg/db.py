"""The one place that opens a database: engine settings, migrations on open, transactions."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc, make_url
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm import exc as orm_exc
from sqlalchemy.pool import StaticPool

from rallyorg.domain.errors import ConflictError, DatabaseOpenError
from rallyorg.i18n import N_

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
_BEGIN_OPTION = "rallyorg_sqlite_begin"


def _sqlite_file(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for an in-memory database."""
    if not url.drivername.startswith("sqlite"):
        return None
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        return None
    return Path(database).expanduser()


def _create_private_file(path: Path) -> None:
    """Create the database file 0600 before SQLite does (it would use 0644 via the umask)."""
    if path.exists():
        return
    if not path.parent.is_dir():
        raise DatabaseOpenError(
            N_("Cannot create the database file {path}: the folder {folder} does not exist."),
            path=str(path),
            folder=str(path.parent),
        )
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as error:
        raise DatabaseOpenError(
            N_("Cannot create the database file {path}: {reason}"),
            path=str(path),
            reason=error.strerror or str(error),
        ) from error


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # SQLAlchemy's documented pysqlite recipe: stop the driver's own implicit BEGIN
        # handling so that SQLAlchemy's BEGIN/SAVEPOINT/ROLLBACK are the real ones.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA secure_delete = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        # Write transactions start with BEGIN IMMEDIATE: they take the write lock up front and
        # wait for it (busy_timeout). With a deferred BEGIN, two writers that both read first
        # deadlock on the upgrade and SQLite fails one at once with "database is locked"
        # (SQLITE_BUSY_SNAPSHOT in WAL mode ignores the busy timeout).
        mode = connection.get_execution_options().get(_BEGIN_OPTION, "")
        connection.exec_driver_sql(f"BEGIN {mode}".rstrip())


def create_database_engine(url_text: str) -> Engine:
    try:
        url = make_url(url_text)
    except exc.ArgumentError as error:
        raise DatabaseOpenError(
            N_("Not a database address: {url}. Use e.g. sqlite:///path/to/file.db"), url=url_text
        ) from error
    sqlite_path = _sqlite_file(url)
    options: dict[str, Any] = {}
    if url.drivername.startswith("sqlite"):
        if sqlite_path is None:
            # One shared connection, or every session would see a different empty database.
            options.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            _create_private_file(sqlite_path)
    else:
        options["pool_pre_ping"] = True
    try:
        engine = create_engine(url, **options)
    except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as error:
        raise DatabaseOpenError(
            N_("Cannot use the database {url}: {reason}"),
            url=url.render_as_string(hide_password=True),
            reason=str(error).splitlines()[0],
        ) from error
    if url.drivername.startswith("sqlite"):
        _configure_sqlite(engine)
    return engine


class Database:
    """An open, migrated database and the session factory the services use."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed if the block succeeds, rolled back entirely if not.

        A record changed by someone else since it was loaded (SQLAlchemy's version check,
        ``StaleDataError``) is reported as a ``ConflictError``.
        """
        try:
            with self._sessions() as session, session.begin():
                if self.is_sqlite:
                    session.connection(execution_options={_BEGIN_OPTION: "IMMEDIATE"})
                yield session
        except orm_exc.StaleDataError as error:
            raise ConflictError(
                N_("Someone else changed this record while you were editing it. Reload and try again.")
            ) from error

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session (rolled back at the end)."""
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    def close(self) -> None:
        self.engine.dispose()


def migrate_to_head(engine: Engine) -> None:
    """Bring the schema up to the newest revision this rallyorg ships.

    Alembic reports a revision it does not know (a database written by a newer rallyorg) as a
    ``CommandError`` from deep inside ``upgrade``: turn that, and any other Alembic refusal,
    into a ``DatabaseOpenError`` with one clear sentence.
    """
    from alembic.util import CommandError

    from rallyorg.migrations import current_revision, known_revision, upgrade_to_head

    current = current_revision(engine)
    if current is not None and not known_revision(current):
        raise DatabaseOpenError(
            N_("This database was written by a newer rallyorg (schema {revision}); please update."),
            revision=current,
        )
    # Two processes opening a new file at once (the app and a command) would both find it empty
    # and race to create the tables ("database is locked"); with BEGIN IMMEDIATE the second one
    # waits for the first to finish, then finds the schema up to date.
    migrating = (
        engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
        if engine.dialect.name == "sqlite"
        else engine
    )
    try:
        upgrade_to_head(migrating)
    except CommandError as error:
        raise DatabaseOpenError(
            N_("Cannot bring the database {url} up to date: {reason}"),
            url=engine.url.render_as_string(hide_password=True),
            reason=str(error).splitlines()[0],
        ) from error


def open_database(url_text: str, *, migrate: bool = True) -> Database:
    """Open the database at ``url_text`` and bring its schema up to date."""
    engine = create_database_engine(url_text)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
        if migrate:
            migrate_to_head(engine)
    except DatabaseOpenError:
        engine.dispose()
        raise
    except exc.DBAPIError as error:
        engine.dispose()
        reason = str(error.orig) if error.orig is not None else str(error)
        raise DatabaseOpenError(
            N_("Cannot open the database {url}: {reason}"),
            url=engine.url.render_as_string(hide_password=True),
            reason=reason.splitlines()[0],
        ) from error
    log.info("database open: %s", engine.dialect.name)
    return Database(engine)
