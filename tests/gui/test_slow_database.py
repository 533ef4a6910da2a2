"""A database far away: the window keeps painting while every screen loads and saves.

Every statement is made to take ``SLOW`` seconds (as on a shared server over a poor
connection). An organizer then goes through the places as in real use — the dashboard, a
rally opened, retitled and saved, a volunteer and a partner group edited and saved, a
person found and checked in. Two things must hold: no statement runs on the UI thread, and
the slow database adds less than 100 ms to the longest time the event loop went without
running (a timer ticking every 10 ms measures it), against the same walk at full speed in the
same run. (The window's own work — layout, painting — takes 70–120 ms at its longest here, on
the fast walk too: that is the UI's cost, not the database's.) Runs on SQLite and, in the
PostgreSQL run, on the server.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from rallyorg.demo import load_demo
from rallyorg.gui.application import create_application, create_main_window
from rallyorg.gui.checkin.screen import CheckInScreen
from rallyorg.gui.context import GuiContext
from rallyorg.gui.garbage import freeze_startup_objects
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.master_detail import MasterDetailScreen
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.rallies.screen import RalliesScreen
from rallyorg.services import Database, events, partners, volunteers

from .test_rallies import click_row

SLOW = 0.25  # seconds per statement: one statement on the UI thread alone breaks the limit
LONGEST_STALL = 0.100
TICK_MS = 10


class SlowDatabase:
    """Sleeps in every statement once ``slow`` is set, and notes those made on the UI thread."""

    def __init__(self, db: Database) -> None:
        self.slow = False
        self.on_ui_thread: list[str] = []
        self.statements = 0
        event.listen(db.engine, "before_cursor_execute", self._before)

    def _before(self, *args: Any) -> None:
        if not self.slow:
            return
        self.statements += 1
        if threading.current_thread() is threading.main_thread():
            self.on_ui_thread.append(str(args[2]).split(None, 1)[0])
        time.sleep(SLOW)


class StallMeter:
    """The longest time the UI thread's event loop went without running a 10 ms timer, and
    where the UI thread was meanwhile (sampled by a thread, for the failure message)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.longest_where = ""
        self._last = 0.0
        self._where = ""
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._running = threading.Event()

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()
        self._running.set()
        threading.Thread(target=self._sample, daemon=True).start()

    def _tick(self) -> None:
        now = time.perf_counter()
        if now - self._last > self.longest:
            self.longest, self.longest_where = now - self._last, self._where
        self._last, self._where = now, ""

    def _sample(self) -> None:
        ui = threading.main_thread().ident
        while self._running.is_set():
            time.sleep(0.005)
            if not self._where and time.perf_counter() - self._last > LONGEST_STALL / 2:
                frame = sys._current_frames().get(ui or 0)
                stack = traceback.format_stack(frame) if frame is not None else []
                self._where = "".join(line for line in stack if "site-packages" not in line)

    def stop(self) -> None:
        self._running.clear()
        self._tick()
        self._timer.stop()


@pytest.fixture
def window(qtbot: QtBot, qapp: Any, db: Database, tmp_path: Path) -> Iterator[MainWindow]:
    create_application([])
    apply_language("en")
    load_demo(db)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = create_main_window(GuiContext(db=db, settings=settings))
    main.resize(1280, 800)
    main.show()
    # What the app does once its window is up (gui/application.py: run_gui).
    freeze_startup_objects()
    yield main
    gc.unfreeze()
    if shiboken6.isValid(main):
        main._replacing = True
        main.close()
        main.deleteLater()


@dataclass
class Walked:
    rally_id: int
    volunteer_id: int
    group_id: int


def edit_first_record(
    window: MainWindow, qtbot: QtBot, place: str, field: Callable[[Any], QWidget], text: str
) -> int:
    """Pick the first row of a place's list, type into a field of its editor, click Save."""
    screen = window.show_place(place)
    assert isinstance(screen, MasterDetailScreen)
    click_row(qtbot, screen.list_view(), 0)
    record_id = screen.editor_record_id()
    assert record_id is not None
    qtbot.keyClicks(field(screen), text)
    qtbot.mouseClick(screen.editor.save_button, Qt.MouseButton.LeftButton)
    return record_id


def walk(window: MainWindow, qtbot: QtBot, mark: str) -> Walked:
    """An organizer's round: dashboard, a rally retitled, a volunteer's and a partner group's
    notes added, a person checked in — each through the window, as a person would."""
    window.show_place("dashboard")

    rallies = window.show_place("rallies")
    assert isinstance(rallies, RalliesScreen)
    click_row(qtbot, rallies.table, 0)
    assert rallies.editor.rally is not None
    title = rallies.editor.texts.columns["en"].title
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, f" {mark}")
    qtbot.mouseClick(rallies.editor.save_button, Qt.MouseButton.LeftButton)

    people = edit_first_record(window, qtbot, "volunteers", lambda s: s.editor.form.notes, f"{mark}. ")
    groups = edit_first_record(window, qtbot, "partners", lambda s: s.editor.form.tags, f", {mark}")

    checkin = window.show_place("checkin")
    assert isinstance(checkin, CheckInScreen)
    assert checkin.results.rows, "the sample's next rally has people to check in"
    checkin.check_in(checkin.results.rows[0].signup_id)
    return Walked(rallies.editor.rally.id, people, groups)


def measured_walk(window: MainWindow, qtbot: QtBot, mark: str) -> tuple[Walked, StallMeter]:
    meter = StallMeter()
    meter.start()
    walked = walk(window, qtbot, mark)
    meter.stop()
    return walked, meter


def test_screens_load_and_save_without_freezing_the_window(
    window: MainWindow, db: Database, qtbot: QtBot
) -> None:
    window._welcome_done() if window.pages.currentIndex() != 0 else None
    walk(window, qtbot, "warm-up")  # building each place's widgets the first time is not measured
    _, at_full_speed = measured_walk(window, qtbot, "fast")
    database = SlowDatabase(db)
    database.slow = True
    walked, slowed = measured_walk(window, qtbot, "slow")
    database.slow = False

    assert database.statements > 20  # the walk really went to the database
    assert database.on_ui_thread == []
    # The window's own work (layout, painting) is the same at either speed; the far-away
    # database must add no freeze of its own to it.
    added = slowed.longest - at_full_speed.longest
    assert added < LONGEST_STALL, (
        f"the slow database froze the window for {slowed.longest * 1000:.0f} ms "
        f"(at full speed: {at_full_speed.longest * 1000:.0f} ms) in\n{slowed.longest_where}"
    )
    # …and everything was saved.
    assert events.get_event(db, walked.rally_id).title("en").endswith(" fast slow")
    notes = volunteers.get_volunteer(db, walked.volunteer_id, "en").notes
    assert "fast. " in notes and "slow. " in notes
    assert {"fast", "slow"} <= set(partners.get_group(db, walked.group_id).tags)
