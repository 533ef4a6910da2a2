"""The storage floor: opening a database (plain or encrypted SQLite, or PostgreSQL), its
addresses, transactions and what its errors mean to a person."""

from rallyorg.db.addresses import parse_database_url, pasteable, sqlite_file, without_password
from rallyorg.db.database import (
    BUSY_TIMEOUT_MS,
    Database,
    OnBusy,
    create_database_engine,
    migrate_to_head,
    open_database,
)

__all__ = [
    "BUSY_TIMEOUT_MS",
    "Database",
    "OnBusy",
    "create_database_engine",
    "migrate_to_head",
    "open_database",
    "parse_database_url",
    "pasteable",
    "sqlite_file",
    "without_password",
]
