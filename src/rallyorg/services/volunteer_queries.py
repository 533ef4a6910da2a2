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
from dataclasses import dataclass

from sqlalchemy import String, select, type_coerce

from rallyorg.db import Database
from rallyorg.models import Volunteer
from rallyorg.services.volunteers import _ORDER, Consent, VolunteerSort, filtered_query


@dataclass(frozen=True)
class VolunteerListRow:
    """What one line of the volunteer list shows, every consent flag included."""

    id: int
    given_name: str
    family_name: str
    email: str
    phone: str
    city: str
    languages: tuple[str, ...]
    skills: tuple[str, ...]
    may_email: bool
    may_text: bool
    may_call: bool
    do_not_contact: bool
    may_share: bool

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)


# The code lists are read as their stored ",a,b," text and split here: skipping the column
# type's per-value processing is measurably faster on big lists.
_LIST_COLUMNS = (
    Volunteer.id,
    Volunteer.given_name,
    Volunteer.family_name,
    Volunteer.email,
    Volunteer.phone,
    Volunteer.city,
    type_coerce(Volunteer.languages, String).label("languages"),
    type_coerce(Volunteer.skills, String).label("skills"),
    Volunteer.may_email,
    Volunteer.may_text,
    Volunteer.may_call,
    Volunteer.do_not_contact,
    Volunteer.may_share,
)


def _codes(stored: object) -> tuple[str, ...]:
    return tuple(code for code in stored.split(",") if code) if isinstance(stored, str) else ()


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
    query = filtered_query(search=search, language=language, skill=skill, city=city, consent=consent)
    sort = VolunteerSort(sort)
    order = _ORDER[sort]
    query = query.with_only_columns(Volunteer.id).order_by(
        *(c.desc() if descending and sort != VolunteerSort.NEWEST else c for c in order)
    )
    with db.reading() as session:
        return list(session.connection().execute(query).scalars())


def rows_by_id(db: Database, ids: Sequence[int]) -> dict[int, VolunteerListRow]:
    """The list rows for ``ids`` (a page of a few hundred); ids that no longer exist are left out."""
    if not ids:
        return {}
    query = select(*_LIST_COLUMNS).where(Volunteer.id.in_(list(ids)))
    found: dict[int, VolunteerListRow] = {}
    with db.reading() as session:
        for values in session.connection().execute(query):
            (id_, given, family, email, phone, city, languages, skills, *flags) = values
            may_email, may_text, may_call, do_not_contact, may_share = (bool(f) for f in flags)
            found[id_] = VolunteerListRow(
                id=id_,
                given_name=given,
                family_name=family,
                email=email,
                phone=phone,
                city=city,
                languages=_codes(languages),
                skills=_codes(skills),
                may_email=may_email,
                may_text=may_text,
                may_call=may_call,
                do_not_contact=do_not_contact,
                may_share=may_share,
            )
    return found


def list_languages(db: Database) -> list[str]:
    """Every language code some volunteer speaks (en, es, ht, pt_BR…), sorted."""
    with db.reading() as session:
        stored = session.scalars(select(type_coerce(Volunteer.languages, String)).distinct())
        return sorted({code for value in stored for code in _codes(value)})
