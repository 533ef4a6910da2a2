"""Read-only questions the Volunteers screen asks besides ``volunteers.list_volunteers``.

A list of 100,000 volunteers is shown the way Anki shows its card browser: the screen asks
for the *ids* of the matching volunteers in display order (one narrow SQL query), then for
the full rows of only the few hundred it is about to paint (``rows_by_id``). The model so
knows its exact row count (a true scroll bar, "5,460 of 100,000 volunteers") without a
separate COUNT, and a selection is found again by id. Building 100,000 row objects up front
takes about a second; ``LIMIT``/``OFFSET`` pages are cheap on the indexed name sort but get
slower the deeper they go on the others (benchmarks/bench_volunteer_list.py has the figures).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import String, select, type_coerce

from rallyorg.db import Database
from rallyorg.models import Volunteer
from rallyorg.services.volunteers import (
    _ORDER,
    ROW_COLUMNS,
    Consent,
    VolunteerRow,
    VolunteerSort,
    filtered_query,
    stored_codes,
    volunteer_row,
)


def matching_ids(
    db: Database,
    *,
    search: str = "",
    language: str = "",
    skill: str = "",
    city: str = "",
    consent: Consent | None = None,
    sort: VolunteerSort = VolunteerSort.NAME,
    descending: bool = False,
) -> list[int]:
    """Ids of the volunteers ``list_volunteers`` would return for the same arguments, in the
    same order (same filters, same sort keys)."""
    query = filtered_query(
        db.engine.dialect.name, search=search, language=language, skill=skill, city=city, consent=consent
    )
    sort = VolunteerSort(sort)
    order = _ORDER[sort]
    query = query.with_only_columns(Volunteer.id).order_by(
        *(c.desc() if descending and sort != VolunteerSort.NEWEST else c for c in order)
    )
    with db.reading() as session:
        return list(session.connection().execute(query).scalars())


def rows_by_id(db: Database, ids: Sequence[int]) -> dict[int, VolunteerRow]:
    """The list rows for ``ids`` (a page of a few hundred); ids that no longer exist are left out."""
    if not ids:
        return {}
    query = select(*ROW_COLUMNS).where(Volunteer.id.in_(list(ids)))
    with db.reading() as session:
        rows = map(volunteer_row, session.connection().execute(query))
        found = {row.id: row for row in rows}
    return found


def list_languages(db: Database) -> list[str]:
    """Every language code some volunteer speaks (en, es, ht, pt_BR…), sorted."""
    with db.reading() as session:
        stored = session.scalars(select(type_coerce(Volunteer.languages, String)).distinct())
        return sorted({code for value in stored for code in stored_codes(value)})
