"""The partner-group list: a table model over the rows the service returns.

The service filters (search, kind, city, tag) in SQL; sorting a few hundred groups by a
header click is done here in plain Python, then the model is reset (no proxy model)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from rallyorg.domain.text import fold
from rallyorg.i18n import _, format_number, ui_language
from rallyorg.services.partners import PartnerGroupData

ID_ROLE = Qt.ItemDataRole.UserRole + 1

NAME, KIND, CITY, CONTACTS, ACTIVE = range(5)

Index = QModelIndex | QPersistentModelIndex


def _headers() -> list[str]:
    return [_("Name"), _("Kind"), _("City"), _("Contacts"), _("Status")]


def _sort_key(column: int) -> Any:
    if column == KIND:
        return lambda g: (fold(_(g.kind.label)), fold(g.name))
    if column == CITY:
        return lambda g: (fold(g.city), fold(g.name))
    if column == CONTACTS:
        return lambda g: (g.contact_count, fold(g.name))
    if column == ACTIVE:
        return lambda g: (not g.active, fold(g.name))
    return lambda g: fold(g.name)


class GroupListModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[PartnerGroupData] = []
        self._sort_column = NAME
        self._sort_order = Qt.SortOrder.AscendingOrder

    # --- data in ----------------------------------------------------------------------
    def set_rows(self, rows: list[PartnerGroupData]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(rows)
        self.endResetModel()

    def _sorted(self, rows: list[PartnerGroupData]) -> list[PartnerGroupData]:
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=_sort_key(self._sort_column), reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        self._rows = self._sorted(self._rows)
        self.layoutChanged.emit()

    # --- lookups ----------------------------------------------------------------------
    def group_at(self, row: int) -> PartnerGroupData | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, group_id: int) -> int:
        return next((i for i, g in enumerate(self._rows) if g.id == group_id), -1)

    # --- Qt model ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_headers())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.TextAlignmentRole and section == CONTACTS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        group = self.group_at(index.row()) if index.isValid() else None
        if group is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(group, column)
        if role == ID_ROLE:
            return group.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == CONTACTS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ForegroundRole and not group.active:
            # Dimmed, and the Status column says "Inactive" in words.
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and column == NAME and not group.active:
            font = QFont(QApplication.font())
            font.setItalic(True)
            return font
        return None

    @staticmethod
    def _text(group: PartnerGroupData, column: int) -> str:
        if column == NAME:
            return group.name
        if column == KIND:
            return _(group.kind.label)
        if column == CITY:
            return group.city
        if column == CONTACTS:
            return format_number(group.contact_count, ui_language())
        return _("Active") if group.active else _("Inactive")
