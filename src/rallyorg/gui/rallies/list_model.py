"""The rallies table: its columns over the events the service returned (filtered by the
service; a coalition has a few hundred events at most, so the shared RecordsModel sorts the
plain list)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from rallyorg.domain.enums import EventStatus
from rallyorg.domain.events import EventData
from rallyorg.domain.text import fold
from rallyorg.gui.widgets.chips import STATUS_ROLE
from rallyorg.gui.widgets.records_model import CENTRE, Column, RecordsModel
from rallyorg.gui.widgets.staffing import STAFFING_ROLE, places_text
from rallyorg.i18n import _, format_long_date, format_short_date, format_time

DATE, TIME, TITLE, PLACE, STATUS, STAFFING = range(6)
STATUS_ORDER = {EventStatus.DRAFT: 0, EventStatus.CONFIRMED: 1, EventStatus.DONE: 2, EventStatus.CANCELLED: 3}


def _title_font(event: EventData) -> QFont | None:
    if event.status != EventStatus.CANCELLED and event.title("en"):
        return None
    font = QFont()
    font.setStrikeOut(event.status == EventStatus.CANCELLED)
    font.setItalic(not event.title("en"))
    return font


def _places(event: EventData) -> str:
    return places_text(event.places_filled, event.places_needed)


def _staffing_text(event: EventData) -> str:
    if event.places_needed == 0:
        return _("No shifts")
    return f"{event.places_filled} / {event.places_needed}"


def _staffing_order(event: EventData) -> tuple[Any, ...]:
    ratio = event.places_filled / event.places_needed if event.places_needed else 2.0
    return (ratio, event.starts_at)


class RalliesModel(RecordsModel[EventData]):
    def __init__(self, language: str) -> None:
        self.language = language  # read at each call: the columns follow a language switch
        super().__init__(self._columns(), key=lambda event: event.id, sort_column=DATE)

    def _columns(self) -> list[Column[EventData]]:
        def when(event: EventData) -> str:
            return _("{day}, {start} – {end}").format(
                day=format_long_date(event.starts_at, self.language),
                start=format_time(event.starts_at, self.language),
                end=format_time(event.ends_at, self.language),
            )

        def place_tooltip(event: EventData) -> str:
            return f"{event.venue.name}\n{event.venue.address}" if event.venue else ""

        return [
            Column(
                lambda: _("Date"),
                lambda e: format_short_date(e.starts_at, self.language),
                sort_key=lambda e: (e.starts_at, e.id),
                tooltip=when,
            ),
            Column(
                lambda: _("Time"),
                lambda e: format_time(e.starts_at, self.language),
                sort_key=lambda e: (e.starts_at.time(), e.starts_at),
                tooltip=when,
            ),
            Column(
                lambda: _("Title"),
                lambda e: e.title(self.language) or _("(untitled)"),
                sort_key=lambda e: (fold(e.title(self.language)), e.starts_at),
                roles={Qt.ItemDataRole.FontRole: _title_font},
            ),
            Column(
                lambda: _("Place"),
                lambda e: e.venue.name if e.venue else "",
                sort_key=lambda e: (fold(e.venue.name) if e.venue else "\uffff", e.starts_at),
                tooltip=place_tooltip,
            ),
            Column(
                lambda: _("Status"),
                lambda e: _(e.status.label),
                sort_key=lambda e: (STATUS_ORDER[e.status], e.starts_at),
                roles={STATUS_ROLE: lambda e: e.status.value},
            ),
            Column(
                lambda: _("Staffing"),
                _staffing_text,
                sort_key=_staffing_order,
                tooltip=_places,
                align=CENTRE,
                roles={
                    STAFFING_ROLE: lambda e: (e.places_filled, e.places_needed) if e.places_needed else None,
                    Qt.ItemDataRole.AccessibleTextRole: _places,
                },
            ),
        ]

    @property
    def events(self) -> list[EventData]:
        return self.records

    def set_events(self, events: list[EventData]) -> None:
        self.set_rows(events)

    def event_at(self, row: int) -> EventData | None:
        return self.record_at(row)
