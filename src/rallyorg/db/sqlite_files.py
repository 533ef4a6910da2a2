"""SQLite files opened directly, outside a ``Database``: backups, safety copies and the
scratch copies made while restoring or rewriting them. Plain or encrypted alike: an
encrypted copy is opened with the passphrase passphrases.py finds (usually the open
database's, which a backup of it shares), and without rallyorg's connection settings (no WAL:
a backup stays one self-contained file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL

from rallyorg.db import encryption, passphrases
from rallyorg.db.database import Database


def passphrase_of(path: Path) -> str | None:
    """The passphrase that opens ``path``; None for a plain file."""
    return passphrases.passphrase_for(path) if encryption.is_encrypted(path) else None


def database_passphrase(db: Database) -> str | None:
    """The open database's passphrase (its backups are made under it); None when plain."""
    return db.engine.url.password if db.is_encrypted else None


def connect_file(path: Path, *, read_only: bool = False) -> Any:
    """A DB-API connection to the plain or encrypted SQLite file ``path``."""
    return encryption.connect(path, passphrase_of(path), read_only=read_only)


def connect_new_file(path: Path, passphrase: str | None) -> Any:
    """A connection that creates ``path``: encrypted under ``passphrase``, or plain for None."""
    return encryption.connect(path, passphrase)


def file_engine(path: Path, *, read_only: bool = False, passphrase: str | None = None) -> Engine:
    """An engine on the file ``path`` without rallyorg's settings; ``passphrase`` as given, or
    found when the file is encrypted."""
    if passphrase is None:
        passphrase = passphrase_of(path)
    query = {"mode": "ro", "uri": "true"} if read_only else {}
    database = path.resolve().as_uri() if read_only else str(path)
    if passphrase is None:
        return create_engine(URL.create("sqlite", database=database, query=query))
    encryption.sqlcipher()
    url = URL.create("sqlite+pysqlcipher", password=passphrase, database=database, query=query)
    return create_engine(url)
