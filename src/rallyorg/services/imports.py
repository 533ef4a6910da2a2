"""Importing volunteers, partner groups with their contacts, and sign-ups from CSV files.

Every import is one transaction: all of it is written, or none of it. Every data row of the
file ends in exactly one of four fates (created, updated, duplicate skipped, rejected), so
``rows in file = created + updated + skipped + rejected`` always holds. An import leaves an
``ImportBatch`` listing what it created and what it updated (with the previous values), so
it can be undone as a whole. A dry run does the same checks in a read-only session.

Row-level work (reading, mapping, validation, duplicate rules) lives in ``rallyorg.exchange``;
this module adds the database: what is already there, and the writes.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, null, select, update
from sqlalchemy.orm import Session, selectinload

from rallyorg.db import Database
from rallyorg.enums import PartnerKind, SignUpStatus
from rallyorg.errors import ConflictError, NotFoundError, ValidationError
from rallyorg.exchange.columns import (
    FIELDS,
    ColumnMapping,
    ImportKind,
    propose_mapping,
    require_usable,
)
from rallyorg.exchange.csv_reading import DELIMITER_NAMES, CsvRecord, CsvTable, read_table_file
from rallyorg.exchange.duplicates import BARE_NAME, NAME_EMAIL, PHONE, Match, PersonIndex, update_changes
from rallyorg.exchange.errors import ImportCancelled, ImportFileError
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
    Notice,
    RowRejected,
    contact_values,
    group_values,
    map_record,
    person_name,
    volunteer_values,
)
from rallyorg.exchange.safe_csv import restore
from rallyorg.exchange.shifts import find_shift
from rallyorg.i18n import N_
from rallyorg.models import (
    Contact,
    Event,
    EventPartner,
    ImportBatch,
    ImportChange,
    PartnerGroup,
    Shift,
    SignUp,
    Volunteer,
    utcnow,
)
from rallyorg.services import validation as v
from rallyorg.services.signups import HOLDING, refill_shift
from rallyorg.text import fold, search_blob, volunteer_keys

PROGRESS_EVERY = 250
INSERT_CHUNK = 5_000

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


def preview_import(
    path: Path | str, kind: ImportKind, *, mapping: ColumnMapping | None = None, sample_rows: int = 10
) -> ImportPreview:
    """Read the file and propose a mapping, without touching the database."""
    table = read_table_file(path)
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
    )


def _mapping_for(table: CsvTable, kind: ImportKind, mapping: ColumnMapping | None) -> ColumnMapping:
    headers = tuple(restore(h) for h in table.headers)
    if mapping is None:
        return propose_mapping(headers, kind)
    if mapping.headers != headers or mapping.kind != kind:
        raise ImportFileError(N_("The file's columns changed since the preview; open it again."))
    return mapping


# --- Running an import ----------------------------------------------------------------------------


@dataclass
class _Run:
    """State shared by the three kinds of import while one runs."""

    session: Session
    kind: ImportKind
    on_duplicate: OnDuplicate
    dry_run: bool
    total: int
    progress: ProgressCallback | None
    cancel: CancelCheck | None
    default_source: str
    outcomes: list[RowOutcome | None] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, int] = field(default_factory=dict)

    def tick(self, done: int) -> None:
        if done % PROGRESS_EVERY == 0:
            if self.cancel is not None and self.cancel():
                raise ImportCancelled(N_("The import was stopped; nothing was imported."))
            if self.progress is not None:
                self.progress(done, self.total)

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
                "previous": _jsonable(previous),
            }
        )


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.value if isinstance(v, StrEnum) else v) for k, v in values.items()}


def _rejected(row: MappedRow | CsvRecord, notice: Notice) -> RowOutcome:
    return RowOutcome(row.line, RowFate.REJECTED, notice, cells=row.cells)


def _bulk_insert(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert many rows at once (ORM bulk insert: ~6x faster than adding objects) and return
    their ids in the order given."""
    ids: list[int] = []
    for start in range(0, len(rows), INSERT_CHUNK):
        chunk = rows[start : start + INSERT_CHUNK]
        statement = insert(model).returning(model.id, sort_by_parameter_order=True)
        ids.extend(session.scalars(statement, chunk).all())
    return ids


