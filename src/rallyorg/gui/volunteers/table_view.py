"""The volunteer table: fixed row heights (the view never measures 100,000 rows), sortable
headers that re-query instead of sorting in Python, and columns that share the width."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from rallyorg.gui.volunteers.consent_delegate import ConsentDelegate
from rallyorg.gui.volunteers.list_model import CONSENT, NAME, SORTS, VolunteerListModel
from rallyorg.gui.widgets.tables import read_only_table
from rallyorg.i18n import _
from rallyorg.services.volunteers import VolunteerSort

# Per column (name, city, phone, email, languages, skills, consent): the smallest useful
# width, and the share each gets of the room beyond that.
MINIMUM_WIDTHS = (120, 75, 110, 110, 60, 75, 115)
WEIGHTS = (3, 1, 0, 3, 1, 2, 1)
# When even the useful minimums do not fit (a narrow window), every column but the name gives
# up part of its width, down to these, before a horizontal scroll bar hides the last columns.
FLOOR_WIDTHS = (120, 55, 92, 66, 45, 55, 104)


class VolunteerTable(QTableView):
    #: a header click asked for this order (the screen re-queries)
    sort_requested = Signal(object, bool)  # VolunteerSort, descending

    def __init__(self, model: VolunteerListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        read_only_table(self, _("Volunteers"))
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        header.sectionClicked.connect(self._header_clicked)
        header.sectionResized.connect(self._resized_by_hand)
        self.setItemDelegateForColumn(CONSENT, ConsentDelegate(self))
        self._fitting = False
        self._fit = True  # until someone drags a column border

    # --- sorting ----------------------------------------------------------------------------
    def _header_clicked(self, column: int) -> None:
        query = self._model.query
        if column not in SORTS:
            # Phone, languages, skills and consent are not sortable: the arrow stays put.
            self.show_sort(query.sort, query.descending)
            return
        # The same column again flips the order; another column starts ascending.
        descending = not query.descending if SORTS[column] == query.sort else False
        self.show_sort(SORTS[column], descending)
        self.sort_requested.emit(SORTS[column], descending)

    def show_sort(self, sort: VolunteerSort, descending: bool) -> None:
        column = next((c for c, s in SORTS.items() if s == sort), -1)
        header = self.horizontalHeader()
        header.blockSignals(True)
        try:
            header.setSortIndicator(
                column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            )
        finally:
            header.blockSignals(False)

    # --- column widths ----------------------------------------------------------------------
    def _resized_by_hand(self, *_args: object) -> None:
        if not self._fitting:
            self._fit = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit:
            self.fit_columns()

    def fit_columns(self) -> None:
        """Every column gets its useful minimum, then the room left is shared by weight (the
        last column takes the rounding, so no scroll bar appears for a few pixels). When the
        minimums do not fit, the columns shrink toward their floors in proportion instead."""
        width = self.viewport().width()
        self._fitting = True
        try:
            if width < sum(MINIMUM_WIDTHS):
                self._shrink_columns(width)
                return
            extra = width - sum(MINIMUM_WIDTHS)
            total = sum(WEIGHTS)
            given = 0
            last = len(WEIGHTS) - 1
            for column, (weight, minimum) in enumerate(zip(WEIGHTS, MINIMUM_WIDTHS, strict=True)):
                share = extra - given if column == last else extra * weight // total
                self.setColumnWidth(column, minimum + share)
                given += share
        finally:
            self._fitting = False

    def _shrink_columns(self, width: int) -> None:
        slack = [minimum - floor for minimum, floor in zip(MINIMUM_WIDTHS, FLOOR_WIDTHS, strict=True)]
        missing = min(sum(MINIMUM_WIDTHS) - width, sum(slack))
        taken = 0
        last = len(slack) - 1
        for column, (minimum, room) in enumerate(zip(MINIMUM_WIDTHS, slack, strict=True)):
            cut = missing - taken if column == last else missing * room // sum(slack)
            self.setColumnWidth(column, minimum - cut)
            taken += cut
