"""Alembic migrations shipped inside the package, run in code (no alembic.ini needed).

Alembic is imported by the functions that use it, not with this module: it costs ~0.09 s,
which a command that opens no database (``rallyorg --help``) should not pay."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from rallyorg.domain.errors import DatabaseOpenError
from rallyorg.i18n import N_

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent

#: The newest revision shipped: a database already there opens without loading Alembic
#: (~0.1 s of every command). tests/test_migrations.py checks it is Alembic's head.
HEAD_REVISION = "0016"


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def recorded_revision(engine: Engine) -> str | None:
    """The revision written in the database, read with plain SQL; None when there is none."""
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    except DBAPIError:
        return None  # no such table: a new, empty database
    return str(rows[0][0]) if len(rows) == 1 else None


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def known_revision(revision: str) -> bool:
    """Whether this rallyorg ships ``revision`` (a newer rallyorg's schema is unknown here)."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        return ScriptDirectory(str(MIGRATIONS_DIR)).get_revision(revision) is not None
    except CommandError:
        return False


def upgrade_to_head(engine: Engine) -> None:
    current = current_revision(engine)
    if current is not None and not known_revision(current):
        raise DatabaseOpenError(
            N_("This database was written by a newer rallyorg (schema {revision}); please update."),
            revision=current,
        )
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(engine), revision)
