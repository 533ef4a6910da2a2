"""Copy everything from one rallyorg database into another, empty one: the way a coalition
moves from the laptop's SQLite file to a shared PostgreSQL server (or back).

Rows keep their ids, so sign-ups, import history and calendar UIDs stay as they were. The
copy is one transaction on the target: it arrives whole or not at all. Afterwards PostgreSQL's
id sequences are moved past the copied ids (rows inserted with explicit ids leave them
behind), and every table's row count is compared with the source's.

The source is read in chunks, in one read transaction. Into PostgreSQL (psycopg) each table
goes with ``COPY … FROM STDIN``, several times faster than INSERTs; into SQLite (a copy back
from a server, ``restore``) rows go with INSERTs, in batches. Either way values go as they
are stored (``_stored_type``): naive UTC datetimes, code lists as ",a,b,", enums as their
values, JSON as its text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Enum,
    String,
    Table,
    Text,
    TypeDecorator,
    bindparam,
    cast,
    func,
    insert,
    select,
    text,
    type_coerce,
)
from sqlalchemy.types import TypeEngine

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
    write_table = _copy_table if _takes_copy(writing) else _insert_table
    for table in tables:
        for written in write_table(_read_table(reading, table), writing, table):
            done += written
            if progress is not None:
                progress(done, total, table.name)
        _move_sequences_past_copied_ids(writing, table)
    arrived = {t.name: _count(writing, t) for t in tables}
    if arrived != expected:
        raise CopyError(N_("The copy did not arrive whole; nothing was written to the target."))
    return expected


Chunks = Iterator[Sequence[Any]]  # a table's rows, BATCH at a time, columns in table order


def _stored_type(column: Column[Any]) -> TypeEngine[Any]:
    """What a column's values are stored as. They are copied as they are, not loaded into
    Python and written back: faster, and exact — SQL NULL and JSON's null (both None once
    loaded) stay apart, JSON keeps its text, a code list its spelling."""
    if isinstance(column.type, JSON):
        return Text()
    if isinstance(column.type, TypeDecorator):  # UTCDateTime (naive UTC), CodeList (",a,b,")
        return column.type.impl_instance
    if isinstance(column.type, Enum):
        return String(column.type.length)
    return column.type


def _as_stored(table: Table) -> dict[str, TypeEngine[Any]]:
    """The columns whose type is not what they are stored as: that type, by column key."""
    return {c.key: stored for c in table.columns if (stored := _stored_type(c)) is not c.type}


def _read_table(reading: Connection, table: Table) -> Chunks:
    order = [table.c.id] if "id" in table.c else list(table.primary_key.columns)
    stored = _as_stored(table)
    columns = [
        # JSON is cast in SQL: PostgreSQL's driver would load it otherwise.
        (cast(c, Text) if isinstance(c.type, JSON) else type_coerce(c, stored[c.key])).label(c.name)
        if c.key in stored
        else c
        for c in table.columns
    ]
    # Streamed, so a big table is not read into memory whole (a server-side cursor on PostgreSQL).
    query = select(*columns).order_by(*order).execution_options(yield_per=BATCH)
    return reading.execute(query).partitions()


def _takes_copy(writing: Connection) -> bool:
    return writing.dialect.name == "postgresql" and writing.dialect.driver == "psycopg"


def _insert_table(chunks: Chunks, writing: Connection, table: Table) -> Iterator[int]:
    """INSERTs, ``BATCH`` rows at a time; the number of rows written after each batch."""
    names = [column.key for column in table.columns]
    stored = {key: type_coerce(bindparam(key), kind) for key, kind in _as_stored(table).items()}
    statement = insert(table).values(stored) if stored else insert(table)
    for chunk in chunks:
        writing.execute(statement, [dict(zip(names, row, strict=True)) for row in chunk])
        yield len(chunk)


def _copy_table(chunks: Chunks, writing: Connection, table: Table) -> Iterator[int]:
    """PostgreSQL's COPY FROM STDIN on the writing connection itself (so in its transaction);
    the number of rows written after each chunk."""
    dialect = writing.dialect
    quote = dialect.identifier_preparer.quote
    columns = list(table.columns)
    statement = (
        f"COPY {dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(quote(column.name) for column in columns)}) FROM STDIN"
    )
    # What an INSERT would do first to each value as stored (nothing, for every column today).
    # Booleans are read as Python's own already: the check a bind does is not needed.
    stored = _as_stored(table)
    kinds = [stored.get(column.key, column.type) for column in columns]
    processors = [
        (index, processor)
        for index, kind in enumerate(kinds)
        if not isinstance(kind, Boolean)
        and (processor := kind.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    raw = writing.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for chunk in chunks:
            for row in chunk:
                if processors:
                    values = list(row)
                    for index, processor in processors:
                        if values[index] is not None:
                            values[index] = processor(values[index])
                    copy.write_row(values)
                else:
                    copy.write_row(row)
            yield len(chunk)
