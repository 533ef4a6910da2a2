"""Words the import and export dialogs show for the services' codes: kinds of import, file
encodings and separators, the fate of a row, the accounting line."""

from __future__ import annotations

from rallyorg.exchange.columns import FIELDS, ImportKind
from rallyorg.exchange.rows import Notice
from rallyorg.i18n import N_, _, format_number, ngettext
from rallyorg.services.exports import ExportFormat, ExportKind
from rallyorg.services.imports import ImportReport, OnDuplicate, RowFate, RowOutcome

_IMPORT_TITLES = {
    ImportKind.VOLUNTEERS: N_("Import volunteers"),
    ImportKind.PARTNERS: N_("Import partner groups and contacts"),
    ImportKind.SIGNUPS: N_("Import sign-ups for an event"),
}
_IMPORT_KIND_NAMES = {
    ImportKind.VOLUNTEERS: N_("Volunteers"),
    ImportKind.PARTNERS: N_("Partner groups"),
    ImportKind.SIGNUPS: N_("Sign-ups"),
}
_ENCODINGS = {
    "utf-8": N_("Unicode (UTF-8)"),
    "utf-8-sig": N_("Unicode (UTF-8, as Excel saves “CSV UTF-8”)"),
    "utf-16": N_("Unicode (UTF-16, as Excel saves “Unicode text”)"),
    "windows-1252": N_("Western European (Windows-1252), an older Excel format"),
    "mac-roman": N_("Western European (Mac Roman), as Excel for Mac saves “CSV (Macintosh)”"),
    "iso-8859-1": N_("Western European (ISO-8859-1)"),
}
_DELIMITERS = {
    ",": N_("columns separated by commas"),
    ";": N_("columns separated by semicolons"),
    "\t": N_("columns separated by tabs"),
}
_FATES = {
    RowFate.CREATED: N_("New"),
    RowFate.UPDATED: N_("Updated"),
    RowFate.DUPLICATE: N_("Duplicate, skipped"),
    RowFate.REJECTED: N_("Rejected"),
    RowFate.CANCELLED: N_("Skipped: cancelled in the source"),
    RowFate.OPEN_SLOT: N_("Skipped: an open slot"),
}
_ON_DUPLICATE_QUESTIONS = {
    ImportKind.VOLUNTEERS: N_("People already in rallyorg:"),
    ImportKind.PARTNERS: N_("Groups and contacts already in rallyorg:"),
    ImportKind.SIGNUPS: N_("Sign-ups already in rallyorg:"),
}
_ON_DUPLICATE = {
    OnDuplicate.SKIP: N_("Skip them: keep what rallyorg has"),
    OnDuplicate.UPDATE: N_("Update them with the file's details"),
}
# A sign-up has no details to update: "update" only signs up again those who had cancelled.
_ON_DUPLICATE_SIGNUPS = {
    **_ON_DUPLICATE,
    OnDuplicate.UPDATE: N_("Sign up again people who had cancelled"),
}
_EXPORT_KINDS = {
    ExportKind.CONTACTS: N_("Partner contacts"),
    ExportKind.VOLUNTEERS: N_("Volunteers"),
    ExportKind.EVENTS: N_("Events"),
    ExportKind.ROSTER: N_("Event roster"),
}
_EXPORT_FORMATS = {
    ExportFormat.CSV: N_("Spreadsheet (CSV)"),
    ExportFormat.XLSX: N_("Spreadsheet (Excel .xlsx)"),
    ExportFormat.GOOGLE: N_("Google Contacts (CSV)"),
    ExportFormat.OUTLOOK: N_("Outlook (CSV)"),
    ExportFormat.VCARD: N_("Contact cards (vCard)"),
    ExportFormat.ICS: N_("Calendar (iCalendar)"),
    ExportFormat.PDF: N_("PDF"),
}


def import_title(kind: ImportKind) -> str:
    return _(_IMPORT_TITLES[kind])


def import_kind_name(kind: ImportKind) -> str:
    return _(_IMPORT_KIND_NAMES[kind])


def encoding_words(encoding: str) -> str:
    text = _ENCODINGS.get(encoding)
    return _(text) if text else encoding


def delimiter_words(delimiter: str) -> str:
    text = _DELIMITERS.get(delimiter)
    return _(text) if text else repr(delimiter)


def fate_label(fate: RowFate) -> str:
    return _(_FATES[fate])


def on_duplicate_question(kind: ImportKind) -> str:
    """What the import asks about records already in rallyorg, in the words of ``kind``."""
    return _(_ON_DUPLICATE_QUESTIONS[kind])


def on_duplicate_label(kind: ImportKind, choice: OnDuplicate) -> str:
    labels = _ON_DUPLICATE_SIGNUPS if kind == ImportKind.SIGNUPS else _ON_DUPLICATE
    return _(labels[choice])


def export_kind_name(kind: ExportKind) -> str:
    return _(_EXPORT_KINDS[kind])


