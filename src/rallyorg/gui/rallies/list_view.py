"""The left side of the rallies place: the table, or an empty state saying what belongs there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStackedWidget, QTableView, QWidget

from rallyorg.gui.rallies.list_model import DATE, PLACE, STAFFING, STATUS, TIME, TITLE, RalliesModel
from rallyorg.gui.widgets.chips import StatusChipDelegate
from rallyorg.gui.widgets.empty_state import EmptyState
from rallyorg.gui.widgets.staffing import StaffingDelegate
from rallyorg.i18n import _


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
        self.table.setAccessibleName(_("Rallies"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
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
