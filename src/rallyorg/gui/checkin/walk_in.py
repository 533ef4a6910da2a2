"""The two-field walk-in form: name and phone, Enter adds the person and checks them in."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from rallyorg.domain.errors import RallyorgError, ValidationError
from rallyorg.domain.events import EventData
from rallyorg.gui.checkin.choice import split_name, walk_in_shift
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.widgets.forms import FieldErrors
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import scaled_font, section_label
from rallyorg.i18n import _, format_time
from rallyorg.services import signups


class WalkInForm(QWidget):
    checked_in = Signal(object)  # SignUpData of the new person

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._event: EventData | None = None
        self._shift_id: int | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(section_label(_("Walk-in: not on the list?")))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        heading.addWidget(self.hint, 1)
        column.addLayout(heading)

        row = QHBoxLayout()
        self.errors = FieldErrors()
        big = scaled_font(self, 1.3)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Full name"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(_("Optional"))
        for index, (label, field, key, required) in enumerate(
            ((_("Name"), self.name, "given_name", True), (_("Phone"), self.phone, "phone", False))
        ):
            field.setFont(big)
            field.returnPressed.connect(self.submit)
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            self.errors.add_row(form, label, field, key, required=required)
            row.addLayout(form, 3 - index)  # the name gets more room than the phone
        self.add_button = QPushButton(icon("ph.user-plus"), _("Add and check in"))
        self.add_button.setFont(scaled_font(self, 1.15, bold=True))
        self.add_button.clicked.connect(self.submit)
        row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(row)
        self.set_event(None)

    def set_event(self, event: EventData | None, now: dt.datetime | None = None) -> None:
        self._event = event
        shift = walk_in_shift(event, now or dt.datetime.now(dt.UTC)) if event else None
        self._shift_id = shift.id if shift else None
        usable = shift is not None
        for widget in (self.name, self.phone, self.add_button):
            widget.setEnabled(usable)
        if event is None:
            self.hint.setText("")
        elif shift is None:
            self.hint.setText(_("This event has no shifts yet: add one in Rallies to take walk-ins."))
        else:
            self.hint.setText(
                _("Walk-ins join the {shift} shift ({time}).").format(
                    shift=shift.role, time=format_time(shift.starts_at, self.context.language)
                )
            )

    def prefill(self, name: str) -> None:
        if not self.name.text().strip():
            self.name.setText(name)

    def submit(self) -> None:
        if self._event is None or self._shift_id is None:
            return
        given, family = split_name(self.name.text())
        try:
            signup = self.context.call(
                signups.walk_in,
                self._event.id,
                given,
                family,
                phone=self.phone.text(),
                shift_id=self._shift_id,
            )
        except ValidationError as error:
            # The person typed one name: a problem with either half belongs to that field.
            field = "given_name" if error.field == "family_name" else error.field
            shown = ValidationError(field, error.message, **error.params)
            if not self.errors.show(shown):
                show_error(self, error)
            return
        except RallyorgError as error:
            show_error(self, error)
            return
        self.errors.clear()
        self.name.clear()
        self.phone.clear()
        self.checked_in.emit(signup)
