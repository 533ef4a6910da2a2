"""One table model for every list: each list is a few column specs; the rows, counts,
headers, alignment, sorting and the record under a row are done here once.

Most lists hold what the service returned (a few hundred records at most, filtered in SQL),
so a header click sorts the plain list in Python and the selection stays on the same records,
not the same row numbers. The dialogs' tables (``exchange/table_model.py``) are this model over
rows of display cells; the 100,000-row volunteer list (``volunteers/list_model.py``) is this
model over rows fetched in blocks and sorted in SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter


@dataclass(frozen=True)
class Column(Generic[R]):
    header: Callable[[], str]  # called each time: the header follows the UI language
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None  # None: not sortable by this column
    tooltip: Callable[[R], str] | None = None  # default: the text (long cells are elided)
    align: Qt.AlignmentFlag | None = None  # numbers right, bars centred
    roles: dict[int, Callable[[R], Any]] = field(default_factory=dict)  # font, chips, icons…
    header_tooltip: Callable[[], str] | None = None


class RecordsModel(QAbstractTableModel, Generic[R]):
    def __init__(
        self,
        columns: Sequence[Column[R]],
        key: Callable[[R], Any],
        *,
        sort_column: int | None = 0,  # None: the order given, until a header is clicked
        row_roles: dict[int, Callable[[R], Any]] | None = None,  # every cell of a row (dimmed…)
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.key = key
        self.row_roles = row_roles or {}
        self.records: list[R] = []
        self._sort_column = self._default_sort = sort_column
        self._sort_order = Qt.SortOrder.AscendingOrder

    # --- content ------------------------------------------------------------------------------
    def set_rows(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self.records = self._sorted(list(records))
        self.endResetModel()

    def record_at(self, row: int) -> R | None:
        return self.records[row] if 0 <= row < len(self.records) else None

    def row_of(self, record_id: Any) -> int:
        return next((row for row, record in enumerate(self.records) if self.key(record) == record_id), -1)

    def key_at(self, row: int) -> Any:
        record = self.record_at(row)
        return self.key(record) if record is not None else None

    # --- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.records)  # a lazy list counts its ids

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header()
        if role == Qt.ItemDataRole.ToolTipRole and column.header_tooltip is not None:
            return column.header_tooltip() or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return int(column.align)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record_at(index.row()) if index.isValid() else None
        if record is None:
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (column.tooltip or column.text)(record) or None
        if role == ID_ROLE:
            return self.key(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return int(column.align)
        if role in column.roles:
            return column.roles[role](record)
        if role in self.row_roles:
            return self.row_roles[role](record)
        return None

    # --- sorting ------------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        chosen: int | None = column
        if not 0 <= column < len(self.columns):
            chosen = self._default_sort  # Qt's -1: the sort indicator was cleared
        if chosen is None:
            self._sort_column = None  # the rows stay in the order they are in
            return
        if self.columns[chosen].sort_key is None:
            return
        self._sort_column, self._sort_order = chosen, order
        self.layoutAboutToBeChanged.emit()
        before = self.records
        self.records = self._sorted(self.records)
        # Keep the selection on the same records, not on the same row numbers.
        where = {id(record): row for row, record in enumerate(self.records)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(where[id(before[i.row()])], i.column()) for i in old])
        self.layoutChanged.emit()

    def _sorted(self, records: list[R]) -> list[R]:
        if self._sort_column is None or self._sort_column >= len(self.columns):
            return records
        key = self.columns[self._sort_column].sort_key
        if key is None:
            return records
        return sorted(records, key=key, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
