"""A volunteer's sign-up history: every shift they signed up for, and the hours they gave."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.enums import SignUpStatus
from rallyorg.gui.widgets.tables import read_only_table
from rallyorg.i18n import _, format_number, format_short_date, format_time, ngettext
from rallyorg.services.volunteers import HistoryEntry, VolunteerData

EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def status_text(entry: HistoryEntry) -> str:
    """The sign-up's status, and that the place came from the waitlist when it did."""
    status = _(entry.status.label)
    if entry.promoted_at is None:
        return status
    # Translators: a sign-up status, e.g. "Signed up, moved up from the waitlist".
    return _("{status}, moved up from the waitlist").format(status=status)


def hours_text(hours: float, language: str) -> str:
    """ "12.5 hours" in the interface language."""
    whole = int(hours) if float(hours).is_integer() else 2  # plural form for fractions
    return ngettext("{hours} hour", "{hours} hours", whole).format(hours=format_number(hours, language))


class HistoryPanel(QWidget):
    """The history table with its totals; double-click (or Enter) opens the rally."""

    event_chosen = Signal(int)

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        headers = [_("Event"), _("Shift"), _("Date"), _("Status"), _("Hours")]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeaderItem(len(headers) - 1).setTextAlignment(RIGHT)
        read_only_table(self.table, _("Sign-up history"))
        self.table.itemActivated.connect(self._activated)
        layout.addWidget(self.table, 1)
        layout.addStretch(0)

    def set_volunteer(self, data: VolunteerData | None) -> None:
        history = data.history if data else ()
        self.table.setRowCount(len(history))
        for row, entry in enumerate(history):
            local = entry.shift_starts_at.astimezone()  # this computer's time zone
            when = _("{date} at {time}").format(
                date=format_short_date(local, self._language), time=format_time(local, self._language)
            )
            cells = [
                entry.event_title or _("(untitled event)"),
                entry.shift_role,
                format_short_date(local, self._language),
                status_text(entry),
                format_number(entry.hours, self._language) if entry.hours is not None else "",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(EVENT_ROLE, entry.event_id)
                self.table.setItem(row, column, item)
            self.table.item(row, 2).setToolTip(when)
            if entry.promoted_at is not None:
                promoted = entry.promoted_at.astimezone()
                self.table.item(row, 3).setToolTip(
                    _("Moved up from the waitlist on {date} at {time}").format(
                        date=format_short_date(promoted, self._language),
                        time=format_time(promoted, self._language),
                    )
                )
            self.table.item(row, 4).setTextAlignment(RIGHT)
            if entry.status in (SignUpStatus.CANCELLED, SignUpStatus.NO_SHOW):
                # Dimmed, while the Status column says it in words.
                for column in range(len(cells)):
                    self.table.item(row, column).setForeground(self.palette().placeholderText())
        header = self.table.horizontalHeader()
        for column in range(1, self.table.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.summary.setText(self._summary(data))
        self.table.setVisible(bool(history))

    def _summary(self, data: VolunteerData | None) -> str:
        if data is None:
            return ""
        if not data.history:
            return _("No sign-ups yet. Sign this person up for a shift from a rally's Shifts tab.")
        attended = sum(1 for h in data.history if h.status == SignUpStatus.ATTENDED)
        return _("{signups} · attended {attended} · total {hours}").format(
            signups=ngettext("{n} sign-up", "{n} sign-ups", len(data.history)).format(n=len(data.history)),
            attended=ngettext("{n} shift", "{n} shifts", attended).format(n=attended),
            hours=hours_text(data.total_hours, self._language),
        )

    def _activated(self, item: QTableWidgetItem) -> None:
        event_id = item.data(EVENT_ROLE)
        if event_id is not None:
            self.event_chosen.emit(int(event_id))
