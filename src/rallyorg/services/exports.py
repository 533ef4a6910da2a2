"""Exports: partner contacts (CSV, vCard), volunteers (CSV), events (iCalendar) and an event's
roster (PDF sign-in sheet), each written atomically and recorded in the export log.

Consent is honoured by default: people marked "do not contact" are never exported;
``shared_only`` keeps only people who agreed to be shared with partner groups; ``redacted``
keeps only what identifies nobody on its own (first name, initials, city). The export log
says when, what, in which format, how many rows, which columns and which options, and
nothing about the people in the file, nor the file's path (it can hold a user name).
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rallyorg.db import Database
from rallyorg.domain.enums import EventStatus, SignUpStatus
from rallyorg.domain.errors import NotFoundError, ValidationError
from rallyorg.domain.events import EventData
from rallyorg.domain.files import write_atomically
from rallyorg.domain.shifts import HOLDING
from rallyorg.domain.validation import format_phone
from rallyorg.exchange.ical import calendar_file
from rallyorg.exchange.record_problems import RecordGuard, RecordProblem
from rallyorg.exchange.roster import RosterEntry, RosterSheet, roster_document
from rallyorg.exchange.safe_csv import checked_row, csv_bytes
from rallyorg.exchange.vcard import VERSIONS, CardContact, vcard_card
from rallyorg.i18n import N_, format_time
from rallyorg.models import Contact, ExportRecord, PartnerGroup, Shift, SignUp, Volunteer
from rallyorg.services import events as event_service
from rallyorg.services.signups import full_name

Translate = Callable[[str], str]
T = TypeVar("T")


class ExportKind(StrEnum):
    CONTACTS = "contacts"
    VOLUNTEERS = "volunteers"
    EVENTS = "events"
    ROSTER = "roster"


class ExportFormat(StrEnum):
    CSV = "csv"
    VCARD = "vcard"
    ICS = "ics"
    PDF = "pdf"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    kind: ExportKind
    format: ExportFormat
    row_count: int
    columns: tuple[str, ...]
    options: dict[str, Any]
    record_id: int
    # People left out, and why: {"do_not_contact": 3, "not_shared": 12}.
    left_out: dict[str, int] = field(default_factory=dict)
    # Records that could not be written and were left out, each with the field and the reason;
    # the others are in the file.
    skipped: tuple[RecordProblem, ...] = ()
    # Records written with something missing (a roster name the fonts cannot print in full).
    warnings: tuple[RecordProblem, ...] = ()


@dataclass(frozen=True)
class ExportRecordData:
    """One line of the export log."""

    id: int
    created_at: dt.datetime
    kind: ExportKind
    format: ExportFormat
    row_count: int
    columns: tuple[str, ...]
    options: dict[str, Any]


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _initials(name: str) -> str:
    return " ".join(f"{word[0]}." for word in name.split() if word)


def _save(
    session: Session,
    path: Path | str,
    data: bytes,
    *,
    kind: ExportKind,
    export_format: ExportFormat,
    row_count: int,
    columns: Sequence[str],
    options: dict[str, Any],
    left_out: dict[str, int] | None = None,
    private: bool = True,
    skipped: Sequence[RecordProblem] = (),
    warnings: Sequence[RecordProblem] = (),
) -> ExportResult:
    """Write the file, then log the export in the same transaction: a file that could not be
    written leaves no log entry, and an earlier file at ``path`` untouched."""
    write_atomically(path, data, private=private)
    record = ExportRecord(
        kind=kind.value,
        format=export_format.value,
        row_count=row_count,
        columns=list(columns),
        options=options,
    )
    session.add(record)
    session.flush()
    return ExportResult(
        Path(path),
        kind,
        export_format,
        row_count,
        tuple(columns),
        options,
        record.id,
        left_out or {},
        tuple(skipped),
        tuple(warnings),
    )


# --- Partner contacts ----------------------------------------------------------------------------

CONTACT_COLUMNS = (
    "Group", "Kind", "City", "Name", "Role", "Email", "Phone", "Preferred language", "Primary contact",
    "May share",
)  # fmt: skip
REDACTED_CONTACT_COLUMNS = ("Name", "Group", "City")


def export_contacts(
    db: Database,
    path: Path | str,
    *,
    export_format: ExportFormat = ExportFormat.CSV,
    shared_only: bool = False,
    redacted: bool = False,
    vcard_version: str = "3.0",
    translate: Translate | None = None,
) -> ExportResult:
    """Partner groups' contacts, by group then name, as CSV or vCard."""
    export_format = ExportFormat(export_format)
    if export_format not in (ExportFormat.CSV, ExportFormat.VCARD):
        raise ValidationError("format", N_("Contacts can be exported as csv or vcard."))
    if vcard_version not in VERSIONS:
        raise ValidationError("vcard_version", N_("vCard version must be 3.0 or 4.0."))
    with db.transaction() as session:
        found = session.execute(
            select(Contact, PartnerGroup)
            .join(PartnerGroup, PartnerGroup.id == Contact.group_id)
            .order_by(PartnerGroup.name_key, Contact.name, Contact.id)
        ).all()
        left_out = {
            "do_not_contact": sum(1 for c, _ in found if c.do_not_contact),
            "not_shared": sum(
                1 for c, _ in found if shared_only and not c.do_not_contact and not c.may_share
            ),
        }
        chosen = [(c, g) for c, g in found if not c.do_not_contact and (c.may_share or not shared_only)]
        options: dict[str, Any] = {"shared_only": shared_only, "redacted": redacted}
        guard = RecordGuard("contact")
        if export_format == ExportFormat.CSV:
            columns: tuple[str, ...] = REDACTED_CONTACT_COLUMNS if redacted else CONTACT_COLUMNS

            def contact_row(c: Contact, g: PartnerGroup) -> list[object]:
                if redacted:
                    return [_initials(c.name), g.name, g.city]
                return [
                    g.name,
                    g.kind.value,
                    g.city,
                    c.name,
                    c.role,
                    c.email,
                    format_phone(c.phone),
                    c.preferred_language,
                    _yes_no(c.is_primary),
                    _yes_no(c.may_share),
                ]

            rows = _each(guard, chosen, lambda c, g: checked_row(columns, contact_row(c, g)))
            written = len(rows)
            data = csv_bytes(columns, rows)
        else:
            options["vcard_version"] = vcard_version

            def card(c: Contact, g: PartnerGroup) -> CardContact:
                if redacted:
                    return CardContact(name=_initials(c.name), group=g.name, city=g.city)
                return CardContact(
                    name=c.name,
                    group=g.name,
                    role=c.role,
                    email=c.email,
                    phone=c.phone,
                    language=c.preferred_language,
                    city=g.city,
                )

            cards = _each(
                guard, chosen, lambda c, g: vcard_card(card(c, g), vcard_version, gettext=translate).encode()
            )
            written = len(cards)
            columns = (
                ("FN", "N", "ORG", "ADR")
                if redacted
                else (
                    "FN",
                    "N",
                    "ORG",
                    "TITLE",
                    "EMAIL",
                    "TEL",
                    "ADR",
                    "LANG" if vcard_version == "4.0" else "NOTE",
                )
            )
            data = b"".join(cards)
        return _save(
            session,
            path,
            data,
            kind=ExportKind.CONTACTS,
            export_format=export_format,
            row_count=written,
            columns=columns,
            options=options,
            left_out=left_out,
            skipped=guard.problems,
        )


