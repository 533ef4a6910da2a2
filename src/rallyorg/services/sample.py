"""The sample coalition's records in a database (``rallyorg demo``, "Explore the sample
coalition"): marked as they are added, and removed whole when the sample is loaded again.

What ``demo --force`` means: the sample is *replaced*. Every record an earlier load added
(partner groups, their contacts, venues, events with their shifts, sign-ups and texts,
volunteers) is removed and the sample is added afresh, in the one transaction of the load:
the database ends up with exactly one whole sample, or (if the load fails or is killed) as
it was. The user's own records stay; a reference from one of them to a sample record goes the
way the schema's foreign keys say (a volunteer's sample group is cleared, a sign-up of a
sample volunteer goes with the volunteer), exactly as when that record is deleted by hand.

A sample loaded by an older rallyorg carries no marks (migration 0007). Its volunteers and
events are recognised by their content instead: a volunteer whose name, email, phone, city,
source, languages and skills all equal those of a sample person, an event with a sample
event's English title at its exact start. Both are generated data nobody types by chance.
Its partner groups and venues are reused by name, as they always were.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import delete, event, func, select
from sqlalchemy.orm import Session

from rallyorg.db import Database
from rallyorg.models import Contact, Event, EventText, PartnerGroup, Venue, Volunteer

T = TypeVar("T")

SAMPLE_MODELS = (Event, Volunteer, Contact, PartnerGroup, Venue)  # the order they are removed in

# What makes a stored volunteer a person of the sample: given and family name, email, phone,
# city, source, languages, skills (the last two sorted, as stored).
VolunteerKey = tuple[str, str, str, str, str, str, tuple[str, ...], tuple[str, ...]]
# An event of the sample: its start (UTC) and English title.
EventKey = tuple[dt.datetime, str]


@dataclass(frozen=True)
class RemovedSample:
    """What an earlier sample left and was removed: marked records per table, and records of
    an older rallyorg's unmarked sample recognised by their content."""

    marked: dict[str, int]
    unmarked_volunteers: int
    unmarked_events: int


def volunteer_key(values: dict[str, Any]) -> VolunteerKey:
    """The key of a volunteer from its column values (as ``prepare_volunteer`` gives them)."""
    return (
        str(values["given_name"]),
        str(values["family_name"]),
        str(values["email"]),
        str(values["phone"]),
        str(values["city"]),
        str(values["source"]),
        tuple(sorted(values["languages"])),
        tuple(sorted(values["skills"])),
    )


@contextmanager
def marking_new_records(session: Session) -> Iterator[None]:
    """Mark every group, contact, venue, event and volunteer ``session`` adds meanwhile as
    part of the sample (however the service that adds it builds it)."""

    def mark(session: Session, _context: object, _instances: object) -> None:
        for instance in session.new:
            if isinstance(instance, SAMPLE_MODELS):
                instance.sample = True

    event.listen(session, "before_flush", mark)
    try:
        yield
    finally:
        event.remove(session, "before_flush", mark)


def count_marked(db: Database) -> dict[str, int]:
    """How many records of each table are marked as the sample's."""
    with db.reading() as session:
        return {
            model.__tablename__: int(session.scalar(select(func.count()).where(model.sample)) or 0)
            for model in SAMPLE_MODELS
        }


def _unmarked_volunteers(session: Session, keys: Collection[VolunteerKey]) -> list[int]:
    wanted = set(keys)
    found = []
    # The sample's family names narrow the search in SQL (a big database is mostly others).
    family_names = sorted({key[1] for key in wanted})
    for chunk in _chunks(family_names):
        rows = session.execute(
            select(
                Volunteer.id,
                Volunteer.given_name,
                Volunteer.family_name,
                Volunteer.email,
                Volunteer.phone,
                Volunteer.city,
                Volunteer.source,
                Volunteer.languages,
                Volunteer.skills,
            ).where(~Volunteer.sample, Volunteer.family_name.in_(chunk))
        )
        found += [row.id for row in rows if volunteer_key(dict(row._mapping)) in wanted]
    return found


def _unmarked_events(session: Session, keys: Collection[EventKey]) -> list[int]:
    wanted = {(starts.astimezone(dt.UTC), title) for starts, title in keys}
    query = (
        select(Event.id, Event.starts_at, EventText.title)
        .join(EventText, EventText.event_id == Event.id)
        .where(~Event.sample, EventText.language == "en")
    )
    return [
        row.id for row in session.execute(query) if (row.starts_at.astimezone(dt.UTC), row.title) in wanted
    ]


def remove_sample(
    db: Database,
    *,
    unmarked_volunteers: Collection[VolunteerKey] = (),
    unmarked_events: Collection[EventKey] = (),
) -> RemovedSample:
    """Remove every record of an earlier sample: the marked ones, and the unmarked volunteers
    and events of an older rallyorg's sample whose keys are given (see the module's docstring).
    Whatever hangs off them goes by the schema's foreign keys (cascade or cleared)."""
    with db.transaction() as session:
        old_volunteers = _unmarked_volunteers(session, unmarked_volunteers) if unmarked_volunteers else []
        old_events = _unmarked_events(session, unmarked_events) if unmarked_events else []
        for chunk in _chunks(old_events):
            session.execute(delete(Event).where(Event.id.in_(chunk)))
        for chunk in _chunks(old_volunteers):
            session.execute(delete(Volunteer).where(Volunteer.id.in_(chunk)))
        marked = {}
        for model in SAMPLE_MODELS:
            result = session.execute(delete(model).where(model.sample))
            marked[model.__tablename__] = int(getattr(result, "rowcount", 0) or 0)
        session.expunge_all()  # the rows are gone: nothing loaded before may be used again
    return RemovedSample(marked, len(old_volunteers), len(old_events))


def _chunks(values: list[T], size: int = 500) -> Iterator[list[T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
