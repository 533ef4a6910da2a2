"""Copy everything from one rallyorg database into another, empty one: the way a coalition
moves from the laptop's SQLite file to a shared PostgreSQL server (or back).

Rows keep their ids, so sign-ups, import history and calendar UIDs stay as they were. The
copy is one transaction on the target: it arrives whole or not at all. Afterwards PostgreSQL's
id sequences are moved past the copied ids (rows inserted with explicit ids leave them
behind), and every table's row count is compared with the source's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Table, func, insert, select, text

from rallyorg.db import Database
from rallyorg.domain.errors import RallyorgError
from rallyorg.i18n import N_
from rallyorg.migrations import current_revision, head_revision
from rallyorg.models import Base

BATCH = 1000

Progress = Callable[[int, int, str], None]  # rows copied, rows in all, table name


class CopyError(RallyorgError):
    """The copy cannot start (or did not arrive whole); nothing was written to the target."""


@dataclass(frozen=True)
class CopyResult:
    rows_by_table: dict[str, int]

    @property
    def rows(self) -> int:
        return sum(self.rows_by_table.values())


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)  # parents before the rows that point at them


def _count(connection: Connection, table: Table) -> int:
    return int(connection.scalar(select(func.count()).select_from(table)) or 0)


def _move_sequences_past_copied_ids(connection: Connection, table: Table) -> None:
    if "id" not in table.c or connection.dialect.name != "postgresql":
        return
    connection.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table.name}), 1), "
            f"(SELECT MAX(id) FROM {table.name}) IS NOT NULL)"
        )
    )


def copy_database(source: Database, target: Database, progress: Progress | None = None) -> CopyResult:
    """Copy every row of ``source`` into the empty ``target`` (both at the current schema)."""
    if source.engine.url == target.engine.url:
        raise CopyError(N_("The source and the target are the same database."))
    for database in (source, target):
        if current_revision(database.engine) != head_revision():
            raise CopyError(
                N_("{url} is not at this rallyorg's schema; open it once with rallyorg first."),
                url=database.url,
            )
    with source.engine.connect() as reading, target.engine.begin() as writing:
        holding = [t.name for t in _tables() if _count(writing, t)]
        if holding:
            raise CopyError(
                N_("The target database already holds data ({tables}); copy into an empty database."),
                tables=", ".join(holding),
            )
        return CopyResult(copy_rows(reading, writing, progress))


def copy_rows(reading: Connection, writing: Connection, progress: Progress | None = None) -> dict[str, int]:
    """Every row of every table from ``reading`` into the empty tables of ``writing``, ids kept,
    inside the caller's transaction on ``writing``; the rows copied, by table. Raises
    ``CopyError`` (so the caller's transaction rolls back) if the counts do not agree."""
    tables = _tables()
    expected = {t.name: _count(reading, t) for t in tables}
    total, done = sum(expected.values()), 0
    for table in tables:
        order = [table.c.id] if "id" in table.c else list(table.primary_key.columns)
        # Streamed, so a big PostgreSQL table is not read into memory whole.
        query = select(table).order_by(*order).execution_options(stream_results=True, yield_per=BATCH)
        result = reading.execute(query).mappings()
        while batch := [dict(row) for row in result.fetchmany(BATCH)]:
            writing.execute(insert(table), batch)
            done += len(batch)
            if progress is not None:
                progress(done, total, table.name)
        _move_sequences_past_copied_ids(writing, table)
    arrived = {t.name: _count(writing, t) for t in tables}
    if arrived != expected:
        raise CopyError(N_("The copy did not arrive whole; nothing was written to the target."))
    return expected
