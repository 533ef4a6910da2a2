"""SQLite files encrypted with SQLCipher: how to recognise one and how to open one.

An encrypted file is a SQLite database whose every page (the file's, its WAL's and its
backups') is AES-256 encrypted under a key derived from a passphrase; without the passphrase
its bytes are noise, starting with a random salt instead of ``SQLite format 3``. SQLCipher
comes from ``sqlcipher3`` (imported only when an encrypted file is met or made, so a plain
database works where it is missing). The passphrases themselves: ``passphrases.py``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

from rallyorg.domain.errors import DatabaseOpenError
from rallyorg.i18n import N_

SQLITE_HEADER = b"SQLite format 3\x00"


def is_encrypted(path: Path) -> bool:
    """True when ``path`` looks like an encrypted database: not a plain SQLite file, yet whole
    pages of one (SQLCipher's pages are 512 bytes or a power of two above; the first 16 bytes
    are random salt). A text file or a photo is left to SQLite, which says it is no database."""
    try:
        with path.open("rb") as stream:
            header = stream.read(len(SQLITE_HEADER))
            size = stream.seek(0, 2)
    except OSError:  # missing, a folder, unreadable: SQLite's own open says what is wrong
        return False
    return bool(header) and header != SQLITE_HEADER and size % 512 == 0


def sqlcipher() -> ModuleType:
    """The SQLCipher driver, or a clear refusal where this installation lacks it."""
    try:
        import sqlcipher3
    except ImportError as error:
        raise DatabaseOpenError(
            N_(
                "This rallyorg was installed without encryption support (the sqlcipher3 package), "
                "so it cannot open or make encrypted databases."
            )
        ) from error
    return sqlcipher3  # type: ignore[no-any-return]


def quoted(passphrase: str) -> str:
    """A passphrase as an SQL string literal (for PRAGMA key and ATTACH … KEY)."""
    return "'" + passphrase.replace("'", "''") + "'"


def keyed(connection: Any, passphrase: str) -> Any:
    """``connection`` (a fresh SQLCipher one) given its key. SQLCipher would print "hmac check
    failed" on stderr for a wrong key: its log is turned off, a wrong key is reported by us."""
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = {quoted(passphrase)}")
    return connection


def connect(path: Path, passphrase: str | None, *, read_only: bool = False) -> Any:
    """A DB-API connection to the SQLite file ``path``: SQLCipher keyed with ``passphrase``, or
    the standard library's sqlite3 when there is none. Nothing is read yet."""
    target = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
    if passphrase is None:
        return sqlite3.connect(target, uri=read_only)
    return keyed(sqlcipher().connect(target, uri=read_only), passphrase)


def opens(path: Path, passphrase: str) -> bool:
    """Whether ``passphrase`` opens the encrypted file ``path``."""
    module = sqlcipher()
    try:
        connection = connect(path, passphrase, read_only=True)
    except module.Error:
        return False
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except module.DatabaseError:
        return False
    finally:
        connection.close()


def driver_errors() -> tuple[type[Exception], ...]:
    """The DB-API error classes of both drivers (sqlite3's and SQLCipher's are unrelated)."""
    try:
        import sqlcipher3
    except ImportError:
        return (sqlite3.Error,)
    return (sqlite3.Error, sqlcipher3.Error)