def _each(guard: RecordGuard, chosen: Sequence[Any], build: Callable[[Any, Any], T]) -> list[T]:
    """``build(record, related)`` for each chosen (record, related) row, left out (and noted
    in ``guard``) when that one record cannot be written."""
    made = (
        guard.make(record.id, _label(record), functools.partial(build, record, other))
        for record, other in chosen
    )
    return [item for item in made if item is not None]


def _label(record: Any) -> str:
    """What the organiser knows a record by, in a report of what was left out."""
    if isinstance(record, Volunteer):
        return full_name(record)
    return str(getattr(record, "name", ""))


# --- Volunteers ------------------------------------------------------------------------------------

VOLUNTEER_COLUMNS = (
    "First name", "Last name", "Email", "Phone", "City", "Languages", "Skills", "Partner group", "May email",
    "May text", "May call", "May share", "Source",
)  # fmt: skip
REDACTED_VOLUNTEER_COLUMNS = ("First name", "Last name initial", "City")


def export_volunteers(
    db: Database, path: Path | str, *, shared_only: bool = False, redacted: bool = False
) -> ExportResult:
    """Volunteers by family name as CSV. Notes are never exported: they are free text and can
    hold what should not leave the app."""
    with db.transaction() as session:
        query = (
            select(Volunteer, PartnerGroup.name)
            .outerjoin(PartnerGroup, PartnerGroup.id == Volunteer.group_id)
            .where(Volunteer.do_not_contact.is_(False))
            .order_by(Volunteer.family_name, Volunteer.given_name, Volunteer.id)
        )
        if shared_only:
            query = query.where(Volunteer.may_share.is_(True))
        chosen = session.execute(query).all()
        dnc = int(
            session.scalar(select(func.count(Volunteer.id)).where(Volunteer.do_not_contact.is_(True))) or 0
        )
        not_shared = 0
        if shared_only:
            not_shared = int(
                session.scalar(
                    select(func.count(Volunteer.id)).where(
                        Volunteer.do_not_contact.is_(False), Volunteer.may_share.is_(False)
                    )
                )
                or 0
            )
        columns = REDACTED_VOLUNTEER_COLUMNS if redacted else VOLUNTEER_COLUMNS

        def volunteer_row(v: Volunteer, group: str | None) -> list[object]:
            if redacted:
                return [v.given_name, f"{v.family_name[:1]}." if v.family_name else "", v.city]
            return [
                v.given_name,
                v.family_name,
                v.email,
                format_phone(v.phone),
                v.city,
                ", ".join(v.languages),
                ", ".join(v.skills),
                group or "",
                _yes_no(v.may_email),
                _yes_no(v.may_text),
                _yes_no(v.may_call),
                _yes_no(v.may_share),
                v.source,
            ]

        guard = RecordGuard("volunteer")
        rows = _each(guard, chosen, lambda v, group: checked_row(columns, volunteer_row(v, group)))
        return _save(
            session,
            path,
            csv_bytes(columns, rows),
            kind=ExportKind.VOLUNTEERS,
            export_format=ExportFormat.CSV,
            row_count=len(rows),
            columns=columns,
            options={"shared_only": shared_only, "redacted": redacted},
            left_out={"do_not_contact": dnc, "not_shared": not_shared},
            skipped=guard.problems,
        )


