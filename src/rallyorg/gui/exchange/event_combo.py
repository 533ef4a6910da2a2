"""Choosing an event: a combo of every event, soonest first, starting on today's or the next
one (the same rule as Check-in)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from rallyorg.domain.events import EventData
from rallyorg.gui.checkin.choice import default_event
from rallyorg.gui.context import GuiContext
from rallyorg.i18n import _, format_short_date, format_time
from rallyorg.services import events as event_service


def event_label(event: EventData, language: str) -> str:
    return _("{date}, {time} — {title}").format(
        date=format_short_date(event.starts_at, language),
        time=format_time(event.starts_at, language),
        title=event.title(language) or _("(untitled)"),
    )


class EventCombo(QComboBox):
    def __init__(
        self, context: GuiContext, event_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.events = context.call(event_service.list_events)
        language = context.language
        for event in self.events:
            self.addItem(event_label(event, language), event.id)
            self.setItemData(self.count() - 1, event_label(event, language), Qt.ItemDataRole.ToolTipRole)
        chosen = event_id
        if chosen is None:
            soonest = default_event(self.events, dt.datetime.now(dt.UTC))
            chosen = soonest.id if soonest is not None else None
        if chosen is not None:
            self.select(chosen)

    def select(self, event_id: int) -> None:
        index = self.findData(event_id)
        if index >= 0:
            self.setCurrentIndex(index)

    def event_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def chosen_event(self) -> EventData | None:
        event_id = self.event_id()
        return next((e for e in self.events if e.id == event_id), None)
