"""The shared machinery of one import run: its session, counts, outcomes and bulk inserts.

Used by the per-kind modules (import_volunteers, import_partners, import_signups)."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from enum import StrEnum
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Connection, Dialect, Table, func, insert, select
from sqlalchemy.dialects.sqlite import DATETIME as SQLITE_DATETIME
from sqlalchemy.orm import Session

from rallyorg.db import Database
from rallyorg.domain.validation import DEFAULT_PHONE_REGION
from rallyorg.exchange.columns import (
    ImportKind,
)
from rallyorg.exchange.csv_reading import CsvRecord
from rallyorg.exchange.errors import ImportCancelled
from rallyorg.exchange.outcomes import (
    CancelCheck,
    OnDuplicate,
    ProgressCallback,
    RowFate,
    RowOutcome,
)
from rallyorg.exchange.rows import (
    MappedRow,
    Notice,
    phone_regions,
)
from rallyorg.i18n import N_
from rallyorg.models import CodeList, UTCDateTime, Volunteer
from rallyorg.services.volunteer_search import BULK_ROWS, indexed_in_one_go

PROGRESS_EVERY = 250
INSERT_CHUNK = 5_000


# --- Running an import ----------------------------------------------------------------------------


@dataclass
class ImportRun:
    """State shared by the three kinds of import while one runs."""

    session: Session
    kind: ImportKind
    on_duplicate: OnDuplicate
    dry_run: bool
    total: int
    progress: ProgressCallback | None
    cancel: CancelCheck | None
    default_source: str
    file_language: str | None = None  # "pt" or "es" when the headers say so
    home_region: str = DEFAULT_PHONE_REGION  # where phones without a country code are from
    outcomes: list[RowOutcome | None] = field(default_factory=list)
    # (table_name, record_id, action, version_after, previous): the batch's ImportChange rows, as
    # tuples (96,486 changes: 11 MB, as dicts 21 MB)
    changes: list[tuple[str, int, str, int, dict[str, Any] | None]] = field(default_factory=list)
    extra: dict[str, int] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)  # what a kind reads once per run

    def tick(self, done: int) -> None:
        if done % PROGRESS_EVERY == 0:
            if self.cancel is not None and self.cancel():
                raise ImportCancelled(N_("The import was stopped; nothing was imported."))
            if self.progress is not None:
                self.progress(done, self.total)

    def phone_regions(self, row: MappedRow) -> tuple[str, ...]:
        return phone_regions(row, self.file_language, self.home_region)

    def outcome(self, outcome: RowOutcome) -> int:
        self.outcomes.append(outcome)
        return len(self.outcomes) - 1

    def duplicate(self, row: MappedRow, message: str, record_id: int | None = None, **params: Any) -> None:
        self.outcome(RowOutcome(row.line, RowFate.DUPLICATE, Notice("row", message, params), record_id))

    def record_created(self, table: str, ids: Sequence[int]) -> None:
        self.changes.extend((table, i, "created", 1, None) for i in ids)

    def record_updated(self, table: str, record_id: int, version: int, previous: dict[str, Any]) -> None:
        self.changes.append((table, record_id, "updated", version, jsonable(previous)))


def jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.value if isinstance(v, StrEnum) else v) for k, v in values.items()}


def rejected_outcome(row: MappedRow | CsvRecord, notice: Notice) -> RowOutcome:
    return RowOutcome(row.line, RowFate.REJECTED, notice, cells=row.cells)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector held off while an import builds its hundreds of thousands of
    rows, dicts and tuples, none of them in a cycle: it walked every one of them again and
    again, 2.4 s of a 100,000-row import's 15.8 s. Reference counting still frees them; the
    collector runs again as usual afterwards. Where it is off already (the GUI turns it off
    and collects on a timer, gui/garbage.py), it is left so."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def bulk_insert(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert many rows at once and return their ids in the order given."""
    if session.get_bind().dialect.name == "sqlite":
        return _numbered_insert(session, model, rows)
    ids: list[int] = []
    for start in range(0, len(rows), INSERT_CHUNK):
        chunk = rows[start : start + INSERT_CHUNK]
        statement = insert(model).returning(model.id, sort_by_parameter_order=True)
        ids.extend(session.scalars(statement, chunk).all())
    return ids


