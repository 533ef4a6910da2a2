"""Writes the activity log (models.Activity) as changes are saved: one row per record a
session creates, changes or deletes, in the same transaction, so the log and the data never
disagree. Field names only, never values (see Activity).

Installed on the Database's sessions (database.py). Changes written in bulk with Core
statements (imports) log themselves: ``log_bulk``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Table, event, insert, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from rallyorg.models import (
    Activity,
    Attendee,
    Contact,
    Event,
    EventPartner,
    EventPicture,
    EventText,
    PartnerGroup,
    PartnerLogo,
    Shift,
    SignUp,
    Venue,
    Volunteer,
    utcnow,
)

ACTOR_KEY = "rallyorg.actor"
ORIGIN_KEY = "rallyorg.origin"
_ACTIVITY = cast(Table, Activity.__table__)

# Each tracked class: the table its rows are logged under, and how to find its event.
_LOGGED: dict[type[Any], str] = {
    Volunteer: "volunteer",
    PartnerGroup: "partner_group",
    Contact: "contact",
    Venue: "venue",
    Event: "event",
    EventText: "event",
    EventPartner: "event",
    EventPicture: "event",
    PartnerLogo: "partner_group",
    Shift: "shift",
    SignUp: "signup",
    Attendee: "attendee",
}
# Columns that change with every edit or follow from others: not news to anyone.
_BOOKKEEPING = frozenset(
    {"id", "version", "created_at", "updated_at", "search_text", "name_key", "sort_name", "sample"}
)


def install(sessions: sessionmaker[Session]) -> None:
    event.listen(sessions, "after_flush", _log_flush)


def _log_flush(session: Session, _context: object) -> None:
    rows = [
        *(_row(session, obj, "created") for obj in session.new),
        *(_row(session, obj, "changed") for obj in session.dirty if session.is_modified(obj)),
        *(_row(session, obj, "deleted") for obj in session.deleted),
    ]
    kept = _merged([row for row in rows if row is not None])
    if kept:
        session.connection().execute(insert(_ACTIVITY), kept)


def _row(session: Session, obj: Any, action: str) -> dict[str, Any] | None:
    table = _LOGGED.get(type(obj))
    if table is None:
        return None
    state = inspect(obj)
    if isinstance(obj, EventText | EventPartner):
        # A title or a co-sponsor is part of its event: logged as a change of the event.
        part = "texts" if isinstance(obj, EventText) else "partners"
        return _entry(session, "event", obj.event_id, "changed", [part], obj.event_id)
    if isinstance(obj, EventPicture | PartnerLogo):
        # A picture is its record's, in a table of its own only so lists never read its bytes:
        # "changed partner group 4: logo", whether it was added, replaced or removed.
        if isinstance(obj, EventPicture):
            return _entry(session, "event", obj.event_id, "changed", ["picture"], obj.event_id)
        return _entry(session, "partner_group", obj.group_id, "changed", ["logo"], None)
    fields = sorted(
        attr.key
        for attr in state.mapper.column_attrs
        if attr.key not in _BOOKKEEPING and state.attrs[attr.key].history.has_changes()
    )
    if action == "changed" and not fields:
        return None
    return _entry(
        session, table, obj.id, action, fields if action == "changed" else [], _event_of(session, obj)
    )


def _event_of(session: Session, obj: Any) -> int | None:
    if isinstance(obj, Event):
        return int(obj.id)
    if isinstance(obj, Shift | Attendee):
        return int(obj.event_id)
    if isinstance(obj, SignUp):  # read, not lazy-loaded: this runs inside the flush
        found = session.connection().execute(select(Shift.event_id).where(Shift.id == obj.shift_id))
        return found.scalar()
    return None


def _entry(
    session: Session, table: str, record_id: int | None, action: str, fields: list[str], event_id: int | None
) -> dict[str, Any]:
    return {
        "at": utcnow(),
        "actor": str(session.info.get(ACTOR_KEY, "")),
        "table_name": table,
        "record_id": record_id,
        "action": action,
        "fields": fields,
        "event_id": event_id,
        "origin": str(session.info.get(ORIGIN_KEY, "")),
    }


def _merged(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per record and action: an event whose title and co-sponsors both changed is
    one "changed texts, partners" (a created record keeps its one "created")."""
    merged: dict[tuple[str, int | None, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["table_name"], row["record_id"], row["action"])
        if key in merged:
            merged[key]["fields"] = sorted(set(merged[key]["fields"]) | set(row["fields"]))
        else:
            merged[key] = row
    # A record created or deleted in this action was not also "changed" by it.
    whole = {(t, r) for t, r, a in merged if a != "changed"}
    return [row for (t, r, a), row in merged.items() if a != "changed" or (t, r) not in whole]


def log_bulk(
    session: Session, table: str, action: str, record_ids: Iterable[int], fields: Iterable[str] = ()
) -> None:
    """Log rows written with Core statements (an import's thousands): one row each."""
    names = sorted(set(fields) - _BOOKKEEPING)
    rows = [_entry(session, table, record_id, action, names, None) for record_id in record_ids]
    if rows:
        session.connection().execute(insert(_ACTIVITY), rows)
