"""The GUI's one way to the database (gui/data_access.py): off the UI thread, in order,
results and errors back on the UI thread, and a busy sign while a call takes long."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from rallyorg.domain.errors import ValidationError
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow


def thread_name(_db: Any) -> str:
    return threading.current_thread().name


def refuse(_db: Any) -> None:
    raise ValidationError("name", "A name is needed.")


def test_a_call_runs_on_the_database_thread_and_returns_or_raises_here(gui_context: GuiContext) -> None:
    assert gui_context.call(thread_name).startswith("rallyorg-database")
    with pytest.raises(ValidationError) as raised:
        gui_context.call(refuse)
    assert raised.value.field == "name"


def test_calls_and_fetches_keep_their_order(gui_context: GuiContext, qtbot: QtBot) -> None:
    owner = QWidget()
    seen: list[str] = []

    def note(what: str) -> Any:
        return lambda _db: seen.append(what)

    gui_context.fetch(note("first fetch"), on_success=lambda _r: None, owner=owner)
    gui_context.fetch(note("second fetch"), on_success=lambda _r: None, owner=owner)
    gui_context.call(note("then a call"))
    assert seen == ["first fetch", "second fetch", "then a call"]


def test_a_fetch_for_a_widget_gone_meanwhile_calls_nothing(gui_context: GuiContext, qtbot: QtBot) -> None:
    release = threading.Event()
    owner = QWidget()
    delivered: list[str] = []
    gui_context.fetch(
        lambda _db: release.wait(10), on_success=lambda _r: delivered.append("late"), owner=owner
    )
    shiboken6.delete(owner)  # the window was rebuilt (a language switch) while it ran
    release.set()
    assert gui_context.access.wait_idle()
    assert delivered == []


def test_a_slow_call_shows_working_in_the_status_bar_until_it_ends(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    release = threading.Event()
    indicator = main_window.busy_indicator
    assert not indicator.isVisible()
    done: list[bool] = []
    gui_context.fetch(lambda _db: release.wait(10), on_success=done.append, owner=main_window)
    qtbot.waitUntil(indicator.isVisible, timeout=3000)  # after 150 ms, not at once
    assert indicator.label.text() == "Working…"
    release.set()
    qtbot.waitUntil(lambda: not indicator.isVisible(), timeout=3000)
    assert done == [True]


def test_volunteers_rereads_its_list_only_when_volunteers_changed(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    from rallyorg.gui.changes import Change, Op, Record
    from rallyorg.gui.volunteers.screen import VolunteersScreen

    main_window._welcome_done()
    people = main_window.show_place("volunteers")
    assert isinstance(people, VolunteersScreen)
    main_window.show_place("dashboard")
    loads: list[object] = []
    original = people.model.load
    people.model.load = lambda query=None: (loads.append(query), original(query))  # type: ignore[method-assign]
    # A check-in and a renamed rally while Volunteers is hidden: its list needs nothing.
    gui_context.data_changed(Change.of(Record.SIGNUPS, Op.UPDATED, 7))
    gui_context.data_changed(Change.of(Record.EVENTS, Op.UPDATED, 3))
    main_window.show_place("volunteers")
    assert loads == []
    main_window.show_place("dashboard")
    gui_context.data_changed(Change.of(Record.VOLUNTEERS, Op.INSERTED, 12))
    main_window.show_place("volunteers")
    assert len(loads) == 1


def test_changes_missed_while_hidden_add_up() -> None:
    from rallyorg.gui.changes import Change, Op, Record

    signed = Change.of(Record.SIGNUPS, Op.UPDATED, 7)
    both = Change.of(Record.SIGNUPS, Op.UPDATED, 7, 9)
    assert signed.merged(Change.of(Record.SIGNUPS, Op.UPDATED, 9)) == both
    mixed = signed.merged(Change.of(Record.VOLUNTEERS, Op.DELETED, 4))
    assert mixed == Change(Record.SIGNUPS | Record.VOLUNTEERS, Op.REPLACED, frozenset({4, 7}))
    assert signed.merged(Change.everything()) == Change.everything()


def test_the_dashboard_loads_in_the_background(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    from rallyorg.demo import load_demo
    from rallyorg.gui.dashboard import DashboardScreen

    load_demo(gui_context.db)
    main_window._welcome_done()
    dashboard = main_window.show_place("dashboard")
    assert isinstance(dashboard, DashboardScreen)
    dashboard.refresh()  # returns at once; the figures follow
    qtbot.waitUntil(lambda: dashboard.totals.text().startswith("67 partner groups · 360 volunteers · "))
    assert dashboard.upcoming.rowCount() > 0


def test_a_widget_deleted_later_outlives_a_call_its_own_handler_makes(
    gui_context: GuiContext, qtbot: QtBot
) -> None:
    """A window closed with deleteLater() outside any event loop (tests' teardown, a window
    rebuilt after a language switch) while a timer's handler is inside call(): the handler
    goes on using its widgets when the call returns, so they must still exist; they go
    once the handler is done."""
    holder = QWidget()
    label = QLabel(holder)
    release = threading.Event()
    seen: list[str] = []
    finished = threading.Event()

    def handler() -> None:
        threading.Timer(0.05, release.set).start()
        try:
            gui_context.call(lambda _db: release.wait(10))
            label.setText("still here")  # raised "already deleted" before deletions were held
            seen.append(label.text())
        finally:
            finished.set()

    holder.deleteLater()
    QTimer.singleShot(0, handler)
    while not finished.is_set():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    assert seen == ["still here"]
    qtbot.waitUntil(lambda: not shiboken6.isValid(holder), timeout=2000)
