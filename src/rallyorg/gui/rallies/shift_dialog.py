"""Add or edit one shift: role, day and times, how many people, the language it needs.

The day is typed whole in the language's order (``widgets.date_field``); under it, the day
in words and how far it is from the rally, which a shift must start within a week of."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.enums import Language
from rallyorg.domain.errors import ConflictError, NotFoundError, RallyorgError
from rallyorg.domain.events import EventData
from rallyorg.domain.languages import language_name
from rallyorg.domain.shifts import ShiftChange, ShiftData, ShiftInput
from rallyorg.gui.conflicts import (
    ConflictField,
    RecordConflicts,
    Resolution,
    attribute,
    resolve_conflict,
    settle,
)
from rallyorg.gui.context import GuiContext
from rallyorg.gui.rallies.form_rows import add_field_row, new_form
from rallyorg.gui.widgets.date_field import DateField
from rallyorg.gui.widgets.forms import FieldErrors
from rallyorg.gui.widgets.suggestions import attach_suggestions
from rallyorg.i18n import N_, _, format_long_date, ngettext, pgettext
from rallyorg.services import signups
from rallyorg.services.events import local_datetime


def stored_input(shift: ShiftData) -> ShiftInput:
    """A stored shift as the dialog gives it back."""
    return ShiftInput(
        shift.role, shift.starts_at, shift.ends_at, shift.capacity, shift.required_language, shift.notes
    )


COMMON_ROLES = (N_("Marshals"), N_("Sign-in table"), N_("Interpreters"), N_("Medics"), N_("Set-up crew"))


class ShiftDialog(QDialog):
    saved = Signal(object)  # ShiftChange: the shift, and who moved up from its waitlist
    gone = Signal()  # the shift was deleted meanwhile and the user let their changes go

    def __init__(
        self,
        context: GuiContext,
        event: EventData,
        shift: ShiftData | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.rally, self.shift = context, event, shift
        self.setWindowTitle(_("Edit shift") if shift else _("New shift"))
        self.setMinimumWidth(420)
        self.errors = FieldErrors()
        form = new_form()
        self.role = QLineEdit()
        self.role.setPlaceholderText(_("e.g. Marshals"))
        # Suggestions that never swallow the click on the next field (widgets/suggestions.py).
        self.role_suggestions = attach_suggestions(self.role, [_(r) for r in COMMON_ROLES])
        self.errors.add_row(form, pgettext("shift of volunteers", "Role"), self.role, "role", required=True)
        self.day = DateField()
        self.day_hint = QLabel()
        # Every error about when the shift starts is about its day (the window around the
        # rally, the year): the start time alone cannot be wrong, the end can.
        add_field_row(self.errors, form, _("Day"), self.day, "starts_at", hint=self.day_hint, required=True)
        self.day.edited.connect(self._show_day)
        self.starts = QTimeEdit()
        self.errors.add_row(form, _("Starts"), self.starts, "start_time", required=True)
        self.ends = QTimeEdit()
        self.errors.add_row(form, _("Ends"), self.ends, "ends_at", required=True)
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 10_000)
        self.errors.add_row(form, _("People needed"), self.capacity, "capacity", required=True)
        self.language = QComboBox()
        self.language.addItem(_("Any language"), None)
        for language in Language:
            self.language.addItem(language.native_name, language.value)
        self.errors.add_row(form, _("Language needed"), self.language, "required_language")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.errors.add_row(form, _("Notes"), self.notes, "notes")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._load()

    def _load(self) -> None:
        if self.shift:
            self.put_input(stored_input(self.shift))
        else:
            self.put_input(ShiftInput("", self.rally.starts_at, self.rally.ends_at, 1))
        self._baseline = self.shift_input()  # as opened: which fields the user changed

    def put_input(self, data: ShiftInput) -> None:
        """Show these values (the stored shift's, or merged after a conflict)."""
        zone = zoneinfo.ZoneInfo(self.rally.timezone)
        start, end = data.starts_at.astimezone(zone), data.ends_at.astimezone(zone)
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.starts.setTime(QTime(start.hour, start.minute))
        self.ends.setTime(QTime(end.hour, end.minute))
        self.capacity.setValue(data.capacity)
        self.role.setText(data.role)
        code = data.required_language
        if code and self.language.findData(code) < 0:
            self.language.addItem(language_name(code, self.context.language), code)
        self.language.setCurrentIndex(max(self.language.findData(code), 0))
        self.notes.setPlainText(data.notes)
        self._show_day()

    def _show_day(self) -> None:
        """The day in words, and how far from the rally ("2 days before the rally"); while
        what is typed is not a date, how to type one."""
        if not self.day.is_readable():
            self.day_hint.setText(self.day.format_hint())
            return
        day: dt.date = self.day.date().toPython()  # type: ignore[assignment]
        apart = (day - self.rally.starts_at.date()).days
        if apart == 0:
            relation = _("the rally's day")
        elif apart < 0:
            relation = ngettext("{n} day before the rally", "{n} days before the rally", -apart).format(
                n=-apart
            )
        else:
            relation = ngettext("{n} day after the rally", "{n} days after the rally", apart).format(n=apart)
        # Translators: under a shift's Day: "Thursday, December 3, 2026 — the rally's day".
        self.day_hint.setText(
            _("{date} — {relation}").format(
                date=format_long_date(day, self.context.language), relation=relation
            )
        )

    def shift_input(self) -> ShiftInput:
        day: dt.date = self.day.date().toPython()  # type: ignore[assignment]
        start: dt.time = self.starts.time().toPython()  # type: ignore[assignment]
        end: dt.time = self.ends.time().toPython()  # type: ignore[assignment]
        zone = self.rally.timezone
        return ShiftInput(
            role=self.role.text(),
            starts_at=local_datetime(day, start.replace(second=0, microsecond=0), zone),
            ends_at=local_datetime(day, end.replace(second=0, microsecond=0), zone),
            capacity=self.capacity.value(),
            required_language=self.language.currentData(),
            notes=self.notes.toPlainText().strip(),
        )

    def _save(self) -> ShiftChange | None:
        self.day.check("starts_at")
        data = self.shift_input()
        if self.shift is None:
            return ShiftChange(self.context.call(signups.add_shift, self.rally.id, data))
        try:
            return self.context.call(signups.update_shift, self.shift.id, data, version=self.shift.version)
        except (ConflictError, NotFoundError) as error:
            resolution = self._resolve_conflict(error, data)
            if resolution is None:
                raise
            return settle(resolution, self, self._save)

    def accept(self) -> None:
        result = self.errors.attempt(self, self._save)
        if result is None:
            self.adjustSize()  # room for the message under the field (word-wrapped, it is not given)
            return
        self.saved.emit(result)
        super().accept()

    # --- someone else's change meanwhile (gui/conflicts.py) ---------------------------------
    def _resolve_conflict(
        self, error: RallyorgError, data: ShiftInput
    ) -> Resolution[ShiftInput, ShiftData] | None:
        if self.shift is None:
            return None
        shift_id = self.shift.id
        record = RecordConflicts(
            self._conflict_fields(),
            lambda: self.context.call(signups.get_shift, shift_id),
            stored_input,
            lambda stored: stored.version,
        )
        return resolve_conflict(self, error, record, data, self._baseline, self.shift.version)

    def _conflict_fields(self) -> list[ConflictField[ShiftInput]]:
        def language_text(code: object) -> str:
            return language_name(str(code), self.context.language) if code else _("Any language")

        return [
            attribute("role", pgettext("shift of volunteers", "Role")),
            attribute("starts_at", _("Starts")),
            attribute("ends_at", _("Ends")),
            attribute("capacity", _("People needed")),
            attribute("required_language", _("Language needed"), language_text),
            attribute("notes", _("Notes")),
        ]

    def show_stored(self, stored: ShiftData) -> None:
        self.shift = stored
        self.put_input(stored_input(stored))
        self._baseline = self.shift_input()

    def take_theirs(self, stored: ShiftData) -> ShiftChange | None:
        self.show_stored(stored)
        return ShiftChange(stored)  # closes the dialog; the Shifts tab shows the saved version

    def save_as_new(self) -> ShiftChange | None:
        self.shift = None
        return self._save()

    def drop_deleted(self) -> None:
        self.gone.emit()
        self.reject()
