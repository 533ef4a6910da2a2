"""Places are built on their first visit, not at start (gui/screens.py): the rail, the View
menu's shortcuts, global search and the remembered start place build them when asked, and a
place built late shows what the database holds then."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from conftest import make_group, make_volunteer
from rallyorg.gui.application import create_main_window
from rallyorg.gui.changes import Change, Op, Record
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.screen import Screen
from rallyorg.gui.volunteers.screen import VolunteersScreen
from rallyorg.services import volunteers

from .test_rallies import make_event


def _built(window: MainWindow) -> list[str]:
    return [screen.key for screen in window.findChildren(Screen)]


@pytest.fixture
def started_on_volunteers(qtbot: QtBot, gui_context: GuiContext) -> Iterator[MainWindow]:
    """The app as it starts when it was last closed on Volunteers, with someone to list."""
    make_volunteer(gui_context.db, "Ana", "Souza")
    gui_context.settings.setValue("window/place", "volunteers")
    window = create_main_window(gui_context)
    window.resize(1280, 800)
    window.show()
    yield window
    if shiboken6.isValid(window):
        window._replacing = True
        window.close()
        window.deleteLater()


def test_only_the_start_place_is_built_at_start(main_window: MainWindow) -> None:
    assert _built(main_window) == ["dashboard"]
    assert main_window.stack.count() == 1
    # Every place still has its button, its View menu entry and its key.
    keys = ["dashboard", "rallies", "partners", "volunteers", "checkin", "reports", "settings"]
    assert list(main_window.screens) == keys
    assert [main_window.rail.button(key).text() for key in keys] == [
        "Dashboard",
        "Rallies",
        "Partners",
        "Volunteers",
        "Check-in",
        "Reports",
        "Settings",
    ]
    assert "partners" in main_window.screens and _built(main_window) == ["dashboard"]
    assert main_window.unsaved_screens() == [] and _built(main_window) == ["dashboard"]


def test_the_remembered_start_place_is_the_one_built(started_on_volunteers: MainWindow) -> None:
    window = started_on_volunteers
    assert _built(window) == ["volunteers"]
    screen = window.current_screen
    assert isinstance(screen, VolunteersScreen) and screen.model.rowCount() == 1
    assert window.rail.button("volunteers").isChecked()


def test_the_volunteer_editor_reads_the_groups_once_someone_is_shown(
    started_on_volunteers: MainWindow, gui_context: GuiContext
) -> None:
    screen = started_on_volunteers.current_screen
    assert isinstance(screen, VolunteersScreen)
    make_group(gui_context.db, "Comité de Padres Latinos")
    screen.refresh()
    assert screen.editor.form.group.count() == 1  # "No partner group": nobody shown yet
    screen.new_record()
    assert screen.editor.form.group.itemText(1) == "Comité de Padres Latinos"
    added = make_group(gui_context.db, "Vecinos Unidos").id
    gui_context.data_changed(Change.of(Record.PARTNERS, Op.INSERTED, added))
    assert screen.editor.form.group.findData(added) == 2


def test_the_rail_builds_a_place_on_its_first_visit(main_window: MainWindow, qtbot: QtBot) -> None:
    qtbot.mouseClick(main_window.pages.currentWidget().empty, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(main_window.rail.button("partners"), Qt.MouseButton.LeftButton)
    assert main_window.current_place() == "partners"
    assert _built(main_window) == ["dashboard", "partners"]
    partners_place = main_window.current_screen
    main_window.show_place("dashboard")
    qtbot.mouseClick(main_window.rail.button("partners"), Qt.MouseButton.LeftButton)
    assert main_window.current_screen is partners_place  # built once
    assert main_window.stack.count() == 2


def test_view_menu_shortcuts_and_stepping_build_places(main_window: MainWindow, qtbot: QtBot) -> None:
    qtbot.mouseClick(main_window.pages.currentWidget().empty, Qt.MouseButton.LeftButton)

    def action(shortcut: str) -> QAction:
        [found] = [a for a in main_window.actions() if a.shortcut() == QKeySequence(shortcut)]
        return found

    assert action("Ctrl+7").text() == "Settings"
    action("Ctrl+7").trigger()
    assert main_window.current_place() == "settings"
    action("Ctrl+PgDown").trigger()  # Next place: round to the first
    assert main_window.current_place() == "dashboard"
    action("Ctrl+PgUp").trigger()
    action("Ctrl+PgUp").trigger()
    assert main_window.current_place() == "reports"
    assert _built(main_window) == ["dashboard", "settings", "reports"]


def test_global_search_builds_the_place_and_shows_the_record(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    ana = make_volunteer(gui_context.db, "Ana", "Souza").id
    qtbot.mouseClick(main_window.pages.currentWidget().empty, Qt.MouseButton.LeftButton)
    search = main_window.global_search
    search.setText("Souza")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert main_window.current_place() == "volunteers"
    assert _built(main_window) == ["dashboard", "volunteers"]
    screen = main_window.current_screen
    assert isinstance(screen, VolunteersScreen)
    qtbot.waitUntil(lambda: screen.editor.volunteer_id == ana)
    assert screen.selected_id() == ana


def test_opening_a_rally_builds_rallies(main_window: MainWindow, gui_context: GuiContext) -> None:
    rally = make_event(gui_context, "March for Housing")
    main_window.open_record("rallies", rally)
    assert main_window.current_place() == "rallies"
    assert _built(main_window) == ["dashboard", "rallies"]
    assert main_window.current_screen.editor.rally.id == rally  # type: ignore[attr-defined]


def test_a_place_built_after_changes_shows_them(main_window: MainWindow, gui_context: GuiContext) -> None:
    """Live updates and saves tell only the places built; one built later reads it all."""
    make_group(gui_context.db, "Comité de Padres Latinos")
    gui_context.data_changed(Change.everything())
    assert _built(main_window) == ["dashboard"]
    partners_place = main_window.show_place("partners")
    assert partners_place.model.rowCount() == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("key", ["dashboard", "rallies", "partners", "volunteers", "checkin", "settings"])
def test_a_places_button_says_what_the_place_says(main_window: MainWindow, key: str) -> None:
    place = main_window.screens.places[key]
    screen = main_window.screens[key]
    assert (place.title(), place.icon_name) == (screen.title(), screen.icon_name)
    assert screen.key == key


class _WindowsShown(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and watched.isWidgetType() and watched.isWindow():
            self.shown.append(type(watched).__name__)
        return False


def test_building_a_place_shows_no_window_of_its_own(main_window: MainWindow, qtbot: QtBot) -> None:
    """A widget shown before it has a parent is a window for a moment: built after the main
    window is up, it took the main window's focus (Check-in's search lost the keyboard)."""
    qtbot.mouseClick(main_window.pages.currentWidget().empty, Qt.MouseButton.LeftButton)
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    spy = _WindowsShown()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(spy)
    try:
        for key in main_window.screens:
            main_window.show_place(key)
    finally:
        app.removeEventFilter(spy)
    assert spy.shown == []
    assert QApplication.activeWindow() is main_window


def test_global_search_keeps_every_letter_typed_slowly_and_opens_the_chosen_result(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    """Letters typed one by one after the results have shown all reach the field (they went
    to the results' pop-up window once it was open: "maria" stayed "ma")."""
    for given in ("Maria", "Mariana", "Marisol"):
        make_volunteer(gui_context.db, given, "Souza")
    qtbot.mouseClick(main_window.pages.currentWidget().empty, Qt.MouseButton.LeftButton)
    main_window.show()
    search = main_window.global_search
    search.start()
    qtbot.waitUntil(search.hasFocus)
    for letter in "maria":
        # Where the keyboard is now, as a person's next key press finds it.
        qtbot.keyClicks(QApplication.focusWidget(), letter)
        search.flush()
        if len(search.text()) >= 2:
            qtbot.waitUntil(search.results.isVisible)
    assert search.text() == "maria" and search.hasFocus()
    shown = [search.results.item(r).text() for r in range(search.results.count())]
    assert shown == ["Maria Souza", "Mariana Souza"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert main_window.current_place() == "volunteers" and not search.results.isVisible()
    screen = main_window.current_screen
    assert isinstance(screen, VolunteersScreen)
    qtbot.waitUntil(lambda: screen.editor.volunteer_id is not None)
    assert volunteers.get_volunteer(gui_context.db, screen.editor.volunteer_id).given_name == "Mariana"
