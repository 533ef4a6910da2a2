"""Exports: partner contacts (``export_contacts``), volunteers (CSV), events (iCalendar) and
an event's roster (PDF sign-in sheet), each written atomically and recorded in the export log.

Consent is honoured by default: people marked "do not contact" are never exported;
``shared_only`` keeps only people who agreed to be shared with partner groups; ``redacted``
keeps only what identifies nobody on its own (first name, initials, city). The export log
says when, what, in which format, how many rows, which columns and which options, and
nothing about the people in the file, nor the file's path (it can hold a user name).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, Select, String, select, type_coerce

from rallyorg.db import Database
from rallyorg.domain.enums import EventStatus, SignUpStatus
from rallyorg.domain.errors import NotFoundError
from rallyorg.domain.events import EventData
from rallyorg.domain.validation import format_phone
from rallyorg.exchange.record_problems import RecordGuard
from rallyorg.exchange.safe_csv import checked_row, write_csv
from rallyorg.i18n import N_, format_time
from rallyorg.models import ExportRecord, PartnerGroup, Shift, SignUp, Volunteer
from rallyorg.services import events as event_service
from rallyorg.services.export_contacts import (
    CONTACT_COLUMNS,
    REDACTED_CONTACT_COLUMNS,
    ContactConsent,
    contact_consent,
    export_contacts,
)
from rallyorg.services.export_records import (
    ExportFormat,
    ExportKind,
    ExportProgress,
    ExportRecordData,
    ExportResult,
    each_record,
    export_file,
    left_out_by_consent,
    log_export,
    save,
    snapshot,
    streamed,
    yes_no,
)
from rallyorg.services.signups import full_name

if TYPE_CHECKING:
    from rallyorg.exchange.roster import RosterSheet

__all__ = [
    "CONTACT_COLUMNS",
    "REDACTED_CONTACT_COLUMNS",
    "ContactConsent",
    "ExportFormat",
    "ExportKind",
    "ExportRecordData",
    "ExportResult",
    "contact_consent",
    "export_contacts",
    "export_events",
    "export_roster",
    "export_volunteers",
    "get_export",
    "list_exports",
    "roster_sheet",
]


# --- Volunteers ------------------------------------------------------------------------------------

VOLUNTEER_COLUMNS = (
    "First name", "Last name", "Email", "Phone", "City", "Languages", "Skills", "Partner group", "May email",
    "May text", "May call", "May share", "Source",
)  # fmt: skip
REDACTED_VOLUNTEER_COLUMNS = ("First name", "Last name initial", "City")


def export_volunteers(
    db: Database,
    path: Path | str,
    *,
    shared_only: bool = False,
    redacted: bool = False,
    progress: ExportProgress | None = None,
) -> ExportResult:
    """Volunteers by family name as CSV. Notes are never exported: they are free text and can
    hold what should not leave the app.

    Streamed (``export_records``): read in chunks from a read-only snapshot and written as
    they come, so 100,000 people take no more memory than 10,000 and nobody waits for the
    export to write; ``progress`` is told how many people have been read after each chunk."""
    columns = REDACTED_VOLUNTEER_COLUMNS if redacted else VOLUNTEER_COLUMNS

    def volunteer_row(row: Sequence[Any]) -> list[str]:
        if redacted:
            _, given, family, city = row
            return checked_row(columns, [given, f"{family[:1]}." if family else "", city])
        _, given, family, city, email, phone, languages, skills, group, *consent, source = row
        may_email, may_text, may_call, may_share = consent
        return checked_row(
            columns,
            [
                given,
                family,
                email,
                format_phone(phone),
                city,
                _code_text(languages),
                _code_text(skills),
                group,
                _YES_NO[may_email],
                _YES_NO[may_text],
                _YES_NO[may_call],
                _YES_NO[may_share],
                source,
            ],
        )

    guard = RecordGuard("volunteer")
    with export_file(path) as file:
        with snapshot(db) as reading:
            left_out = left_out_by_consent(reading, Volunteer, shared_only)
            found = streamed(reading, _chosen_volunteers(shared_only, redacted), progress)
            written = write_csv(
                file.handle, columns, each_record(guard, found, _volunteer_label, volunteer_row)
            )
        return log_export(
            db,
            file,
            kind=ExportKind.VOLUNTEERS,
            export_format=ExportFormat.CSV,
            row_count=written,
            columns=columns,
            options={"shared_only": shared_only, "redacted": redacted},
            left_out=left_out,
            skipped=guard.problems,
        )


def _chosen_volunteers(shared_only: bool, redacted: bool) -> Select[*tuple[Any, ...]]:
    """The volunteers consent lets out, by family name, with the columns the file needs."""
    wanted: list[Any] = [Volunteer.id, Volunteer.given_name, Volunteer.family_name, Volunteer.city]
    if not redacted:
        wanted += [
            Volunteer.email,
            Volunteer.phone,
            # As stored (",en,pt_BR,"), not as lists: CodeList's loading is half the cost of
            # reading 100,000 people, and the file wants the codes as text anyway.
            type_coerce(Volunteer.languages, String),
            type_coerce(Volunteer.skills, String),
            PartnerGroup.name,
            Volunteer.may_email,
            Volunteer.may_text,
            Volunteer.may_call,
            Volunteer.may_share,
            Volunteer.source,
        ]
    query = (
        select(*wanted)
        .select_from(Volunteer)
        .where(Volunteer.do_not_contact.is_(False))
        .order_by(Volunteer.family_name, Volunteer.given_name, Volunteer.id)
    )
    if not redacted:
        query = query.outerjoin(PartnerGroup, PartnerGroup.id == Volunteer.group_id)
    return query.where(Volunteer.may_share.is_(True)) if shared_only else query


_YES_NO = (yes_no(False), yes_no(True))  # indexed by a boolean: 400,000 calls fewer


def _code_text(stored: str | None) -> str:
    """A ``CodeList`` value as stored (",en,pt_BR,") written for people: "en, pt_BR"."""
    return ", ".join(filter(None, (stored or "").split(",")))


def _volunteer_label(row: Row[Any]) -> str:
    """What the organiser knows a volunteer by (as ``signups.full_name``)."""
    return " ".join(part for part in (row.given_name, row.family_name) if part)


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
    from rallyorg.exchange.ical import calendar_file  # on use: the app starts without icalendar

    calendar = calendar_file(chosen, language=language, now=now)
    options: dict[str, Any] = {"event_id": event_id, "language": language, "include_drafts": include_drafts}
    columns = ("UID", "SUMMARY", "DESCRIPTION", "LOCATION", "DTSTART", "DTEND", "STATUS", "URL")
    with db.transaction() as session:
        return save(
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
ROSTER_COLUMNS_WITHOUT_PHONES = ("Check box", "Name", "Shift", "Signature")
# The people a sign-in sheet lists: everyone who holds a place, and (under their own heading)
# those waiting for one. Cancelled sign-ups never. People already checked in (or marked absent)
# stay: a sheet printed again during the event must not drop who came.
EXPECTED = (SignUpStatus.SIGNED_UP, SignUpStatus.CONFIRMED, SignUpStatus.ATTENDED, SignUpStatus.NO_SHOW)


def roster_sheet(
    db: Database, event_id: int, *, walk_in_rows: int = 20, include_phones: bool = False
) -> RosterSheet:
    """The sign-in sheet's content: the people expected (signed up, confirmed, or already
    checked in), by shift and name, then the waitlist the same way. Phones only with
    ``include_phones`` — everyone who signs the sheet reads it — and never those of people
    marked "do not contact"."""
    from rallyorg.exchange.roster import RosterEntry, RosterSheet  # on use: ReportLab is 0.15 s

    event = event_service.get_event(db, event_id)
    zone = zoneinfo.ZoneInfo(event.timezone)
    language = next((code for code, text in event.texts.items() if text.title), "en")
    with db.reading() as session:
        found = session.execute(
            select(SignUp, Volunteer, Shift)
            .join(Volunteer, Volunteer.id == SignUp.volunteer_id)
            .join(Shift, Shift.id == SignUp.shift_id)
            .where(Shift.event_id == event_id, SignUp.status.in_([*EXPECTED, SignUpStatus.WAITLISTED]))
            .order_by(Shift.starts_at, Shift.id, Volunteer.family_name, Volunteer.given_name, Volunteer.id)
        ).all()
        entries = [
            RosterEntry(
                name=full_name(volunteer),
                phone=format_phone(volunteer.phone)
                if include_phones and not volunteer.do_not_contact
                else "",
                shift=f"{shift.role} · {format_time(shift.starts_at.astimezone(zone), language)}",
                waitlisted=signup.status == SignUpStatus.WAITLISTED,
                volunteer_id=volunteer.id,
            )
            for signup, volunteer, shift in found
        ]
    entries.sort(key=lambda e: e.waitlisted)  # stable: the waitlist after everyone expected
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
        include_phones=include_phones,
    )


def _language_order(code: str) -> tuple[int, str]:
    return ({"en": 0, "es": 1, "pt_BR": 2}.get(code, 3), code)


def export_roster(
    db: Database, event_id: int, path: Path | str, *, include_phones: bool = False
) -> ExportResult:
    """The event's printable sign-in sheet (PDF); phones only with ``include_phones``."""
    sheet = roster_sheet(db, event_id, include_phones=include_phones)
    from rallyorg.exchange.roster import roster_document

    document = roster_document(sheet)
    with db.transaction() as session:
        return save(
            session,
            path,
            document.pdf,
            kind=ExportKind.ROSTER,
            export_format=ExportFormat.PDF,
            row_count=len(sheet.entries),
            columns=ROSTER_COLUMNS if include_phones else ROSTER_COLUMNS_WITHOUT_PHONES,
            options={
                "event_id": event_id,
                "walk_in_rows": sheet.walk_in_rows,
                "include_phones": include_phones,
            },
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
