"""What every export shares: its kind and format, the result it returns, writing the file
and noting it in the export log in one transaction (``save``), and building records one by
one so that one that cannot be written is left out and named (``each``)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from rallyorg.domain.files import write_atomically, write_folder_atomically
from rallyorg.exchange.record_problems import RecordGuard, RecordProblem
from rallyorg.models import ExportRecord, Volunteer
from rallyorg.services.signups import full_name

Translate = Callable[[str], str]
T = TypeVar("T")


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
    record = ExportRecord(
        kind=kind.value,
        format=export_format.value,
        row_count=row_count,
        columns=list(columns),
        options=options,
    )
    session.add(record)
    session.flush()
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


def each(guard: RecordGuard, chosen: Sequence[Any], build: Callable[[Any, Any], T]) -> list[T]:
    """``build(record, related)`` for each chosen (record, related) row, left out (and noted
    in ``guard``) when that one record cannot be written."""
    made = (
        guard.make(record.id, _label(record), functools.partial(build, record, other))
        for record, other in chosen
    )
    return [item for item in made if item is not None]


def _label(record: Any) -> str:
    """What the organiser knows a record by, in a report of what was left out."""
    if isinstance(record, Volunteer):
        return full_name(record)
    return str(getattr(record, "name", ""))
