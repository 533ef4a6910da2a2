"""Forgetting people inside one database (the open one, or a backup being rewritten): the rows
that are them, and every other row that names them. Works inside the caller's transaction.

What goes, and what stays as an anonymous count:

- the volunteer or contact row itself;
- a volunteer's sign-ups: one they checked in on, or one on a shift that is over (signed up,
  confirmed, no-show), stays as an anonymous sign-up (no volunteer; its dates moved to the
  shift's start, so no time stamp points at them), so shifts, rallies and attendance keep their
  numbers; one on a shift still to come, and any cancelled one, is removed, and the waitlist
  moves up into a place it held;
- the reminders sent to them (services/reminders.py): removed;
- event-day attendance rows: a walk-in row of theirs, or a row with their name or phone, loses
  the name, phone and language and stays as a count (a walk-in still counted as one);
- the import history: the records of their rows (with the values an import replaced) are
  removed, and any other record whose earlier values name them loses those values;
- the export log: an entry whose columns or options name them is removed (entries never hold
  people, by design: this is a guard).

A ``Person`` carries every name, email and phone the person was known by here (their record
and the earlier values in the import history), so a backup where they still had an old phone
is cleaned too. In a backup the same id may be someone else (SQLite reuses the highest id once
it is deleted): there a record is theirs only when its id *and* its name, email or phone
match, or its name and its email or phone do (``locate``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Row, case, delete, select, text, update
from sqlalchemy.orm import Session

from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.errors import NotFoundError
from rallyorg.domain.shifts import is_over
from rallyorg.domain.text import fold
from rallyorg.i18n import N_
from rallyorg.models import (
    Attendee,
    Contact,
    ExportRecord,
    ImportChange,
    Reminder,
    Shift,
    SignUp,
    Volunteer,
)
from rallyorg.services.import_run import chunks
from rallyorg.services.signups import refill_shift

Kind = Literal["volunteer", "contact"]


@dataclass(frozen=True)
class Person:
    kind: Kind
    record_ids: frozenset[int]
    names: frozenset[str] = frozenset()  # folded, "given family" and "family given"
    emails: frozenset[str] = frozenset()  # casefolded
    phones: frozenset[str] = frozenset()  # E.164

    def widened(self, names: Iterable[str], emails: Iterable[str], phones: Iterable[str]) -> Person:
        return Person(
            self.kind,
            self.record_ids,
            self.names | {n for n in names if n},
            self.emails | {e.strip().casefold() for e in emails if e and e.strip()},
            self.phones | {p.strip() for p in phones if p and p.strip()},
        )


@dataclass
class Erased:
    """What forgetting changed, row by row."""

    records: int = 0
    signups_kept: int = 0  # now anonymous counts
    signups_removed: int = 0
    attendees: int = 0  # made anonymous
    import_records: int = 0
    export_records: int = 0
    reminders: int = 0  # the record of reminders sent to them (and tried)

    @property
    def changed(self) -> bool:
        return any(vars(self).values())

    def add(self, other: Erased) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _full_names(given: str, family: str = "") -> set[str]:
    return {fold(f"{given} {family}"), fold(f"{family} {given}")} - {""}


def _earlier_values(session: Session, table: str, ids: Iterable[int]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for chunk in chunks(sorted(ids)):
        query = select(ImportChange.previous).where(
            ImportChange.table_name == table,
            ImportChange.record_id.in_(chunk),
            ImportChange.previous.is_not(None),
        )
        found.extend(p for p in session.scalars(query) if isinstance(p, dict))
    return found


def _volunteer_identity(person: Person, session: Session, rows: Sequence[Volunteer]) -> Person:
    names: set[str] = set()
    emails: list[str] = []
    phones: list[str] = []
    for volunteer in rows:
        names |= _full_names(volunteer.given_name, volunteer.family_name)
        emails.append(volunteer.email)
        phones.append(volunteer.phone)
        for earlier in _earlier_values(session, "volunteer", [volunteer.id]):
            given = str(earlier.get("given_name", volunteer.given_name) or "")
            family = str(earlier.get("family_name", volunteer.family_name) or "")
            names |= _full_names(given, family) | {fold(str(earlier.get("name_key") or ""))}
            emails.append(str(earlier.get("email") or ""))
            phones.append(str(earlier.get("phone") or ""))
    return person.widened(names, emails, phones)


def _contact_identity(person: Person, session: Session, rows: Sequence[Contact]) -> Person:
    names: set[str] = set()
    emails: list[str] = []
    phones: list[str] = []
    for contact in rows:
        names |= _full_names(contact.name)
        emails.append(contact.email)
        phones.append(contact.phone)
        for earlier in _earlier_values(session, "contact", [contact.id]):
            names |= _full_names(str(earlier.get("name") or ""))
            emails.append(str(earlier.get("email") or ""))
            phones.append(str(earlier.get("phone") or ""))
    return person.widened(names, emails, phones)


def volunteer_person(session: Session, volunteer_id: int) -> Person:
    volunteer = session.get(Volunteer, volunteer_id)
    if volunteer is None:
        raise NotFoundError(N_("Volunteer {id} does not exist."), id=volunteer_id)
    return _volunteer_identity(Person("volunteer", frozenset({volunteer_id})), session, [volunteer])


def contact_person(session: Session, contact_id: int) -> Person:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFoundError(N_("Contact {id} does not exist."), id=contact_id)
    return _contact_identity(Person("contact", frozenset({contact_id})), session, [contact])


def locate(session: Session, person: Person) -> Person:
    """``person`` in another copy of the data (a backup): the records there that are them."""

    def same(record_id: int, name_match: bool, email: str, phone: str) -> bool:
        reach = (email.strip().casefold() in person.emails) or (phone.strip() in person.phones)
        return (record_id in person.record_ids and (name_match or reach)) or (name_match and reach)

    if person.kind == "volunteer":
        volunteers = session.scalars(
            select(Volunteer).where(
                Volunteer.id.in_(person.record_ids) | Volunteer.name_key.in_(person.names)
            )
        ).all()
        mine = [v for v in volunteers if same(v.id, v.name_key in person.names, v.email, v.phone)]
        found = Person("volunteer", frozenset(v.id for v in mine), person.names, person.emails, person.phones)
        return _volunteer_identity(found, session, mine)
    contacts = session.scalars(select(Contact)).all()  # a few hundred at most; names are not keyed
    picked = [c for c in contacts if same(c.id, fold(c.name) in person.names, c.email, c.phone)]
    found = Person("contact", frozenset(c.id for c in picked), person.names, person.emails, person.phones)
    return _contact_identity(found, session, picked)


class _Mentions:
    """Finds any of the people's names (whole words, folded), emails or phones in a JSON value
    (an import's earlier values, an export's options): one pattern for everyone at once."""

    def __init__(self, people: Sequence[Person]) -> None:
        names = sorted({n for p in people for n in p.names}, key=len, reverse=True)
        reach = sorted({x for p in people for x in (*p.emails, *p.phones)}, key=len, reverse=True)
        self._names = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, names))})(?!\w)") if names else None
        self._reach = (
            re.compile(rf"(?<![\w.+-])(?:{'|'.join(map(re.escape, reach))})(?![\w.-])") if reach else None
        )

    def __call__(self, value: Any) -> bool:
        if isinstance(value, dict):
            return any(self(v) for v in (*value.keys(), *value.values()))
        if isinstance(value, list):
            return any(self(v) for v in value)
        if not isinstance(value, str) or not value.strip():
            return False
        if self._names is not None and self._names.search(fold(value)):
            return True
        return self._reach is not None and self._reach.search(value.casefold()) is not None


def _erase_signups(session: Session, volunteer_ids: Sequence[int], now: dt.datetime, erased: Erased) -> None:
    rows: list[Row[int, SignUpStatus, int, dt.datetime]] = []
    for ids in chunks(volunteer_ids):
        rows.extend(
            session.execute(
                select(SignUp.id, SignUp.status, SignUp.shift_id, Shift.ends_at)
                .join(Shift, Shift.id == SignUp.shift_id)
                .where(SignUp.volunteer_id.in_(ids))
            ).all()
        )
    counted = {
        r.id
        for r in rows
        if r.status == SignUpStatus.ATTENDED
        or (is_over(r.ends_at, now) and r.status != SignUpStatus.CANCELLED)
    }
    kept = sorted(counted)
    removed = [r for r in rows if r.id not in counted]
    shift_start = select(Shift.starts_at).where(Shift.id == SignUp.shift_id).scalar_subquery()
    for chunk in chunks(kept):
        session.execute(
            update(SignUp)
            .where(SignUp.id.in_(chunk))
            .values(
                volunteer_id=None,
                signed_up_at=shift_start,
                created_at=shift_start,
                checked_in_at=case((SignUp.checked_in_at.is_not(None), shift_start), else_=None),
                promoted_at=None,
                version=SignUp.version + 1,
            )
            .execution_options(synchronize_session=False)
        )
    for chunk in chunks([r.id for r in removed]):
        session.execute(
            delete(SignUp).where(SignUp.id.in_(chunk)).execution_options(synchronize_session=False)
        )
    for chunk in chunks([r.id for r in rows]):
        session.execute(
            delete(ImportChange).where(ImportChange.table_name == "signup", ImportChange.record_id.in_(chunk))
        )
    session.expire_all()
    for shift_id in sorted({r.shift_id for r in removed if r.status != SignUpStatus.CANCELLED}):
        refill_shift(session, shift_id)
    session.flush()
    erased.signups_kept += len(kept)
    erased.signups_removed += len(removed)


def _anonymise_attendees(session: Session, people: Sequence[Person], volunteer_ids: Sequence[int]) -> int:
    names = set().union(*(p.names for p in people))
    phones = set().union(*(p.phones for p in people))
    ours = set(volunteer_ids)
    named = session.execute(
        select(Attendee.id, Attendee.name, Attendee.phone, Attendee.volunteer_id).where(
            (Attendee.name != "") | (Attendee.phone != "") | Attendee.volunteer_id.is_not(None)
        )
    ).all()
    walk_ins = [r.id for r in named if r.volunteer_id in ours]
    theirs = [r.id for r in named if fold(r.name) in names or r.phone in phones or r.volunteer_id in ours]
    blank = {"name": "", "phone": "", "language": "", "may_contact": False}
    for chunk in chunks(theirs):
        session.execute(update(Attendee).where(Attendee.id.in_(chunk)).values(**blank))
    for chunk in chunks(walk_ins):
        session.execute(
            update(Attendee).where(Attendee.id.in_(chunk)).values(volunteer_id=None, walk_in=True)
        )
    return len(theirs)


def _erase_history(session: Session, people: Sequence[Person], erased: Erased) -> None:
    for person in people:
        for chunk in chunks(sorted(person.record_ids)):
            result = session.execute(
                delete(ImportChange).where(
                    ImportChange.table_name == person.kind, ImportChange.record_id.in_(chunk)
                )
            )
            erased.import_records += int(getattr(result, "rowcount", 0) or 0)
    others = session.execute(
        select(ImportChange.id, ImportChange.previous).where(ImportChange.previous.is_not(None))
    ).all()
    names_them = _Mentions(people)
    naming = [row.id for row in others if names_them(row.previous)]
    for chunk in chunks(naming):
        session.execute(update(ImportChange).where(ImportChange.id.in_(chunk)).values(previous=None))
    erased.import_records += len(naming)
    exports = session.execute(select(ExportRecord.id, ExportRecord.columns, ExportRecord.options)).all()
    logged = [row.id for row in exports if names_them([row.columns, row.options])]
    for chunk in chunks(logged):
        session.execute(delete(ExportRecord).where(ExportRecord.id.in_(chunk)))
    erased.export_records += len(logged)


def _erase_reminders(session: Session, volunteer_ids: Sequence[int]) -> int:
    """The reminders sent to them: removed, not kept as counts (they say whom a rally reached).
    The foreign key would remove them with the person too; deleting them here counts them."""
    removed = 0
    for chunk in chunks(volunteer_ids):
        result = session.execute(
            delete(Reminder)
            .where(Reminder.volunteer_id.in_(chunk))
            .execution_options(synchronize_session=False)
        )
        removed += int(getattr(result, "rowcount", 0) or 0)
    return removed


def erase(session: Session, people: Sequence[Person], now: dt.datetime) -> Erased:
    """Remove ``people`` and every row that names them (see the module's docstring)."""
    erased = Erased()
    volunteer_ids = sorted({i for p in people if p.kind == "volunteer" for i in p.record_ids})
    contact_ids = sorted({i for p in people if p.kind == "contact" for i in p.record_ids})
    if volunteer_ids:
        _erase_signups(session, volunteer_ids, now, erased)
        erased.reminders += _erase_reminders(session, volunteer_ids)
    erased.attendees += _anonymise_attendees(session, people, volunteer_ids)
    _erase_history(session, people, erased)
    for model, ids in ((Volunteer, volunteer_ids), (Contact, contact_ids)):
        for chunk in chunks(ids):
            result = session.execute(
                delete(model).where(model.id.in_(chunk)).execution_options(synchronize_session=False)
            )
            erased.records += int(getattr(result, "rowcount", 0) or 0)
    if volunteer_ids and session.get_bind().dialect.name == "sqlite":
        # The search index (migration 0010) marks a deleted person's entries as deleted but
        # keeps their pieces of text in older index segments until they are merged; merging
        # now rewrites it without them (~0.3 s at 100,000 people), and secure_delete zeroes
        # the freed pages.
        session.execute(text("INSERT INTO volunteer_search (volunteer_search) VALUES ('optimize')"))
    session.expire_all()
    return erased
