"""The import history and undoing an import as a whole."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, null, select, update
from sqlalchemy.orm import Session

from rallyorg.db import Database, activity_log
from rallyorg.domain.enums import PartnerKind, SignUpStatus
from rallyorg.domain.errors import ConflictError, NotFoundError
from rallyorg.exchange.columns import (
    ImportKind,
)
from rallyorg.exchange.outcomes import (
    ImportBatchData,
    OnDuplicate,
    UndoReport,
)
from rallyorg.i18n import N_
from rallyorg.models import (
    Contact,
    EventPartner,
    ImportBatch,
    ImportChange,
    PartnerGroup,
    Shift,
    SignUp,
    Volunteer,
    utcnow,
)
from rallyorg.services.concurrency import check_version
from rallyorg.services.import_run import chunks
from rallyorg.services.signups import refill_shift

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
        for chunk in chunks(ids):
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
        for chunk in chunks(sorted(created.get(parent_table, set()))):
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
        for chunk in chunks(signup_ids):
            shifts.update(session.scalars(select(SignUp.shift_id).where(SignUp.id.in_(chunk))))
        restored = 0
        for change in present:
            if change.action == "updated" and change.previous is not None:
                record = session.get(_MODELS[change.table_name], change.record_id)
                assert record is not None
                if not force:
                    # Loaded after the check above: on PostgreSQL another writer may have
                    # committed in between. The UPDATE is guarded by the version loaded here.
                    check_version(record.version, change.version_after)
                for column, value in change.previous.items():
                    setattr(record, column, _column_value(change.table_name, column, value))
                restored += 1
        session.flush()
        deleted = 0
        for table in _DELETE_ORDER:
            model = _MODELS[table]
            for chunk in chunks(sorted(created.get(table, set()))):
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
        activity_log.log_bulk(session, "import", "deleted", [batch_id])  # undone: see imports.py
        return UndoReport(batch_id, deleted, restored, already_gone=len(changes) - len(present))


def _column_value(table: str, column: str, value: Any) -> Any:
    if table == "signup" and column == "status":
        return SignUpStatus(value)
    if table == "signup" and column in ("signed_up_at", "checked_in_at") and value is not None:
        return dt.datetime.fromisoformat(value)
    if table == "partner_group" and column == "kind":
        return PartnerKind(value)
    return value
