"""The five exports the File ▸ Export menu offers, with the words and file names each uses,
and the formats the contacts export can write (chosen in its dialog)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from rallyorg.domain.text import fold
from rallyorg.i18n import N_, _
from rallyorg.services.exports import ExportFormat, ExportKind


class ExportChoice(StrEnum):
    CONTACTS_CSV = "contacts-csv"
    CONTACTS_VCARD = "contacts-vcard"
    EVENTS_ICS = "events-ics"
    ROSTER_PDF = "roster-pdf"
    VOLUNTEERS_CSV = "volunteers-csv"


@dataclass(frozen=True)
class ExportSpec:
    kind: ExportKind
    format: ExportFormat
    menu_text: str  # untranslated
    title: str  # untranslated
    intro: str  # untranslated
    file_stem: str  # untranslated; a translator may localise the default file name
    suffix: str
    file_filter: str  # untranslated
    icon_name: str


SPECS: dict[ExportChoice, ExportSpec] = {
    ExportChoice.CONTACTS_CSV: ExportSpec(
        ExportKind.CONTACTS,
        ExportFormat.CSV,
        N_("Partner &contacts (CSV)…"),
        N_("Export partner contacts"),
        N_("Partner groups' contacts as a spreadsheet for Excel, LibreOffice or Google Sheets."),
        # Translators: default file name (no spaces or accents) for exported partner contacts.
        N_("partner-contacts"),
        ".csv",
        N_("CSV spreadsheets (*.csv)"),
        "ph.address-book",
    ),
    ExportChoice.CONTACTS_VCARD: ExportSpec(
        ExportKind.CONTACTS,
        ExportFormat.VCARD,
        N_("Partner contacts (v&Card)…"),
        N_("Export partner contacts"),
        N_("Partner groups' contacts as contact cards for phones and address books, one card each."),
        N_("partner-contacts"),
        ".vcf",
        N_("Contact cards (*.vcf)"),
        "ph.address-book",
    ),
    ExportChoice.EVENTS_ICS: ExportSpec(
        ExportKind.EVENTS,
        ExportFormat.ICS,
        N_("&Events (iCalendar)…"),
        N_("Export events to a calendar"),
        N_("Events as a calendar file for Google Calendar, Outlook or a phone, in each event's time zone."),
        # Translators: default file name (no spaces or accents) for exported events.
        N_("events"),
        ".ics",
        N_("Calendar files (*.ics)"),
        "ph.calendar-blank",
    ),
    ExportChoice.ROSTER_PDF: ExportSpec(
        ExportKind.ROSTER,
        ExportFormat.PDF,
        N_("Event &roster (PDF)…"),
        N_("Export an event roster"),
        N_(
            "A printable sign-in sheet: the people expected with their shift and a check box, the "
            "waitlist under its own heading, and 20 blank rows for walk-ins."
        ),
        # Translators: default file name (no spaces or accents) for an event's sign-in sheet.
        N_("roster"),
        ".pdf",
        N_("PDF files (*.pdf)"),
        "ph.clipboard-text",
    ),
    ExportChoice.VOLUNTEERS_CSV: ExportSpec(
        ExportKind.VOLUNTEERS,
        ExportFormat.CSV,
        N_("&Volunteers (CSV)…"),
        N_("Export volunteers"),
        N_("Volunteers as a spreadsheet. Notes are never exported."),
        # Translators: default file name (no spaces or accents) for exported volunteers.
        N_("volunteers"),
        ".csv",
        N_("CSV spreadsheets (*.csv)"),
        "ph.users-three",
    ),
}


# The contacts dialog's formats, in the order it offers them, and their names there.
CONTACT_FORMAT_LABELS: dict[ExportFormat, str] = {
    ExportFormat.CSV: N_("Spreadsheet (CSV)"),
    ExportFormat.XLSX: N_("Spreadsheet (Excel .xlsx)"),
    ExportFormat.GOOGLE: N_("Google Contacts (CSV)"),
    ExportFormat.OUTLOOK: N_("Outlook (CSV)"),
    ExportFormat.VCARD: N_("Contact cards (vCard)"),
}
CONTACT_FORMATS: dict[ExportFormat, ExportSpec] = {
    ExportFormat.CSV: SPECS[ExportChoice.CONTACTS_CSV],
    ExportFormat.XLSX: ExportSpec(
        ExportKind.CONTACTS,
        ExportFormat.XLSX,
        N_("Spreadsheet (Excel .xlsx)"),
        N_("Export partner contacts"),
        N_(
            "Partner groups' contacts as an Excel workbook: every cell is text, so no value is ever "
            "run as a formula and phones stay as written."
        ),
        N_("partner-contacts"),
        ".xlsx",
        N_("Excel workbooks (*.xlsx)"),
        "ph.address-book",
    ),
    ExportFormat.GOOGLE: ExportSpec(
        ExportKind.CONTACTS,
        ExportFormat.GOOGLE,
        N_("Google Contacts (CSV)"),
        N_("Export partner contacts"),
        N_(
            "Partner groups' contacts under the column names Google Contacts imports (Import ▸ "
            "select file). Not for opening in a spreadsheet."
        ),
        # Translators: default file name (no spaces or accents) for contacts for Google Contacts.
        N_("partner-contacts-google"),
        ".csv",
        N_("CSV files (*.csv)"),
        "ph.address-book",
    ),
    ExportFormat.OUTLOOK: ExportSpec(
        ExportKind.CONTACTS,
        ExportFormat.OUTLOOK,
        N_("Outlook (CSV)"),
        N_("Export partner contacts"),
        N_(
            "Partner groups' contacts under the column names Outlook imports (Import from another "
            "program or file ▸ Comma Separated Values). Not for opening in a spreadsheet."
        ),
        # Translators: default file name (no spaces or accents) for contacts for Outlook.
        N_("partner-contacts-outlook"),
        ".csv",
        N_("CSV files (*.csv)"),
        "ph.address-book",
    ),
    ExportFormat.VCARD: SPECS[ExportChoice.CONTACTS_VCARD],
}


def slug(text: str, limit: int = 40) -> str:
    """Words for a file name: lower case, no accents, dashes between words."""
    words = re.sub(r"[^0-9a-z]+", "-", fold(text)).strip("-")
    return words[:limit].rstrip("-")


def default_file_name(spec: ExportSpec, today: dt.date, detail: str = "", *, suffix: bool = True) -> str:
    """A file name such as partner-contacts-2025-05-20.csv or roster-march-for-dignity-2025-05-20.pdf
    (without ``suffix``, a folder's name: partner-contacts-2025-05-20)."""
    parts = [slug(_(spec.file_stem)) or "export", slug(detail), today.isoformat()]
    return "-".join(p for p in parts if p) + (spec.suffix if suffix else "")
