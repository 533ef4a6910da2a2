"""Importing volunteers, partner groups with their contacts, and sign-ups from CSV files.

Every import is one transaction: all of it is written, or none of it. Every data row of the
file ends in exactly one of four fates (created, updated, duplicate skipped, rejected), so
``rows in file = created + updated + skipped + rejected`` always holds. An import leaves an
``ImportBatch`` listing what it created and what it updated (with the previous values), so
it can be undone as a whole. A dry run does the same checks in a read-only session.

Row-level work (reading, mapping, validation, duplicate rules) lives in ``rallyorg.exchange``;
this package of modules adds the database: what is already there, and the writes. This
module is the entry point (preview, run, re-exported history and undo); each kind of file
has its own module (import_volunteers, import_partners, import_signups), sharing
import_run, with the history and undo in import_history.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from rallyorg.db import Database, activity_log
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.validation import DEFAULT_PHONE_REGION
from rallyorg.exchange.columns import (
    FIELDS,
    ColumnMapping,
    ImportKind,
    header_language,
    propose_mapping,
    require_usable,
)
from rallyorg.exchange.csv_reading import DELIMITER_NAMES, CsvTable, read_table_file
from rallyorg.exchange.errors import ImportFileError
from rallyorg.exchange.outcomes import (
    CancelCheck,
    ImportBatchData,
    ImportPreview,
    ImportReport,
    OnDuplicate,
    ProgressCallback,
    RowFate,
    RowOutcome,
    Translate,
    UndoReport,
    default_rejected_path,
    file_notices,
    source_for,
    write_rejected_rows,
)
from rallyorg.exchange.rows import (
    MappedRow,
    RecordMapper,
    RowRejected,
)
from rallyorg.exchange.safe_csv import restore
from rallyorg.i18n import N_
from rallyorg.models import (
    ImportBatch,
    ImportChange,
)
from rallyorg.services.import_history import get_import, list_imports, undo_import
from rallyorg.services.import_partners import import_partners
from rallyorg.services.import_run import (
    INSERT_CHUNK,
    DriverInsert,
    ImportRun,
    paused_gc,
    rejected_outcome,
    session_for,
)
from rallyorg.services.import_signups import import_signups
from rallyorg.services.import_volunteers import import_volunteers

# The plain result types live in rallyorg.exchange.outcomes; callers import them from here.
__all__ = [
    "CancelCheck",
    "ImportBatchData",
    "ImportPreview",
    "ImportReport",
    "OnDuplicate",
    "ProgressCallback",
    "RowFate",
    "RowOutcome",
    "Translate",
    "UndoReport",
    "default_rejected_path",
    "get_import",
    "list_imports",
    "preview_import",
    "run_import",
    "undo_import",
    "write_rejected_rows",
]

# --- Preview ------------------------------------------------------------------------------------


@paused_gc()
def preview_import(
    path: Path | str,
    kind: ImportKind,
    *,
    mapping: ColumnMapping | None = None,
    sample_rows: int = 10,
    encoding: str | None = None,
) -> ImportPreview:
    """Read the file and propose a mapping, without touching the database.

    ``encoding`` reads the file in it (``utf-8``, ``utf-16``, ``cp1252``, ``latin-1``,
    ``mac-roman``); None finds it from the bytes, and raises ``AmbiguousEncodingError`` (with
    both readings) when the file's letters read two ways.
    """
    table = read_table_file(path, encoding)
    chosen = _mapping_for(table, ImportKind(kind), mapping)
    return ImportPreview(
        path=Path(path),
        kind=ImportKind(kind),
        encoding=table.encoding,
        encoding_name=table.encoding_name,
        delimiter=table.delimiter,
        delimiter_name=DELIMITER_NAMES[table.delimiter],
        headers=table.headers,
        mapping=chosen,
        fields=FIELDS[ImportKind(kind)],
        sample=table.records[:sample_rows],
        row_count=len(table.records),
        notices=file_notices(table, chosen),
        table=table,
    )


def _mapping_for(table: CsvTable, kind: ImportKind, mapping: ColumnMapping | None) -> ColumnMapping:
    headers = tuple(restore(h) for h in table.headers)
    if mapping is None:
        return propose_mapping(headers, kind)
    if mapping.headers != headers or mapping.kind != kind:
        raise ImportFileError(N_("The file's columns changed since the preview; open it again."))
    return mapping


@paused_gc()
def run_import(
    db: Database,
    path: Path | str,
    kind: ImportKind,
    *,
    mapping: ColumnMapping | None = None,
    encoding: str | None = None,
    on_duplicate: OnDuplicate = OnDuplicate.SKIP,
    event_id: int | None = None,
    dry_run: bool = False,
    rejected_path: Path | str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    translate: Translate | None = None,
    phone_region: str = DEFAULT_PHONE_REGION,
) -> ImportReport:
    """Import ``path`` as one transaction and account for every row.

    A phone written without a country code is read as one from ``phone_region`` (an ISO
    3166 code, the coalition's home), or from Brazil first in a Portuguese row or file.

    ``mapping`` is the (possibly edited) mapping from ``preview_import``; by default the
    proposed one. ``encoding`` is the one the preview was read in (as ``preview_import``'s:
    None finds it, and refuses a file whose letters read two ways).

    Rejected rows are written, with their line and reason (translated with
    ``translate``), to ``rejected_path`` (default ``<name>.rejected.csv`` beside the file)
    before the transaction commits; a dry run writes nothing at all.
    """
    kind = ImportKind(kind)
    on_duplicate = OnDuplicate(on_duplicate)
    if kind == ImportKind.SIGNUPS and event_id is None:
        raise ValidationError("event", N_("Say which event the sign-ups are for (--event ID)."))
    table = read_table_file(path, encoding)
    chosen = _mapping_for(table, kind, mapping)
    require_usable(chosen)
    file_name = Path(path).name
    rows: list[MappedRow | RowOutcome] = []
    mapper = RecordMapper(chosen)
    for record in table.records:
        try:
            rows.append(mapper.map(record))
        except RowRejected as rejection:
            rows.append(rejected_outcome(record, rejection.notice))
    with session_for(db, dry_run) as session:
        run = ImportRun(
            session=session,
            kind=kind,
            on_duplicate=on_duplicate,
            dry_run=dry_run,
            total=len(rows),
            progress=progress,
            cancel=cancel,
            default_source=source_for(chosen.headers, file_name),
            file_language=header_language(chosen.headers),
            home_region=phone_region.upper(),
        )
        if kind == ImportKind.VOLUNTEERS:
            import_volunteers(run, rows)
        elif kind == ImportKind.PARTNERS:
            import_partners(run, rows)
        else:
            assert event_id is not None
            import_signups(run, rows, event_id)
        outcomes = tuple(o for o in run.outcomes if o is not None)
        assert len(outcomes) == len(rows), "every row must end with one outcome"
        report = ImportReport(
            kind=kind,
            file_name=file_name,
            encoding=table.encoding,
            delimiter=table.delimiter,
            mapping=chosen,
            on_duplicate=on_duplicate,
            dry_run=dry_run,
            batch_id=None,
            rows_in_file=len(rows),
            outcomes=outcomes,
            notices=file_notices(table, chosen),
            groups_created=run.extra.get("groups_created", 0),
            groups_updated=run.extra.get("groups_updated", 0),
            volunteers_created=run.extra.get("volunteers_created", 0),
            waitlisted=run.extra.get("waitlisted", 0),
        )
        if dry_run:
            return report
        batch_id = _save_batch(session, run, report, event_id)
        # One entry for the whole import (its rows are in the import's own history), so open
        # windows elsewhere reload, and the activity log says who imported what and when.
        activity_log.log_bulk(session, "import", "created", [batch_id], [ImportKind(kind).value])
        rejected_file = None
        if report.rejected:
            rejected_file = Path(rejected_path) if rejected_path else default_rejected_path(path)
            # Written before the commit: if it cannot be written, nothing is imported.
            write_rejected_rows(rejected_file, chosen.headers, outcomes, translate, kind=kind)
        if progress is not None:
            progress(len(rows), len(rows))
    return replace(report, batch_id=batch_id, rejected_file=rejected_file)


_CHANGE_COLUMNS = ("batch_id", "table_name", "record_id", "action", "version_after", "previous")


def _save_batch(session: Session, run: ImportRun, report: ImportReport, event_id: int | None) -> int:
    batch = ImportBatch(
        kind=report.kind.value,
        file_name=report.file_name[:260],
        encoding=report.encoding,
        event_id=event_id,
        on_duplicate=report.on_duplicate.value,
        rows_in_file=report.rows_in_file,
        created=report.created,
        updated=report.updated,
        skipped=report.skipped + report.cancelled + report.open_slots,  # the history keeps four counts
        rejected=report.rejected,
    )
    session.add(batch)
    session.flush()
    connection = session.connection()
    table = ImportChange.__table__
    assert isinstance(table, Table)
    driver = DriverInsert.for_table(connection, table, _CHANGE_COLUMNS)
    for start in range(0, len(run.changes), INSERT_CHUNK):
        chunk = run.changes[start : start + INSERT_CHUNK]
        if driver is not None:  # SQLite: 96,486 changes 0.98 s -> 0.36 s
            driver.execute(connection, [driver.converted([batch.id, *change]) for change in chunk])
        else:
            rows = [dict(zip(_CHANGE_COLUMNS, (batch.id, *change), strict=True)) for change in chunk]
            session.execute(insert(ImportChange), rows)
    return batch.id
