"""The five exports the File ▸ Export menu offers, with the words and file names each uses."""

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
            "A printable sign-in sheet: everyone signed up with their phone and shift, a check box, "
            "and 20 blank rows for walk-ins."
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


def slug(text: str, limit: int = 40) -> str:
    """Words for a file name: lower case, no accents, dashes between words."""
    words = re.sub(r"[^0-9a-z]+", "-", fold(text)).strip("-")
    return words[:limit].rstrip("-")


def default_file_name(spec: ExportSpec, today: dt.date, detail: str = "") -> str:
    """A file name such as partner-contacts-2025-05-20.csv or roster-march-for-dignity-2025-05-20.pdf."""
    parts = [slug(_(spec.file_stem)) or "export", slug(detail), today.isoformat()]
    return "-".join(p for p in parts if p) + spec.suffix
