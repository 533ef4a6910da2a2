"""What an import reports, as plain data: each row's fate, the counts, the preview the import
dialog shows, the history and undo results, and the file of rejected rows.

These are the types ``rallyorg.services.imports`` returns (and re-exports); nothing here
touches the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from rallyorg.domain.files import write_atomically
from rallyorg.exchange import values as cells
from rallyorg.exchange.columns import FIELDS, ColumnMapping, FieldSpec, ImportKind, source_of
from rallyorg.exchange.csv_reading import CsvRecord, CsvTable
from rallyorg.exchange.rows import Notice
from rallyorg.exchange.safe_csv import csv_bytes
from rallyorg.i18n import N_

ProgressCallback = Callable[[int, int], None]
"""Called with (rows done, rows in file) now and then; the GUI moves its progress bar."""
CancelCheck = Callable[[], bool]
"""Asked now and then; returning True stops the import and rolls everything back."""
Translate = Callable[[str], str]


class OnDuplicate(StrEnum):
    SKIP = "skip"
    UPDATE = "update"


class RowFate(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    CANCELLED = "cancelled"  # cancelled, declined or refunded in the tool the file came from
    OPEN_SLOT = "open_slot"  # a sign-up sheet's slot nobody took: no name, email or phone


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What became of one data row: ``reason`` says why for duplicates and rejections,
    ``record_id`` is the record it created, updated or matched (None in a dry run)."""

    line: int
    fate: RowFate
    reason: Notice | None = None
    record_id: int | None = None
    warnings: tuple[Notice, ...] = ()
    cells: tuple[str, ...] = ()  # kept for rejected rows only, for the rejected-rows file


@dataclass(frozen=True)
class ImportPreview:
    """What the import dialog shows before anything is imported."""

    path: Path
    kind: ImportKind
    encoding: str
    encoding_name: str
    delimiter: str
    delimiter_name: str  # untranslated: "comma", "semicolon", "tab"
    headers: tuple[str, ...]
    mapping: ColumnMapping
    fields: tuple[FieldSpec, ...]  # what a column can be mapped to, for the dialog's choices
    sample: tuple[CsvRecord, ...]
    row_count: int
    notices: tuple[Notice, ...]
    # The file as read: while the preview is held, the import of the same bytes reads it from
    # memory (csv_reading.read_table_file), not again from the file.
    table: CsvTable | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class ImportReport:
    kind: ImportKind
    file_name: str
    encoding: str
    delimiter: str
    mapping: ColumnMapping
    on_duplicate: OnDuplicate
    dry_run: bool
    batch_id: int | None
    rows_in_file: int
    outcomes: tuple[RowOutcome, ...]
    notices: tuple[Notice, ...] = ()
    groups_created: int = 0
    groups_updated: int = 0
    volunteers_created: int = 0
    waitlisted: int = 0
    rejected_file: Path | None = None

    def count(self, fate: RowFate) -> int:
        return sum(1 for outcome in self.outcomes if outcome.fate == fate)

    @property
    def created(self) -> int:
        return self.count(RowFate.CREATED)

    @property
    def updated(self) -> int:
        return self.count(RowFate.UPDATED)

    @property
    def skipped(self) -> int:
        return self.count(RowFate.DUPLICATE)

    @property
    def rejected(self) -> int:
        return self.count(RowFate.REJECTED)

    @property
    def cancelled(self) -> int:
        return self.count(RowFate.CANCELLED)

    @property
    def open_slots(self) -> int:
        return self.count(RowFate.OPEN_SLOT)

    @property
    def balanced(self) -> bool:
        """Every row accounted for: rows in file = created + updated + skipped + rejected
        (+ cancelled in the source and open slots, for sign-ups)."""
        accounted = self.created + self.updated + self.skipped + self.rejected
        return self.rows_in_file == accounted + self.cancelled + self.open_slots


@dataclass(frozen=True)
class ImportBatchData:
    id: int
    created_at: dt.datetime
    kind: ImportKind
    file_name: str
    encoding: str
    event_id: int | None
    on_duplicate: OnDuplicate
    rows_in_file: int
    created: int
    updated: int
    skipped: int
    rejected: int
    undone_at: dt.datetime | None

    @property
    def can_undo(self) -> bool:
        return self.undone_at is None and (self.created + self.updated) > 0


@dataclass(frozen=True)
class UndoReport:
    batch_id: int
    deleted: int
    restored: int
    already_gone: int


def file_notices(table: CsvTable, mapping: ColumnMapping) -> tuple[Notice, ...]:
    """What to tell before the rows: the tool the file came from, columns left out, names
    that lost letters."""
    notices = []
    source = source_of(mapping.headers)
    if source is not None:
        notices.append(
            Notice(
                "source",
                N_("Recognised as an export from {tool}: its columns are read as that tool means them."),
                {"tool": source.name},
            )
        )
    unknown = mapping.unrecognised_headers()
    if unknown:
        notices.append(
            Notice(
                "columns",
                N_("Columns not recognised, so not imported: {headers}. Map them if they matter."),
                {"headers": ", ".join(unknown)},
            )
        )
    name_columns = [
        i for i, f in enumerate(mapping.fields) if f in ("given_name", "family_name", "full_name")
    ]
    garbled = sum(
        1
        for record in table.records
        if any(i < len(record.cells) and cells.looks_garbled(record.cells[i]) for i in name_columns)
    )
    if garbled:
        notices.append(
            Notice(
                "encoding",
                N_(
                    "Rows with a ? or � in a name, where a letter was lost: {count}. The file was saved "
                    'without UTF-8: export it again as "CSV UTF-8" and import that file.'
                ),
                {"count": garbled},
            )
        )
    return tuple(notices)


def source_for(headers: tuple[str, ...], file_name: str) -> str:
    """Where new volunteers came from, for their "source" field: the tool if we can tell."""
    source = source_of(headers)
    return f"import: {source.name if source else file_name}"[:100]


def default_rejected_path(path: Path | str) -> Path:
    """Where rejected rows go unless told otherwise: ``<name>.rejected.csv`` beside the file."""
    source = Path(path)
    return source.with_name(f"{source.stem}.rejected.csv")


def write_rejected_rows(
    path: Path,
    headers: Sequence[str],
    outcomes: Sequence[RowOutcome],
    translate: Translate | None = None,
    *,
    kind: ImportKind | None = None,
) -> None:
    """The rejected rows as a CSV to fix and import again: line, reason (naming the field as
    the import dialog does), then the row exactly as it was."""
    gettext = translate or (lambda message: message)
    labels = {spec.name: spec.label for spec in (FIELDS[kind] if kind else ())}
    for specs in FIELDS.values():
        for spec in specs:
            labels.setdefault(spec.name, spec.label)
    rows = [
        [outcome.line, _reason_text(outcome.reason, gettext, labels), *outcome.cells]
        for outcome in outcomes
        if outcome.fate == RowFate.REJECTED
    ]
    write_atomically(path, csv_bytes([gettext(N_("Line")), gettext(N_("Reason")), *headers], rows))


def _reason_text(notice: Notice | None, gettext: Translate, labels: dict[str, str]) -> str:
    if notice is None:
        return ""
    text = notice.text(gettext)
    if notice.field == "row":
        return text
    label = labels.get(notice.field)
    return f"{gettext(label) if label else notice.field}: {text}"
