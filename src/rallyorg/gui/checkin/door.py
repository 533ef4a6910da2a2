"""The door: counting people who come to the rally without being volunteers — one click
each — and, for a guest who wants to hear from the coalition, their name and phone, asked in
their language."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import RallyorgError
from rallyorg.gui.checkin.consent import ConsentQuestions
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.widgets.forms import FieldErrors
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import scaled_font
from rallyorg.i18n import _, ngettext
from rallyorg.services import attendance
from rallyorg.services.attendance import Attendance, AttendeeInput


def tally_text(tally: Attendance) -> str:
    # Translators: the event's attendance at the check-in table, e.g. "130 here · 37 at the door".
    here = ngettext("{n} here", "{n} here", tally.total).format(n=tally.total)
    return _("{here} · {door} at the door").format(here=here, door=tally.public)


class DoorCounter(QWidget):
    counted = Signal(int, str)  # the new attendee's id, and what to say

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.event_id: int | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.tally = QLabel()
        self.tally.setFont(scaled_font(self.tally, 1.15))
        row.addWidget(self.tally)
        row.addStretch(1)
        self.count_button = QPushButton(icon("ph.plus"), _("One more at the door"))
        self.count_button.setToolTip(_("Count someone who came to the rally (nothing about them is kept)"))
        self.count_button.clicked.connect(self.count_one)
        row.addWidget(self.count_button)
        self.guest_button = QPushButton(icon("ph.address-book"), _("Guest who wants news…"))
        self.guest_button.setToolTip(
            _("Count a guest and, if they agree, keep a name and phone to contact them")
        )
        self.guest_button.clicked.connect(self.add_guest)
        row.addWidget(self.guest_button)

    def show_tally(self, event_id: int | None, tally: Attendance | None) -> None:
        self.event_id = event_id
        text = tally_text(tally) if tally is not None else ""
        self.tally.setText(text)
        self.tally.setAccessibleName(text)
        for button in (self.count_button, self.guest_button):
            button.setEnabled(event_id is not None)

    def count_one(self) -> None:
        if self.event_id is None:
            return
        try:
            attendee_id = self.context.call(attendance.count_attendee, self.event_id)
        except RallyorgError as error:
            show_error(self, error)
            return
        self.counted.emit(attendee_id, _("✓ One more at the door"))

    def add_guest(self) -> GuestDialog | None:
        if self.event_id is None:
            return None
        dialog = GuestDialog(self.context, self.event_id, self)
        dialog.recorded.connect(
            lambda attendee_id, name: self.counted.emit(attendee_id, _("✓ {name} counted").format(name=name))
        )
        dialog.open()
        return dialog


class GuestDialog(QDialog):
    recorded = Signal(int, str)

    def __init__(self, context: GuiContext, event_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("A guest at the door"))
        self.context, self.event_id = context, event_id
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.errors = FieldErrors()
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.errors.add_row(form, _("Name"), self.name, "name", required=False)
        self.errors.add_row(form, _("Phone"), self.phone, "phone", required=False)
        layout.addLayout(form)
        self.consent = ConsentQuestions(context.language, ask_to_keep=False)
        self.consent.changed.connect(self._follow_consent)
        layout.addWidget(self.consent)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Count them"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._follow_consent()

    def _follow_consent(self) -> None:
        # A number is only taken down from someone who said they may be called or texted.
        self.phone.setEnabled(self.consent.may_contact)
        if not self.consent.may_contact:
            self.phone.clear()

    def accept(self) -> None:
        data = AttendeeInput(
            name=self.name.text(),
            phone=self.phone.text(),
            language=self.consent.asked_in,
            may_contact=self.consent.may_contact,
        )
        attendee_id = self.errors.attempt(
            self, lambda: self.context.call(attendance.record_attendee, self.event_id, data)
        )
        if attendee_id is None:
            return
        self.recorded.emit(attendee_id, data.name.strip() or _("A guest"))
        super().accept()