def _chunks(ids: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@contextmanager
def _session_for(db: Database, dry_run: bool) -> Iterator[Session]:
    if dry_run:
        with db.reading() as session:
            yield session
    else:
        with db.transaction() as session:
            yield session


def run_import(
    db: Database,
    path: Path | str,
    kind: ImportKind,
    *,
    mapping: ColumnMapping | None = None,
    on_duplicate: OnDuplicate = OnDuplicate.SKIP,
    event_id: int | None = None,
    dry_run: bool = False,
    rejected_path: Path | str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    translate: Translate | None = None,
) -> ImportReport:
    """Import ``path`` as one transaction and account for every row.

    ``mapping`` is the (possibly edited) mapping from ``preview_import``; by default the
    proposed one. Rejected rows are written, with their line and reason (translated with
    ``translate``), to ``rejected_path`` (default ``<name>.rejected.csv`` beside the file)
    before the transaction commits; a dry run writes nothing at all.
    """
    kind = ImportKind(kind)
    on_duplicate = OnDuplicate(on_duplicate)
    if kind == ImportKind.SIGNUPS and event_id is None:
        raise ValidationError("event", N_("Say which event the sign-ups are for (--event ID)."))
    table = read_table_file(path)
    chosen = _mapping_for(table, kind, mapping)
    require_usable(chosen)
    file_name = Path(path).name
    rows: list[MappedRow | RowOutcome] = []
    for record in table.records:
        try:
            rows.append(map_record(record, chosen))
        except RowRejected as rejection:
            rows.append(_rejected(record, rejection.notice))
    with _session_for(db, dry_run) as session:
        run = _Run(
            session=session,
            kind=kind,
            on_duplicate=on_duplicate,
            dry_run=dry_run,
            total=len(rows),
            progress=progress,
            cancel=cancel,
            default_source=source_for(chosen.headers, file_name),
        )
        if kind == ImportKind.VOLUNTEERS:
            _import_volunteers(run, rows)
        elif kind == ImportKind.PARTNERS:
            _import_partners(run, rows)
        else:
            assert event_id is not None
            _import_signups(run, rows, event_id)
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
        rejected_file = None
        if report.rejected:
            rejected_file = Path(rejected_path) if rejected_path else default_rejected_path(path)
            # Written before the commit: if it cannot be written, nothing is imported.
            write_rejected_rows(rejected_file, chosen.headers, outcomes, translate, kind=kind)
        if progress is not None:
            progress(len(rows), len(rows))
    return replace(report, batch_id=batch_id, rejected_file=rejected_file)


def _save_batch(session: Session, run: _Run, report: ImportReport, event_id: int | None) -> int:
    batch = ImportBatch(
        kind=report.kind.value,
        file_name=report.file_name[:260],
        encoding=report.encoding,
        event_id=event_id,
        on_duplicate=report.on_duplicate.value,
        rows_in_file=report.rows_in_file,
        created=report.created,
        updated=report.updated,
        skipped=report.skipped,
        rejected=report.rejected,
    )
    session.add(batch)
    session.flush()
    if run.changes:
        for start in range(0, len(run.changes), INSERT_CHUNK):
            chunk = [
                {"batch_id": batch.id, "previous": None, **c}
                for c in run.changes[start : start + INSERT_CHUNK]
            ]
            session.execute(insert(ImportChange), chunk)
    return batch.id


# --- Volunteers ---------------------------------------------------------------------------------------

_VOLUNTEER_COLUMNS = (
    "given_name", "family_name", "email", "phone", "languages", "skills", "city", "group_id", "may_email",
    "may_text", "may_call", "do_not_contact", "may_share", "source", "notes", "name_key", "sort_name",
    "search_text",
)  # fmt: skip


_DERIVED = ("name_key", "sort_name", "search_text")

_SAME_AS_LINE = {
    PHONE: N_("Same person as line {other}: same phone number."),
    NAME_EMAIL: N_("Same person as line {other}: same name and email."),
    BARE_NAME: N_("Same person as line {other}: same name, and no phone or email."),
}
_ALREADY_IN = {
    PHONE: N_("Already in rallyorg (volunteer {id}): same phone number."),
    NAME_EMAIL: N_("Already in rallyorg (volunteer {id}): same name and email."),
    BARE_NAME: N_("Already in rallyorg (volunteer {id}): same name, and neither has a phone or email."),
}


def _known_volunteers(session: Session) -> PersonIndex[int]:
    known: PersonIndex[int] = PersonIndex()
    query = select(Volunteer.id, Volunteer.phone, Volunteer.name_key, Volunteer.email).order_by(Volunteer.id)
    for volunteer_id, phone, name_key, email in session.execute(query):
        known.add(volunteer_id, phone, name_key, email)
    return known


def _import_volunteers(run: _Run, rows: list[MappedRow | RowOutcome]) -> None:
    session = run.session
    group_ids: dict[str, int] = {
        key: gid for key, gid in session.execute(select(PartnerGroup.name_key, PartnerGroup.id))
    }
    known = _known_volunteers(session)
    seen: PersonIndex[int] = PersonIndex()
    claimed: dict[int, int] = {}  # volunteer id -> line of the row that matched it
    to_create: list[tuple[int, dict[str, object]]] = []
    to_update: list[tuple[int, int, Any]] = []
    for done, row in enumerate(rows, 1):
        run.tick(done)
        if isinstance(row, RowOutcome):
            run.outcome(row)
            continue
        try:
            checked = volunteer_values(row, group_ids, default_source=run.default_source)
        except RowRejected as rejection:
            run.outcome(_rejected(row, rejection.notice))
            continue
        phone, name_key, email = (str(checked.values[k]) for k in ("phone", "name_key", "email"))
        earlier = seen.find(phone, name_key, email)
        if earlier:
            run.duplicate(row, _SAME_AS_LINE[earlier[0].reason], other=earlier[0].ref)
            continue
        seen.add(row.line, phone, name_key, email)
        matches = known.find(phone, name_key, email)
        if len(matches) > 1:
            run.duplicate(
                row,
                N_("Matches two volunteers already in rallyorg ({first} and {second}); merge them first."),
                first=matches[0].ref,
                second=matches[1].ref,
            )
            continue
        if matches:
            volunteer_id = matches[0].ref
            if volunteer_id in claimed:
                run.duplicate(
                    row, N_("Same person as line {other}."), volunteer_id, other=claimed[volunteer_id]
                )
                continue
            claimed[volunteer_id] = row.line
            if run.on_duplicate == OnDuplicate.SKIP:
                run.duplicate(row, _ALREADY_IN[matches[0].reason], volunteer_id, id=volunteer_id)
                continue
            index = run.outcome(RowOutcome(row.line, RowFate.UPDATED, record_id=volunteer_id))
            to_update.append((index, volunteer_id, checked))
            continue
        index = run.outcome(RowOutcome(row.line, RowFate.CREATED, warnings=checked.warnings))
        to_create.append((index, checked.values))
    _update_volunteers(run, to_update)
    if not run.dry_run and to_create:
        ids = _bulk_insert(session, Volunteer, [values for _, values in to_create])
        run.record_created("volunteer", ids)
        for (index, _), new_id in zip(to_create, ids, strict=True):
            outcome = run.outcomes[index]
            assert outcome is not None
            run.outcomes[index] = RowOutcome(outcome.line, outcome.fate, None, new_id, outcome.warnings)


def _update_volunteers(run: _Run, to_update: list[tuple[int, int, Any]]) -> None:
    by_id = {}
    for chunk in _chunks([volunteer_id for _, volunteer_id, _ in to_update]):
        by_id.update({v.id: v for v in run.session.scalars(select(Volunteer).where(Volunteer.id.in_(chunk)))})
    updated: list[tuple[Volunteer, dict[str, Any]]] = []
    for index, volunteer_id, checked in to_update:
        volunteer = by_id[volunteer_id]
        current = {column: getattr(volunteer, column) for column in _VOLUNTEER_COLUMNS}
        changes = update_changes(current, checked.values, checked.provided - set(_DERIVED))
        final = {**current, **changes}
        derived = volunteer_keys(
            final["given_name"], final["family_name"], final["email"], final["phone"], final["city"]
        )
        changes.update({k: value for k, value in derived.items() if value != current[k]})
        outcome = run.outcomes[index]
        assert outcome is not None
        if not changes:
            run.outcomes[index] = RowOutcome(
                outcome.line,
                RowFate.DUPLICATE,
                Notice(
                    "row", N_("Already in rallyorg (volunteer {id}) and up to date."), {"id": volunteer_id}
                ),
                volunteer_id,
            )
            continue
        run.outcomes[index] = RowOutcome(outcome.line, RowFate.UPDATED, None, volunteer_id, checked.warnings)
        if not run.dry_run:
            for column, value in changes.items():
                setattr(volunteer, column, value)
            updated.append((volunteer, {column: current[column] for column in changes}))
    if updated:
        run.session.flush()
        for volunteer, previous in updated:
            run.record_updated("volunteer", volunteer.id, volunteer.version, previous)


# --- Partner groups and contacts ----------------------------------------------------------------------

_GROUP_FIELDS = {"group_kind": "kind", "city": "city", "website": "website", "languages": "languages"}
_CONTACT_COLUMNS = (
    "name", "role", "email", "phone", "preferred_language", "is_primary", "do_not_contact", "may_share",
    "search_text",
)  # fmt: skip


@dataclass
class _GroupState:
    group: PartnerGroup | None  # None for a new group in a dry run
    created_at_line: int | None = None
    updated: bool = False
    has_primary: bool = False


def _import_partners(run: _Run, rows: list[MappedRow | RowOutcome]) -> None:
    session = run.session
    groups: dict[str, _GroupState] = {
        g.name_key: _GroupState(g)
        for g in session.scalars(select(PartnerGroup).options(selectinload(PartnerGroup.contacts)))
    }
    known: dict[tuple[str, str, str], Contact] = {}
    for key, existing_state in groups.items():
        assert existing_state.group is not None
        existing_state.has_primary = any(c.is_primary for c in existing_state.group.contacts)
        for contact in existing_state.group.contacts:
            if contact.phone:
                known.setdefault((key, "phone", contact.phone), contact)
            known.setdefault((key, "name", fold(contact.name)), contact)
    seen: dict[tuple[str, str, str], int] = {}
    to_create: list[tuple[int, str, dict[str, object]]] = []
    for done, row in enumerate(rows, 1):
        run.tick(done)
        if isinstance(row, RowOutcome):
            run.outcome(row)
            continue
        try:
            group_checked = group_values(row)
            contact_checked = contact_values(row)
        except RowRejected as rejection:
            run.outcome(_rejected(row, rejection.notice))
            continue
        key = group_checked.name_key
        state = groups.get(key)
        provided = {column for name, column in _GROUP_FIELDS.items() if row.values.get(name)}
        group_fate: RowFate | None = None
        if state is None:
            state = groups[key] = _GroupState(None, created_at_line=row.line)
            if not run.dry_run:
                state.group = PartnerGroup(**group_checked.columns())
                session.add(state.group)
                session.flush()
                run.record_created("partner_group", [state.group.id])
            run.extra["groups_created"] = run.extra.get("groups_created", 0) + 1
            group_fate = RowFate.CREATED
        elif (
            run.on_duplicate == OnDuplicate.UPDATE
            and state.created_at_line is None
            and not state.updated
            and _update_group(run, state, group_checked.columns(), provided)
        ):
            group_fate = RowFate.UPDATED
        group_id = state.group.id if state.group is not None else None
        if contact_checked is None:
            if group_fate is not None:
                run.outcome(RowOutcome(row.line, group_fate, record_id=group_id))
            elif state.created_at_line is not None:
                run.duplicate(
                    row, N_("Same partner group as line {other}."), group_id, other=state.created_at_line
                )
            else:
                run.duplicate(
                    row,
                    N_("The partner group {name} is already in rallyorg."),
                    group_id,
                    name=group_checked.name,
                )
            continue
        values = contact_checked.values
        keys = [(key, "name", fold(str(values["name"])))]
        if values["phone"]:
            keys.insert(0, (key, "phone", str(values["phone"])))
        earlier = next((seen[k] for k in keys if k in seen), None)
        if earlier is not None:
            run.duplicate(row, N_("Same contact as line {other}."), other=earlier)
            continue
        for k in keys:
            seen[k] = row.line
        existing = next((known[k] for k in keys if k in known), None)
        warnings: tuple[Notice, ...] = ()
        if values["is_primary"] and state.has_primary and not (existing is not None and existing.is_primary):
            # One primary contact per group: an import never takes the mark from someone else.
            values = {**values, "is_primary": False}
            warnings = (
                Notice(
                    "is_primary",
                    N_("{group} already has a primary contact; this one is not marked primary."),
                    {"group": group_checked.name},
                ),
            )
        if existing is not None:
            _contact_duplicate(run, row, existing, values, contact_checked.provided, warnings)
            continue
        state.has_primary = state.has_primary or bool(values["is_primary"])
        index = run.outcome(RowOutcome(row.line, RowFate.CREATED, warnings=warnings))
        to_create.append((index, key, values))
    if not run.dry_run and to_create:
        rows_to_insert = []
        for _, key, values in to_create:
            group = groups[key].group
            assert group is not None
            rows_to_insert.append({**values, "group_id": group.id})
        ids = _bulk_insert(session, Contact, rows_to_insert)
        run.record_created("contact", ids)
        for (index, _, _), new_id in zip(to_create, ids, strict=True):
            outcome = run.outcomes[index]
            assert outcome is not None
            run.outcomes[index] = RowOutcome(outcome.line, outcome.fate, None, new_id, outcome.warnings)


def _update_group(run: _Run, state: _GroupState, incoming: dict[str, object], provided: set[str]) -> bool:
    group = state.group
    assert group is not None
    state.updated = True  # details are taken from the first row that names the group
    current = {
        column: getattr(group, column) for column in ("kind", "city", "website", "languages", "search_text")
    }
    changes = update_changes(current, incoming, provided)
    if not changes:
        return False
    search_text = search_blob(group.name, str(changes.get("city", group.city)))
    if search_text != group.search_text:
        changes["search_text"] = search_text
    run.extra["groups_updated"] = run.extra.get("groups_updated", 0) + 1
    if not run.dry_run:
        for column, value in changes.items():
            setattr(group, column, value)
        run.session.flush()
        run.record_updated("partner_group", group.id, group.version, {c: current[c] for c in changes})
    return True


def _contact_duplicate(
    run: _Run,
    row: MappedRow,
    contact: Contact,
    values: dict[str, object],
    provided: frozenset[str],
    warnings: tuple[Notice, ...],
) -> None:
    if run.on_duplicate == OnDuplicate.SKIP:
        run.duplicate(
            row, N_("Already a contact of this group in rallyorg (contact {id})."), contact.id, id=contact.id
        )
        return
    current = {column: getattr(contact, column) for column in _CONTACT_COLUMNS}
    changes = update_changes(current, values, provided - {"search_text"})
    final = {**current, **changes}
    search_text = search_blob(
        str(final["name"]), str(final["email"]), str(final["phone"]), str(final["role"])
    )
    if search_text != current["search_text"]:
        changes["search_text"] = search_text
    if not changes:
        run.duplicate(
            row,
            N_("Already a contact of this group in rallyorg (contact {id}), up to date."),
            contact.id,
            id=contact.id,
        )
        return
    run.outcome(RowOutcome(row.line, RowFate.UPDATED, None, contact.id, warnings))
    if not run.dry_run:
        for column, value in changes.items():
            setattr(contact, column, value)
        run.session.flush()
        run.record_updated("contact", contact.id, contact.version, {c: current[c] for c in changes})


# --- Sign-ups ----------------------------------------------------------------------------------------------


def _import_signups(run: _Run, rows: list[MappedRow | RowOutcome], event_id: int) -> None:
    session = run.session
    event = session.scalar(
        select(Event)
        .where(Event.id == event_id)
        .options(selectinload(Event.shifts).selectinload(Shift.signups))
    )
    if event is None:
        raise NotFoundError(N_("Event {id} does not exist."), id=event_id)
    if not event.shifts:
        raise ValidationError(
            "event", N_("This event has no shifts yet: add them before importing sign-ups.")
        )
    zone = zoneinfo.ZoneInfo(event.timezone)
    holders = {s.id: sum(1 for su in s.signups if su.status in HOLDING) for s in event.shifts}
    existing = {(su.volunteer_id, su.shift_id): su for s in event.shifts for su in s.signups}
    known = _known_volunteers(session)
    by_email: dict[str, list[int]] = {}
    for volunteer_id, email in session.execute(
        select(Volunteer.id, Volunteer.email).where(Volunteer.email != "")
    ):
        by_email.setdefault(email.casefold(), []).append(volunteer_id)
    new_people: list[dict[str, object]] = []  # volunteers this import adds; referred to as -(index + 1)
    new_index: PersonIndex[int] = PersonIndex()
    planned: set[tuple[int, int]] = set()
    to_create: list[tuple[int, int, int, SignUpStatus]] = []  # outcome index, volunteer ref, shift id, status
    now = utcnow()
    for done, row in enumerate(rows, 1):
        run.tick(done)
        if isinstance(row, RowOutcome):
            run.outcome(row)
            continue
        try:
            shift = find_shift(row, event.shifts, zone)
            person, warnings = _signup_person(run, row, known, by_email, new_index, new_people)
        except RowRejected as rejection:
            run.outcome(_rejected(row, rejection.notice))
            continue
        if (person, shift.id) in planned:
            run.duplicate(row, N_("Same sign-up as an earlier line of this file."))
            continue
        planned.add((person, shift.id))
        current = existing.get((person, shift.id)) if person > 0 else None
        if current is not None and (
            current.status != SignUpStatus.CANCELLED or run.on_duplicate == OnDuplicate.SKIP
        ):
            message = (
                N_("Cancelled earlier; import with --on-duplicate update to sign them up again.")
                if current.status == SignUpStatus.CANCELLED
                else N_("Already on this shift ({status}).")
            )
            run.duplicate(row, message, current.id, status=current.status.value)
            continue
        status = SignUpStatus.WAITLISTED if holders[shift.id] >= shift.capacity else SignUpStatus.SIGNED_UP
        if status == SignUpStatus.SIGNED_UP:
            holders[shift.id] += 1
        else:
            run.extra["waitlisted"] = run.extra.get("waitlisted", 0) + 1
        if current is not None:
            # A cancelled sign-up taken up again joins the back of the queue, as in sign_up().
            run.outcome(RowOutcome(row.line, RowFate.UPDATED, None, current.id, warnings))
            if not run.dry_run:
                previous = {
                    "status": current.status.value,
                    "signed_up_at": current.signed_up_at.isoformat(),
                    "checked_in_at": current.checked_in_at.isoformat() if current.checked_in_at else None,
                    "hours": current.hours,
                }
                current.status, current.signed_up_at, current.checked_in_at, current.hours = (
                    status,
                    now,
                    None,
                    None,
                )
                session.flush()
                run.record_updated("signup", current.id, current.version, previous)
            continue
        index = run.outcome(RowOutcome(row.line, RowFate.CREATED, warnings=warnings))
        to_create.append((index, person, shift.id, status))
    run.extra["volunteers_created"] = len(new_people)
    if run.dry_run:
        return
    new_ids = _bulk_insert(session, Volunteer, new_people) if new_people else []
    run.record_created("volunteer", new_ids)
    signup_rows = [
        {
            "volunteer_id": person if person > 0 else new_ids[-person - 1],
            "shift_id": shift_id,
            "status": status,
            "signed_up_at": now,
        }
        for _, person, shift_id, status in to_create
    ]
    ids = _bulk_insert(session, SignUp, signup_rows) if signup_rows else []
    run.record_created("signup", ids)
    for (index, _, _, _), new_id in zip(to_create, ids, strict=True):
        outcome = run.outcomes[index]
        assert outcome is not None
        run.outcomes[index] = RowOutcome(outcome.line, outcome.fate, None, new_id, outcome.warnings)


def _signup_person(
    run: _Run,
    row: MappedRow,
    known: PersonIndex[int],
    by_email: dict[str, list[int]],
    new_index: PersonIndex[int],
    new_people: list[dict[str, object]],
) -> tuple[int, tuple[Notice, ...]]:
    """The volunteer a sign-up row names: an id (> 0), or -(n + 1) for the n-th new person."""
    name = person_name(row, required=False)
    if not name.given:
        email = row.values.get("email", "")
        phone = row.values.get("phone", "")
        try:
            phone = v.normalise_phone("phone", phone)
            email = v.normalise_email("email", email)
        except ValidationError as error:
            raise RowRejected(Notice(error.field, error.message, dict(error.params))) from None
        if phone and phone in known.by_phone:
            return known.by_phone[phone], ()
        # Without a name, an email identifies someone only if one person alone uses it.
        owners = by_email.get(email.casefold(), []) if email else []
        if len(owners) == 1:
            return owners[0], ()
        raise RowRejected(
            Notice(
                "given_name",
                N_("Nobody in rallyorg has this phone or email, and there is no name to add them."),
            )
        )
    checked = volunteer_values(row, {}, default_source=run.default_source)
    phone, name_key, email = (str(checked.values[k]) for k in ("phone", "name_key", "email"))
    matches: list[Match[int]] = known.find(phone, name_key, email)
    if not matches and not phone and not email:
        # A name alone (a paper sheet): whoever in rallyorg has that name, if only one person does.
        namesakes = run.session.scalars(
            select(Volunteer.id).where(Volunteer.name_key == name_key).limit(2)
        ).all()
        if len(namesakes) == 1:
            return namesakes[0], ()
    if matches:
        return matches[0].ref, ()
    again = new_index.find(phone, name_key, email)
    if again:
        return again[0].ref, ()
    new_people.append(checked.values)
    ref = -len(new_people)
    new_index.add(ref, phone, name_key, email)
    return ref, checked.warnings


# --- History and undo ---------------------------------------------------------------------------------------


def _batch_data(batch: ImportBatch) -> ImportBatchData:
    return ImportBatchData(
        id=batch.id,
        created_at=batch.created_at,
        kind=ImportKind(batch.kind),
        file_name=batch.file_name,
        encoding=batch.encoding,
        event_id=batch.event_id,
        on_duplicate=OnDuplicate(batch.on_duplicate),
        rows_in_file=batch.rows_in_file,
        created=batch.created,
        updated=batch.updated,
        skipped=batch.skipped,
        rejected=batch.rejected,
        undone_at=batch.undone_at,
    )


def list_imports(db: Database, *, limit: int | None = None) -> list[ImportBatchData]:
    """Imports, newest first."""
    query = select(ImportBatch).order_by(ImportBatch.id.desc())
    if limit is not None:
        query = query.limit(limit)
    with db.reading() as session:
        return [_batch_data(batch) for batch in session.scalars(query)]


def get_import(db: Database, batch_id: int) -> ImportBatchData:
    with db.reading() as session:
        batch = session.get(ImportBatch, batch_id)
        if batch is None:
            raise NotFoundError(N_("Import {id} does not exist."), id=batch_id)
        return _batch_data(batch)


_MODELS: dict[str, Any] = {
    "volunteer": Volunteer,
    "partner_group": PartnerGroup,
    "contact": Contact,
    "signup": SignUp,
}
# Children before parents, so nothing is deleted twice through a cascade.
_DELETE_ORDER = ("signup", "contact", "volunteer", "partner_group")


def _versions(session: Session, changes: Sequence[ImportChange]) -> dict[tuple[str, int], int]:
    """Current version of every record the import touched that still exists."""
    versions: dict[tuple[str, int], int] = {}
    for table, model in _MODELS.items():
        ids = [c.record_id for c in changes if c.table_name == table]
        for chunk in _chunks(ids):
            for record_id, version in session.execute(
                select(model.id, model.version).where(model.id.in_(chunk))
            ):
                versions[(table, record_id)] = version
    return versions


def _dependents(session: Session, created: dict[str, set[int]]) -> int:
    """Records added since the import that deleting its records would take with them (a contact
    added to an imported group, a sign-up of an imported volunteer, a group's event roles) or
    leave without their partner group (volunteers)."""
    checks = (
        (Contact, Contact.group_id, "partner_group", "contact"),
        (EventPartner, EventPartner.group_id, "partner_group", None),
        (Volunteer, Volunteer.group_id, "partner_group", "volunteer"),
        (SignUp, SignUp.volunteer_id, "volunteer", "signup"),
    )
    count = 0
    for model, parent_column, parent_table, own_table in checks:
        ours = created.get(own_table or "", set())
        for chunk in _chunks(sorted(created.get(parent_table, set()))):
            ids = session.scalars(select(model.id).where(parent_column.in_(chunk)))
            count += sum(1 for record_id in ids if record_id not in ours)
    return count


def undo_import(db: Database, batch_id: int, *, force: bool = False) -> UndoReport:
    """Remove what an import created and put back what it updated, in one transaction.

    Refuses (``ConflictError``) when records were edited after the import, or when records
    added since hang on its records (they would be deleted with them), unless ``force``.
    Records deleted since are left alone. Waitlists of shifts that lose sign-ups move up.
    """
    with db.transaction() as session:
        batch = session.get(ImportBatch, batch_id)
        if batch is None:
            raise NotFoundError(N_("Import {id} does not exist."), id=batch_id)
        if batch.undone_at is not None:
            raise ConflictError(N_("Import {id} was already undone."), id=batch_id)
        changes = list(session.scalars(select(ImportChange).where(ImportChange.batch_id == batch_id)))
        versions = _versions(session, changes)
        present = [c for c in changes if (c.table_name, c.record_id) in versions]
        created: dict[str, set[int]] = {}
        for change in present:
            if change.action == "created":
                created.setdefault(change.table_name, set()).add(change.record_id)
        if not force:
            edited = sum(1 for c in present if versions[(c.table_name, c.record_id)] != c.version_after)
            if edited:
                raise ConflictError(
                    N_(
                        "{count} records from import {id} were edited since; undoing it would lose "
                        "those edits. Undo anyway with --force."
                    ),
                    count=edited,
                    id=batch_id,
                )
            dependents = _dependents(session, created)
            if dependents:
                raise ConflictError(
                    N_(
                        "{count} records added since depend on import {id} (contacts of its groups, "
                        "sign-ups of its volunteers…); undoing it would remove them too. "
                        "Undo anyway with --force."
                    ),
                    count=dependents,
                    id=batch_id,
                )
        signup_ids = sorted(c.record_id for c in present if c.table_name == "signup")
        shifts: set[int] = set()
        for chunk in _chunks(signup_ids):
            shifts.update(session.scalars(select(SignUp.shift_id).where(SignUp.id.in_(chunk))))
        restored = 0
        for change in present:
            if change.action == "updated" and change.previous is not None:
                record = session.get(_MODELS[change.table_name], change.record_id)
                assert record is not None
                for column, value in change.previous.items():
                    setattr(record, column, _column_value(change.table_name, column, value))
                restored += 1
        session.flush()
        deleted = 0
        for table in _DELETE_ORDER:
            model = _MODELS[table]
            for chunk in _chunks(sorted(created.get(table, set()))):
                result = session.execute(
                    delete(model).where(model.id.in_(chunk)).execution_options(synchronize_session=False)
                )
                deleted += int(getattr(result, "rowcount", 0) or 0)
        session.expire_all()
        for shift_id in shifts:
            if session.get(Shift, shift_id) is not None:
                refill_shift(session, shift_id)
        batch.undone_at = utcnow()
        # The earlier personal data is not kept once it is restored (one UPDATE, not one per row).
        session.execute(
            update(ImportChange)
            .where(ImportChange.batch_id == batch_id)
            .values(previous=null())
            .execution_options(synchronize_session=False)
        )
        session.flush()
        return UndoReport(batch_id, deleted, restored, already_gone=len(changes) - len(present))


def _column_value(table: str, column: str, value: Any) -> Any:
    if table == "signup" and column == "status":
        return SignUpStatus(value)
    if table == "signup" and column in ("signed_up_at", "checked_in_at") and value is not None:
        return dt.datetime.fromisoformat(value)
    if table == "partner_group" and column == "kind":
        return PartnerKind(value)
    return value
