"""A day, typed whole or picked from a calendar.

Qt's QDateEdit reads typing section by section: Tab into it, type "12/3/2026", and the "3"
and "2026" land in the day and year sections as they please (12/20/3202 was saved that way).
Here the text is read as a whole when it is typed, in the order the interface language
writes dates (English month/day/year, Spanish and Portuguese day/month/year; see
``rallyorg.domain.dates``), and only in the years 2000–2100. Up and Down step a day;
Alt+Down or F4 opens the calendar."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from rallyorg.domain.dates import (
    EARLIEST_DAY,
    EARLIEST_YEAR,
    LATEST_DAY,
    LATEST_YEAR,
    date_order,
    parse_typed_date,
)
from rallyorg.domain.errors import Phrase, ValidationError
from rallyorg.gui.widgets.icons import icon
from rallyorg.i18n import N_, _

# Translators: how a date is typed, in {order} of the message "Not a date: type it as …".
ORDER_WORDS = {"MDY": N_("month/day/year"), "DMY": N_("day/month/year"), "YMD": N_("year-month-day")}


def locale_date_format() -> str:
    """The interface language's short date format (QLocale's default is set to it), with the
    year written out: "12/3/2026", never "12/3/26"."""
    pattern = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


class DateField(QWidget):
    """QDateEdit's ``date()``, ``setDate()`` and ``dateChanged``, with whole-date typing."""

    dateChanged = Signal(QDate)
    edited = Signal()  # the text changed: it may have become (or stopped being) a date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._format = locale_date_format()
        self._order = date_order(self._format)
        self._date = QDate.currentDate()
        self._readable = True
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(QLocale().toString(QDate(2026, 12, 3), self._format))
        self.edit.setToolTip(self.format_hint())
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.edit.installEventFilter(self)
        self.button = QToolButton()
        self.button.setIcon(icon("ph.calendar-blank"))
        self.button.setToolTip(_("Choose from a calendar (Alt+Down)"))
        self.button.setAccessibleName(_("Choose from a calendar"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes on to the next field
        self.button.clicked.connect(self.show_calendar)
        self.calendar = QCalendarWidget()
        self.calendar.setDateRange(_qdate(EARLIEST_DAY), _qdate(LATEST_DAY))
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        # No parent: a popup menu made a child of this field took the field's text box out of
        # its window's Tab chain once the field was put in a form (Tab then stayed put).
        self.menu = QMenu()
        action = QWidgetAction(self.menu)
        action.setDefaultWidget(self.calendar)
        self.menu.addAction(action)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._show()

    # --- QDateEdit's interface ---------------------------------------------------------------
    def date(self) -> QDate:
        """The last readable date typed or picked."""
        return self._date

    def setDate(self, date: QDate) -> None:
        day = _clamped(date)
        self._readable = True
        changed = day != self._date
        self._date = day
        self._show()
        if changed:
            self.dateChanged.emit(day)
        self.edited.emit()

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def setAccessibleDescription(self, description: str) -> None:
        super().setAccessibleDescription(description)
        self.edit.setAccessibleDescription(description)

    def setStyleSheet(self, style: str) -> None:
        self.edit.setStyleSheet(style)  # FieldErrors marks the text box, not the button

    def styleSheet(self) -> str:
        return self.edit.styleSheet()

    # --- reading what was typed --------------------------------------------------------------
    def is_readable(self) -> bool:
        """False while the text is not a date (or not one in 2000–2100)."""
        return self._readable

    def format_hint(self) -> str:
        """How to type a date here, e.g. "Type the date as month/day/year, e.g. 12/3/2026"."""
        return _("Type the date as {order}, e.g. {example}").format(
            order=_(ORDER_WORDS[self._order]), example=self.edit.placeholderText()
        )

    def check(self, field: str) -> None:
        """Raise the error to show under the field when the text is not a date."""
        if not self._readable:
            raise ValidationError(
                field,
                N_("Not a date: type it as {order}, e.g. {example}, in a year from {first} to {last}."),
                order=Phrase(ORDER_WORDS[self._order]),
                example=self.edit.placeholderText(),
                first=str(EARLIEST_YEAR),
                last=str(LATEST_YEAR),
            )

    def _typed(self, text: str, *, short_year: bool = False) -> None:
        day = parse_typed_date(text, self._order, default_year=self._date.year(), short_year=short_year)
        self._readable = day is not None
        if day is not None and _qdate(day) != self._date:
            self._date = _qdate(day)
            self.dateChanged.emit(self._date)
        self.edited.emit()

    def _finished(self) -> None:
        # A two-digit year only once typing is done: on the way to "2026", "20" is not 2020.
        self._typed(self.edit.text(), short_year=True)
        if self._readable:
            self._show()  # "12/3/26" reads back as "12/3/2026"

    def _show(self) -> None:
        self.edit.setText(QLocale().toString(self._date, self._format))

    # --- keys and the calendar -----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, alt = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
                self.show_calendar()
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.setDate(self._date.addDays(1 if key == Qt.Key.Key_Up else -1))
                return True
        return super().eventFilter(watched, event)

    def show_calendar(self) -> None:
        self.calendar.setSelectedDate(self._date)
        self.menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.setFocus()

    def _picked(self, date: QDate) -> None:
        self.menu.close()
        self.setDate(date)
        self.edit.setFocus()


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _clamped(date: QDate) -> QDate:
    first, last = _qdate(EARLIEST_DAY), _qdate(LATEST_DAY)
    return first if date < first else last if date > last else date