# --- Events ----------------------------------------------------------------------------------------


def export_events(
    db: Database,
    path: Path | str,
    *,
    event_id: int | None = None,
    language: str = "en",
    include_drafts: bool = False,
    now: dt.datetime | None = None,
) -> ExportResult:
    """One event, or all upcoming ones (cancelled ones too, so calendars drop them; drafts only
    when asked), as an iCalendar file."""
    if event_id is not None:
        chosen: list[EventData] = [event_service.get_event(db, event_id)]
    else:
        chosen = [
            e
            for e in event_service.list_events(db, upcoming_only=True, now=now)
            if include_drafts or e.status != EventStatus.DRAFT
        ]
    calendar = calendar_file(chosen, language=language, now=now)
    options: dict[str, Any] = {"event_id": event_id, "language": language, "include_drafts": include_drafts}
    columns = ("UID", "SUMMARY", "DESCRIPTION", "LOCATION", "DTSTART", "DTEND", "STATUS", "URL")
    with db.transaction() as session:
        return _save(
            session,
            path,
            calendar.data,
            kind=ExportKind.EVENTS,
            export_format=ExportFormat.ICS,
            row_count=len(calendar.written),
            columns=columns,
            options=options,
            private=False,
            skipped=calendar.skipped,
        )


# --- Roster ------------------------------------------------------------------------------------------