def _numbered_insert(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """SQLite: the rows get the next ids and go in with one executemany per chunk.

    SQLite cannot say which id each row of a many-row INSERT got, so an INSERT … RETURNING
    "in the order given" is sent one row at a time (a fifth of a 100,000-row import). An
    import's transaction took SQLite's write lock when it began (BEGIN IMMEDIATE), so nobody
    else can take these ids meanwhile; they are the ones SQLite would have given (max + 1…)."""
    connection = session.connection()
    driver = DriverInsert.for_table(connection, model.__table__, rows[0], numbered=True) if rows else None
    if driver is not None:
        return _numbered_driver_insert(session, model, driver, [driver.values(row) for row in rows])
    table = model.__table__
    first = _next_id(session, table)
    ids = list(range(first, first + len(rows)))
    indexing = indexed_in_one_go(connection, first, len(rows)) if model is Volunteer else nullcontext()
    with indexing, indexes_built_after(connection, table, first - 1, len(rows)):
        for start in range(0, len(rows), INSERT_CHUNK):
            numbered = zip(rows[start : start + INSERT_CHUNK], ids[start:], strict=False)
            connection.execute(insert(table), [{**row, "id": i} for row, i in numbered])
    return ids


def _next_id(session: Session, table: Table) -> int:
    return int(session.scalar(select(func.max(table.c.id))) or 0) + 1


def _numbered_driver_insert(
    session: Session, model: Any, driver: DriverInsert, rows: Sequence[tuple[Any, ...]]
) -> list[int]:
    connection = session.connection()
    first = _next_id(session, model.__table__)
    indexing = indexed_in_one_go(connection, first, len(rows)) if model is Volunteer else nullcontext()
    with indexing, indexes_built_after(connection, model.__table__, first - 1, len(rows)):
        driver.execute(connection, rows, first_id=first)
    return list(range(first, first + len(rows)))


@contextmanager
def indexes_built_after(connection: Connection, table: Table, existing: int, adding: int) -> Iterator[None]:
    """SQLite: a table's plain indexes dropped while many rows go into a table holding fewer
    (at most ``existing``), and created again from their own SQL after, as one sort each rather
    than an index entry at a time: 96,486 people into an empty volunteer table, 2.95 s -> 2.37 s
    (with the search index and the commit).

    In the caller's transaction, as indexed_in_one_go's trigger: a rollback brings them back
    and no other connection sees the table without them. Unique indexes stay (their check is
    each row's), and so does everything when SQLite keeps statistics on the indexes
    (sqlite_stat*, which dropping an index would lose)."""
    if connection.dialect.name != "sqlite" or adding < BULK_ROWS or existing > adding:
        yield
        return
    statistics = connection.exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE name LIKE 'sqlite_stat%'"
    ).scalar_one()
    if statistics:
        yield
        return
    quote = connection.dialect.identifier_preparer.quote
    plain = {
        name for _seq, name, unique, origin, *_ in connection.exec_driver_sql(
            f"PRAGMA index_list({quote(table.name)})"
        ) if not unique and origin == "c"
    }  # fmt: skip
    indexes = [
        (name, sql)
        for name, sql in connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name",
            (table.name,),
        )
        if name in plain and sql
    ]
    for name, _sql in indexes:
        connection.exec_driver_sql(f"DROP INDEX {quote(name)}")
    yield
    for _name, sql in indexes:
        connection.exec_driver_sql(sql)


# SQLite's page cache while an import writes: the default 2 MB held too few of the volunteer
# table's seven indexes' pages, so each row's index entries went out to the WAL and were read
# back; 96,486 new people's executemany took 2.2 s with it and 1.2 s with 16 MB (1.0 s with
# 32 MB, no better with 64), and updating 50,000 of them is faster too. The setting is the
# connection's, put back when the import is done.
IMPORT_PAGE_CACHE_KIB = 16 * 1024


