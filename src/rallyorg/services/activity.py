"""Who changed what and when (the activity log, written by db/activity_log.py): a record's
history, the coalition's activity filtered by person and date, and what changed since a
moment (how open screens learn of other sessions' changes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from rallyorg.db import Database
from rallyorg.db.database import default_actor
from rallyorg.models import Activity

DEFAULT_LIMIT = 500
ACTOR_LENGTH = 100  # Activity.actor's column

__all__ = [
    "DEFAULT_LIMIT",
    "ActivityEntry",
    "actors",
    "changes_after",
    "default_actor",
    "latest_change",
    "list_activity",
    "name_this_computer",
    "record_history",
]


@dataclass(frozen=True)
class ActivityEntry:
    id: int
    at: dt.datetime
    actor: str
    table: str  # volunteer, partner_group, contact, venue, event, shift, signup, attendee
    record_id: int | None
    action: str  # created | changed | deleted
    fields: tuple[str, ...]
    event_id: int | None
    origin: str  # the open database that made it (Database.origin)


def list_activity(
    db: Database,
    *,
    actor: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    table: str | None = None,
    record_id: int | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[ActivityEntry]:
    """The newest first; ``since``/``until`` are aware datetimes (until is exclusive)."""
    query = select(Activity).order_by(Activity.id.desc()).limit(limit)
    if actor:
        query = query.where(Activity.actor == actor)
    if since is not None:
        query = query.where(Activity.at >= since)
    if until is not None:
        query = query.where(Activity.at < until)
    if table is not None:
        query = query.where(Activity.table_name == table)
    if record_id is not None:
        query = query.where(Activity.record_id == record_id)
    with db.reading() as session:
        return [_entry(row) for row in session.scalars(query)]


def record_history(db: Database, table: str, record_id: int) -> list[ActivityEntry]:
    """A record's history, newest first; an event's includes its shifts and sign-ups."""
    query = select(Activity).order_by(Activity.id.desc())
    if table == "event":
        query = query.where((Activity.event_id == record_id) | (
            (Activity.table_name == "event") & (Activity.record_id == record_id)
        ))  # fmt: skip
    else:
        query = query.where(Activity.table_name == table, Activity.record_id == record_id)
    with db.reading() as session:
        return [_entry(row) for row in session.scalars(query.limit(DEFAULT_LIMIT))]


def actors(db: Database) -> list[str]:
    """Everyone who changed something, for a filter's choices."""
    with db.reading() as session:
        return [a for a in session.scalars(select(Activity.actor).distinct().order_by(Activity.actor)) if a]


def name_this_computer(db: Database, name: str) -> str:
    """On a laptop's file, the name the log gives this computer's changes from now on (empty:
    $RALLYORG_ACTOR or the OS user). A server names them by the login, which is left as it is.
    Returns the name now in use."""
    if db.is_sqlite:
        db.actor = " ".join(name.split())[:ACTOR_LENGTH] or default_actor()
    return db.actor


def latest_change(db: Database) -> int:
    """The newest entry's number (0: none): a cheap question an open screen asks every
    second or two; when the answer grows, ``changes_after`` says what to refresh."""
    with db.reading() as session:
        return int(session.scalar(select(func.max(Activity.id))) or 0)


def changes_after(db: Database, after: int, limit: int = DEFAULT_LIMIT) -> list[ActivityEntry]:
    """Entries newer than ``after``, oldest first."""
    query = select(Activity).where(Activity.id > after).order_by(Activity.id).limit(limit)
    with db.reading() as session:
        return [_entry(row) for row in session.scalars(query)]


def _entry(row: Activity) -> ActivityEntry:
    return ActivityEntry(
        id=row.id,
        at=row.at,
        actor=row.actor,
        table=row.table_name,
        record_id=row.record_id,
        action=row.action,
        fields=tuple(row.fields or ()),
        event_id=row.event_id,
        origin=row.origin,
    )
