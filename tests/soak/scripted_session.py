"""A long scripted session on the real main window, in a process of its own.

    python tests/soak/scripted_session.py DB_PATH ACTIONS

DB_PATH is a SQLite file holding the sample coalition (``rallyorg --db sqlite:///DB_PATH demo``);
ACTIONS is how many user actions to perform at least. The app is built as ``rallyorg`` builds it
(create_application, create_main_window over a GuiContext) and driven only through its widgets:
mouse clicks on the rail, tables, tabs and buttons, keys and shortcuts, typing into fields.
Services are called only to look up ids and to check what the clicks did.

The session goes round and round the same tour: every place of the rail (by mouse and by
Ctrl+PgDn / Ctrl+PgUp), the tabs of several rallies with the flyer on show, an edited rally
left unsaved (the question is answered), partner groups, a volunteer field edited and saved
(Ctrl+S, the Save button, or the question when leaving), a sign-up through the assign dialog
and its cancellation, check-ins undone with Ctrl+Z or the Undo button, search everywhere
(Ctrl+K), and every third round a language switch (en → es → pt_BR → en, a step at a time).

Prints one JSON line: {"actions", "rss_after_300_kb", "rss_end_kb", "seconds"}; exits 0. A
failed expectation, an error dialog, an exception in a slot or a hang prints what happened to
stderr and exits non-zero; a crash shows faulthandler's traceback.
"""

# ruff: noqa: E402 - faulthandler is enabled before anything else is imported, so that a crash
# while importing (or loading Qt's libraries) shows where it happened too.
from __future__ import annotations

import faulthandler

faulthandler.enable()

import argparse
import collections
import contextlib
import itertools
import json
import os
import sys
import tempfile
import time
import traceback
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STARTED = time.monotonic()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QSettings, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QMessageBox,
    QTabBar,
    QTableWidget,
    QWidget,
)

FIRST_MEASURE = 300  # RSS is taken after this many actions, once every kind of action has run
ACTION_TIMEOUT_S = 60  # no action ending for this long is a hang: dump the stacks, exit
WAIT_TIMEOUT_S = 20  # the longest any awaited condition may take before it counts as a failure
LANGUAGES = ("en", "es", "pt_BR")  # the switch goes round in this order
# A language switch rebuilds the window, and every place then pays its first show again (about
# a second in all): one round in three switches, which still goes round the languages often.
LANGUAGE_EVERY = 3

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


class SoakFailure(Exception):
    """An expectation about what the app did was not met."""


def rss_kb() -> int:
    """This process's resident set size, from /proc (no psutil needed)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise SoakFailure("VmRSS missing from /proc/self/status")


# --- dialogs that would wait for a person ---------------------------------------------------------
class Dialogs:
    """Stands in for the person at the modal questions: QMessageBox.question is answered from
    what the current action expects (and an unexpected question fails the run); a warning, an
    error box or any exec()'d dialog means something went wrong, and would block forever."""

    def __init__(self) -> None:
        self.answers: collections.deque[QMessageBox.StandardButton] = collections.deque()
        self.asked = 0
        self.problems: list[str] = []

    def install(self) -> None:
        QMessageBox.question = self._question  # type: ignore[method-assign]
        for name in ("warning", "critical", "information"):
            setattr(QMessageBox, name, self._box(name))

        # A plain function, so that dialog.exec() passes the dialog in as a method call does.
        def exec_instead(dialog: QDialog, *_args: object) -> int:
            return self._exec(dialog)

        QMessageBox.exec = exec_instead  # type: ignore[method-assign]
        QDialog.exec = exec_instead  # type: ignore[method-assign]

    def _question(self, _parent: object, title: str, text: str, *_args: object, **_kw: object) -> object:
        self.asked += 1
        if not self.answers:
            self.problems.append(f"unexpected question: {title}: {text}")
            return QMessageBox.StandardButton.Cancel
        return self.answers.popleft()

    def _box(self, kind: str) -> Callable[..., object]:
        def box(_parent: object, title: str, text: str, *_args: object, **_kw: object) -> object:
            self.problems.append(f"QMessageBox.{kind}: {title}: {text}")
            return QMessageBox.StandardButton.Ok

        return box

    def _exec(self, dialog: QDialog) -> int:
        texts = [dialog.windowTitle()]
        if isinstance(dialog, QMessageBox):
            texts += [dialog.text(), dialog.informativeText()]
        self.problems.append(f"a modal dialog was exec()'d: {' / '.join(t for t in texts if t)}")
        return 0


