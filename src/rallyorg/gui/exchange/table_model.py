"""A read-only table over rows of display cells, for the dialogs' small tables (the file's
first rows, the rows that need attention, the import history, the export log).

These lists are small (a few thousand rows at most), so sorting the plain list in Python
when a header is clicked is instant; no proxy model is involved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView, QWidget

from rallyorg.domain.text import fold

ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    sort_key: Any = None  # defaults to the folded text
    tooltip: str = ""  # defaults to the text (long cells are elided in the view)
    number: bool = False  # right-aligned
    dim: bool = False  # shown in the placeholder colour (and italic, so not by colour alone)


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    key: Any = None  # what the row stands for (an import's id…), under ID_ROLE


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.header_tooltips: list[str] = []
        self.rows: list[Row] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Row], headers: Sequence[str] | None = None) -> None:
        self.beginResetModel()
        if headers is not None:
            self.headers = list(headers)
        self.rows = list(rows)
        if self._sort is not None and self._sort[0] < len(self.headers):
            self.rows = self._sorted(*self._sort)
        self.endResetModel()

    def set_headers(self, headers: Sequence[str], tooltips: Sequence[str] = ()) -> None:
        self.headers = list(headers)
        self.header_tooltips = list(tooltips)
        if self.headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)

    def key_at(self, row: int) -> Any:
        return self.rows[row].key if 0 <= row < len(self.rows) else None

    def row_of(self, key: Any) -> int:
        return next((i for i, row in enumerate(self.rows) if row.key == key), -1)

    # --- Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section < len(self.header_tooltips):
            return self.header_tooltips[section] or None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ID_ROLE:
            return row.key
        if index.column() >= len(row.cells):
            return None
        cell = row.cells[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tooltip or cell.text or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if cell.number else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and cell.dim:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.FontRole and cell.dim:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    # --- sorting ------------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0:  # no column chosen yet: keep the order the rows came in
            self._sort = None
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = list(self.rows)
        self.rows = self._sorted(column, order)
        # Keep the selection on the same rows, not on the same row numbers.
        where = {id(row): i for i, row in enumerate(self.rows)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(where[id(before[i.row()])], i.column()) for i in old])
        self.layoutChanged.emit()

    def _sorted(self, column: int, order: Qt.SortOrder) -> list[Row]:
        def key(row: Row) -> tuple[int, Any]:
            if column >= len(row.cells):
                return (1, "")
            cell = row.cells[column]
            value = cell.sort_key if cell.sort_key is not None else fold(cell.text)
            return (0 if cell.text else 1, value)

        return sorted(self.rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)


def rows_table(model: RowsModel, accessible_name: str, *, sortable: bool = True) -> QTableView:
    """A table view as the app's tables look: alternating rows, whole-row selection, elided
    text with tooltips, the last column taking the spare width."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(accessible_name)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    # Rows keep the order they came in (newest first, rejected first…) until a header is clicked.
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(sortable)
    return view


def fit_columns(view: QTableView, maximum: int = 320) -> None:
    """Columns as wide as their contents, within reason; the last one stretches."""
    view.resizeColumnsToContents()
    model = view.model()
    for column in range(model.columnCount() - 1):
        if view.columnWidth(column) > maximum:
            view.setColumnWidth(column, maximum)
