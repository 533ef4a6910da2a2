"""Check-in mode for the day of an event, built for a folding table on a windy plaza:
one large search box, type a few letters, Enter checks in the top match; big rows, a
confirmation that fades, live counts, undo, and a two-field walk-in form. Keyboard alone
is enough: focus comes back to the search box after every check-in."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.enums import EventStatus, SignUpStatus
from rallyorg.domain.errors import NotFoundError, RallyorgError
from rallyorg.domain.events import EventData
from rallyorg.gui.changes import Change, Record
from rallyorg.gui.checkin.banner import FadingBanner
from rallyorg.gui.checkin.choice import default_event
from rallyorg.gui.checkin.door import DoorCounter
from rallyorg.gui.checkin.results import CheckInResults, clear_match, waiting_people
from rallyorg.gui.checkin.search_box import BigSearchField
from rallyorg.gui.checkin.walk_in import WalkInForm, walked_in_message
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.screen import Screen
from rallyorg.gui.widgets.empty_state import EmptyState
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import scaled_font, title_label
from rallyorg.i18n import _, format_short_date, format_time, ngettext
from rallyorg.services import attendance, events, signups
from rallyorg.services.attendance import WalkInResult

WORK_PAGE, NO_EVENTS_PAGE = range(2)
RESULTS_PAGE, MESSAGE_PAGE = range(2)


@dataclass
class LastCheckIn:
    key: int  # a sign-up's id, or minus an attendee's
    name: str
    undo: Callable[[], None]


class CheckInScreen(Screen):
    key = "checkin"
    watches = Record.SIGNUPS | Record.EVENTS | Record.VOLUNTEERS
    icon_name = "ph.check-square"

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._events: list[EventData] = []
        self._last: LastCheckIn | None = None
        self._announcing = False  # our own data_changed: counts are already fresh here
        self.pages = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 12)
        outer.addWidget(self.pages)
        self.pages.addWidget(self._build_work_page())
        self.pages.addWidget(self._build_no_events_page())

    # --- building -----------------------------------------------------------------------
    def _build_no_events_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title_label(_("Check-in")))
        layout.addWidget(
            EmptyState(
                _("No events to check people in for. Plan an event in Rallies and its sign-ups appear here."),
                [(_("New rally"), self._new_rally)],
            ),
            1,
        )
        return page

    def _build_work_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)

        top = QHBoxLayout()
        top.addWidget(title_label(_("Check-in")))
        top.addSpacing(16)
        event_label = QLabel(_("Event"))
        self.event_combo = QComboBox()
        self.event_combo.setAccessibleName(_("Event to check people in for"))
        self.event_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.event_combo.setMinimumContentsLength(24)
        self.event_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.event_combo.currentIndexChanged.connect(self._event_chosen)
        event_label.setBuddy(self.event_combo)
        top.addWidget(event_label)
        top.addWidget(self.event_combo, 1)
        top.addSpacing(16)
        self.counter = QLabel()
        self.counter.setFont(scaled_font(self.counter, 1.4, bold=True))
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.counter)
        layout.addLayout(top)
        self.door = DoorCounter(self.context)
        self.door.counted.connect(self._counted_at_door)
        layout.addWidget(self.door)

        self.results = CheckInResults()
        self.results.check_in_requested.connect(self.check_in)
        self.results.typed.connect(self._type_into_search)
        self.search = BigSearchField(self.results)
        self.search.search_changed.connect(lambda _text: self._reload_people())
        self.search.returnPressed.connect(self._check_in_top_match)
        layout.addWidget(self.search)

        feedback = QHBoxLayout()
        self.banner = FadingBanner()
        feedback.addWidget(self.banner, 1)
        self.undo_button = QPushButton(icon("ph.arrow-counter-clockwise"), _("Undo check-in"))
        self.undo_button.setFont(scaled_font(self.undo_button, 1.1))
        self.undo_button.clicked.connect(self.undo_last_check_in)
        feedback.addWidget(self.undo_button)
        layout.addLayout(feedback)

        self.message = QLabel()
        self.message.setFont(scaled_font(self.message, 1.3))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.results_stack = QStackedWidget()
        self.results_stack.addWidget(self.results)
        self.results_stack.addWidget(self.message)
        layout.addWidget(self.results_stack, 1)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        self.walk_in = WalkInForm(self.context)
        self.walk_in.walked_in.connect(self._walked_in)
        layout.addWidget(self.walk_in)

        # Reading order for the work at hand: search, results, walk-in; the event last.
        self.setTabOrder(self.search, self.results)
        self.setTabOrder(self.results, self.walk_in.name)
        walk_in = self.walk_in
        consent = walk_in.consent
        chain = [walk_in.name, consent.language, consent.keep, consent.contact, walk_in.phone, walk_in.shift]
        for before, after in itertools.pairwise([*chain, walk_in.add_button, self.undo_button]):
            self.setTabOrder(before, after)
        self.setTabOrder(self.undo_button, self.door.count_button)
        self.setTabOrder(self.door.count_button, self.door.guest_button)
        self.setTabOrder(self.door.guest_button, self.event_combo)
        self._update_undo()
        return page

    def title(self) -> str:
        return _("Check-in")

    # --- loading ------------------------------------------------------------------------
    @property
    def chosen_event(self) -> EventData | None:
        index = self.event_combo.currentIndex()
        return self._events[index] if 0 <= index < len(self._events) else None

    def refresh(self) -> None:
        """Reload events, counts and matches; keeps the chosen event and what is typed."""
        if self._announcing:
            return
        current = self.chosen_event
        listed = self.context.call(events.list_events)
        self._events = [e for e in listed if e.status != EventStatus.CANCELLED]
        language = self.context.language
        chosen = None
        if current is not None:
            chosen = next((e for e in self._events if e.id == current.id), None)
        if chosen is None:
            chosen = default_event(self._events, dt.datetime.now(dt.UTC))
        with QSignalBlocker(self.event_combo):
            self.event_combo.clear()
            for event in self._events:
                label = _("{date} · {time} · {title}").format(
                    date=format_short_date(event.starts_at, language),
                    time=format_time(event.starts_at, language),
                    title=event.title(language) or _("Untitled event"),
                )
                self.event_combo.addItem(label, event.id)
            if chosen is not None:
                self.event_combo.setCurrentIndex(self._events.index(chosen))
        self.pages.setCurrentIndex(WORK_PAGE if self._events else NO_EVENTS_PAGE)
        self.walk_in.set_event(self.chosen_event)
        self._reload_people()

    def _event_chosen(self, _index: int) -> None:
        self._forget_last()
        self.walk_in.set_event(self.chosen_event)
        self.search.clear()
        self.search.flush()
        self.search.setFocus()

    def _reload_people(self) -> None:
        event = self.chosen_event
        if event is None:
            self.results.set_rows([], "UTC", self.context.language)
            self.counter.setText("")
            self.door.show_tally(None, None)
            return
        query = self.search.text()
        rows = self.context.call(signups.check_in_candidates, event.id, query)
        self.results.set_rows(rows, event.timezone, self.context.language)
        counts = self.context.call(signups.check_in_counts, event.id)
        # Translators: the live count at the check-in table, e.g. "84 checked in of 120 signed up".
        text = ngettext(
            "{checked} checked in of {total} signed up",
            "{checked} checked in of {total} signed up",
            counts.checked_in,
        ).format(checked=counts.checked_in, total=counts.signed_up)
        self.counter.setText(text)
        self.counter.setAccessibleName(text)
        self.door.show_tally(event.id, self.context.call(attendance.attendance, event.id))
        if rows:
            self.results_stack.setCurrentIndex(RESULTS_PAGE)
        elif query.strip():
            self.message.setText(
                _(
                    "No one signed up matches “{query}”. Check the spelling, or add them as a walk-in below."
                ).format(query=query.strip())
            )
            self.results_stack.setCurrentIndex(MESSAGE_PAGE)
        else:
            self.message.setText(_("No one has signed up for this event yet. Add people as walk-ins below."))
            self.results_stack.setCurrentIndex(MESSAGE_PAGE)

    def _type_into_search(self, text: str) -> None:
        self.search.setFocus()
        self.search.insert(text)

    # --- checking in --------------------------------------------------------------------
    def _check_in_top_match(self) -> None:
        self.search.flush()  # what was typed, not what the debounce last saw
        query = self.search.text().strip()
        top = clear_match(self.results.rows, query)
        if top is not None:
            self.check_in(top.signup_id)
            return
        waiting = waiting_people(self.results.rows)
        if waiting > 1:
            self.banner.show_message(
                ngettext(
                    "{count} person matches “{query}”: type more of the name, or press ↓ to choose",
                    "{count} people match “{query}”: type more of the name, or press ↓ to choose",
                    waiting,
                ).format(count=waiting, query=query),
                "problem",
            )
            return  # the text stays as typed, ready for more letters
        if self.results.rows:
            here = self.results.rows[0]
            self.banner.show_message(_("{name} is already checked in").format(name=here.name), "problem")
        elif query:
            if len(query.split()) >= 2:  # looks like a whole name, not a few letters
                self.walk_in.prefill(query)
            self.banner.show_message(_("Not on the list: add them as a walk-in"), "problem")
        self.search.selectAll()

    def check_in(self, signup_id: int) -> None:
        row = self.results.row_for(signup_id)
        try:
            signup = self.context.call(signups.check_in, signup_id)
        except RallyorgError as error:
            show_error(self, error)
            self.search.setFocus()
            return
        # A confirmed person checked in by mistake is confirmed again, not merely signed up.
        before = row.status if row else SignUpStatus.SIGNED_UP
        name = row.name if row else signup.volunteer_name
        context = self.context
        self._remember(
            signup.id,
            name,
            lambda: context.call(signups.undo_check_in, signup.id, before, version=signup.version),
            _("✓ {name} checked in").format(name=name),
        )

    def _counted_at_door(self, attendee_id: int, message: str) -> None:
        context = self.context
        self._remember(
            -attendee_id,
            _("a person at the door"),
            lambda: context.call(attendance.remove_attendee, attendee_id),
            message,
        )

    def _walked_in(self, result: WalkInResult) -> None:
        self.search.clear()
        context = self.context
        # Sign-up ids and attendee ids never meet: the latter are kept negative here.
        key = result.signup_id or -(result.attendee_id or 0)
        self._remember(
            key,
            result.name or _("a walk-in"),
            lambda: context.call(attendance.undo_walk_in, result),
            walked_in_message(result, result.shift_role),
        )

    def _remember(self, key: int, name: str, undo_work: Callable[[], object], message: str) -> None:
        """The last check-in, for the Undo button and Ctrl+Z; then tell the table."""

        def undo() -> None:
            undo_work()
            self._forget_last(key)

        self._last = LastCheckIn(key, name, undo)
        self.context.push_undo(_("check-in of {name}").format(name=name), undo)
        self.banner.show_message(message)
        self.context.say(message)
        self._reload_people()
        self._announce_change()
        self._update_undo()
        self.search.selectAll()
        self.search.setFocus()

    def undo_last_check_in(self) -> None:
        last = self._last
        if last is None:
            return
        try:
            last.undo()
        except NotFoundError:
            self._forget_last()
        except RallyorgError as error:
            show_error(self, error)
            return
        # Done here rather than through Ctrl+Z: take it off the session's undo list too.
        stack = self.context.undo_stack
        stack[:] = [entry for entry in stack if entry.undo is not last.undo]
        self.context.events.undo_available.emit(stack[-1].description if stack else "")
        message = _("Check-in of {name} undone").format(name=last.name)
        self.banner.show_message(message, "undone")
        self.context.say(message)
        self._reload_people()
        self._announce_change()
        self.search.setFocus()

    def _announce_change(self) -> None:
        """Tell other places (dashboard staffing, volunteer hours) without reloading this
        one: at a busy table every check-in must be instant."""
        self._announcing = True
        try:
            self.context.data_changed(
                Change.of(Record.SIGNUPS | Record.VOLUNTEERS)
            )  # walk-ins are new people
        finally:
            self._announcing = False

    def _forget_last(self, key: int | None = None) -> None:
        if self._last is not None and (key is None or self._last.key == key):
            self._last = None
        self._update_undo()

    def _update_undo(self) -> None:
        last = self._last
        self.undo_button.setEnabled(last is not None)
        self.undo_button.setToolTip(
            _("Undo the check-in of {name} (Ctrl+Z)").format(name=last.name)
            if last
            else _("Nothing to undo yet")
        )

    # --- screen actions -----------------------------------------------------------------
    def activate(self) -> None:
        super().activate()
        self.search.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_record(self) -> None:
        """Ctrl+N here means a walk-in."""
        self.walk_in.name.setFocus()

    def open_record(self, record_id: int) -> None:
        if not any(e.id == record_id for e in self._events):
            self.refresh()
        index = self.event_combo.findData(record_id)
        if index >= 0:
            self.event_combo.setCurrentIndex(index)

    def _new_rally(self) -> None:
        window = self.window()
        if hasattr(window, "show_place"):
            window.show_place("rallies").new_record()