# --- the session ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Plan:
    """Ids and names the tour works with, looked up once in the sample coalition."""

    signup_event_id: int  # an upcoming rally with a shift that has room and nobody waiting
    signup_shift_id: int
    signup_volunteers: tuple[tuple[int, str], ...]  # (id, what to type to find them), not on that shift
    checkin_event_id: int
    checkin_people: tuple[tuple[int, str], ...]  # (sign-up id, name to type), signed up (not confirmed)
    searches: tuple[str, ...]  # what to type into search everywhere


class Session:
    def __init__(self, app: QApplication, db: Any, plan: Plan, dialogs: Dialogs) -> None:
        self.app = app
        self.db = db
        self.plan = plan
        self.dialogs = dialogs
        self.actions = 0
        self.rss_after_first: int | None = None
        self.recent: collections.deque[str] = collections.deque(maxlen=12)
        self.slot_errors: list[str] = []
        self.qt_warnings: collections.Counter[str] = collections.Counter()
        self.language = "en"
        self.counter = itertools.count(1)
        self._armed_at = 0.0

    # --- the window (a language switch replaces it) ------------------------------------------------
    @property
    def window(self) -> Any:
        window = self.app.property("mainWindow")
        if window is None or not shiboken6.isValid(window):
            raise SoakFailure("the application's mainWindow property holds no live window")
        return window

    # --- bookkeeping ----------------------------------------------------------------------------------
    def done(self, description: str) -> None:
        """One user action happened: count it, let Qt catch up, and check nothing went wrong."""
        self.actions += 1
        self.recent.append(description)
        self.settle()
        self.check_health()
        self.rearm_watchdog()
        if self.actions == FIRST_MEASURE:
            self.rss_after_first = rss_kb()

    def rearm_watchdog(self, *, now: bool = False) -> None:
        """faulthandler's timer, re-armed as actions go by: if no action ends for
        ACTION_TIMEOUT_S, every thread's stack is printed and the process exits 1 (a hang, or a
        modal loop nobody answers). Re-armed at most once a second: it costs a little each time."""
        moment = time.monotonic()
        if now or moment - self._armed_at >= 1:
            faulthandler.dump_traceback_later(ACTION_TIMEOUT_S, exit=True)
            self._armed_at = moment

    def check_health(self) -> None:
        if self.slot_errors:
            raise SoakFailure("an exception escaped into Qt:\n" + self.slot_errors[0])
        if self.dialogs.problems:
            raise SoakFailure(self.dialogs.problems[0])

    def settle(self) -> None:
        """Deliver posted events and deferred deletions (a bare processEvents leaves the latter:
        no event loop runs here)."""
        self.app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def wait_until(self, condition: Callable[[], bool], what: str, timeout: float = WAIT_TIMEOUT_S) -> None:
        """Process events until ``condition`` holds; fail after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            self.settle()
            if condition():
                return
            if time.monotonic() > deadline:
                raise SoakFailure(f"timed out after {timeout} s waiting until {what}")
            QTest.qWait(5)

    def reactivate(self) -> None:
        """Give the main window back the activation after a dialog or popup closed or the window
        was rebuilt: a window manager does that; the offscreen platform has none."""
        window = self.window
        window.activateWindow()
        self.wait_until(lambda: QApplication.activeWindow() is window, "the main window is active")

    @staticmethod
    def expect(condition: bool, message: str) -> None:
        if not condition:
            raise SoakFailure(message)

    # --- what a person does -------------------------------------------------------------------------
    def _reachable(self, widget: QWidget, what: str, *, by_mouse: bool = False) -> None:
        self.expect(shiboken6.isValid(widget), f"{what}: the widget is gone")
        self.expect(widget.isVisible(), f"{what}: not visible")
        self.expect(widget.isEnabled(), f"{what}: disabled")
        popup = QApplication.activePopupWidget()
        if by_mouse:
            # An open popup would swallow the click (to close itself): the click would be lost.
            self.expect(popup is None, f"{what}: a popup ({type(popup).__name__}) is open")
        modal = QApplication.activeModalWidget()
        self.expect(
            modal is None or modal is widget.window(), f"{what}: a modal {type(modal).__name__} is in the way"
        )

    def click(self, widget: QWidget, what: str, pos: QPoint | None = None) -> None:
        self._reachable(widget, what, by_mouse=True)
        QTest.mouseClick(widget, LEFT, NO_MOD, pos if pos is not None else widget.rect().center())
        self.done(f"click {what}")

    def click_row(self, view: QAbstractItemView, row: int, what: str) -> None:
        """Scroll the row into view, as a person would, and click its first cell."""
        index = view.model().index(row, 0)
        view.scrollTo(index)
        self.click(view.viewport(), what, view.visualRect(index).center())

    def click_tab(self, bar: QTabBar, index: int, what: str) -> None:
        self.click(bar, what, bar.tabRect(index).center())

    def key(
        self, key: Qt.Key, what: str, modifiers: Qt.KeyboardModifier = NO_MOD, to: QWidget | None = None
    ) -> None:
        """A key press, delivered where the keyboard focus is (shortcuts start there too)."""
        target = to
        if target is None:
            focus = QApplication.focusWidget()
            window = self.window
            target = focus if focus is not None and focus.window() is window else window
        self._reachable(target, what)
        if target.window() is not QApplication.activePopupWidget():
            active = QApplication.activeWindow()
            if active is None or not active.isVisible():
                # A popup or dialog closed: the offscreen platform, having no window manager,
                # leaves the activation with it (or with no one) instead of handing it back.
                self.reactivate()
            # Shortcuts only work in the active window (a person's key would go nowhere too).
            self.expect(QApplication.activeWindow() is target.window(), f"{what}: another window is active")
        QTest.keyClick(target, key, modifiers)
        self.done(what)

    def type_text(self, widget: QWidget, text: str, what: str) -> None:
        """Type a word or two (ASCII: the app's searches ignore accents, and QTest knows no others)."""
        self._reachable(widget, what)
        QTest.keyClicks(widget, text)
        self.done(f"type into {what}")

    def answer_next_question(self, answer: QMessageBox.StandardButton) -> Callable[[], None]:
        """The next action should ask one question; returns a check that it did."""
        asked = self.dialogs.asked
        self.dialogs.answers.append(answer)

        def check() -> None:
            self.expect(self.dialogs.asked == asked + 1, "the expected question was not asked")
            self.expect(not self.dialogs.answers, "an answer was left over")

        return check

    # --- places --------------------------------------------------------------------------------------
    def go(self, key: str) -> Any:
        window = self.window
        if window.current_screen.key != key:
            self.click(window.rail.button(key), f"the {key} place in the rail")
        self.expect(window.current_screen.key == key, f"the {key} place did not open")
        self.expect(window.rail.button(key).isChecked(), f"the rail does not mark {key}")
        return window.current_screen


# --- the kinds of action -----------------------------------------------------------------------------
def visit_every_place(s: Session) -> None:
    """Each place of the rail by mouse, in order."""
    for key in list(s.window.screens):
        s.click(s.window.rail.button(key), f"the {key} place in the rail")
        s.expect(s.window.current_screen.key == key, f"clicking {key} in the rail showed another place")


def step_through_places(s: Session) -> None:
    """Ctrl+PgDn through every place and Ctrl+PgUp back (wrapping around at the ends)."""
    keys = list(s.window.screens)
    for step, key in ((1, Qt.Key.Key_PageDown), (-1, Qt.Key.Key_PageUp)):
        for _ in keys:
            before = keys.index(s.window.current_screen.key)
            s.key(key, f"Ctrl+{'PgDn' if step > 0 else 'PgUp'}", CTRL)
            expected = keys[(before + step) % len(keys)]
            s.expect(s.window.current_screen.key == expected, f"Ctrl+PgDn/PgUp did not reach {expected}")


def flyer_shows_a_page(tab: Any) -> bool:
    """Whether the Flyer tab shows the flyer: the rendered PDF is there and the preview has
    painted a page of it. This waits on FlyerPreview.is_showing_page() (the pypdfium2 preview,
    whose pages are rendered on a worker thread), not merely on the tab's result."""
    return tab.result is not None and bool(tab.preview.is_showing_page())


def tour_rallies(s: Session, round_number: int, count: int = 3) -> None:
    """Open a few rallies (a different few each round) and go through every tab of each."""
    from rallyorg.gui.rallies.editor import DETAILS, FLYER, PARTNERS, SHIFTS, TEXTS

    screen = s.go("rallies")
    rows = screen.model.rowCount()
    s.expect(rows >= count, f"the rallies list shows {rows} rallies")
    for offset in range(count):
        row = (round_number * count + offset) % rows
        event = screen.model.event_at(row)
        s.click_row(screen.table, row, f"rally #{event.id} in the list")
        s.expect(
            screen.editor_open() and screen.editor.rally.id == event.id, f"rally #{event.id} did not open"
        )
        bar = screen.editor.tabs.tabBar()
        for tab in (DETAILS, TEXTS, PARTNERS, SHIFTS, FLYER):
            s.click_tab(bar, tab, f"rally tab {tab}")
            s.expect(screen.editor.tabs.currentIndex() == tab, f"rally tab {tab} did not open")
            if tab == FLYER:
                flyer = screen.editor.flyer
                s.wait_until(lambda flyer=flyer: flyer_shows_a_page(flyer), f"the flyer of #{event.id} shows")
        s.expect(not screen.has_unsaved_changes(), f"looking at rally #{event.id} left unsaved changes")


def leave_an_edited_rally(s: Session, round_number: int) -> None:
    """Type into a rally's title, then choose another rally: the question about the unsaved
    change is answered Discard, and the stored title is unchanged."""
    from rallyorg.gui.rallies.editor import TEXTS
    from rallyorg.services import events

    screen = s.go("rallies")
    rows = screen.model.rowCount()
    row = (round_number * 5 + 1) % rows
    event = screen.model.event_at(row)
    if screen.shown_event() is None or screen.shown_event().id != event.id:
        s.click_row(screen.table, row, f"rally #{event.id} in the list")
    s.click_tab(screen.editor.tabs.tabBar(), TEXTS, "the Texts tab")
    title = screen.editor.texts.columns["en"].title
    s.click(title, "the English title")
    s.key(Qt.Key.Key_End, "End", to=title)
    s.type_text(title, " (draft)", "the English title")
    s.expect(screen.has_unsaved_changes(), "typing into the title left no unsaved change")
    asked = s.answer_next_question(QMessageBox.StandardButton.Discard)
    other = (row + 1) % rows
    s.click_row(screen.table, other, "another rally in the list")
    asked()
    s.expect(screen.editor.rally.id == screen.model.event_at(other).id, "the other rally did not open")
    s.expect(not screen.has_unsaved_changes(), "Discard kept the edit")
    stored = events.get_event(s.db, event.id).title("en")
    s.expect(not stored.endswith("(draft)"), f"Discard saved the title of rally #{event.id}")


def browse_partners(s: Session, round_number: int) -> None:
    screen = s.go("partners")
    rows = screen.model.rowCount()
    s.expect(rows > 0, "the partners list is empty")
    for offset in range(2):
        row = (round_number * 2 + offset) % min(rows, 20)
        s.click_row(screen.table, row, f"partner row {row}")
        s.expect(screen.editor.group_id == screen.model.group_at(row).id, f"partner row {row} did not open")


def edit_volunteers(s: Session, round_number: int, count: int = 4) -> None:
    """Choose a volunteer, replace the Source field, save: by Ctrl+S, by the Save button, or by
    choosing the next volunteer and answering Save to the question."""
    from rallyorg.services import volunteers

    screen = s.go("volunteers")
    rows = min(screen.model.rowCount(), 15)
    s.expect(rows > 1, "the volunteers list is (nearly) empty")
    for offset in range(count):
        row = (round_number * count + offset) % rows
        volunteer_id = screen.model.id_at(row)
        if screen.editor.volunteer_id != volunteer_id:
            s.click_row(screen.table, row, f"volunteer row {row}")
        s.expect(screen.editor.volunteer_id == volunteer_id, f"volunteer row {row} did not open")
        field = screen.editor.form.source
        text = f"soak {next(s.counter)}"
        s.click(field, "the Source field")
        s.key(Qt.Key.Key_A, "Ctrl+A in Source", CTRL)
        s.type_text(field, text, "the Source field")
        s.expect(screen.has_unsaved_changes(), "typing into Source left no unsaved change")
        way = offset % 3
        if way == 0:
            s.key(Qt.Key.Key_S, "Ctrl+S", CTRL)
        elif way == 1:
            s.click(screen.editor.save_button, "the volunteer's Save button")
        else:
            asked = s.answer_next_question(QMessageBox.StandardButton.Save)
            next_row = (row + 1) % rows
            s.click_row(screen.table, next_row, f"volunteer row {next_row}")
            asked()
            s.expect(
                screen.editor.volunteer_id == screen.model.id_at(next_row), "the next volunteer did not open"
            )
        s.expect(not screen.has_unsaved_changes(), "the volunteer's edit is still unsaved")
        stored = volunteers.get_volunteer(s.db, volunteer_id).source
        s.expect(stored == text, f"volunteer #{volunteer_id}: Source was not saved")


def _row_with_id(table: QTableWidget, role: int, wanted: int) -> int:
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        if item is not None and item.data(role) == wanted:
            return row
    return -1


def sign_up_and_cancel(s: Session, round_number: int) -> None:
    """On a rally's Shifts tab: Assign volunteers…, find a person, Sign up; then select the
    sign-up and Cancel sign-up (the question is answered Yes)."""
    from rallyorg.domain.enums import SignUpStatus
    from rallyorg.gui.rallies.assign_dialog import ID_ROLE as PERSON_ROLE
    from rallyorg.gui.rallies.assign_dialog import AssignDialog
    from rallyorg.gui.rallies.editor import SHIFTS
    from rallyorg.gui.rallies.shifts_tab import ID_ROLE
    from rallyorg.services import signups

    plan = s.plan
    volunteer_id, typed = plan.signup_volunteers[round_number % len(plan.signup_volunteers)]
    screen = s.go("rallies")
    row = screen.model.row_of(plan.signup_event_id)
    s.expect(row >= 0, "the sign-up rally is not in the list")
    if screen.shown_event() is None or screen.shown_event().id != plan.signup_event_id:
        s.click_row(screen.table, row, "the sign-up rally in the list")
    s.click_tab(screen.editor.tabs.tabBar(), SHIFTS, "the Shifts tab")
    tab = screen.editor.shifts
    shift_row = _row_with_id(tab.shifts, ID_ROLE, plan.signup_shift_id)
    s.expect(shift_row >= 0, "the shift is not in the Shifts tab")
    s.click_row(tab.shifts, shift_row, "the shift")
    s.click(tab.assign_button, "Assign volunteers…")
    dialog = tab.dialog
    s.expect(isinstance(dialog, AssignDialog), "Assign volunteers… opened no assign dialog")
    s.wait_until(lambda: dialog.isVisible(), "the assign dialog shows")
    s.type_text(dialog.search, typed, "the assign dialog's search")
    # Wait for the list to follow the typing (Enter would pick the top match at once).
    results = dialog.results

    def listed() -> list[int]:
        return [r for r in range(results.count()) if results.item(r).data(PERSON_ROLE)[0] == volunteer_id]

    s.wait_until(lambda: len(listed()) >= 1, "the assign dialog lists the person typed")
    rows = listed()
    s.expect(len(rows) == 1, "the person is not listed once in the assign dialog")
    s.click_row(results, rows[0], "the person in the assign dialog")
    s.click(dialog.sign_up_button, "Sign up")
    # Closed, and deleted with it (a dialog kept as a hidden child was a leak the soak found).
    s.expect(not shiboken6.isValid(dialog) or not dialog.isVisible(), "the assign dialog stayed open")

    def status() -> SignUpStatus | None:
        shift = signups.get_shift(s.db, plan.signup_shift_id)
        return next((x.status for x in shift.signups if x.volunteer_id == volunteer_id), None)

    s.expect(status() == SignUpStatus.SIGNED_UP, "Sign up did not sign the person up")
    signup_id = next(
        x.id for x in signups.get_shift(s.db, plan.signup_shift_id).signups if x.volunteer_id == volunteer_id
    )
    signup_row = _row_with_id(tab.signups, ID_ROLE, signup_id)
    s.expect(signup_row >= 0, "the new sign-up is not in the sign-ups table")
    s.click_row(tab.signups, signup_row, "the sign-up")
    asked = s.answer_next_question(QMessageBox.StandardButton.Yes)
    s.click(tab.cancel_button, "Cancel sign-up")
    asked()
    s.expect(status() == SignUpStatus.CANCELLED, "Cancel sign-up did not cancel")


def check_in_and_undo(s: Session, round_number: int, count: int = 12) -> None:
    """Check-in: choose the event, type a name, then check the person in by Enter, by Down and
    Enter on their row, or by their row's Check in button; undo by Ctrl+Z or the Undo button."""
    from rallyorg.domain.enums import SignUpStatus
    from rallyorg.gui.checkin.results import STATE
    from rallyorg.services import signups

    plan = s.plan
    screen = s.go("checkin")
    combo: QComboBox = screen.event_combo
    wanted = combo.findData(plan.checkin_event_id)
    s.expect(wanted >= 0, "the check-in event is not offered")
    while combo.currentIndex() != wanted:
        # Arrow keys on the event box, one event at a time (no popup to get in the way).
        down = combo.currentIndex() < wanted
        s.key(Qt.Key.Key_Down if down else Qt.Key.Key_Up, "an arrow key on the event box", to=combo)

    def status(signup_id: int) -> SignUpStatus:
        rows = signups.check_in_candidates(s.db, plan.checkin_event_id)
        return next(r.status for r in rows if r.signup_id == signup_id)

    for offset in range(count):
        turn = round_number * count + offset
        signup_id, name = plan.checkin_people[turn % len(plan.checkin_people)]
        s.click(screen.search, "the check-in search")
        s.key(Qt.Key.Key_Escape, "Escape in the check-in search", to=screen.search)
        s.type_text(screen.search, name, "the check-in search")
        way = turn % 3
        if way == 0:
            s.key(Qt.Key.Key_Return, "Enter in the check-in search", to=screen.search)
        else:
            screen.search.flush()  # what Enter does first; a person would see the list follow
            rows = screen.results.rows
            s.expect(bool(rows) and rows[0].signup_id == signup_id, "the person is not the top row")
            if way == 1:
                s.key(Qt.Key.Key_Down, "Down from the check-in search", to=screen.search)
                s.key(Qt.Key.Key_Return, "Enter on the top row", to=screen.results)
            else:
                s.click(screen.results.cellWidget(0, STATE), "the top row's Check in button")
        s.expect(status(signup_id) == SignUpStatus.ATTENDED, f"sign-up #{signup_id} was not checked in")
        if turn % 2:
            s.key(Qt.Key.Key_Z, "Ctrl+Z", CTRL, to=screen.search)
        else:
            s.click(screen.undo_button, "Undo check-in")
        s.expect(status(signup_id) == SignUpStatus.SIGNED_UP, f"the check-in of #{signup_id} was not undone")
    s.expect(not s.window.undo_action.isEnabled(), "an undo is still offered after every check-in was undone")


def search_everywhere(s: Session, round_number: int, count: int = 2) -> None:
    """Ctrl+K, type, then Enter for the first result or (once the list shows) Down and Enter."""
    from rallyorg.gui.global_search import ID_ROLE, PLACE_ROLE

    for offset in range(count):
        query = s.plan.searches[(round_number * count + offset) % len(s.plan.searches)]
        s.key(Qt.Key.Key_K, "Ctrl+K", CTRL)
        search = s.window.global_search
        s.expect(search.hasFocus(), "Ctrl+K did not put the focus in search everywhere")
        s.type_text(search, query, "search everywhere")
        results = search.results
        if offset != 1 or round_number % 2 == 0:
            s.key(Qt.Key.Key_Return, "Enter in search everywhere", to=search)
            item = results.item(0)
        else:
            # Every other round: wait for the list (it follows a pause in typing, 200 ms), then
            # Down picks the second result.
            s.wait_until(results.isVisible, "the search results show")
            s.expect(results.count() >= 2, f"search everywhere found {results.count()} for a common word")
            # The field keeps the keyboard while the results show: Down and Enter are typed there.
            s.key(Qt.Key.Key_Down, "Down in search everywhere", to=search)
            s.expect(search.hasFocus(), "the search results took the keyboard")
            s.key(Qt.Key.Key_Return, "Enter on a search result", to=search)
            item = results.item(1)
        s.expect(not results.isVisible(), "the search results stayed open")
        place, record_id = item.data(PLACE_ROLE), item.data(ID_ROLE)
        s.expect(s.window.current_screen.key == place, f"the result did not open the {place} place")
        s.expect(
            shown_record(s.window.current_screen) == record_id,
            f"the result did not open {place} #{record_id}",
        )


def shown_record(screen: Any) -> int | None:
    """The id of the record the place's editor shows."""
    if screen.key == "rallies":
        shown = screen.shown_event()
        return shown.id if shown is not None else None
    if screen.key == "partners":
        return screen.editor.group_id
    return screen.editor.volunteer_id


def switch_language(s: Session) -> None:
    """One step of en → es → pt_BR → en on Settings: arrow keys on the language box, or for the
    way back to English, typing its first letter. The window is rebuilt in the new language;
    the old one must be gone."""
    from rallyorg.i18n import translator

    target = LANGUAGES[(LANGUAGES.index(s.language) + 1) % len(LANGUAGES)]
    screen = s.go("settings")
    old = s.window
    combo: QComboBox = screen.language
    s.expect(combo.currentData() == s.language, f"the language box shows {combo.currentData()}")
    if target == "en":
        s.type_text(combo, "E", "the language box")  # English is the first name with an E
    else:
        s.key(Qt.Key.Key_Down, "Down on the language box", to=combo)
    s.wait_until(lambda: s.window is not old, "the window is rebuilt in the new language")
    s.wait_until(lambda: not shiboken6.isValid(old), "the window in the old language is deleted")
    s.language = target
    window = s.window
    s.expect(window.isVisible(), "the rebuilt window is not shown")
    s.expect(window.current_screen.key == "settings", "the rebuilt window left Settings")
    expected = translator(target).gettext("Rallies")
    s.expect(window.rail.button("rallies").text() == expected, f"the rail is not in {target}")
    s.reactivate()


def one_round(s: Session, number: int) -> None:
    """About 130 actions, every kind of them; the first round ends before action 300."""
    visit_every_place(s)
    step_through_places(s)
    tour_rallies(s, number)
    if number % 2 == 0:
        leave_an_edited_rally(s, number)
    browse_partners(s, number)
    edit_volunteers(s, number)
    sign_up_and_cancel(s, number)
    check_in_and_undo(s, number)
    search_everywhere(s, number)
    if number % LANGUAGE_EVERY == 0:
        switch_language(s)


# --- setting up --------------------------------------------------------------------------------------
def make_plan(db: Any) -> Plan:
    """Pick, from what the sample coalition holds, the records the tour acts on."""
    from rallyorg.domain.enums import EventStatus, SignUpStatus
    from rallyorg.domain.text import fold
    from rallyorg.services import events, partners, signups, volunteers

    listed = sorted(events.list_events(db), key=lambda e: e.starts_at)
    upcoming = [e for e in listed if e.status == EventStatus.CONFIRMED and e.starts_at.year >= 2026]
    # A shift with room and nobody waiting: signing up and cancelling moves no one else.
    choice = next(
        (
            (event, shift)
            for event in upcoming
            for shift in events.get_event(db, event.id).shifts
            if shift.filled < shift.capacity and not shift.waitlisted
        ),
        None,
    )
    if choice is None:
        raise SoakFailure("no upcoming rally in the sample has a shift with room")
    event, shift = choice
    on_shift = {x.volunteer_id for x in shift.signups}
    people = []
    for person in volunteers.list_volunteers(db, limit=200):
        typed = fold(person.name)
        # Someone the typed name finds alone, so the click goes to them and nobody else.
        if person.id not in on_shift and len(volunteers.list_volunteers(db, search=typed, limit=3)) == 1:
            people.append((person.id, typed))
        if len(people) == 5:
            break

    # Check-in: people signed up (not confirmed: undoing a check-in puts the person back to
    # "signed up"), whose typed name lists them alone.
    checkin = tuple(
        (row.signup_id, fold(row.name))
        for row in signups.check_in_candidates(db, event.id)
        if row.status == SignUpStatus.SIGNED_UP
        and len(signups.check_in_candidates(db, event.id, fold(row.name))) == 1
    )[:6]
    if len(people) < 3 or len(checkin) < 3:
        raise SoakFailure("the sample coalition has too few people for the tour")
    # Search everywhere: words that lead to rallies, partner groups and volunteers, each with
    # at least two results (the second one is picked with Down).
    searches = (
        "vigil",
        "rocha",
        "igreja",
        "hartford",
        "goncalves",
        "rights",
        "castillo",
        "danbury",
        "almeida",
    )
    for word in searches:
        found = len(events.list_events(db, search=word)) + len(partners.list_groups(db, search=word))
        if found + len(volunteers.list_volunteers(db, search=word, limit=2)) < 2:
            raise SoakFailure(f"search everywhere finds fewer than two for {word!r} in this sample")
    return Plan(
        signup_event_id=event.id,
        signup_shift_id=shift.id,
        signup_volunteers=tuple(people),
        checkin_event_id=event.id,
        checkin_people=checkin,
        searches=searches,
    )


def private_settings(folder: Path) -> QSettings:
    """Settings in an INI file under ``folder``; any QSettings() made without a path lands
    there too, so the user's own settings are never read or written."""
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/language", "en")  # the language box starts at English, not "System"
    return settings


@contextlib.contextmanager
def capture_errors(session: Session) -> Iterator[None]:
    """Exceptions raised in slots (PySide prints them and goes on) fail the run; Qt's own
    warnings are counted and listed at the end."""

    def hook(kind: type[BaseException], error: BaseException, tb: types.TracebackType | None) -> None:
        session.slot_errors.append("".join(traceback.format_exception(kind, error, tb)))

    def qt_message(kind: QtMsgType, _context: object, message: str) -> None:
        # "This plugin does not support raise()" and the like: the offscreen platform, not the app.
        offscreen = message.startswith("This plugin does not support")
        if kind not in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) and not offscreen:
            session.qt_warnings[message.splitlines()[0][:200]] += 1

    sys.excepthook = hook
    previous = qInstallMessageHandler(qt_message)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
        sys.excepthook = sys.__excepthook__


