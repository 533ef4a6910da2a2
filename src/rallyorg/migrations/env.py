"""Alembic environment: runs on the engine rallyorg passes in ``config.attributes``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from rallyorg.models import Base

config = context.config
engine = config.attributes["engine"]
assert isinstance(engine, Engine)

with engine.connect() as connection:
    # SQLite changes a table by copying it and dropping the old one; with foreign keys on,
    # dropping a parent (an event) would first delete its children (shifts, partners, texts)
    # through ON DELETE CASCADE. SQLite's own procedure: keys off for the change (outside the
    # transaction: inside one the pragma does nothing), checked before the commit, on again.
    sqlite = connection.dialect.name == "sqlite"
    raw = connection.connection.driver_connection
    assert raw is not None
    if sqlite:
        raw.execute("PRAGMA foreign_keys = OFF")
    try:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            # SQLite cannot ALTER most things: batch mode copies the table instead.
            render_as_batch=True,
            compare_type=True,
            # Every revision in one transaction, on SQLite too (Alembic commits after each one
            # there by default). Between two commits another rallyorg opening the same new file
            # took the write lock, read the revision committed so far and ran the next ones,
            # while this one went on with the list it had read before: "duplicate column name"
            # (2 runs in 40 of three processes opening one new file). One transaction also
            # makes an upgrade all or nothing.
            transactional_ddl=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"the migration left {len(broken)} rows pointing nowhere")
        connection.commit()
    finally:
        if sqlite:
            raw.execute("PRAGMA foreign_keys = ON")