@contextmanager
def larger_page_cache(connection: Connection) -> Iterator[None]:
    """SQLite: the connection's page cache at least IMPORT_PAGE_CACHE_KIB meanwhile."""
    if connection.dialect.name != "sqlite":
        yield
        return
    current = int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())
    page_size = int(connection.exec_driver_sql("PRAGMA page_size").scalar_one())
    current_kib = -current if current < 0 else current * page_size // 1024
    if current_kib >= IMPORT_PAGE_CACHE_KIB:
        yield
        return
    connection.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_PAGE_CACHE_KIB}")
    try:
        yield
    except BaseException:
        with suppress(Exception):  # the import's own error is the one to report
            connection.exec_driver_sql(f"PRAGMA cache_size = {current}")
        raise
    connection.exec_driver_sql(f"PRAGMA cache_size = {current}")


Processor = Callable[[Any], Any]


@dataclass(frozen=True)
class DriverInsert:
    """One table's INSERT sent straight to the SQLite driver, each row's values converted as
    SQLAlchemy's own executemany converts them: the given values through their columns' bind
    processors (CodeList, Boolean, UTCDateTime, Enum, JSON…), a column left out gets its
    Python-side default (a constant, or a function called for each row in column order, as
    SQLAlchemy calls them), and a column with neither is left to the database. Inserting
    96,486 volunteers (with the search index and the commit) took 3.7 s through SQLAlchemy's
    executemany, 2.9 s so; tests/exchange/test_driver_insert.py proves the stored rows the same."""

    sql: str
    keys: tuple[str, ...]  # the values a row gives, in this order
    processed: tuple[tuple[int, Processor], ...]  # (position in keys, bind processor)
    constants: tuple[Any, ...]  # defaults of the columns left out, already processed
    made: tuple[tuple[Callable[[], Any], Processor | None], ...]  # per-row defaults, column order
    getter: Callable[[Mapping[str, Any]], Any]  # a row's values in keys order (one key: the value)

    @classmethod
    def for_table(
        cls, connection: Connection, table: Table, example: Collection[str], *, numbered: bool = False
    ) -> DriverInsert | None:
        """The insert for rows giving the columns ``example`` names (a row's dict, or the keys);
        ``numbered`` rows get their ``id`` in ``execute``. None when this takes SQLAlchemy
        itself: not SQLite, a key that is no column, a default computed in SQL or from the
        statement's context."""
        dialect = connection.dialect
        if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
            return None
        keys = tuple(example)
        by_key = {column.key: column for column in table.columns}
        if not keys or any(key not in by_key for key in keys) or (numbered and "id" in keys):
            return None
        names = [by_key[key].name for key in keys]
        processed = []
        for index, key in enumerate(keys):
            processor = _bind_processor(by_key[key], dialect)
            if processor is not None:
                processed.append((index, processor))
        constant_names, constants, made_names, made = [], [], [], []
        for column in table.columns:
            if column.key in keys or (numbered and column.key == "id"):
                continue
            default = column.default
            if default is None:
                continue  # NULL, or the table's server default: SQLAlchemy leaves it out too
            processor = _bind_processor(column, dialect)
            arg: Any = getattr(default, "arg", None)
            if default.is_scalar:
                constant_names.append(column.name)
                constants.append(processor(arg) if processor else arg)
            elif default.is_callable and callable(getattr(arg, "__wrapped__", None)):
                # SQLAlchemy wraps a default that takes no context (functools.update_wrapper).
                made_names.append(column.name)
                made.append((arg.__wrapped__, processor))
            else:
                return None
        quote = dialect.identifier_preparer.quote
        columns = (["id"] if numbered else []) + names + constant_names + made_names
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            dialect.identifier_preparer.format_table(table),
            ", ".join(quote(name) for name in columns),
            ", ".join("?" * len(columns)),
        )
        return cls(sql, keys, tuple(processed), tuple(constants), tuple(made), itemgetter(*keys))

    def values(self, row: Mapping[str, Any]) -> tuple[Any, ...]:
        """A row's given values, converted (what ``execute`` takes)."""
        values = self.getter(row)
        return self.converted(list(values) if len(self.keys) > 1 else [values])

    def converted(self, values: list[Any]) -> tuple[Any, ...]:
        """The values in ``keys`` order, converted (the list is changed)."""
        for index, processor in self.processed:
            values[index] = processor(values[index])
        return (*values, *self.constants)

    def execute(
        self, connection: Connection, rows: Sequence[tuple[Any, ...]], *, first_id: int | None = None
    ) -> None:
        """Insert the converted rows, numbered from ``first_id`` when given, a chunk at a time."""
        made = self.made
        for start in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[start : start + INSERT_CHUNK]
            if made:
                chunk = [(*row, *_made(made)) for row in chunk]
            if first_id is not None:
                chunk = [(first_id + start + n, *row) for n, row in enumerate(chunk)]
            connection.exec_driver_sql(self.sql, list(chunk))


