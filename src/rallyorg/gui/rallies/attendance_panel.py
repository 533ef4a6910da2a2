"""Who came: the rally's attendance, read-only, at the foot of the Details tab.

Counted as the check-in table and the dashboard count it (``services.attendance``): volunteers
checked in on a shift, walk-ins, everyone else counted at the door, and all of them together,
set against the expected attendance when there is one. "Open check-in" goes to the check-in
table for this rally. Before the rally's day there is nothing to count yet: a hint says where
the numbers will come from, in a page as tall as the numbers' own, so nothing below or around
moves when another rally is opened.

Read in the background (``GuiContext.fetch``); the Rallies place asks for a reload when
sign-ups or attendance change (a check-in, a walk-in, one more at the door)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.enums import EventStatus
from rallyorg.gui.context import GuiContext
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import hint_label, scaled_font, section_label
from rallyorg.i18n import _, format_number, ngettext
from rallyorg.services import attendance
from rallyorg.services.attendance import Attendance

NUMBERS_PAGE, HINT_PAGE = range(2)
NOT_READ = "–"  # a figure not read yet: as wide as a digit, so nothing shifts when it comes


@dataclass(frozen=True)
class RallyDay:
    """What the panel needs to know about the rally on show."""

    event_id: int | None  # None: a new rally, not saved yet
    starts_at: dt.datetime  # aware, in the rally's own time zone
    status: EventStatus

    def has_started(self, now: dt.datetime | None = None) -> bool:
        """Its day has come (in its own time zone): check-in may have begun."""
        today = (now or dt.datetime.now(dt.UTC)).astimezone(self.starts_at.tzinfo).date()
        return self.event_id is not None and self.starts_at.date() <= today


class AttendancePanel(QWidget):
    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.rally: RallyDay | None = None
        self.tally: Attendance | None = None  # the last figures read for ``rally``
        self._expected: int | None = None
        self._request = 0  # only the answer to the latest read is shown

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        header = QHBoxLayout()
        self.heading = section_label(_("Attendance"))
        header.addWidget(self.heading)
        header.addStretch(1)
        self.expected = hint_label("")
        # One line where there is room; two in a narrow window rather than a sideways scroll.
        self.expected.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.expected)
        self.open_button = QPushButton(icon("ph.check-square"), _("Open check-in"))
        self.open_button.setToolTip(_("Check people in for this rally, or count them at the door"))
        self.open_button.clicked.connect(self.open_check_in)
        # Hidden before the rally's day, yet holding its room: the panel keeps its height.
        policy = self.open_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.open_button.setSizePolicy(policy)
        header.addWidget(self.open_button)
        layout.addLayout(header)

        self.pages = QStackedWidget()
        self.pages.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.pages.addWidget(self._build_numbers())
        self.hint = hint_label(_("Attendance is counted at check-in on the day."))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.pages.addWidget(self.hint)
        layout.addWidget(self.pages)
        self._show_page()

    def _build_numbers(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(0)
        # The same words as the dashboard's "Attendance at recent events" columns.
        figures = (
            ("on_shifts", _("On shifts"), _("Volunteers checked in on a shift")),
            ("walk_ins", _("Walk-ins"), _("Volunteers who turned up without signing up")),
            ("public", _("At the door"), _("Everyone else counted at the door")),
            ("total", _("In all"), _("Everyone who came")),
        )
        self.numbers: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        column = 0
        for key, caption_text, tip in figures:
            if key == "total":  # set apart from the three it adds up
                rule = QFrame()
                rule.setFrameShape(QFrame.Shape.VLine)
                rule.setFrameShadow(QFrame.Shadow.Sunken)
                grid.addWidget(rule, 0, column, 2, 1)
                column += 1
            number = QLabel(NOT_READ)
            number.setFont(scaled_font(number, 1.4, bold=True))
            number.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
            number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption = QLabel(caption_text)
            caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            caption.setWordWrap(True)
            for label in (number, caption):
                label.setToolTip(tip)
            grid.addWidget(number, 0, column)
            grid.addWidget(caption, 1, column)
            grid.setColumnStretch(column, 1)
            self.numbers[key], self.captions[key] = number, caption
            column += 1
        return page

    # --- what is shown ------------------------------------------------------------------------
    def show_rally(self, rally: RallyDay, expected: int | None) -> None:
        """The rally the editor now shows (its saved start, status and id)."""
        same = self.rally is not None and rally.event_id == self.rally.event_id
        self.rally = rally
        self._expected = expected
        if not same:
            self.tally = None  # another rally's figures must not show, even for a moment
        self._show_page()
        self.reload()

    def set_expected(self, expected: int | None) -> None:
        """The expected attendance as typed in the form, saved or not."""
        self._expected = expected
        self._show_figures()

    def reload(self) -> None:
        """Read the figures again (after a check-in, a walk-in, a count at the door)."""
        rally = self.rally
        if rally is None or not rally.has_started():
            self._show_page()
            return
        self._request += 1
        request, event_id = self._request, rally.event_id
        self.context.fetch(
            attendance.attendance,
            event_id,
            on_success=lambda tally: self._read(request, tally),
            on_failure=lambda _error: self._read(request, None),
            owner=self,
        )

    def _read(self, request: int, tally: Attendance | None) -> None:
        if request != self._request:  # a later read is on its way (another rally, a newer count)
            return
        self.tally = tally
        self._show_figures()

    def _show_page(self) -> None:
        rally = self.rally
        started = rally is not None and rally.has_started()
        self.pages.setCurrentIndex(NUMBERS_PAGE if started else HINT_PAGE)
        # The check-in table lists every rally not called off.
        self.open_button.setVisible(started and rally is not None and rally.status != EventStatus.CANCELLED)
        self._show_figures()

    def _show_figures(self) -> None:
        language = self.context.language
        tally = self.tally
        values = (
            {
                "on_shifts": tally.on_shifts,
                "walk_ins": tally.walk_ins,
                "public": tally.public,
                "total": tally.total,
            }
            if tally is not None
            else {}
        )
        for key, number in self.numbers.items():
            value = values.get(key)
            number.setText(NOT_READ if value is None else format_number(value, language))
            number.setAccessibleName(f"{self.captions[key].text()}: {number.text()}")
        if tally is None or self._expected is None or self.pages.currentIndex() != NUMBERS_PAGE:
            self.expected.setText("")
            return
        # Translators: beside the heading "Attendance" of a rally's figures, e.g. "4 of 150 expected".
        self.expected.setText(
            ngettext(
                "{count} of {expected} expected", "{count} of {expected} expected", self._expected
            ).format(
                count=format_number(tally.total, language), expected=format_number(self._expected, language)
            )
        )

    # --- going to check-in --------------------------------------------------------------------
    def open_check_in(self) -> None:
        rally = self.rally
        window = self.window()
        if rally is None or rally.event_id is None or not hasattr(window, "open_record"):
            return
        window.open_record("checkin", rally.event_id)
