"""Forget a person (a volunteer or a partner group's contact) everywhere rallyorg keeps them.

One transaction removes them and every row that names them (forget_records.py says what goes
and what stays as an anonymous count); then their bytes are cleared from the write-ahead log
and the automatic backups and safety copies beside the database are rewritten without them,
or deleted when they cannot be (forget_files.py). It cannot be undone: nothing of the person
is kept anywhere to undo it with. ``preview_*`` says beforehand what it will change (it runs
the same work in a transaction that is rolled back), for the question the user answers.

Nothing about the person is logged; the report names records by id only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from rallyorg.db import Database
from rallyorg.domain.errors import RallyorgError, os_reason
from rallyorg.i18n import _, ngettext
from rallyorg.models import Contact, Volunteer, utcnow
from rallyorg.services.forget_files import (
    BackupsRewritten,
    backup_copies,
    clear_write_ahead_log,
    rewrite_backups,
)
from rallyorg.services.forget_records import (
    Erased,
    Kind,
    Person,
    contact_person,
    erase,
    volunteer_person,
)

FindPeople = Callable[[Session], list[Person]]


@dataclass(frozen=True)
class ForgetPreview:
    kind: Kind
    record_id: int
    name: str  # for the question only; never logged
    erased: Erased  # what forgetting would change in the database
    backups: int  # copies beside the database that will be rewritten (or deleted)


@dataclass(frozen=True)
class ForgetReport:
    kind: Kind
    record_ids: tuple[int, ...]
    erased: Erased
    log_cleared: bool
    backups: BackupsRewritten = field(default_factory=BackupsRewritten)

    def describe(self) -> list[str]:
        """What was done, in the interface language (the command line and the app)."""
        return describe_changes(self.erased) + self._files()

    def _files(self) -> list[str]:
        lines = []
        done = len(self.backups.rewritten)
        if done:
            lines.append(
                ngettext(
                    "{count} backup beside the database was rewritten without them.",
                    "{count} backups beside the database were rewritten without them.",
                    done,
                ).format(count=done)
            )
        for path, error in self.backups.deleted:
            lines.append(
                _("The backup {path} could not be rewritten ({reason}), so it was deleted.").format(
                    path=path, reason=_reason(error)
                )
            )
        for path, error in self.backups.stuck:
            lines.append(
                _(
                    "The backup {path} could be neither rewritten nor deleted ({reason}): it still "
                    "holds them. Delete it yourself."
                ).format(path=path, reason=_reason(error))
            )
        if not self.log_cleared:
            lines.append(
                _(
                    "Another program is reading the database, so its write-ahead log still holds "
                    "them; it is emptied once every rallyorg using this database is closed."
                )
            )
        lines.append(_("Backups you saved elsewhere yourself still hold them: delete those too."))
        return lines


def describe_changes(erased: Erased) -> list[str]:
    """The database rows forgetting changes (or changed), one line each, zero counts left out."""
    counts = (
        (
            erased.signups_kept,
            ngettext(
                "{count} sign-up stays as an anonymous count (the shift keeps its numbers).",
                "{count} sign-ups stay as anonymous counts (the shifts keep their numbers).",
                erased.signups_kept,
            ),
        ),
        (
            erased.signups_removed,
            ngettext(
                "{count} sign-up for a shift still to come or cancelled is removed.",
                "{count} sign-ups for shifts still to come or cancelled are removed.",
                erased.signups_removed,
            ),
        ),
        (
            erased.attendees,
            ngettext(
                "{count} event-day attendance record keeps its count but loses the name and phone.",
                "{count} event-day attendance records keep their count but lose the name and phone.",
                erased.attendees,
            ),
        ),
        (
            erased.import_records,
            ngettext(
                "{count} import history record that names them is removed.",
                "{count} import history records that name them are removed.",
                erased.import_records,
            ),
        ),
        (
            erased.reminders,
            ngettext(
                "{count} record of a reminder sent to them is removed.",
                "{count} records of reminders sent to them are removed.",
                erased.reminders,
            ),
        ),
        (
            erased.export_records,
            ngettext(
                "{count} export log entry that names them is removed.",
                "{count} export log entries that name them are removed.",
                erased.export_records,
            ),
        ),
    )
    return [text.format(count=count) for count, text in counts if count]


def _reason(error: BaseException) -> str:
    if isinstance(error, RallyorgError):
        return error.translated(_)
    if isinstance(error, OSError):
        return _(os_reason(error, writing=True))
    return (str(error).splitlines() or [type(error).__name__])[0]


class _RolledBack(Exception):
    def __init__(self, erased: Erased) -> None:
        super().__init__()
        self.erased = erased


def _preview(db: Database, kind: Kind, record_id: int, now: dt.datetime | None) -> ForgetPreview:
    find = volunteer_person if kind == "volunteer" else contact_person
    name = ""
    try:
        with db.transaction() as session:
            person = find(session, record_id)
            record = session.get(Volunteer if kind == "volunteer" else Contact, record_id)
            if isinstance(record, Volunteer):
                name = " ".join(p for p in (record.given_name, record.family_name) if p)
            elif isinstance(record, Contact):
                name = record.name
            raise _RolledBack(erase(session, [person], now or utcnow()))  # a preview changes nothing
    except _RolledBack as preview:
        return ForgetPreview(kind, record_id, name, preview.erased, len(backup_copies(db)))
    raise AssertionError("unreachable")  # pragma: no cover


def preview_volunteer(db: Database, volunteer_id: int, *, now: dt.datetime | None = None) -> ForgetPreview:
    return _preview(db, "volunteer", volunteer_id, now)


def preview_contact(db: Database, contact_id: int, *, now: dt.datetime | None = None) -> ForgetPreview:
    return _preview(db, "contact", contact_id, now)


def forget_people(
    db: Database, kind: Kind, find: FindPeople, *, now: dt.datetime | None = None
) -> ForgetReport:
    """Forget whoever ``find`` names inside the transaction (so no one changes meanwhile)."""
    moment = now or utcnow()
    with db.transaction() as session:
        people = find(session)
        erased = erase(session, people, moment)
    log_cleared = clear_write_ahead_log(db)
    backups = rewrite_backups(db, people, moment) if people else BackupsRewritten()
    ids = tuple(sorted(i for person in people for i in person.record_ids))
    return ForgetReport(kind, ids, erased, log_cleared, backups)


def forget_volunteer(db: Database, volunteer_id: int, *, now: dt.datetime | None = None) -> ForgetReport:
    return forget_people(db, "volunteer", lambda session: [volunteer_person(session, volunteer_id)], now=now)


def forget_contact(db: Database, contact_id: int, *, now: dt.datetime | None = None) -> ForgetReport:
    return forget_people(db, "contact", lambda session: [contact_person(session, contact_id)], now=now)