def run(db_path: Path, target: int) -> dict[str, int | float]:
    from rallyorg.gui.application import create_application, create_main_window
    from rallyorg.gui.context import GuiContext
    from rallyorg.gui.qt_i18n import apply_language
    from rallyorg.services import open_database

    with tempfile.TemporaryDirectory(prefix="rallyorg-soak-") as scratch:
        settings = private_settings(Path(scratch))
        app = create_application([sys.argv[0]])
        apply_language("en")
        db = open_database(f"sqlite:///{db_path}")
        try:
            plan = make_plan(db)
            dialogs = Dialogs()
            dialogs.install()
            session = Session(app, db, plan, dialogs)
            window = create_main_window(GuiContext(db=db, settings=settings))
            app.setProperty("mainWindow", window)
            window.resize(1280, 800)
            window.show()
            with capture_errors(session):
                session.rearm_watchdog(now=True)
                session.reactivate()
                try:
                    for number in itertools.count():
                        if session.actions >= target:
                            break
                        one_round(session, number)
                except SoakFailure as failure:
                    last = "\n  ".join(session.recent)
                    raise SoakFailure(
                        f"{failure}\nafter {session.actions} actions; the last ones:\n  {last}"
                    ) from None
                finally:
                    faulthandler.cancel_dump_traceback_later()
                    report_warnings(session)
                rss_end = rss_kb()
            session.window._replacing = True  # closing must not stop at a question
            session.window.close()
            session.settle()
        finally:
            db.close()
    if session.rss_after_first is None:
        raise SoakFailure(f"only {session.actions} actions: fewer than {FIRST_MEASURE}")
    return {
        "actions": session.actions,
        "rss_after_300_kb": session.rss_after_first,
        "rss_end_kb": rss_end,
        "seconds": round(time.monotonic() - STARTED, 1),
    }


def report_warnings(session: Session) -> None:
    for message, count in session.qt_warnings.most_common(10):
        print(f"qt warning ×{count}: {message}", file=sys.stderr)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db_path", type=Path, help="SQLite file holding the sample coalition")
    parser.add_argument("actions", type=int, help="how many user actions to perform at least")
    args = parser.parse_args(argv)
    try:
        result = run(args.db_path, args.actions)
    except SoakFailure as failure:
        print(f"soak failed: {failure}", file=sys.stderr)
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
