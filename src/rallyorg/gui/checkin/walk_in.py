"""The walk-in form: someone not on the list. Asked in their language whether they may be
kept as a volunteer (and contacted); kept, they join the shift the organizer picks or none —
a full shift only when the organizer says so; not kept, they are counted and nothing else."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import RallyorgError, ValidationError
from rallyorg.domain.events import EventData
from rallyorg.domain.shifts import ShiftData
from rallyorg.gui.checkin.choice import split_name, walk_in_shift
from rallyorg.gui.checkin.consent import ConsentQuestions
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.widgets.forms import FieldErrors
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import scaled_font, section_label
from rallyorg.i18n import _, format_time
from rallyorg.services import attendance
from rallyorg.services.attendance import ShiftFullError, WalkInInput, WalkInResult


def shift_label(shift: ShiftData, language: str) -> str:
    filled = shift.filled
    text = _("{role} · {time} · {filled} of {capacity}").format(
        role=shift.role, time=format_time(shift.starts_at, language), filled=filled, capacity=shift.capacity
    )
    return _("{shift} (full)").format(shift=text) if filled >= shift.capacity else text


class WalkInForm(QWidget):
    walked_in = Signal(object)  # attendance.WalkInResult

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._event: EventData | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(section_label(_("Walk-in: not on the list?")))

        # In the order of the conversation at the table: the name, may we keep it, the phone,
        # and the shift they will help on.
        self.errors = FieldErrors()
        big = scaled_font(self, 1.3)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Full name"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(_("Optional"))
        for field in (self.name, self.phone):
            field.setFont(big)
            field.returnPressed.connect(self.submit)
        name_form = QFormLayout()
        name_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(name_form, _("Name"), self.name, "given_name", required=False)
        column.addLayout(name_form)
        # The questions, phone and shift come once a name is typed: until then the list of
        # people signed up has their room (5 names at 1366x768 with them showing, 8 without).
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.details)
        self.consent = ConsentQuestions(context.language, ask_to_keep=True)
        self.consent.changed.connect(self._follow_consent)
        details.addWidget(self.consent)

        row = QHBoxLayout()
        phone_form = QFormLayout()
        phone_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(phone_form, _("Phone"), self.phone, "phone", required=False)
        row.addLayout(phone_form, 2)
        shift_form = QFormLayout()
        self.shift = QComboBox()
        self.shift.setAccessibleName(_("Shift the walk-in joins"))
        self.errors.add_row(shift_form, _("Shift"), self.shift, "shift", required=False)
        row.addLayout(shift_form, 2)
        self.add_button = QPushButton(icon("ph.user-plus"), _("Add and check in"))
        self.add_button.setFont(scaled_font(self, 1.15, bold=True))
        self.add_button.clicked.connect(self.submit)
        row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        details.addLayout(row)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        details.addWidget(self.hint)
        self.name.textChanged.connect(self._show_details)
        self._show_details()
        self.set_event(None)

    def _show_details(self) -> None:
        self.details.setVisible(bool(self.name.text().strip()))

    def set_event(self, event: EventData | None, now: dt.datetime | None = None) -> None:
        self._event = event
        language = self.context.language
        self.shift.clear()
        self.shift.addItem(_("No shift: helping where needed"), None)
        if event is not None:
            for shift in sorted(event.shifts, key=lambda s: (s.starts_at, s.id)):
                self.shift.addItem(shift_label(shift, language), shift.id)
            suggested = walk_in_shift(event, now or dt.datetime.now(dt.UTC))
            if suggested is not None:
                self.shift.setCurrentIndex(self.shift.findData(suggested.id))
        for widget in (self.name, self.phone, self.shift, self.add_button, self.consent):
            widget.setEnabled(event is not None)
        self._follow_consent()

    def prefill(self, name: str) -> None:
        if not self.name.text().strip():
            self.name.setText(name)

    def _follow_consent(self) -> None:
        kept = self.consent.may_keep
        self.shift.setEnabled(kept and self._event is not None)
        self.phone.setEnabled(kept and self._event is not None)
        self.hint.setText(
            ""
            if kept
            else _(
                "Without a yes to keeping their details, they are counted at this event and nothing is kept."
            )
        )

    def _input(self, *, over_capacity: bool = False) -> WalkInInput:
        kept = self.consent.may_keep
        given, family = split_name(self.name.text())
        return WalkInInput(
            given,
            family,
            phone=self.phone.text() if kept else "",
            keep_details=kept,
            may_contact=self.consent.may_contact,
            language=self.consent.asked_in,
            shift_id=self.shift.currentData() if kept else None,
            over_capacity=over_capacity,
        )

    def submit(self) -> None:
        if self._event is None:
            return
        event_id = self._event.id
        try:
            try:
                result = self.context.call(attendance.walk_in, event_id, self._input())
            except ShiftFullError as full:
                if not self._add_anyway(full):
                    return
                result = self.context.call(attendance.walk_in, event_id, self._input(over_capacity=True))
        except ValidationError as error:
            # The person typed one name: a problem with either half belongs to that field.
            field = "given_name" if error.field == "family_name" else error.field
            if not self.errors.show(ValidationError(field, error.message, **error.params)):
                show_error(self, error)
            return
        except RallyorgError as error:
            show_error(self, error)
            return
        self.errors.clear()
        self.name.clear()
        self.phone.clear()
        self.consent.reset()
        self.walked_in.emit(result)

    def _add_anyway(self, full: ShiftFullError) -> bool:
        name = self.name.text().strip() or _("this person")
        answer = QMessageBox.question(
            self,
            _("The shift is full"),
            full.translated(_)
            + " "
            + _("Add {name} anyway, as {n} of {capacity}?").format(
                name=name, n=full.filled + 1, capacity=full.capacity
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


def walked_in_message(result: WalkInResult, shift: str) -> str:
    if result.volunteer_id is None:
        return _("✓ Walk-in counted; nothing about them is kept")
    if result.signup_id is None:
        return _("✓ {name} added and checked in, without a shift").format(name=result.name)
    if result.over_capacity:
        return _("✓ {name} added to {shift}, over its capacity, and checked in").format(
            name=result.name, shift=shift
        )
    return _("✓ {name} added to {shift} and checked in").format(name=result.name, shift=shift)