def _bind_processor(column: Column[Any], dialect: Dialect) -> Processor | None:
    impl = column.type.dialect_impl(dialect)
    if (
        isinstance(impl, UTCDateTime)
        and isinstance(impl.impl, SQLITE_DATETIME)
        and impl.impl._storage_format == SQLITE_DATETIME._storage_format
    ):
        return _sqlite_utc_text
    processor = impl.bind_processor(dialect)
    if isinstance(impl, CodeList) and processor is not None:
        return _each_list_once(processor)
    return processor


def _each_list_once(processor: Processor) -> Processor:
    """A CodeList's processor asked once for each different list: an import's people share a
    few lists of languages and skills (96,486 people: 0.9 µs -> 0.3 µs a list, and one stored
    text for each different list, not one for each person)."""
    stored: dict[tuple[Any, ...], Any] = {}

    def process(value: Any) -> Any:
        if type(value) is not list:
            return processor(value)
        try:
            key = tuple(value)
            found = stored.get(key)
        except TypeError:  # something unhashable in the list: no codes, the processor says so
            return processor(value)
        if found is None:
            found = stored[key] = processor(value)
        return found

    return process


def _sqlite_utc_text(value: dt.datetime | None) -> str | None:
    """What UTCDateTime's processors store on SQLite (its process_bind_param, then SQLite's
    DATETIME in its default format), in one step: a timestamp made and stored in 1.8 µs
    instead of 2.9, two for each new person (0.2 s for 96,486).
    tests/exchange/test_driver_insert.py compares the two."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime given where an aware one is required")
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _made(made: tuple[tuple[Callable[[], Any], Processor | None], ...]) -> list[Any]:
    values = []
    for function, processor in made:
        value = function()
        values.append(processor(value) if processor else value)
    return values


class PendingRows:
    """The rows an import will insert when it has read every row, held as the driver will
    take them (``DriverInsert``) where it can: 96,486 people's values held 55 MB as dicts and
    lists, 28 MB so."""

    def __init__(self, session: Session, model: Any) -> None:
        self.session = session
        self.model = model
        self._driver: DriverInsert | None = None
        self._decided = False
        self._rows: list[tuple[Any, ...]] = []
        self._dicts: list[dict[str, Any]] = []

    def __len__(self) -> int:
        return len(self._rows) + len(self._dicts)

    def add(self, values: dict[str, Any]) -> None:
        if not self._decided:
            self._decided = True
            if self.session.get_bind().dialect.name == "sqlite":
                connection = self.session.connection()
                self._driver = DriverInsert.for_table(connection, self.model.__table__, values, numbered=True)
        if self._driver is not None:
            self._rows.append(self._driver.values(values))
        else:
            self._dicts.append(values)

    def insert(self) -> list[int]:
        """Insert them all; their ids, in the order added."""
        if self._driver is None:
            return bulk_insert(self.session, self.model, self._dicts)
        return _numbered_driver_insert(self.session, self.model, self._driver, self._rows)


def chunks(ids: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@contextmanager
def session_for(db: Database, dry_run: bool) -> Iterator[Session]:
    if dry_run:
        with db.reading() as session:
            yield session
    else:
        with db.transaction() as session, larger_page_cache(session.connection()):
            yield session