def export_format_name(export_format: ExportFormat) -> str:
    return _(_EXPORT_FORMATS[export_format])


def field_label(kind: ImportKind, name: str | None) -> str:
    """The label of a field a column can fill; "Not imported" for None."""
    if name is None:
        return _("Not imported")
    for spec in FIELDS[kind]:
        if spec.name == name:
            return _(spec.label)
    return name


def required_fields(kind: ImportKind) -> frozenset[str]:
    """Fields of which the import needs at least one (ColumnMapping.missing_fields's rule)."""
    if kind == ImportKind.PARTNERS:
        return frozenset({"group"})
    if kind == ImportKind.VOLUNTEERS:
        return frozenset({"given_name", "full_name"})
    return frozenset({"email", "phone", "given_name", "full_name"})


def required_hint(kind: ImportKind) -> str:
    if kind == ImportKind.PARTNERS:
        return _("* Needed: a column with the partner group's name.")
    if kind == ImportKind.VOLUNTEERS:
        return _("* Needed: a column with people's names (first name, or full name).")
    return _("* Needed: a column that says who signed up (name, email or phone).")


def notice_text(notice: Notice) -> str:
    return notice.text(_)


def reason_field(kind: ImportKind, outcome: RowOutcome) -> str:
    """The field a row's problem is about, as a label — or the fields its warnings are
    about, for a row kept with a warning; empty when it is about the whole row."""
    if outcome.reason is None:
        fields = dict.fromkeys(w.field for w in outcome.warnings if w.field not in ("row", ""))
        return ", ".join(field_label(kind, name) for name in fields)
    if outcome.reason.field in ("row", ""):
        return ""
    return field_label(kind, outcome.reason.field)


def outcome_reason(outcome: RowOutcome) -> str:
    texts = [notice_text(outcome.reason)] if outcome.reason is not None else []
    texts.extend(notice_text(warning) for warning in outcome.warnings)
    return " ".join(texts)


def count(value: int, language: str) -> str:
    return format_number(value, language)


def accounting(report: ImportReport, language: str) -> str:
    """The accounting line: 120 rows: 97 new, 12 updated, 6 duplicates skipped, 5 rejected."""
    parts = {
        "rows": ngettext("{n} row", "{n} rows", report.rows_in_file),
        "created": ngettext("{n} new", "{n} new", report.created),
        "updated": ngettext("{n} updated", "{n} updated", report.updated),
        "skipped": ngettext("{n} duplicate skipped", "{n} duplicates skipped", report.skipped),
        "rejected": ngettext("{n} rejected", "{n} rejected", report.rejected),
    }
    values = {
        "rows": report.rows_in_file,
        "created": report.created,
        "updated": report.updated,
        "skipped": report.skipped,
        "rejected": report.rejected,
    }
    words = {key: text.format(n=count(values[key], language)) for key, text in parts.items()}
    # Translators: the accounting of an import, e.g. "120 rows: 97 new, 12 updated, 6 duplicates
    # skipped, 5 rejected"; each part is translated on its own.
    text = _("{rows}: {created}, {updated}, {skipped}, {rejected}").format(**words)
    # Rows of a sign-up file that are nobody's sign-up, said only when there are some.
    if report.cancelled:
        cancelled = ngettext("{n} cancelled in the source", "{n} cancelled in the source", report.cancelled)
        text += ", " + cancelled.format(n=count(report.cancelled, language))
    if report.open_slots:
        slots = ngettext("{n} open slot", "{n} open slots", report.open_slots)
        text += ", " + slots.format(n=count(report.open_slots, language))
    return text


def extra_accounting(report: ImportReport, language: str) -> str:
    """What an import did besides its rows: partner groups, new volunteers, waitlists."""
    if report.kind == ImportKind.PARTNERS:
        return _("Partner groups: {created} new, {updated} updated.").format(
            created=count(report.groups_created, language), updated=count(report.groups_updated, language)
        )
    if report.kind == ImportKind.SIGNUPS:
        return _("New volunteers: {people}. On a waitlist because the shift is full: {waitlisted}.").format(
            people=count(report.volunteers_created, language), waitlisted=count(report.waitlisted, language)
        )
    return ""


def imported_message(report: ImportReport, language: str) -> str:
    """The status-bar line after an import, such as 97 volunteers imported."""
    n = report.created
    if report.kind == ImportKind.VOLUNTEERS:
        text = ngettext("{count} volunteer imported", "{count} volunteers imported", n)
    elif report.kind == ImportKind.PARTNERS:
        text = ngettext(
            "{count} partner contact or group imported", "{count} partner contacts and groups imported", n
        )
    else:
        text = ngettext("{count} sign-up imported", "{count} sign-ups imported", n)
    message = text.format(count=count(n, language))
    if report.updated:
        message = _("{imported}, {updated} updated").format(
            imported=message, updated=count(report.updated, language)
        )
    return message
