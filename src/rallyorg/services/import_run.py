"""The shared machinery of one import run: its session, counts, outcomes and bulk inserts.

Used by the per-kind modules (import_volunteers, import_partners, import_signups)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import func, insert, select
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
from rallyorg.models import Volunteer
from rallyorg.services.volunteer_search import indexed_in_one_go

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
    changes: list[dict[str, Any]] = field(default_factory=list)
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
        self.changes.extend(
            {"table_name": table, "record_id": i, "action": "created", "version_after": 1} for i in ids
        )

    def record_updated(self, table: str, record_id: int, version: int, previous: dict[str, Any]) -> None:
        self.changes.append(
            {
                "table_name": table,
                "record_id": record_id,
                "action": "updated",
                "version_after": version,
                "previous": jsonable(previous),
            }
        )


def jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.value if isinstance(v, StrEnum) else v) for k, v in values.items()}


def rejected_outcome(row: MappedRow | CsvRecord, notice: Notice) -> RowOutcome:
    return RowOutcome(row.line, RowFate.REJECTED, notice, cells=row.cells)


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
    table = model.__table__
    first = int(session.scalar(select(func.max(table.c.id))) or 0) + 1
    ids = list(range(first, first + len(rows)))
    connection = session.connection()
    indexing = indexed_in_one_go(connection, first, len(rows)) if model is Volunteer else nullcontext()
    with indexing:
        for start in range(0, len(rows), INSERT_CHUNK):
            numbered = zip(rows[start : start + INSERT_CHUNK], ids[start:], strict=False)
            connection.execute(insert(table), [{**row, "id": i} for row, i in numbered])
    return ids


def chunks(ids: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@contextmanager
def session_for(db: Database, dry_run: bool) -> Iterator[Session]:
    if dry_run:
        with db.reading() as session:
            yield session
    else:
        with db.transaction() as session:
            yield session
