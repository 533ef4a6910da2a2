"""A read-only table over rows of display cells, for the dialogs' small tables (the file's
first rows, the rows that need attention, the import history, the export log).

These lists are small (a few thousand rows at most), so sorting the plain list in Python
when a header is clicked is instant; no proxy model is involved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView, QWidget

from rallyorg.domain.text import fold
from rallyorg.gui.widgets.records_model import ID_ROLE, Column, RecordsModel
from rallyorg.gui.widgets.tables import read_only_table

__all__ = ["ID_ROLE", "Cell", "Row", "RowsModel", "fit_columns", "rows_table"]


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


def _cell(row: Row, column: int) -> Cell:
    return row.cells[column] if column < len(row.cells) else _NO_CELL


_NO_CELL = Cell("")


def _italic() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font


def _column(header: str, column: int, tooltip: str = "") -> Column[Row]:
    """Column ``column`` of rows of cells: empty cells sort last, dim ones are grey italics."""

    def sort_key(row: Row) -> tuple[int, Any]:
        cell = _cell(row, column)
        return (0 if cell.text else 1, cell.sort_key if cell.sort_key is not None else fold(cell.text))

    def alignment(row: Row) -> int:
        horizontal = Qt.AlignmentFlag.AlignRight if _cell(row, column).number else Qt.AlignmentFlag.AlignLeft
        return int(horizontal | Qt.AlignmentFlag.AlignVCenter)

    def dim_colour(row: Row) -> QColor | None:
        dim = _cell(row, column).dim
        return QApplication.palette().color(QPalette.ColorRole.PlaceholderText) if dim else None

    return Column(
        header=lambda: header,
        text=lambda row: _cell(row, column).text,
        sort_key=sort_key,
        tooltip=lambda row: _cell(row, column).tooltip or _cell(row, column).text,
        roles={
            Qt.ItemDataRole.TextAlignmentRole: alignment,
            Qt.ItemDataRole.ForegroundRole: dim_colour,
            Qt.ItemDataRole.FontRole: lambda row: _italic() if _cell(row, column).dim else None,
        },
        header_tooltip=lambda: tooltip,
    )


class RowsModel(RecordsModel[Row]):
    """The shared table model over rows of display cells; the columns follow the headers
    (a file's own headers in the import preview)."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__([], key=lambda row: row.key, sort_column=None, parent=parent)
        self.set_headers(headers)

    @property
    def rows(self) -> list[Row]:
        return self.records

    @property
    def headers(self) -> list[str]:
        return [column.header() for column in self.columns]

    def set_rows(self, rows: Sequence[Row], headers: Sequence[str] | None = None) -> None:
        if headers is not None:
            self.columns = [_column(header, i) for i, header in enumerate(headers)]
        super().set_rows(rows)

    def set_headers(self, headers: Sequence[str], tooltips: Sequence[str] = ()) -> None:
        """New headers for the rows shown (the columns must stay the same in number)."""
        tips = list(tooltips) + [""] * (len(headers) - len(tooltips))
        self.columns = [
            _column(header, i, tip) for i, (header, tip) in enumerate(zip(headers, tips, strict=True))
        ]
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)


def rows_table(model: RowsModel, accessible_name: str, *, sortable: bool = True) -> QTableView:
    """A table view as the app's tables look: alternating rows, whole-row selection, elided
    text with tooltips, the last column taking the spare width."""
    view = QTableView()
    view.setModel(model)
    read_only_table(view, accessible_name)
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
