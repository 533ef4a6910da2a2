"""Connecting the app to a coalition's shared PostgreSQL server: trying a connection, opening
it, where the open database is, and the login's password in the operating system's keyring.

The password is kept in the keyring (service "rallyorg server", the name "user@host:port/db")
or nowhere: never in the settings, a file or a log. Keyring failures (none installed, a locked
one) mean "not kept there", as for an encrypted file's passphrase (db/passphrases.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, exc, pool

from rallyorg.db import Database, open_database
from rallyorg.db.errors import explain
from rallyorg.db.server_address import (
    DEFAULT_PORT,
    DEFAULT_SSL_MODE,
    SSL_MODES,
    ServerAddress,
    server_address,
)
from rallyorg.domain.errors import DatabaseOpenError
from rallyorg.i18n import N_

__all__ = [
    "DEFAULT_PORT",
    "DEFAULT_SSL_MODE",
    "KEYRING_SERVICE",
    "SSL_MODES",
    "ConnectionCheck",
    "DataLocation",
    "ServerAddress",
    "ServerConnectionError",
    "ServerLoginRefused",
    "check_connection",
    "forget_password",
    "keep_password",
    "kept_password",
    "location",
    "open_server",
    "ssl_mode_or_default",
]

log = logging.getLogger(__name__)

KEYRING_SERVICE = "rallyorg server"
TEST_TIMEOUT_S = 5  # "Test connection": an answer while the person waits

_REFUSED_LOGIN = N_("The database server refused the user name or password.")  # as db/errors.py


class ServerConnectionError(DatabaseOpenError):
    """The server could not be reached or used, with the reason in words."""


class ServerLoginRefused(ServerConnectionError):
    """The server refused the user name or password (ask for the password again)."""


@dataclass(frozen=True)
class ConnectionCheck:
    """What a successful test found."""

    user: str
    server_version: str
    encrypted: bool | None  # None: not known (a Unix socket, or the server would not say)


@dataclass(frozen=True)
class DataLocation:
    """Where the open database is: a file on this computer, or a server (or, for a test's
    in-memory database, neither)."""

    file: Path | None
    server: ServerAddress | None


def location(db: Database) -> DataLocation:
    url = db.engine.url
    if db.is_sqlite:
        name = url.database or ""
        memory = name in ("", ":memory:") or name.startswith("file::memory:")
        return DataLocation(file=None if memory else Path(name).expanduser().resolve(), server=None)
    return DataLocation(file=None, server=server_address(url))


# --- trying and opening -------------------------------------------------------------------


def check_connection(
    address: ServerAddress, password: str, *, timeout: int = TEST_TIMEOUT_S
) -> ConnectionCheck:
    """Connect once (within ``timeout`` seconds) and say who the server says we are; a
    ``ServerConnectionError`` with the reason in words when it does not work."""
    address.check()
    engine = create_engine(address.url(password, connect_timeout=timeout), poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            user, version = connection.exec_driver_sql(
                "SELECT current_user, current_setting('server_version')"
            ).one()
            encrypted: bool | None = None
            if not address.is_local_socket:
                try:
                    encrypted = bool(
                        connection.exec_driver_sql(
                            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
                        ).scalar()
                    )
                except exc.DBAPIError:
                    encrypted = None  # an old or restricted server: the check itself worked
    except exc.DBAPIError as error:
        raise explain_connection(error, address) from error
    except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as error:
        raise ServerConnectionError(
            N_("This rallyorg cannot connect to PostgreSQL: {reason}"), reason=str(error).splitlines()[0]
        ) from error
    finally:
        engine.dispose()
    return ConnectionCheck(user=str(user), server_version=str(version), encrypted=encrypted)


def open_server(address: ServerAddress, password: str) -> Database:
    """The server's database, opened (and brought up to date) as ``open_database`` does a file."""
    address.check()
    try:
        return open_database(address.url(password))
    except DatabaseOpenError as error:
        if isinstance(error.__cause__, exc.DBAPIError):
            raise explain_connection(error.__cause__, address) from error
        raise


def explain_connection(error: exc.DBAPIError, address: ServerAddress) -> ServerConnectionError:
    """Why a connection to ``address`` failed, in one sentence (the driver's own words are
    English and full of libpq detail)."""
    original = error.orig if error.orig is not None else error
    reason = str(original).lower()
    first_line = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    if (
        "password authentication failed" in reason
        or "no password supplied" in reason
        or ("role" in reason and "does not exist" in reason)
    ):
        return ServerLoginRefused(_REFUSED_LOGIN)
    if "server does not support ssl" in reason:
        return ServerConnectionError(
            N_(
                "The server does not offer an encrypted (TLS) connection, and this one requires it. "
                "Ask whoever runs the server to turn TLS on."
            )
        )
    if "certificate" in reason or "ssl" in reason or "tls" in reason:
        return ServerConnectionError(
            N_(
                "The server's certificate could not be checked, so nothing was sent to it ({reason}). "
                "Check the server's name, or choose the CA certificate file its keeper gave you."
            ),
            reason=first_line,
        )
    if any(
        words in reason
        for words in ("failed to resolve host", "could not translate host name", "name or service not known")
    ):
        return ServerConnectionError(
            N_("No server named {host} was found: check the name and the network."), host=address.host
        )
    if f'database "{address.database.lower()}" does not exist' in reason:
        return ServerConnectionError(
            N_("The server has no database named {database}."), database=address.database
        )
    if "no pg_hba.conf entry" in reason:
        return ServerConnectionError(
            N_(
                "The server does not let this login in from this computer (or without TLS). Ask "
                "whoever runs the server."
            )
        )
    explained = explain(error)  # an unreachable server, in the words the app already uses
    if "reason" in explained.params:  # its catch-all: the driver's words, said as ours
        return ServerConnectionError(N_("The server could not be used: {reason}"), reason=first_line)
    return ServerConnectionError(explained.message, **explained.params)


# --- the password in the keyring ------------------------------------------------------------


def kept_password(address: ServerAddress) -> str | None:
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, address.keyring_name)
    except Exception as error:  # keyring backends raise whatever their platform raises
        log.info("no server password from the keyring: %s", type(error).__name__)
        return None


def keep_password(address: ServerAddress, password: str) -> bool:
    """Store the password in the keyring; False when there is no usable keyring."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, address.keyring_name, password)
        # Some backends accept and drop it (the "null" keyring of a machine without a desktop).
        return bool(keyring.get_password(KEYRING_SERVICE, address.keyring_name) == password)
    except Exception as error:
        log.info("server password not kept in the keyring: %s", type(error).__name__)
        return False


def forget_password(address: ServerAddress) -> None:
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, address.keyring_name)
    except Exception as error:  # not there, or no keyring: nothing to forget
        log.info("no server password removed from the keyring: %s", type(error).__name__)


def ssl_mode_or_default(mode: str) -> str:
    return mode if mode in SSL_MODES else DEFAULT_SSL_MODE