ROSTER_COLUMNS = ("Check box", "Name", "Phone", "Shift", "Signature")


def roster_sheet(db: Database, event_id: int, *, walk_in_rows: int = 20) -> RosterSheet:
    """The sign-in sheet's content: people holding a place (then the waitlist) per shift, by
    name. Phones of people marked "do not contact" are left off."""
    event = event_service.get_event(db, event_id)
    zone = zoneinfo.ZoneInfo(event.timezone)
    language = next((code for code, text in event.texts.items() if text.title), "en")
    with db.reading() as session:
        found = session.execute(
            select(SignUp, Volunteer, Shift)
            .join(Volunteer, Volunteer.id == SignUp.volunteer_id)
            .join(Shift, Shift.id == SignUp.shift_id)
            .where(Shift.event_id == event_id, SignUp.status.in_([*HOLDING, SignUpStatus.WAITLISTED]))
            .order_by(Shift.starts_at, Shift.id, Volunteer.family_name, Volunteer.given_name, Volunteer.id)
        ).all()
        entries = []
        for signup, volunteer, shift in found:
            entries.append(
                RosterEntry(
                    name=full_name(volunteer),
                    phone="" if volunteer.do_not_contact else format_phone(volunteer.phone),
                    shift=f"{shift.role} · {format_time(shift.starts_at.astimezone(zone), language)}",
                    waitlisted=signup.status == SignUpStatus.WAITLISTED,
                    volunteer_id=volunteer.id,
                )
            )
    # Holders first within each shift, then the waitlist.
    order = {entry.shift: i for i, entry in reversed(list(enumerate(entries)))}
    entries.sort(key=lambda e: (order[e.shift], e.waitlisted))
    titles = tuple(
        (code, text.title)
        for code, text in sorted(event.texts.items(), key=lambda t: _language_order(t[0]))
        if text.title
    )
    place = ", ".join(p for p in (event.venue.name, event.venue.address) if p) if event.venue else ""
    return RosterSheet(
        titles=titles,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        place=place,
        entries=tuple(entries),
        walk_in_rows=walk_in_rows,
    )


def _language_order(code: str) -> tuple[int, str]:
    return ({"en": 0, "es": 1, "pt_BR": 2}.get(code, 3), code)


def export_roster(db: Database, event_id: int, path: Path | str) -> ExportResult:
    """The event's printable sign-in sheet (PDF)."""
    sheet = roster_sheet(db, event_id)
    document = roster_document(sheet)
    with db.transaction() as session:
        return _save(
            session,
            path,
            document.pdf,
            kind=ExportKind.ROSTER,
            export_format=ExportFormat.PDF,
            row_count=len(sheet.entries),
            columns=ROSTER_COLUMNS,
            options={"event_id": event_id, "walk_in_rows": sheet.walk_in_rows},
            warnings=document.warnings,
        )


# --- The export log ------------------------------------------------------------------------------------


def list_exports(db: Database, *, limit: int | None = None) -> list[ExportRecordData]:
    """The export log, newest first."""
    query = select(ExportRecord).order_by(ExportRecord.id.desc())
    if limit is not None:
        query = query.limit(limit)
    with db.reading() as session:
        return [_record_data(record) for record in session.scalars(query)]


def _record_data(record: ExportRecord) -> ExportRecordData:
    return ExportRecordData(
        id=record.id,
        created_at=record.created_at,
        kind=ExportKind(record.kind),
        format=ExportFormat(record.format),
        row_count=record.row_count,
        columns=tuple(record.columns),
        options=dict(record.options),
    )


def get_export(db: Database, record_id: int) -> ExportRecordData:
    with db.reading() as session:
        record = session.get(ExportRecord, record_id)
        if record is None:
            raise NotFoundError(N_("Export {id} does not exist."), id=record_id)
        return _record_data(record)
