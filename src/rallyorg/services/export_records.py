"""What every export shares: its kind and format, the result it returns, writing the file
and noting it in the export log in one transaction (``save``, or ``export_file`` and
``log_export`` for an export streamed from a ``snapshot``), and building records one by one so
that one that cannot be written is left out and named (``each_record``).

A big export (100,000 volunteers) is streamed: its rows are read in chunks from a read-only
snapshot — no write lock, so the app and other commands carry on writing meanwhile — and
written to a temporary file beside the target as they come, so memory does not grow with the
number of rows. Only logging the export takes the write lock, for a moment at the end; the
file takes the target's place inside that transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from sqlalchemy import Connection, Row, func, select
from sqlalchemy.orm import Session

from rallyorg.db import Database
from rallyorg.domain.files import atomic_writer, write_atomically, write_folder_atomically
from rallyorg.exchange.record_problems import RecordGuard, RecordProblem
from rallyorg.models import ExportRecord

Translate = Callable[[str], str]
T = TypeVar("T")
# Rows fetched from the database at a time by a streamed export: big enough that fetching
# costs little per row, small enough that memory stays flat however many rows there are.
CHUNK = 2000
# Told how many records have been read so far, after each chunk (for a progress bar).
ExportProgress = Callable[[int], None]


class ExportKind(StrEnum):
    CONTACTS = "contacts"
    VOLUNTEERS = "volunteers"
    EVENTS = "events"
    ROSTER = "roster"


class ExportFormat(StrEnum):
    CSV = "csv"  # for spreadsheets: formula guard where a cell would be evaluated
    GOOGLE = "google"  # Google Contacts' CSV import headers, no guard
    OUTLOOK = "outlook"  # Outlook's CSV import headers, no guard
    VCARD = "vcard"
    XLSX = "xlsx"  # typed text cells: nothing evaluated, nothing guarded
    ICS = "ics"
    PDF = "pdf"


@dataclass(frozen=True)
class ExportResult:
    path: Path  # the file, or the folder of files (vCards one per contact)
    kind: ExportKind
    format: ExportFormat
    row_count: int
    columns: tuple[str, ...]
    options: dict[str, Any]
    record_id: int
    # People left out, and why: {"do_not_contact": 3, "not_shared": 12}.
    left_out: dict[str, int] = field(default_factory=dict)
    # Records that could not be written and were left out, each with the field and the reason;
    # the others are in the file.
    skipped: tuple[RecordProblem, ...] = ()
    # Records written with something missing (a roster name the fonts cannot print in full).
    warnings: tuple[RecordProblem, ...] = ()
    # People in the file who said they may not be shared with other groups (exported without
    # shared-only): said in words, never silently.
    unshared_included: int = 0


@dataclass(frozen=True)
class ExportRecordData:
    """One line of the export log."""

    id: int
    created_at: dt.datetime
    kind: ExportKind
    format: ExportFormat
    row_count: int
    columns: tuple[str, ...]
    options: dict[str, Any]


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def initials(name: str) -> str:
    return " ".join(f"{word[0]}." for word in name.split() if word)


@contextlib.contextmanager
def snapshot(db: Database) -> Iterator[Connection]:
    """A read-only view of the database as it is at the first read, however long the export
    takes, and no write lock: on SQLite a deferred BEGIN (in WAL mode a reader neither waits
    for a writer nor blocks one); on PostgreSQL a READ ONLY transaction at REPEATABLE READ (the
    counts and the rows of one export agree even while others write). Rolled back at the end."""
    options: dict[str, Any] = {}
    if not db.is_sqlite:
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
    with db.reading() as session:
        yield session.connection(execution_options=options)


def streamed(
    connection: Connection, query: Any, progress: ExportProgress | None = None
) -> Iterator[Row[Any]]:
    """The rows of ``query``, fetched ``CHUNK`` at a time (a server-side cursor on PostgreSQL)."""
    result = connection.execute(query.execution_options(yield_per=CHUNK))
    read = 0
    for chunk in result.partitions():
        yield from chunk
        read += len(chunk)
        if progress is not None:
            progress(read)


class ExportFile:
    """The temporary file an export is written into (``handle``); it takes the target's place
    only in ``log_export``, inside the transaction that logs it."""

    def __init__(self, path: Path, handle: BinaryIO, publish: Callable[[], None]) -> None:
        self.path = path
        self.handle = handle
        self._publish = publish
        self.published = False

    def publish(self) -> None:
        """Flush it to disk and rename it over the target (``FileWriteError`` if that fails:
        the temporary file is gone and an earlier file at the target is untouched)."""
        self.published = True
        self._publish()


@contextlib.contextmanager
def export_file(path: Path | str, *, private: bool = True) -> Iterator[ExportFile]:
    """A temporary file beside ``path`` (``domain.files.atomic_writer``) to stream an export
    into. If the block fails, or ends without ``log_export``, it is removed and an earlier file
    at ``path`` is untouched."""
    with contextlib.ExitStack() as stack:
        handle = stack.enter_context(atomic_writer(path, private=private))
        file = ExportFile(Path(path), handle, stack.close)
        yield file
        if not file.published:
            raise RuntimeError(f"export to {path} neither logged nor published")  # a fault of ours


def log_export(
    db: Database,
    written: ExportFile | Path,
    *,
    kind: ExportKind,
    export_format: ExportFormat,
    row_count: int,
    columns: Sequence[str],
    options: dict[str, Any],
    left_out: dict[str, int] | None = None,
    skipped: Sequence[RecordProblem] = (),
    unshared_included: int = 0,
) -> ExportResult:
    """Log a streamed export in one short write transaction. An ``ExportFile`` takes its
    target's place inside that transaction: a file that could not be put in place leaves no log
    entry (and the earlier file untouched). A ``Path`` is what was written already."""
    with db.transaction() as session:
        record = _record(session, kind, export_format, row_count, columns, options)
        if isinstance(written, ExportFile):
            written.publish()
    return ExportResult(
        written.path if isinstance(written, ExportFile) else written,
        kind,
        export_format,
        row_count,
        tuple(columns),
        options,
        record.id,
        left_out or {},
        tuple(skipped),
        (),
        unshared_included,
    )


def _record(
    session: Session,
    kind: ExportKind,
    export_format: ExportFormat,
    row_count: int,
    columns: Sequence[str],
    options: dict[str, Any],
) -> ExportRecord:
    record = ExportRecord(
        kind=kind.value,
        format=export_format.value,
        row_count=row_count,
        columns=list(columns),
        options=options,
    )
    session.add(record)
    session.flush()
    return record


def save(
    session: Session,
    path: Path | str,
    data: bytes | dict[str, bytes],
    *,
    kind: ExportKind,
    export_format: ExportFormat,
    row_count: int,
    columns: Sequence[str],
    options: dict[str, Any],
    left_out: dict[str, int] | None = None,
    private: bool = True,
    skipped: Sequence[RecordProblem] = (),
    warnings: Sequence[RecordProblem] = (),
    unshared_included: int = 0,
) -> ExportResult:
    """Write the file (or, for ``data`` given as {file name: data}, the new folder of files),
    then log the export in the same transaction: a file that could not be written leaves no
    log entry, and an earlier file at ``path`` untouched."""
    if isinstance(data, dict):
        write_folder_atomically(path, data)
    else:
        write_atomically(path, data, private=private)
    record = _record(session, kind, export_format, row_count, columns, options)
    return ExportResult(
        Path(path),
        kind,
        export_format,
        row_count,
        tuple(columns),
        options,
        record.id,
        left_out or {},
        tuple(skipped),
        tuple(warnings),
        unshared_included,
    )


def each_record(
    guard: RecordGuard,
    rows: Iterable[Row[Any]],
    label: Callable[[Row[Any]], str],
    build: Callable[[Row[Any]], T],
) -> Iterator[T]:
    """``build(row)`` for each row (its ``id`` names the record), as the rows come; a record
    that cannot be written is left out and noted in ``guard`` (with ``label(row)``, what the
    organiser knows it by)."""
    for row in rows:
        try:
            made = build(row)
        except Exception:
            # Rare: the guard builds it again and notes why it cannot be written, or raises
            # what is no fault of the record's, as for every export. (Not every row goes through
            # the guard: at 100,000 rows that costs.)
            again = guard.make(row.id, label(row), functools.partial(build, row))
            if again is None:
                continue
            made = again
        yield made


def left_out_by_consent(reading: Connection, model: Any, shared_only: bool) -> dict[str, int]:
    """Who consent leaves out of an export of ``model``'s people (volunteers or contacts):
    everyone marked "do not contact", and with ``shared_only`` those reachable who did not
    agree to be shared."""

    def count(*conditions: Any) -> int:
        return int(reading.scalar(select(func.count(model.id)).where(*conditions)) or 0)

    not_shared = 0
    if shared_only:
        not_shared = count(model.do_not_contact.is_(False), model.may_share.is_(False))
    return {"do_not_contact": count(model.do_not_contact.is_(True)), "not_shared": not_shared}
