"""Delete with undo: a deletion keeps a snapshot of every row it removes (the record and
everything that cascades with it) and of every reference it clears, so the GUI can undo it
for the rest of the session. Works from the schema's foreign keys, for any table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, select, update

from rallyorg.db import Database, activity_log
from rallyorg.domain.errors import ConflictError, NotFoundError
from rallyorg.i18n import N_
from rallyorg.models import Base

TABLES = {
    "event": "event",
    "partner_group": "partner_group",
    "contact": "contact",
    "volunteer": "volunteer",
    "shift": "shift",
    "signup": "signup",
    "venue": "venue",
}


@dataclass
class Deleted:
    """What a deletion removed: rows per table (parents first) and cleared references."""

    kind: str
    record_id: int
    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    cleared: list[tuple[str, int, str, Any]] = field(default_factory=list)  # table, id, column, value


def _children(table: Table) -> list[tuple[Table, str, str]]:
    """(child table, child column, ondelete) for every foreign key pointing at ``table``."""
    found = []
    for child in Base.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is table:
                found.append((child, fk.parent.name, (fk.ondelete or "").upper()))
    return found


def _collect(connection: Connection, table: Table, ids: list[int], deleted: Deleted) -> None:
    if not ids:
        return
    rows = connection.execute(select(table).where(table.c.id.in_(ids))).mappings().all()
    deleted.rows.extend((table.name, dict(row)) for row in rows)
    for child, column, ondelete in _children(table):
        if "id" not in child.c:  # a link with no id of its own (partner_login): kept whole
            links = connection.execute(select(child).where(child.c[column].in_(ids))).mappings()
            deleted.rows.extend((child.name, dict(link)) for link in links)
            continue
        matches = connection.execute(
            select(child.c.id, child.c[column]).where(child.c[column].in_(ids))
        ).all()
        if ondelete == "SET NULL":
            deleted.cleared.extend((child.name, row[0], column, row[1]) for row in matches)
        else:
            _collect(connection, child, [row[0] for row in matches], deleted)


def delete_with_undo(db: Database, kind: str, record_id: int) -> Deleted:
    """Delete one record (and what cascades with it); return what is needed to undo it."""
    table = Base.metadata.tables[TABLES[kind]]
    deleted = Deleted(kind, record_id)
    with db.transaction() as session:
        connection = session.connection()
        _collect(connection, table, [record_id], deleted)
        if not deleted.rows:
            raise NotFoundError(N_("This record no longer exists."))
        connection.execute(table.delete().where(table.c.id == record_id))
        activity_log.log_bulk(session, TABLES[kind], "deleted", [record_id])
    return deleted


def restore(db: Database, deleted: Deleted) -> None:
    """Put back everything a deletion removed, with the same ids, in one transaction."""
    order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
    with db.transaction() as session:
        connection = session.connection()
        for table_name, row in sorted(deleted.rows, key=lambda item: order[item[0]]):
            table = Base.metadata.tables[table_name]
            taken = "id" in table.c and connection.execute(select(table.c.id).where(table.c.id == row["id"]))
            if taken and taken.first():
                raise ConflictError(N_("Cannot undo: the record was re-created in the meantime."))
            connection.execute(table.insert().values(**row))
        activity_log.log_bulk(session, TABLES[deleted.kind], "created", [deleted.record_id])
        for table_name, row_id, column, value in deleted.cleared:
            table = Base.metadata.tables[table_name]
            connection.execute(
                update(table).where(table.c.id == row_id, table.c[column].is_(None)).values({column: value})
            )
