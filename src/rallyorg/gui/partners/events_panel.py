"""The Events tab of a partner group: the events it took part in, with its role.
Double-click or Enter opens the event in Rallies."""

from __future__ import annotations

import zoneinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rallyorg.gui.widgets.chips import STATUS_ROLE, StatusChipDelegate
from rallyorg.gui.widgets.tables import read_only_table
from rallyorg.i18n import _, format_short_date, pgettext
from rallyorg.services.partners import GroupEventData

ID_ROLE = Qt.ItemDataRole.UserRole + 1
DATE, TITLE, ROLE, STATUS = range(4)


class EventsPanel(QWidget):
    open_event = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        hint = QLabel(_("Double-click an event to open it in Rallies."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.table = QTableWidget(0, 4)
        role = pgettext("partner group in a rally", "Role")
        self.table.setHorizontalHeaderLabels([_("Date"), _("Event"), role, _("Status")])
        read_only_table(self.table, _("Events this group took part in"))
        self.table.setItemDelegateForColumn(STATUS, StatusChipDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.itemActivated.connect(self._activated)
        self.empty = QLabel(_("This group has not taken part in any event yet."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

    def set_events(self, rows: list[GroupEventData], language: str) -> None:
        self.table.setRowCount(len(rows))
        for row, event in enumerate(rows):
            local = event.starts_at.astimezone(zoneinfo.ZoneInfo(event.timezone))
            cells = [
                format_short_date(local, language),
                event.title,
                _(event.role.label),
                _(event.status.label),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, event.event_id)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            self.table.item(row, STATUS).setData(STATUS_ROLE, event.status)
        self.stack.setCurrentIndex(0 if rows else 1)

    def _activated(self, item: QTableWidgetItem) -> None:
        self.open_event.emit(int(item.data(ID_ROLE)))
