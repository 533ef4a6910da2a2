"""Partner groups' contacts out, in the format the next tool needs:

- ``csv``: rallyorg's own columns, for spreadsheets (and rallyorg's importer). A cell a
  spreadsheet would evaluate is guarded (``exchange.safe_csv``); phones in the home region
  are written the national way, "(203) 555-0171", with no ``+`` to guard.
- ``xlsx``: the same columns as an Excel workbook of typed text cells: nothing is evaluated,
  so nothing is guarded.
- ``google`` / ``outlook``: the CSV files Google Contacts and Outlook import, under their own
  headers, with given and family name apart, no formula guard (``exchange.address_books``).
- ``vcard``: one file of cards, or (``split``) a new folder with one card per file, for
  Outlook, which reads only the first card of a file.

Consent: people marked "do not contact" are never exported; ``shared_only`` keeps only those
who agreed to be shared with partner groups, and without it the result says how many in the
file did not (``unshared_included``), so the organiser is told before the file is shared.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Connection, Row, Select, func, select

from rallyorg.db import Database
from rallyorg.domain.enums import Language
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.files import write_folder_atomically
from rallyorg.domain.names import NameParts, split_person_name
from rallyorg.domain.validation import format_phone
from rallyorg.exchange.address_books import (
    GOOGLE_HEADERS,
    OUTLOOK_HEADERS,
    AddressEntry,
    google_row,
    outlook_row,
    write_address_book_csv,
)
from rallyorg.exchange.record_problems import RecordGuard
from rallyorg.exchange.safe_csv import checked_row, write_csv
from rallyorg.exchange.vcard import VERSIONS, CardContact, card_file_names, vcard_card
from rallyorg.exchange.xlsx import checked_cells, xlsx_bytes
from rallyorg.i18n import N_
from rallyorg.models import Contact, PartnerGroup
from rallyorg.services.export_records import (
    ExportFile,
    ExportFormat,
    ExportKind,
    ExportProgress,
    ExportResult,
    Translate,
    each_record,
    export_file,
    initials,
    left_out_by_consent,
    log_export,
    snapshot,
    streamed,
    yes_no,
)

CONTACT_FORMATS = (
    ExportFormat.CSV,
    ExportFormat.GOOGLE,
    ExportFormat.OUTLOOK,
    ExportFormat.VCARD,
    ExportFormat.XLSX,
)
# rallyorg's importer reads these headers back (csv and xlsx).
CONTACT_COLUMNS = (
    "Group", "Kind", "City", "Name", "Role", "Email", "Phone", "Preferred language", "Primary contact",
    "May share",
)  # fmt: skip
REDACTED_CONTACT_COLUMNS = ("Name", "Group", "City")
VCARD_COLUMNS = ("FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "ADR")
REDACTED_VCARD_COLUMNS = ("FN", "N", "ORG", "ADR")
# Translators: the note of an exported contact (Google Contacts, Outlook, vCard 3.0).
LANGUAGE_NOTE = N_("Preferred language: {language}")
# Translators: the note of an exported contact who is their group's primary contact.
PRIMARY_NOTE = N_("Primary contact of {group}")
NOT_A_NEW_FOLDER = N_(
    "{path} already exists and is not an empty folder: give a new folder for the contact cards."
)


@dataclass(frozen=True)
class ContactConsent:
    """What consent leaves out of a contacts export, before it is made."""

    reachable: int  # every contact not marked "do not contact"
    do_not_contact: int  # always left out
    not_shared: int  # reachable, but said they may not be shared with other groups


def contact_consent(db: Database) -> ContactConsent:
    with db.reading() as session:
        rows = session.execute(
            select(Contact.do_not_contact, Contact.may_share, func.count(Contact.id)).group_by(
                Contact.do_not_contact, Contact.may_share
            )
        ).all()
    counts = {(bool(dnc), bool(share)): int(n) for dnc, share, n in rows}
    dnc = counts.get((True, True), 0) + counts.get((True, False), 0)
    not_shared = counts.get((False, False), 0)
    return ContactConsent(
        reachable=not_shared + counts.get((False, True), 0), do_not_contact=dnc, not_shared=not_shared
    )


def _language_name(code: str) -> str:
    return Language(code).native_name if code in set(Language) else code


def _table_row(c: Row[Any], redacted: bool) -> list[object]:
    if redacted:
        return [initials(c.name), c.group_name, c.city]
    return [
        c.group_name,
        c.kind.value,
        c.city,
        c.name,
        c.role,
        c.email,
        format_phone(c.phone),
        c.preferred_language,
        yes_no(c.is_primary),
        yes_no(c.may_share),
    ]


def _address_entry(c: Row[Any], redacted: bool, translate: Translate) -> AddressEntry:
    if redacted:
        return AddressEntry(
            NameParts("", initials(c.name), ""), c.group_name, city=c.city, label=c.group_name
        )
    notes = []
    if c.preferred_language:
        notes.append(translate(LANGUAGE_NOTE).format(language=_language_name(c.preferred_language)))
    if c.is_primary:
        notes.append(translate(PRIMARY_NOTE).format(group=c.group_name))
    return AddressEntry(
        split_person_name(c.name),
        c.group_name,
        title=c.role,
        email=c.email,
        phone=c.phone,
        city=c.city,
        notes="\n".join(notes),
        label=c.group_name,
    )


def _card(c: Row[Any], redacted: bool) -> CardContact:
    if redacted:
        return CardContact(name=initials(c.name), group=c.group_name, city=c.city)
    return CardContact(
        name=c.name,
        group=c.group_name,
        role=c.role,
        email=c.email,
        phone=c.phone,
        language=c.preferred_language,
        city=c.city,
    )


def _check_new_folder(path: Path) -> None:
    if path.exists() and not (path.is_dir() and not any(path.iterdir())):
        raise ValidationError("output", NOT_A_NEW_FOLDER, path=str(path))


def _columns(export_format: ExportFormat, redacted: bool, vcard_version: str) -> tuple[str, ...]:
    if export_format in (ExportFormat.CSV, ExportFormat.XLSX):
        return REDACTED_CONTACT_COLUMNS if redacted else CONTACT_COLUMNS
    if export_format == ExportFormat.GOOGLE:
        return GOOGLE_HEADERS
    if export_format == ExportFormat.OUTLOOK:
        return OUTLOOK_HEADERS
    language_column = "LANG" if vcard_version == "4.0" else "NOTE"
    return REDACTED_VCARD_COLUMNS if redacted else (*VCARD_COLUMNS, language_column)


def export_contacts(
    db: Database,
    path: Path | str,
    *,
    export_format: ExportFormat = ExportFormat.CSV,
    shared_only: bool = False,
    redacted: bool = False,
    vcard_version: str = "3.0",
    split: bool = False,
    translate: Translate | None = None,
    progress: ExportProgress | None = None,
) -> ExportResult:
    """Partner groups' contacts, by group then name, in ``export_format`` (see the module).
    With ``split`` (vCard only) ``path`` is a new (or empty) folder, one card per file.

    Read in chunks from a read-only snapshot and written as they come (``export_records``);
    only an .xlsx workbook (its column widths come first) and a folder of cards are made whole
    in memory, as text. ``progress`` is told how many contacts have been read after each chunk."""
    export_format = ExportFormat(export_format)
    if export_format not in CONTACT_FORMATS:
        raise ValidationError(
            "format", N_("Contacts can be exported as csv, google, outlook, vcard or xlsx.")
        )
    if vcard_version not in VERSIONS:
        raise ValidationError("vcard_version", N_("vCard version must be 3.0 or 4.0."))
    if split and export_format != ExportFormat.VCARD:
        raise ValidationError("split", N_("Only vCards can be written one file per contact."))
    if split:
        _check_new_folder(Path(path))
    columns = _columns(export_format, redacted, vcard_version)
    options: dict[str, Any] = {"shared_only": shared_only, "redacted": redacted}
    if export_format == ExportFormat.VCARD:
        options["vcard_version"] = vcard_version
        if split:
            options["split"] = True
    gettext: Translate = translate or (lambda message: message)
    build = _builder(export_format, columns, redacted, vcard_version, gettext)
    guard = RecordGuard("contact")
    unshared = _Unshared(build)

    def records(reading: Connection) -> Iterator[Any]:
        return each_record(guard, streamed(reading, _chosen(shared_only), progress), _label, unshared.build)

    def logged(row_count: int, written: ExportFile | Path, left_out: dict[str, int]) -> ExportResult:
        return log_export(
            db,
            written,
            kind=ExportKind.CONTACTS,
            export_format=export_format,
            row_count=row_count,
            columns=columns,
            options=options,
            left_out=left_out,
            skipped=guard.problems,
            unshared_included=0 if shared_only else unshared.count,
        )

    if split:
        with snapshot(db) as reading:
            left_out = left_out_by_consent(reading, Contact, shared_only)
            cards: list[tuple[str, bytes]] = list(records(reading))
        names = card_file_names([name for name, _ in cards])
        write_folder_atomically(path, {name: data for name, (_, data) in zip(names, cards, strict=True)})
        try:
            return logged(len(cards), Path(path), left_out)
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)  # new (or empty) before: no log, no cards
            raise
    with export_file(path) as file:
        with snapshot(db) as reading:
            left_out = left_out_by_consent(reading, Contact, shared_only)
            title = gettext(N_("Partner contacts"))
            written = _write(file.handle, export_format, columns, records(reading), title)
        return logged(written, file, left_out)


def _chosen(shared_only: bool) -> Select[*tuple[Any, ...]]:
    """The contacts consent lets out, by group then name, with what any format needs."""
    query = (
        select(
            Contact.id,
            Contact.name,
            Contact.role,
            Contact.email,
            Contact.phone,
            Contact.preferred_language,
            Contact.is_primary,
            Contact.may_share,
            PartnerGroup.name.label("group_name"),
            PartnerGroup.kind,
            PartnerGroup.city,
        )
        .join(PartnerGroup, PartnerGroup.id == Contact.group_id)
        .where(Contact.do_not_contact.is_(False))
        .order_by(PartnerGroup.name_key, Contact.name, Contact.id)
    )
    return query.where(Contact.may_share.is_(True)) if shared_only else query


def _builder(
    export_format: ExportFormat,
    columns: tuple[str, ...],
    redacted: bool,
    vcard_version: str,
    gettext: Translate,
) -> Callable[[Row[Any]], Any]:
    """What one contact becomes in ``export_format``: a row of cells, or (vCard) the name to
    give its file and the card."""
    if export_format == ExportFormat.VCARD:

        def card(c: Row[Any]) -> tuple[str, bytes]:
            text = vcard_card(_card(c, redacted), vcard_version, gettext=gettext)
            return (initials(c.name) if redacted else c.name), text.encode()

        return card
    if export_format in (ExportFormat.GOOGLE, ExportFormat.OUTLOOK):
        to_row = google_row if export_format == ExportFormat.GOOGLE else outlook_row
        return lambda c: to_row(_address_entry(c, redacted, gettext))
    if export_format == ExportFormat.XLSX:
        return lambda c: checked_cells(columns, checked_row(columns, _table_row(c, redacted)))
    return lambda c: checked_row(columns, _table_row(c, redacted))


def _write(
    file: BinaryIO, export_format: ExportFormat, columns: tuple[str, ...], records: Iterable[Any], title: str
) -> int:
    """The records, as ``_builder`` made them, into ``file``; how many were written."""
    if export_format == ExportFormat.CSV:
        return write_csv(file, columns, records)
    if export_format in (ExportFormat.GOOGLE, ExportFormat.OUTLOOK):
        return write_address_book_csv(file, columns, records)
    if export_format == ExportFormat.XLSX:
        rows = list(records)  # the column widths come before the rows
        file.write(xlsx_bytes(columns, rows, title=title))
        return len(rows)
    written = 0
    for _, card in records:
        file.write(card)
        written += 1
    return written


class _Unshared:
    """Counts the people written who said they may not be shared with other groups."""

    def __init__(self, build: Callable[[Row[Any]], Any]) -> None:
        self._build = build
        self.count = 0

    def build(self, c: Row[Any]) -> Any:
        made = self._build(c)  # first: a contact that cannot be written is not in the file
        self.count += not c.may_share
        return made


def _label(c: Row[Any]) -> str:
    return str(c.name)
