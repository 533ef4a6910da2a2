"""Duplicate a rally to a new date and time (a series): texts, partners and shifts come
along, moved by the same amount; nobody's sign-up does."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from rallyorg.domain.events import EventData
from rallyorg.gui.context import GuiContext
from rallyorg.gui.rallies.form_rows import add_field_row, new_form
from rallyorg.gui.rallies.labels import time_zone_label, use_locale_format
from rallyorg.gui.widgets.forms import FieldErrors
from rallyorg.i18n import _, format_long_date, ngettext
from rallyorg.services import events
from rallyorg.services.events import local_datetime


def suggested_start(original: dt.datetime, now: dt.datetime | None = None) -> dt.datetime:
    """A week later, at the same time; for a rally already past, the same weekday and time in
    the first week still ahead (last May's rally is repeated next month, not last May)."""
    now = now or dt.datetime.now(original.tzinfo)
    start = original + dt.timedelta(days=7)
    while start <= now:
        start += dt.timedelta(days=7)
    return start


class DuplicateDialog(QDialog):
    duplicated = Signal(object)  # the copy's EventData

    def __init__(self, context: GuiContext, event: EventData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.rally = context, event
        language = context.language
        self.setWindowTitle(_("Duplicate rally"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "A draft copy of “{title}” on a new date. Texts, partner groups and {shifts} "
                "come along; sign-ups do not."
            ).format(
                title=event.title(language) or _("(untitled)"),
                shifts=ngettext("its {n} shift", "its {n} shifts", len(event.shifts)).format(
                    n=len(event.shifts)
                ),
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.errors = FieldErrors()
        form = new_form()
        self.starts = QDateTimeEdit()
        self.starts.setCalendarPopup(True)
        use_locale_format(self.starts)
        start = suggested_start(event.starts_at)
        self.starts.setDateTime(
            QDateTime(QDate(start.year, start.month, start.day), QTime(start.hour, start.minute))
        )
        self.weekday = QLabel()
        self.starts.dateTimeChanged.connect(self._show_weekday)
        add_field_row(
            self.errors, form, _("New start"), self.starts, "starts_at", hint=self.weekday, required=True
        )
        form.addRow(_("Time zone"), QLabel(time_zone_label(event.timezone)))
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Duplicate"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show_weekday()
        self.starts.setFocus()

    def _show_weekday(self) -> None:
        self.weekday.setText(format_long_date(self.starts.date().toPython(), self.context.language))  # type: ignore[arg-type]

    def new_start(self) -> dt.datetime:
        moment = self.starts.dateTime()
        day: dt.date = moment.date().toPython()  # type: ignore[assignment]
        time: dt.time = moment.time().toPython()  # type: ignore[assignment]
        return local_datetime(day, time.replace(second=0, microsecond=0), self.rally.timezone)

    def accept(self) -> None:
        copy = self.errors.attempt(
            self, lambda: self.context.call(events.duplicate_event, self.rally.id, self.new_start())
        )
        if copy is None:
            return
        self.duplicated.emit(copy)
        super().accept()
