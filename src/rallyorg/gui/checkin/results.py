"""Big result rows for Check-in: name, shift, time and a check-in button (or, for people
already here, "Checked in 3:05 PM" with an icon). Enter or Space on a row checks it in."""

from __future__ import annotations

import zoneinfo

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.text import fold
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import scaled_font
from rallyorg.gui.widgets.tables import read_only_table
from rallyorg.i18n import _, format_time
from rallyorg.services.signups import CheckInRow

NAME, SHIFT, TIME, STATE = range(4)
SIGNUP_ROLE = Qt.ItemDataRole.UserRole + 1
DONE_COLOUR = "#1a7f37"


def checked_in_text(row: CheckInRow, zone: zoneinfo.ZoneInfo, language: str) -> str:
    if row.checked_in_at is None:
        return _("Checked in")
    return _("Checked in {time}").format(time=format_time(row.checked_in_at.astimezone(zone), language))


class CheckInResults(QTableWidget):
    check_in_requested = Signal(int)  # sign-up id
    typed = Signal(str)  # letters typed while the list has focus: they belong in the search

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.rows: list[CheckInRow] = []
        self.setHorizontalHeaderLabels([_("Name"), _("Shift"), _("Starts"), _("Check-in")])
        self.setFont(scaled_font(self, 1.3))
        self.horizontalHeader().setFont(scaled_font(self, 1.0, bold=True))
        read_only_table(self, _("People signed up for this event"))
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * 2.2))
        side = self.fontMetrics().height()
        self.setIconSize(QSize(side, side))
        header = self.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (SHIFT, TIME, STATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.cellDoubleClicked.connect(lambda row, _column: self._request(row))

    def set_rows(self, rows: list[CheckInRow], timezone: str, language: str) -> None:
        zone = zoneinfo.ZoneInfo(timezone)
        self.rows = rows
        self.clearContents()
        self.setRowCount(len(rows))
        for index, row in enumerate(rows):
            starts = row.shift_starts_at.astimezone(zone)
            here = row.status == SignUpStatus.ATTENDED
            cells = [row.name, row.shift_role, format_time(starts, language), ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(SIGNUP_ROLE, row.signup_id)
                item.setToolTip(text)
                self.setItem(index, column, item)
            if here:
                state = self.item(index, STATE)
                state.setText(checked_in_text(row, zone, language))
                state.setIcon(icon("ph.check-circle-fill", color=DONE_COLOUR))
                state.setToolTip(state.text())
                self.item(index, NAME).setToolTip(
                    _("{name} — {state}").format(name=row.name, state=state.text())
                )
            else:
                self.setCellWidget(index, STATE, self._button(row))
        if rows:
            self.setCurrentCell(0, NAME)

    def _button(self, row: CheckInRow) -> QPushButton:
        button = QPushButton(icon("ph.check-square"), _("Check in"))
        button.setFont(scaled_font(self, 1.15, bold=True))
        button.setIconSize(self.iconSize())
        # Buttons are for the mouse and touch; the keyboard uses Enter on the row, so the
        # list stays one Tab stop.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAccessibleName(_("Check in {name}").format(name=row.name))
        button.clicked.connect(lambda _checked=False, sid=row.signup_id: self.check_in_requested.emit(sid))
        return button

    def _request(self, row_index: int) -> None:
        if 0 <= row_index < len(self.rows) and self.rows[row_index].status != SignUpStatus.ATTENDED:
            self.check_in_requested.emit(self.rows[row_index].signup_id)

    def row_for(self, signup_id: int) -> CheckInRow | None:
        return next((r for r in self.rows if r.signup_id == signup_id), None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._request(self.currentRow())
            event.accept()
            return
        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if text and text.isprintable() and not text.isspace() and plain:
            self.typed.emit(text)
            event.accept()
            return
        super().keyPressEvent(event)


def waiting_people(rows: list[CheckInRow]) -> int:
    return len({r.volunteer_id for r in rows if r.status != SignUpStatus.ATTENDED})


def clear_match(rows: list[CheckInRow], query: str) -> CheckInRow | None:
    """The one person Enter should check in, or None when the letters fit several.

    "jose" picks José Núñez over Josefina Pérez (a whole word of one name only), but "itzel"
    with Itzel Flores and Itzel Rivera both waiting picks nobody: checking in the wrong person
    at a busy table is worse than asking for a few more letters.
    """
    waiting = [r for r in rows if r.status != SignUpStatus.ATTENDED]  # the service lists them first
    if waiting_people(rows) <= 1:
        return waiting[0] if waiting else None
    words = fold(query).split()
    whole = [r for r in waiting if words and all(w in fold(r.name).split() for w in words)]
    return whole[0] if len({r.volunteer_id for r in whole}) == 1 else None
