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

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from rallyorg.db import Database
from rallyorg.domain.enums import Language
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.names import NameParts, split_person_name
from rallyorg.domain.validation import format_phone
from rallyorg.exchange.address_books import (
    GOOGLE_HEADERS,
    OUTLOOK_HEADERS,
    AddressEntry,
    address_book_csv,
    google_row,
    outlook_row,
)
from rallyorg.exchange.record_problems import RecordGuard
from rallyorg.exchange.safe_csv import checked_row, csv_bytes
from rallyorg.exchange.vcard import VERSIONS, CardContact, card_file_names, vcard_card
from rallyorg.exchange.xlsx import checked_cells, xlsx_bytes
from rallyorg.i18n import N_
from rallyorg.models import Contact, PartnerGroup
from rallyorg.services.export_records import (
    ExportFormat,
    ExportKind,
    ExportResult,
    Translate,
    each,
    initials,
    save,
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


def _table_row(c: Contact, g: PartnerGroup, redacted: bool) -> list[object]:
    if redacted:
        return [initials(c.name), g.name, g.city]
    return [
        g.name,
        g.kind.value,
        g.city,
        c.name,
        c.role,
        c.email,
        format_phone(c.phone),
        c.preferred_language,
        yes_no(c.is_primary),
        yes_no(c.may_share),
    ]


def _address_entry(c: Contact, g: PartnerGroup, redacted: bool, translate: Translate) -> AddressEntry:
    if redacted:
        return AddressEntry(NameParts("", initials(c.name), ""), g.name, city=g.city, label=g.name)
    notes = []
    if c.preferred_language:
        notes.append(translate(LANGUAGE_NOTE).format(language=_language_name(c.preferred_language)))
    if c.is_primary:
        notes.append(translate(PRIMARY_NOTE).format(group=g.name))
    return AddressEntry(
        split_person_name(c.name),
        g.name,
        title=c.role,
        email=c.email,
        phone=c.phone,
        city=g.city,
        notes="\n".join(notes),
        label=g.name,
    )


def _card(c: Contact, g: PartnerGroup, redacted: bool) -> CardContact:
    if redacted:
        return CardContact(name=initials(c.name), group=g.name, city=g.city)
    return CardContact(
        name=c.name,
        group=g.name,
        role=c.role,
        email=c.email,
        phone=c.phone,
        language=c.preferred_language,
        city=g.city,
    )


def _check_new_folder(path: Path) -> None:
    if path.exists() and not (path.is_dir() and not any(path.iterdir())):
        raise ValidationError("output", NOT_A_NEW_FOLDER, path=str(path))


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
) -> ExportResult:
    """Partner groups' contacts, by group then name, in ``export_format`` (see the module).
    With ``split`` (vCard only) ``path`` is a new (or empty) folder, one card per file."""
    export_format = ExportFormat(export_format)
    gettext: Translate = translate or (lambda message: message)
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
        data: bytes | dict[str, bytes]
        if export_format in (ExportFormat.CSV, ExportFormat.XLSX):
            columns: tuple[str, ...] = REDACTED_CONTACT_COLUMNS if redacted else CONTACT_COLUMNS

            def cells(c: Contact, g: PartnerGroup) -> list[str]:
                row = checked_row(columns, _table_row(c, g, redacted))
                return checked_cells(columns, row) if export_format == ExportFormat.XLSX else row

            rows = each(guard, chosen, cells)
            if export_format == ExportFormat.CSV:
                data = csv_bytes(columns, rows)
            else:
                data = xlsx_bytes(columns, rows, title=gettext(N_("Partner contacts")))
            written = len(rows)
        elif export_format in (ExportFormat.GOOGLE, ExportFormat.OUTLOOK):
            google = export_format == ExportFormat.GOOGLE
            columns = GOOGLE_HEADERS if google else OUTLOOK_HEADERS
            to_row = google_row if google else outlook_row
            rows = each(guard, chosen, lambda c, g: to_row(_address_entry(c, g, redacted, gettext)))
            data = address_book_csv(columns, rows)
            written = len(rows)
        else:
            options["vcard_version"] = vcard_version
            language_column = "LANG" if vcard_version == "4.0" else "NOTE"
            columns = REDACTED_VCARD_COLUMNS if redacted else (*VCARD_COLUMNS, language_column)

            def card(c: Contact, g: PartnerGroup) -> tuple[str, bytes]:
                text = vcard_card(_card(c, g, redacted), vcard_version, gettext=translate)
                return (initials(c.name) if redacted else c.name), text.encode()

            cards = each(guard, chosen, card)
            written = len(cards)
            if split:
                options["split"] = True
                names = card_file_names([name for name, _ in cards])
                data = {name: card_data for name, (_, card_data) in zip(names, cards, strict=True)}
            else:
                data = b"".join(card_data for _, card_data in cards)
        return save(
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
            unshared_included=0 if shared_only else _unshared(chosen, guard),
        )


def _unshared(chosen: list[Any], guard: RecordGuard) -> int:
    """How many of the people in the file said they may not be shared with other groups."""
    left = {problem.record_id for problem in guard.problems}
    return sum(1 for c, _ in chosen if not c.may_share and c.id not in left)
