"""The left side of the rallies place: the table, or an empty state saying what belongs there.

The title takes the room the other columns leave; in a list made narrow (a narrow window, the
editor beside it taking the room it needs) it keeps room for a readable start of the title and
the list scrolls sideways instead."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QStackedWidget, QTableView, QWidget

from rallyorg.gui.rallies.list_model import DATE, PLACE, STAFFING, STATUS, TIME, TITLE, RalliesModel
from rallyorg.gui.widgets.chips import StatusChipDelegate
from rallyorg.gui.widgets.empty_state import EmptyState
from rallyorg.gui.widgets.staffing import StaffingDelegate
from rallyorg.gui.widgets.tables import read_only_table
from rallyorg.i18n import _

#: the room a title keeps in a narrow list, in average characters
TITLE_FLOOR = 14


class RalliesList(QStackedWidget):
    def __init__(
        self,
        model: RalliesModel,
        plan_rally: Callable[[], None],
        show_all: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.table = QTableView()
        self.table.setModel(model)
        read_only_table(self.table, _("Rallies"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
        self.table.setItemDelegateForColumn(STATUS, StatusChipDelegate(self.table))
        self.table.setItemDelegateForColumn(STAFFING, StaffingDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for column in (DATE, TIME, STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PLACE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(STAFFING, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(PLACE, 110)
        self.table.setColumnWidth(STAFFING, 84)
        self.table.viewport().installEventFilter(self)
        header.sectionResized.connect(self._column_resized)
        self.addWidget(self.table)
        self.no_rallies = EmptyState(
            _(
                "No rallies yet. Plan one: its date and place, its texts in English, Spanish and "
                "Portuguese, the partner groups behind it and the volunteer shifts it needs."
            ),
            [(_("Plan a rally"), plan_rally)],
        )
        self.addWidget(self.no_rallies)
        self.no_match = EmptyState(
            _("No rallies match this search or filter."), [(_("Show all rallies"), show_all)]
        )
        self.addWidget(self.no_match)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_title()
        return False

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if column != TITLE:  # the data came in, or a column was dragged wider
            self._fit_title()

    def _fit_title(self) -> None:
        """The title stretches over the room left, but not below ``TITLE_FLOOR`` characters."""
        header = self.table.horizontalHeader()
        shown = (c for c in range(header.count()) if c != TITLE and not header.isSectionHidden(c))
        others = sum(header.sectionSize(c) for c in shown)
        floor = self.table.fontMetrics().averageCharWidth() * TITLE_FLOOR
        narrow = self.table.viewport().width() - others < floor
        mode = QHeaderView.ResizeMode.Interactive if narrow else QHeaderView.ResizeMode.Stretch
        if header.sectionResizeMode(TITLE) != mode:
            header.setSectionResizeMode(TITLE, mode)
            if narrow:
                header.resizeSection(TITLE, floor)

    def show_state(self, *, has_rows: bool, filtered: bool) -> None:
        if has_rows:
            self.setCurrentWidget(self.table)
        else:
            self.setCurrentWidget(self.no_match if filtered else self.no_rallies)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        event = self.model.event_at(rows[0].row())
        return event.id if event else None
