"""Database addresses (SQLAlchemy URLs) as people type them: checked, shown without passwords,
and given safe defaults.

An empty path would give SQLite's in-memory database, which keeps nothing once the command
ends though every save reports success; it is refused. A PostgreSQL address without an
``sslmode`` gets ``verify-full``: the names and phones cross the network encrypted, to the
server whose certificate matches its name, or not at all.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import exc, make_url
from sqlalchemy.engine import URL

from rallyorg.domain.errors import DatabaseOpenError
from rallyorg.i18n import N_

POSTGRES_SSLMODE = "verify-full"
# Addresses on this machine need no certificate: nothing crosses a network.
_LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1"}


def sqlite_file(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for an in-memory database (or not SQLite)."""
    if not url.drivername.startswith("sqlite"):
        return None
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        return None
    return Path(database).expanduser()


def without_password(url_text: str) -> str:
    """``url_text`` with any password in it replaced by ``***`` (for messages and logs)."""
    return re.sub(r"(?<=:)[^:/@\s]*(?=@)", "***", url_text)


def pasteable(url: URL) -> str:
    """An address a person can paste back into --db: the password left out (libpq then reads
    PGPASSWORD or ~/.pgpass; an encrypted SQLite file's passphrase comes from the keyring or
    RALLYORG_PASSPHRASE), never shown as ``***``."""
    if url.drivername.startswith("sqlite"):
        url = url.set(drivername="sqlite")
    return url.set(password=None).render_as_string(hide_password=False)


def parse_database_url(url_text: str) -> URL:
    if not url_text.strip():
        raise DatabaseOpenError(N_("The database address is empty. Use e.g. sqlite:///path/to/file.db"))
    try:
        url = make_url(url_text)
    except (exc.ArgumentError, ValueError) as error:
        raise DatabaseOpenError(
            N_("Not a database address: {url}. Use e.g. sqlite:///path/to/file.db"),
            url=without_password(url_text),
        ) from error
    if url.drivername.startswith("sqlite") and sqlite_file(url) is None:
        # What a script gets from "sqlite:///$FILE" with $FILE empty: an in-memory database
        # that keeps nothing once the command ends, though every save reports success.
        raise DatabaseOpenError(
            N_(
                "The database address {url} names no file, so nothing would be kept. "
                "Give a file, e.g. sqlite:///path/to/coalition.db"
            ),
            url=without_password(url_text),
        )
    return with_secure_defaults(url)


def with_secure_defaults(url: URL) -> URL:
    """A PostgreSQL address on another machine gets ``sslmode=verify-full`` unless it names its
    own ``sslmode`` (``require`` for a server without a certificate its name matches, say)."""
    if not url.drivername.startswith("postgresql") or "sslmode" in url.query:
        return url
    if (url.host or "") in _LOCAL_HOSTS or (url.host or "").startswith("/"):
        return url  # loopback or a Unix socket: nothing to encrypt against
    return url.update_query_dict({"sslmode": POSTGRES_SSLMODE})
