"""The rallies table: a model over the events the service returned (filtered by the service;
a coalition has a few hundred events at most, so sorting the plain list is instant)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from rallyorg.domain.enums import EventStatus
from rallyorg.domain.events import EventData
from rallyorg.domain.text import fold
from rallyorg.gui.widgets.chips import STATUS_ROLE
from rallyorg.gui.widgets.staffing import STAFFING_ROLE
from rallyorg.i18n import _, format_long_date, format_short_date, format_time

ID_ROLE = Qt.ItemDataRole.UserRole + 1

DATE, TIME, TITLE, PLACE, STATUS, STAFFING = range(6)
STATUS_ORDER = {EventStatus.DRAFT: 0, EventStatus.CONFIRMED: 1, EventStatus.DONE: 2, EventStatus.CANCELLED: 3}

Index = QModelIndex | QPersistentModelIndex


class RalliesModel(QAbstractTableModel):
    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.events: list[EventData] = []
        self._sort_column = DATE
        self._sort_order = Qt.SortOrder.AscendingOrder

    # --- content ------------------------------------------------------------------------------
    def set_events(self, events: list[EventData]) -> None:
        self.beginResetModel()
        self.events = self._sorted(events)
        self.endResetModel()

    def row_of(self, event_id: int) -> int:
        return next((row for row, event in enumerate(self.events) if event.id == event_id), -1)

    def event_at(self, row: int) -> EventData | None:
        return self.events[row] if 0 <= row < len(self.events) else None

    # --- Qt model -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (_("Date"), _("Time"), _("Title"), _("Place"), _("Status"), _("Staffing"))[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == STAFFING:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        event = self.event_at(index.row())
        if event is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(event, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(event, column)
        if role == ID_ROLE:
            return event.id
        if role == STATUS_ROLE and column == STATUS:
            return event.status.value
        if role == STAFFING_ROLE and column == STAFFING:
            return (event.places_filled, event.places_needed) if event.places_needed else None
        if role == Qt.ItemDataRole.FontRole and column == TITLE:
            return self._title_font(event)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == STAFFING:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == STAFFING:
            return _("{filled} of {needed} places filled").format(
                filled=event.places_filled, needed=event.places_needed
            )
        return None

    def _text(self, event: EventData, column: int) -> str:
        if column == DATE:
            return format_short_date(event.starts_at, self.language)
        if column == TIME:
            return format_time(event.starts_at, self.language)
        if column == TITLE:
            return event.title(self.language) or _("(untitled)")
        if column == PLACE:
            return event.venue.name if event.venue else ""
        if column == STATUS:
            return _(event.status.label)
        if event.places_needed == 0:
            return _("No shifts")
        return f"{event.places_filled} / {event.places_needed}"

    def _tooltip(self, event: EventData, column: int) -> str:
        if column in (DATE, TIME):
            return _("{day}, {start} – {end}").format(
                day=format_long_date(event.starts_at, self.language),
                start=format_time(event.starts_at, self.language),
                end=format_time(event.ends_at, self.language),
            )
        if column == PLACE and event.venue:
            return f"{event.venue.name}\n{event.venue.address}"
        if column == STAFFING:
            return _("{filled} of {needed} places filled").format(
                filled=event.places_filled, needed=event.places_needed
            )
        return self._text(event, column)

    @staticmethod
    def _title_font(event: EventData) -> QFont | None:
        if event.status != EventStatus.CANCELLED and event.title("en"):
            return None
        font = QFont()
        font.setStrikeOut(event.status == EventStatus.CANCELLED)
        font.setItalic(not event.title("en"))
        return font

    # --- sorting ------------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old_ids = [event.id for event in self.events]
        self.events = self._sorted(self.events)
        new_rows = {event.id: row for row, event in enumerate(self.events)}
        # Keep the selection on the same events, not on the same row numbers.
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(new_rows[old_ids[i.row()]], i.column()) for i in old])
        self.layoutChanged.emit()

    def _sorted(self, events: list[EventData]) -> list[EventData]:
        column = self._sort_column

        def key(event: EventData) -> tuple[Any, ...]:
            if column == TIME:
                return (event.starts_at.time(), event.starts_at)
            if column == TITLE:
                return (fold(event.title(self.language)), event.starts_at)
            if column == PLACE:
                return (fold(event.venue.name) if event.venue else "\uffff", event.starts_at)
            if column == STATUS:
                return (STATUS_ORDER[event.status], event.starts_at)
            if column == STAFFING:
                ratio = event.places_filled / event.places_needed if event.places_needed else 2.0
                return (ratio, event.starts_at)
            return (event.starts_at, event.id)

        return sorted(events, key=key, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
