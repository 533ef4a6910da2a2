"""Volunteers: the people who fill shifts. Built for 100,000 of them: filtering, sorting and
searching happen in SQL over plain columns, and lists come back as light rows."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, String, func, select, type_coerce
from sqlalchemy.orm import Session, selectinload

from rallyorg.db import Database
from rallyorg.domain import validation as v
from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.errors import NotFoundError, ValidationError
from rallyorg.domain.text import fold, search_blob, volunteer_keys
from rallyorg.domain.volunteers import VolunteerInput, prepare_volunteer
from rallyorg.i18n import N_
from rallyorg.models import Event, EventText, PartnerGroup, Shift, SignUp, Volunteer, has_code
from rallyorg.services.concurrency import check_version
from rallyorg.services.signups import refill_shift
from rallyorg.services.volunteer_search import search_condition


class Consent(StrEnum):
    """Filters on what a volunteer agreed to."""

    MAY_EMAIL = "may_email"
    MAY_TEXT = "may_text"
    MAY_CALL = "may_call"
    MAY_SHARE = "may_share"
    DO_NOT_CONTACT = "do_not_contact"


class VolunteerSort(StrEnum):
    NAME = "name"
    CITY = "city"
    EMAIL = "email"
    NEWEST = "newest"


@dataclass(frozen=True)
class VolunteerRow:
    """One line of a volunteer list (the Volunteers screen, duplicates, imports), every consent
    flag included: the one row type, read by the one column list below."""

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


@dataclass(frozen=True)
class HistoryEntry:
    signup_id: int
    event_id: int
    event_title: str
    shift_role: str
    shift_starts_at: dt.datetime
    status: SignUpStatus
    hours: float | None
    promoted_at: dt.datetime | None = None  # moved up from the waitlist then


@dataclass(frozen=True)
class VolunteerData:
    id: int
    given_name: str
    family_name: str
    email: str
    phone: str
    languages: tuple[str, ...]
    skills: tuple[str, ...]
    city: str
    group_id: int | None
    group_name: str
    may_email: bool
    may_text: bool
    may_call: bool
    do_not_contact: bool
    may_share: bool
    source: str
    notes: str
    version: int
    created_at: dt.datetime
    history: tuple[HistoryEntry, ...]

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)

    @property
    def total_hours(self) -> float:
        return sum(h.hours or 0.0 for h in self.history if h.status == SignUpStatus.ATTENDED)


@dataclass(frozen=True)
class DuplicatePair:
    first: VolunteerRow
    second: VolunteerRow
    reason: str  # "phone" or "name_email"


ROW_COLUMNS = (
    Volunteer.id,
    Volunteer.given_name,
    Volunteer.family_name,
    Volunteer.email,
    Volunteer.phone,
    Volunteer.city,
    # Read as the stored ",a,b," text and split in ``_row``: skipping the CodeList type's
    # per-value processing makes a 100,000-row list ~30% faster (benchmarks/bench_search.py).
    type_coerce(Volunteer.languages, String).label("languages"),
    type_coerce(Volunteer.skills, String).label("skills"),
    Volunteer.may_email,
    Volunteer.may_text,
    Volunteer.may_call,
    Volunteer.do_not_contact,
    Volunteer.may_share,
)


def stored_codes(stored: object) -> tuple[str, ...]:
    """A code list as stored (",es,pt_BR,") as its codes."""
    return tuple(code for code in stored.split(",") if code) if isinstance(stored, str) else ()


def volunteer_row(values: Sequence[object]) -> VolunteerRow:
    """A row from the values of ``ROW_COLUMNS``, in their order. Called 100,000 times for a
    whole list: plain unpacking and positional arguments (a generator over the flags made the
    list ~40% slower)."""
    (id_, given, family, email, phone, city, languages, skills) = values[:8]
    (email_ok, text_ok, call_ok, dnc, share) = values[8:]
    return VolunteerRow(
        id_,  # type: ignore[arg-type]
        given,  # type: ignore[arg-type]
        family,  # type: ignore[arg-type]
        email,  # type: ignore[arg-type]
        phone,  # type: ignore[arg-type]
        city,  # type: ignore[arg-type]
        stored_codes(languages),
        stored_codes(skills),
        bool(email_ok),
        bool(text_ok),
        bool(call_ok),
        bool(dnc),
        bool(share),
    )


def filtered_query(
    dialect: str,
    *,
    search: str = "",
    language: str = "",
    skill: str = "",
    city: str = "",
    consent: Consent | None = None,
) -> Select[*tuple[Any, ...]]:
    """The list's query for these filters on a database of ``dialect`` (search is indexed per
    database, see volunteer_search.py)."""
    query = select(*ROW_COLUMNS)
    searched = search_condition(search, dialect)
    if searched is not None:
        query = query.where(searched)
    if language:
        query = query.where(has_code(Volunteer.languages, v.canonical_language(language)))
    if skill:
        query = query.where(has_code(Volunteer.skills, skill))
    if city.strip():
        query = query.where(func.lower(Volunteer.city) == city.strip().lower())
    if consent is not None:
        column = getattr(Volunteer, consent.value)
        query = query.where(column.is_(True))
        if consent != Consent.DO_NOT_CONTACT:
            query = query.where(Volunteer.do_not_contact.is_(False))
    return query


_ORDER = {
    VolunteerSort.NAME: (Volunteer.sort_name, Volunteer.id),
    VolunteerSort.CITY: (Volunteer.city, Volunteer.sort_name, Volunteer.id),
    VolunteerSort.EMAIL: (Volunteer.email, Volunteer.id),
    VolunteerSort.NEWEST: (Volunteer.id.desc(),),
}


def list_volunteers(
    db: Database,
    *,
    search: str = "",
    language: str = "",
    skill: str = "",
    city: str = "",
    consent: Consent | None = None,
    sort: VolunteerSort = VolunteerSort.NAME,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[VolunteerRow]:
    """Matching volunteers as light rows; ``search`` is case- and accent-insensitive."""
    query = filtered_query(
        db.engine.dialect.name, search=search, language=language, skill=skill, city=city, consent=consent
    )
    order = _ORDER[VolunteerSort(sort)]
    query = query.order_by(*(c.desc() if descending and sort != VolunteerSort.NEWEST else c for c in order))
    if limit is not None:
        query = query.limit(limit).offset(offset)
    with db.reading() as session:
        return [volunteer_row(values) for values in session.execute(query)]


def count_volunteers(db: Database) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count(Volunteer.id))) or 0)


def list_cities(db: Database) -> list[str]:
    with db.reading() as session:
        return [c for c in session.scalars(select(Volunteer.city).distinct().order_by(Volunteer.city)) if c]


def _get(session: Session, volunteer_id: int) -> Volunteer:
    volunteer = session.get(Volunteer, volunteer_id)
    if volunteer is None:
        raise NotFoundError(N_("Volunteer {id} does not exist."), id=volunteer_id)
    return volunteer


def _history(session: Session, volunteer_id: int, language: str) -> tuple[HistoryEntry, ...]:
    rows = session.execute(
        select(SignUp, Shift, Event)
        .join(Shift, Shift.id == SignUp.shift_id)
        .join(Event, Event.id == Shift.event_id)
        .where(SignUp.volunteer_id == volunteer_id)
        .options(selectinload(Event.texts))
        .order_by(Shift.starts_at.desc())
    ).all()

    def title(event: Event) -> str:
        texts: dict[str, EventText] = {t.language: t for t in event.texts}
        chosen = texts.get(language) or texts.get("en") or next(iter(texts.values()), None)
        return chosen.title if chosen else ""

    return tuple(
        HistoryEntry(su.id, ev.id, title(ev), sh.role, sh.starts_at, su.status, su.hours, su.promoted_at)
        for su, sh, ev in rows
    )


def _data(session: Session, volunteer: Volunteer, language: str = "en") -> VolunteerData:
    group = session.get(PartnerGroup, volunteer.group_id) if volunteer.group_id else None
    return VolunteerData(
        id=volunteer.id,
        given_name=volunteer.given_name,
        family_name=volunteer.family_name,
        email=volunteer.email,
        phone=volunteer.phone,
        languages=tuple(volunteer.languages),
        skills=tuple(volunteer.skills),
        city=volunteer.city,
        group_id=volunteer.group_id,
        group_name=group.name if group else "",
        may_email=volunteer.may_email,
        may_text=volunteer.may_text,
        may_call=volunteer.may_call,
        do_not_contact=volunteer.do_not_contact,
        may_share=volunteer.may_share,
        source=volunteer.source,
        notes=volunteer.notes,
        version=volunteer.version,
        created_at=volunteer.created_at,
        history=_history(session, volunteer.id, language),
    )


def get_volunteer(db: Database, volunteer_id: int, language: str = "en") -> VolunteerData:
    with db.reading() as session:
        return _data(session, _get(session, volunteer_id), language)


def create_volunteer(db: Database, data: VolunteerInput) -> VolunteerData:
    values = prepare_volunteer(data)
    with db.transaction() as session:
        _check_group(session, data.group_id)
        volunteer = Volunteer(**values)
        session.add(volunteer)
        session.flush()
        return _data(session, volunteer)


def update_volunteer(db: Database, volunteer_id: int, data: VolunteerInput, *, version: int) -> VolunteerData:
    values = prepare_volunteer(data)
    with db.transaction() as session:
        volunteer = _get(session, volunteer_id)
        check_version(volunteer.version, version)
        _check_group(session, data.group_id)
        for name, value in values.items():
            setattr(volunteer, name, value)
        session.flush()
        return _data(session, volunteer)


def delete_volunteer(db: Database, volunteer_id: int) -> None:
    with db.transaction() as session:
        session.delete(_get(session, volunteer_id))


def _check_group(session: Session, group_id: int | None) -> None:
    if group_id is not None and session.get(PartnerGroup, group_id) is None:
        raise ValidationError("group_id", N_("Partner group {id} does not exist."), id=group_id)


def _same_value_groups(session: Session, *columns: Any) -> list[list[int]]:
    """Ids of volunteers sharing a non-empty value in every one of ``columns``, per group.

    One pass with a window count (how many share each value) keeps only the shared ones. A
    self-join let SQLite walk the far less selective name_key index (7 s at 100,000); joining
    back to a GROUP BY ... HAVING took 15 s at 1,000,000 where the window count takes 3.4 s.
    """
    counted = (
        select(Volunteer.id, *columns, func.count().over(partition_by=columns).label("sharing"))
        .where(*(column != "" for column in columns))
        .subquery()
    )
    keys = [counted.c[column.key] for column in columns]
    rows = session.execute(
        select(counted.c.id, *keys).where(counted.c.sharing > 1).order_by(*keys, counted.c.id)
    )
    groups: dict[tuple[object, ...], list[int]] = {}
    for volunteer_id, *key in rows:
        groups.setdefault(tuple(key), []).append(volunteer_id)
    return list(groups.values())


def find_duplicates(db: Database) -> list[DuplicatePair]:
    """Likely duplicates: the same normalised phone, or the same name and the same email.

    A shared family email alone is not a duplicate: "Ana Souza" and "Pedro Souza" at one
    address are two people.
    """
    found: dict[tuple[int, int], str] = {}
    with db.reading() as session:
        for columns, reason in (
            ((Volunteer.phone,), "phone"),
            ((Volunteer.email, Volunteer.name_key), "name_email"),
        ):
            for ids in _same_value_groups(session, *columns):
                for pair in itertools.combinations(ids, 2):
                    found.setdefault(pair, reason)
        wanted = sorted({i for pair in found for i in pair})
        rows: dict[int, VolunteerRow] = {}
        for start in range(0, len(wanted), 500):  # stay far below SQLite's bound-parameter limit
            chunk = wanted[start : start + 500]
            rows.update(
                (row.id, row)
                for row in map(
                    volunteer_row, session.execute(select(*ROW_COLUMNS).where(Volunteer.id.in_(chunk)))
                )
            )
    pairs = [DuplicatePair(rows[a], rows[b], reason) for (a, b), reason in found.items()]
    return sorted(pairs, key=lambda p: (fold(p.first.name), p.first.id, p.second.id))


_STATUS_RANK = {
    SignUpStatus.ATTENDED: 5,
    SignUpStatus.CONFIRMED: 4,
    SignUpStatus.SIGNED_UP: 3,
    SignUpStatus.WAITLISTED: 2,
    SignUpStatus.NO_SHOW: 1,
    SignUpStatus.CANCELLED: 0,
}


def merge_volunteers(db: Database, keep_id: int, merge_id: int) -> VolunteerData:
    """Fold ``merge_id`` into ``keep_id``: every sign-up moves over (on a shared shift the
    more advanced one wins), empty fields are filled, lists united, and consent narrowed
    (a "do not contact" on either record wins)."""
    if keep_id == merge_id:
        raise ValidationError("merge_id", N_("Choose two different volunteers to merge."))
    with db.transaction() as session:
        keep = _get(session, keep_id)
        other = _get(session, merge_id)
        kept_by_shift = {s.shift_id: s for s in keep.signups}
        shared_shifts: list[int] = []
        for signup in list(other.signups):
            mine = kept_by_shift.get(signup.shift_id)
            if mine is None:
                signup.volunteer = keep
                continue
            shared_shifts.append(signup.shift_id)
            if _STATUS_RANK[signup.status] > _STATUS_RANK[mine.status]:
                # The winning sign-up's queue position comes with it.
                mine.status, mine.signed_up_at, mine.checked_in_at, mine.hours = (
                    signup.status,
                    signup.signed_up_at,
                    signup.checked_in_at,
                    signup.hours,
                )
        session.flush()
        for name in ("family_name", "email", "phone", "city", "source"):
            if not getattr(keep, name):
                setattr(keep, name, getattr(other, name))
        if keep.group_id is None:
            keep.group_id = other.group_id
        keep.languages = list(dict.fromkeys([*keep.languages, *other.languages]))  # keep's first stays first
        keep.skills = sorted(set(keep.skills) | set(other.skills))
        keep.do_not_contact = keep.do_not_contact or other.do_not_contact
        for flag in ("may_email", "may_text", "may_call", "may_share"):
            setattr(keep, flag, getattr(keep, flag) and getattr(other, flag) and not keep.do_not_contact)
        keep.notes = "\n".join(n for n in (keep.notes, other.notes) if n)
        for name, value in volunteer_keys(
            keep.given_name, keep.family_name, keep.email, keep.phone, keep.city
        ).items():
            setattr(keep, name, value)
        keep.search_text = search_blob(keep.given_name, keep.family_name, keep.email, keep.phone, keep.city)
        session.expire(other, ["signups"])
        session.delete(other)
        session.flush()
        # One person holding two places on a shift now holds one: the other goes to the waitlist.
        for shift_id in shared_shifts:
            refill_shift(session, shift_id)
        session.flush()
        return _data(session, keep)
