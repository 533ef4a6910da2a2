"""The one place that opens a database: engine settings, migrations on open, transactions.

An encrypted SQLite file (encryption.py) is opened through SQLAlchemy's ``sqlite+pysqlcipher``
dialect with its passphrase (passphrases.py); everything above this floor sees the same
``Database`` either way."""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import Engine, create_engine, event, exc, pool
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm import exc as orm_exc

from rallyorg.db import activity_log, encryption, passphrases
from rallyorg.db.addresses import parse_database_url, pasteable, sqlite_file, with_secure_defaults
from rallyorg.db.errors import INSUFFICIENT_PRIVILEGE, busy_error, explain, explain_refusal, is_busy
from rallyorg.domain.errors import ConflictError, DatabaseOpenError
from rallyorg.i18n import N_

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
MIGRATION_WAIT_S = 120  # another process bringing the same file up to date
WAIT_STEP_MS = 500  # how long one try for the write lock waits before on_busy is asked
_BEGIN_OPTION = "rallyorg_sqlite_begin"
_ON_BUSY_OPTION = "rallyorg_on_busy"

# Asked, on the thread that writes, each time the write lock is still taken by another
# process: the seconds waited so far; True to keep waiting. The app shows a cancellable
# "waiting for another rallyorg…" and the command line a message and its --wait limit.
OnBusy = Callable[[float], bool]


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
            if engine.url.drivername == "sqlite+pysqlcipher":
                cursor.execute("PRAGMA cipher_log_level = NONE")  # no "hmac check failed" on stderr
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
        # wait for it. With a deferred BEGIN, two writers that both read first deadlock on the
        # upgrade and SQLite fails one at once with "database is locked" (SQLITE_BUSY_SNAPSHOT
        # in WAL mode ignores the busy timeout). Reads keep a deferred BEGIN: in WAL mode they
        # never wait for a writer.
        options = connection.get_execution_options()
        if options.get(_BEGIN_OPTION) != "IMMEDIATE":
            connection.exec_driver_sql("BEGIN")
            return
        _begin_immediate(connection.connection.driver_connection, options.get(_ON_BUSY_OPTION))


def _begin_immediate(raw: Any, on_busy: OnBusy | None) -> None:
    """Take the write lock, waiting in short steps so that someone can be told (and can stop
    waiting) while another process holds it: a long import elsewhere is not an error."""
    started = time.monotonic()
    raw.execute(f"PRAGMA busy_timeout = {WAIT_STEP_MS}")
    try:
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except Exception as error:  # the driver's OperationalError (sqlite3 or SQLCipher)
                if not is_busy(error):
                    raise
            waited = time.monotonic() - started
            keep_waiting = on_busy(waited) if on_busy is not None else waited < BUSY_TIMEOUT_MS / 1000
            if not keep_waiting:
                raise busy_error()
    finally:
        raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def create_database_engine(url_text: str | URL, *, passphrase: str | None = None) -> Engine:
    """An engine for ``url_text``; an encrypted SQLite file is opened with ``passphrase``, else
    with the one passphrases.py finds (keyring, RALLYORG_PASSPHRASE, the person). A ``URL``
    object (a server's address built in the app) carries its password without it ever being
    written out as text."""
    url = with_secure_defaults(url_text) if isinstance(url_text, URL) else parse_database_url(url_text)
    sqlite_path = sqlite_file(url)
    options: dict[str, Any] = {}
    if sqlite_path is not None:
        _create_private_file(sqlite_path)
        if encryption.is_encrypted(sqlite_path):
            url = encrypted_url(sqlite_path, passphrase or passphrases.passphrase_for(sqlite_path))
            # The dialect's own pool keeps one connection per thread and never closes the
            # others: the pool a plain file gets instead.
            options["poolclass"] = pool.QueuePool
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


def encrypted_url(path: Path, passphrase: str) -> URL:
    """The address of an encrypted file; the dialect keys each connection (PRAGMA key) with
    the URL's password, which is never shown (``Database.url`` drops it)."""
    encryption.sqlcipher()  # a clear refusal where the driver is missing
    return URL.create("sqlite+pysqlcipher", password=passphrase, database=str(path))


def default_actor() -> str:
    """The name the activity log gives changes made on this computer, until told otherwise."""
    import getpass

    try:
        return os.environ.get("RALLYORG_ACTOR") or getpass.getuser()
    except (KeyError, OSError):  # no user name known to the system (some containers)
        return ""


