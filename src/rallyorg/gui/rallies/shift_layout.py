"""How the Shifts tab sizes its parts: the shifts table over the sign-ups in a splitter, and
the shifts table's columns.

Until the organizer drags the splitter, the shifts table is as tall as its rows (at most
about two thirds, always leaving the sign-ups a few rows). The role column takes the width
the others leave; when the pane is narrow the other columns give up their header width first
(headers elide, the full word in a tooltip), then "Places" (the staffing bar shows it too)
steps aside, so roles stay readable without a sideways scroll."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLayout,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QWidget,
)

from rallyorg.gui.widgets.tables import read_only_table

#: the columns of the shifts table
ROLE, TIME, PLACES, LANGUAGE, STAFFING, WAITLIST = range(6)
#: the share of the splitter the shifts table takes at most while the organizer has not moved it
SHIFTS_SHARE = 0.65
#: rows of a table always shown (when it has them) before the other side gets more
LEAST_ROWS = 3


def make_table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    read_only_table(table, name)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _table_height(table: QTableWidget, rows: int) -> int:
    """The outer height of ``table`` showing its header and ``rows`` rows, no scrolling."""
    header = table.horizontalHeader().sizeHint().height()
    body = table.verticalHeader().defaultSectionSize() * rows
    return header + body + 2 * table.frameWidth()


class _Splitter(QSplitter):
    """A splitter that says when it has been resized (so the tab can refit its parts)."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()


class ShiftColumns(QObject):
    """Fits the shifts table's column widths to the room there is, whenever its viewport is
    resized and (through ``refit``) whenever its rows change."""

    def __init__(self, table: QTableWidget, parent: QObject) -> None:
        super().__init__(parent)
        self.table = table
        # Widths are set by _fit, from the contents and the room there is.
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        for column in range(table.columnCount()):
            header_item = table.horizontalHeaderItem(column)
            header_item.setToolTip(header_item.text())  # the full word when it is elided
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = table.horizontalHeader()
        self._header_hints = [header.sectionSizeHint(c) for c in range(table.columnCount())]
        self._fitting = False
        self._generation = 0  # counts loads: new rows need the columns fitted again
        self._columns_key: tuple[int, int] | None = None
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit()
        return super().eventFilter(watched, event)

    def refit(self) -> None:
        """Fit the columns to new rows."""
        self._generation += 1
        self._fit()

    def _fit(self) -> None:
        """Role takes what the other columns leave; they shrink, then Places hides, when the
        pane is narrow (see the module doc). Only what changed is touched: this runs on every
        resize of the table."""
        if self._fitting:
            return
        self._fitting = True
        try:
            for _attempt in range(3):  # a scroll bar coming or going changes the width once more
                key = (self.table.viewport().width(), self._generation)
                if key == self._columns_key:
                    break
                self._columns_key = key
                self._apply(self._widths(key[0]))
        finally:
            self._fitting = False

    def _widths(self, available: int) -> dict[int, int]:
        table = self.table
        metrics = table.fontMetrics()
        char = metrics.averageCharWidth()
        padding = 2 * table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin) + 8
        heads = self._header_hints

        def cells(column: int) -> int:
            return max(table.sizeHintForColumn(column), 0)

        widths = {column: max(cells(column), heads[column]) for column in (TIME, PLACES, LANGUAGE, WAITLIST)}
        widths[STAFFING] = max(metrics.horizontalAdvance("888 / 888") + padding, heads[STAFFING])
        role_least = min(max(cells(ROLE), heads[ROLE]), 14 * char)
        has_waitlist = any(table.item(row, WAITLIST).text() for row in range(table.rowCount()))
        # What each column can give up, in order: header width first (the header elides),
        # then whole columns whose content is shown elsewhere (Places) or empty (Waitlist).
        steps = [
            (WAITLIST, max(cells(WAITLIST), 5 * char)),
            (PLACES, max(cells(PLACES), 5 * char)),
            (STAFFING, max(cells(STAFFING), metrics.horizontalAdvance("88 / 88") + padding)),
            (PLACES, 0),
            (LANGUAGE, max(min(cells(LANGUAGE), 9 * char), 5 * char)),
            (WAITLIST, 5 * char if has_waitlist else 0),
            (TIME, max(cells(TIME), 5 * char)),
        ]
        for column, target in steps:
            excess = role_least + sum(widths.values()) - available
            if excess <= 0:
                break
            widths[column] = max(target, widths[column] - excess)
        # Never wider than the table: a sideways scroll bar would change the height, that the
        # vertical one, that the width, and so on.
        widths[ROLE] = max(available - sum(widths.values()), 3 * char)
        return widths

    def _apply(self, widths: dict[int, int]) -> None:
        header = self.table.horizontalHeader()
        for column, width in widths.items():
            hidden = width <= 0
            if header.isSectionHidden(column) != hidden:
                header.setSectionHidden(column, hidden)
            if not hidden and header.sectionSize(column) != width:
                header.resizeSection(column, width)


class ShiftsSplit(QObject):
    """The vertical splitter with the shifts (``stack``: the table or, without shifts, ``empty``)
    over the sign-ups (``lower``, laid out by ``lower_layout`` around ``signups``). It gives
    the shifts table the height of its rows until the organizer drags it."""

    def __init__(
        self,
        stack: QStackedWidget,
        shifts: QTableWidget,
        empty: QWidget,
        lower: QWidget,
        lower_layout: QLayout,
        signups: QTableWidget,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.stack, self.shifts, self.empty = stack, shifts, empty
        self.lower, self.lower_layout, self.signups = lower, lower_layout, signups
        splitter = _Splitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(stack)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        self.splitter: QSplitter = splitter
        #: True once the organizer has dragged the splitter: their split is kept from then on
        self.moved_by_hand = False
        splitter.splitterMoved.connect(self._moved)
        splitter.resized.connect(self.fit)

    def _moved(self, _position: int, _index: int) -> None:
        self.moved_by_hand = True

    def fit(self) -> None:
        """Give the shifts table the height of its rows, within limits (see the module doc)."""
        if self.moved_by_hand:
            return
        total = self.splitter.height() - self.splitter.handleWidth()
        if total <= 0:
            return
        rows = self.shifts.rowCount()
        if rows and self.stack.currentWidget() is self.shifts:
            wanted = _table_height(self.shifts, rows)
            least = _table_height(self.shifts, min(rows, LEAST_ROWS))
        else:
            wanted = least = self.empty.sizeHint().height()
        lower_extra = self.lower_layout.sizeHint().height() - self.signups.sizeHint().height()
        lower_least = lower_extra + _table_height(self.signups, LEAST_ROWS)
        top = min(wanted, total - lower_least, int(total * SHIFTS_SHARE))
        top = max(top, least, self.stack.minimumSizeHint().height())
        top = min(top, total - self.lower.minimumSizeHint().height())
        if self.splitter.sizes() != [top, total - top]:
            self.splitter.setSizes([top, total - top])
