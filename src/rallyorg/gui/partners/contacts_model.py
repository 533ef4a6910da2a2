"""A partner group's contacts as a table: primary and consent written in words."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from rallyorg.domain.languages import language_name
from rallyorg.domain.validation import format_phone
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.records_model import Column, RecordsModel
from rallyorg.i18n import N_, _, ui_language
from rallyorg.services.partners import ContactData

# Name and role share a cell (two lines), as do email and phone: the table fits the editor.
PERSON, REACH, LANGUAGE, PRIMARY, CONSENT = range(5)


def consent_text(contact: ContactData) -> str:
    if contact.do_not_contact:
        return _("Do not contact")
    if contact.may_share:
        return "\n".join((_("May contact"), _("May be shared")))
    return "\n".join((_("May contact"), _("Not shared")))


def consent_tooltip(contact: ContactData) -> str:
    if contact.do_not_contact:
        return _("This person asked not to be contacted.")
    if contact.may_share:
        return _("May be contacted, and may be shared with other partner groups.")
    return _("May be contacted, but must not be shared with other partner groups.")


def _lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _spoken(text: str) -> str:
    """A two-line cell as a screen reader should say it."""
    return ", ".join(line for line in text.splitlines() if line)


def _column(
    header: str,
    text: Callable[[ContactData], str],
    tooltip: Callable[[ContactData], str] | None = None,
    decoration: Callable[[ContactData], QIcon | None] | None = None,
) -> Column[ContactData]:
    roles: dict[int, Callable[[ContactData], object]] = {
        Qt.ItemDataRole.AccessibleTextRole: lambda contact: _spoken(text(contact))
    }
    if decoration is not None:
        roles[Qt.ItemDataRole.DecorationRole] = decoration
    return Column(lambda: _(header), text, tooltip=tooltip, roles=roles)


def _primary_star(contact: ContactData) -> QIcon | None:
    return icon("ph.star-fill", color="#9a6700") if contact.is_primary else None


def _prohibited(contact: ContactData) -> QIcon | None:
    return icon("ph.prohibit", color="#cf222e") if contact.do_not_contact else None


COLUMNS = [
    _column(N_("Name and role"), lambda c: _lines(c.name, c.role)),
    _column(N_("Email and phone"), lambda c: _lines(c.email, format_phone(c.phone))),
    _column(N_("Language"), lambda c: language_name(c.preferred_language, ui_language())),
    _column(N_("Primary"), lambda c: _("Primary") if c.is_primary else "", decoration=_primary_star),
    _column(N_("Consent"), consent_text, tooltip=consent_tooltip, decoration=_prohibited),
]


class ContactsModel(RecordsModel[ContactData]):
    def __init__(self) -> None:
        super().__init__(COLUMNS, key=lambda contact: contact.id)

    def set_rows(self, records: Sequence[ContactData]) -> None:
        # The primary contact first, then by name: who to call is the first line.
        super().set_rows(sorted(records, key=lambda c: (not c.is_primary, c.name.casefold())))

    def contact_at(self, row: int) -> ContactData | None:
        return self.record_at(row)