class Database:
    """An open, migrated database and the session factory the services use."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        activity_log.install(self._sessions)
        self.on_busy: OnBusy | None = None  # see OnBusy; None waits BUSY_TIMEOUT_MS, then refuses
        #: Who the activity log says made each change: the login on a server (read at open),
        #: on a laptop the name the app's Settings give, else $RALLYORG_ACTOR or the OS user.
        self.actor = default_actor()
        #: This open database among all sessions writing the activity log (see Activity.origin).
        self.origin = uuid.uuid4().hex

    @property
    def url(self) -> str:
        """The address to show (never a password, nor an encrypted file's passphrase)."""
        if self.is_sqlite:
            return pasteable(self.engine.url)
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_encrypted(self) -> bool:
        return self.engine.url.drivername == "sqlite+pysqlcipher"

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed if the block succeeds, rolled back entirely if not.

        A record changed by someone else since it was loaded (SQLAlchemy's version check,
        ``StaleDataError``) is reported as a ``ConflictError``; the driver's operational
        errors (locked, disk full, server gone) as one clear sentence (``db_errors``).
        """
        try:
            with self._sessions() as session, session.begin():
                session.info[activity_log.ACTOR_KEY] = self.actor
                session.info[activity_log.ORIGIN_KEY] = self.origin
                if self.is_sqlite:
                    options = {_BEGIN_OPTION: "IMMEDIATE", _ON_BUSY_OPTION: self.on_busy}
                    session.connection(execution_options=options)
                yield session
        except orm_exc.StaleDataError as error:
            raise ConflictError(
                N_("Someone else changed this record while you were editing it. Reload and try again.")
            ) from error
        except exc.OperationalError as error:
            raise explain(error) from error
        except (exc.ProgrammingError, exc.IntegrityError) as error:
            raise explain_refusal(error) or error from error

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session (rolled back at the end)."""
        with self._sessions() as session:
            try:
                yield session
            except exc.OperationalError as error:
                raise explain(error) from error
            except exc.ProgrammingError as error:
                raise explain_refusal(error) or error from error
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
    from rallyorg.migrations import HEAD_REVISION, recorded_revision

    if recorded_revision(engine) == HEAD_REVISION:
        return  # up to date: a plain read, no write lock, no Alembic to load
    from alembic.util import CommandError

    from rallyorg.migrations import current_revision, head_revision, known_revision, upgrade_to_head

    current = current_revision(engine)
    if current == head_revision():
        return  # up to date: a plain read, no write lock (another process may be writing)
    if current is not None and not known_revision(current):
        raise DatabaseOpenError(
            N_("This database was written by a newer rallyorg (schema {revision}); please update."),
            revision=current,
        )
    # Two processes opening a new file at once (the app and a command) would both find it empty
    # and race to create the tables ("database is locked"); with BEGIN IMMEDIATE the second one
    # waits for the first to finish, then finds the schema up to date.
    # The one holding the lock may take long (every revision on a big file, on a busy
    # machine): the others wait for it up to MIGRATION_WAIT_S, not the usual 10 s.
    migrating = (
        engine.execution_options(
            **{_BEGIN_OPTION: "IMMEDIATE", _ON_BUSY_OPTION: lambda waited: waited < MIGRATION_WAIT_S}
        )
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
    except exc.ProgrammingError as error:
        if getattr(error.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        # A shared server's organizer, partner or viewer may not change its tables.
        raise DatabaseOpenError(
            N_(
                "The coalition's server needs an upgrade for this version of rallyorg, which only "
                "its owner can make: ask whoever runs it to run rallyorg server init with the "
                "owner's address."
            )
        ) from error


def _refuse_to_open(engine: Engine, error: exc.DBAPIError) -> NoReturn:
    engine.dispose()
    reason = str(error.orig) if error.orig is not None else str(error)
    raise DatabaseOpenError(
        N_("Cannot open the database {url}: {reason}"),
        url=engine.url.render_as_string(hide_password=True),
        reason=reason.splitlines()[0],
    ) from error


def open_database(url_text: str | URL, *, migrate: bool = True) -> Database:
    """Open the database at ``url_text`` and bring its schema up to date."""
    engine = create_database_engine(url_text)
    started = time.monotonic()
    while True:
        try:
            with engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
            if migrate:
                migrate_to_head(engine)
            break
        except DatabaseOpenError:
            engine.dispose()
            raise
        except exc.DBAPIError as error:
            # A file another rallyorg is creating or bringing up to date (the app and a command
            # started together on first run) is locked for as long as that takes: wait for it.
            waiting = is_busy(error) and time.monotonic() - started < MIGRATION_WAIT_S
            if waiting and engine.dialect.name == "sqlite":
                engine.dispose()
                time.sleep(WAIT_STEP_MS / 1000)
                continue
            _refuse_to_open(engine, error)
    log.info("database open: %s", engine.dialect.name)
    database = Database(engine)
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            database.actor = str(connection.exec_driver_sql("SELECT current_user").scalar_one())
    return database
