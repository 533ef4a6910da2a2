"""A partner group's contacts as a table: primary and consent written in words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from rallyorg.domain.languages import language_name
from rallyorg.domain.validation import format_phone
from rallyorg.gui.widgets.icons import icon
from rallyorg.i18n import _, ui_language
from rallyorg.services.partners import ContactData

# Name and role share a cell (two lines), as do email and phone: the table fits the editor.
PERSON, REACH, LANGUAGE, PRIMARY, CONSENT = range(5)

Index = QModelIndex | QPersistentModelIndex


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


def _headers() -> list[str]:
    return [_("Name and role"), _("Email and phone"), _("Language"), _("Primary"), _("Consent")]


class ContactsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ContactData] = []

    def set_rows(self, rows: list[ContactData]) -> None:
        self.beginResetModel()
        # The primary contact first, then by name: who to call is the first line.
        self._rows = sorted(rows, key=lambda c: (not c.is_primary, c.name.casefold()))
        self.endResetModel()

    def contact_at(self, row: int) -> ContactData | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, contact_id: int) -> int:
        return next((i for i, c in enumerate(self._rows) if c.id == contact_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_headers())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        contact = self.contact_at(index.row()) if index.isValid() else None
        if contact is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(contact, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return consent_tooltip(contact) if column == CONSENT else self._text(contact, column)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == PRIMARY and contact.is_primary:
                return icon("ph.star-fill", color="#9a6700")
            if column == CONSENT and contact.do_not_contact:
                return icon("ph.prohibit", color="#cf222e")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(line for line in self._text(contact, column).splitlines() if line)
        return None

    @staticmethod
    def _text(contact: ContactData, column: int) -> str:
        if column == PERSON:
            return "\n".join(p for p in (contact.name, contact.role) if p)
        if column == REACH:
            return "\n".join(p for p in (contact.email, format_phone(contact.phone)) if p)
        if column == LANGUAGE:
            return language_name(contact.preferred_language, ui_language())
        if column == PRIMARY:
            return _("Primary") if contact.is_primary else ""
        return consent_text(contact)
