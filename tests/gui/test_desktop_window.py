"""The main window as a desktop app: its icon, a title that names the place once, a first size
that fits the screen and is remembered, toolbars with nothing behind "»" at 1024×700, and
Save / Discard / Cancel on closing with unsaved edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.gui.application import create_main_window
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.volunteers.screen import VolunteersScreen
from rallyorg.services import volunteers


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[tuple[str, object]]:
    """Answer every QMessageBox.question with ``button``; returns the questions and their buttons."""
    asked: list[tuple[str, object]] = []

    def question(_parent: object, _title: str, text: str, buttons: object = None, *_a: object) -> object:
        asked.append((text, buttons))
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def close_for_good(window: MainWindow) -> None:
    window._replacing = True
    window.close()
    window.deleteLater()


def test_the_window_has_the_app_icon(main_window: MainWindow) -> None:
    icon = QApplication.windowIcon()
    assert not icon.isNull()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
    assert not main_window.windowIcon().isNull()
    assert QGuiApplication.desktopFileName() == "org.rallyorg.Rallyorg"


def test_the_title_names_the_place_and_the_app_once(main_window: MainWindow) -> None:
    main_window._welcome_done()
    main_window.show_place("rallies")
    # The place, then which coalition's database (the tests' is gui.db); Qt adds " — rallyorg"
    # (the display name) where the platform shows window titles.
    assert main_window.windowTitle() == "Rallies — gui"
    assert QGuiApplication.applicationDisplayName() == "rallyorg"
    main_window.show_place("volunteers")
    assert main_window.windowTitle() == "Volunteers — gui"
    assert "rallyorg" not in main_window.windowTitle()


def test_the_first_window_fits_the_screen(qtbot: QtBot, gui_context: GuiContext) -> None:
    window = create_main_window(gui_context)
    try:
        area = window.screen().availableGeometry()
        assert area.contains(window.geometry()), (window.geometry(), area)
        # As large as is comfortable: it uses most of a small screen, not its minimum.
        assert window.height() >= area.height() * 0.8 and window.width() >= area.width() * 0.8
        assert window.minimumHeight() <= area.height() and window.minimumWidth() <= area.width()
    finally:
        close_for_good(window)


def test_size_and_position_are_remembered_and_kept_on_screen(qtbot: QtBot, gui_context: GuiContext) -> None:
    window = create_main_window(gui_context)
    window.show()
    window.setGeometry(8, 30, 784, 640)
    window.close()
    assert isinstance(gui_context.settings.value("window/geometry"), QByteArray)
    again = create_main_window(gui_context)
    try:
        assert again.size() == QSize(784, 640)
        # Left larger than the screen (a bigger monitor unplugged since): brought back onto it.
        again.show()
        again.setGeometry(500, 400, 1600, 1200)
        again.close()
        third = create_main_window(gui_context)
        try:
            assert third.screen().availableGeometry().contains(third.geometry()), third.geometry()
        finally:
            close_for_good(third)
    finally:
        close_for_good(again)
        close_for_good(window)


@pytest.mark.parametrize("language", ["en", "es", "pt_BR"])
def test_every_toolbar_action_shows_in_a_narrow_window(
    qtbot: QtBot, gui_context: GuiContext, language: str
) -> None:
    """1008 px is the window on a 1024×700 screen, 960 its usual minimum; Spanish and Portuguese
    labels run longer than English ones."""
    apply_language(language)
    window = create_main_window(gui_context)
    window.show()
    window._welcome_done()
    try:
        for width in (960, 1008):
            window.resize(width, 660)
            for place in ("rallies", "partners", "volunteers"):
                screen = window.show_place(place)
                bars = [bar for bar in screen.findChildren(QToolBar) if bar.isVisible()]
                assert bars
                qtbot.waitUntil(lambda bars=bars: all(map(everything_shown, bars)), timeout=3000)
                for bar in bars:
                    for action in bar.actions():
                        button = bar.widgetForAction(action)
                        if isinstance(button, QToolButton):  # an icon alone still says what it does
                            assert button.accessibleName() and action.toolTip()
        # Wide again: the words come back beside the icons.
        window.resize(1900, 800)
        bars = window.show_place("volunteers").findChildren(QToolBar)
        qtbot.waitUntil(
            lambda: all(bar.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonIconOnly for bar in bars),
            timeout=3000,
        )
    finally:
        close_for_good(window)


def everything_shown(bar: QToolBar) -> bool:
    """No "»" button, every action's button on the bar."""
    extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    if extension is not None and extension.isVisible():
        return False
    return all(bar.widgetForAction(a).isVisible() for a in bar.actions() if not a.isSeparator())


def open_an_edited_volunteer(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> VolunteersScreen:
    ana = volunteers.create_volunteer(gui_context.db, VolunteerInput(given_name="Ana", family_name="Alves"))
    main_window._welcome_done()
    screen = main_window.show_place("volunteers")
    assert isinstance(screen, VolunteersScreen)
    main_window.open_record("volunteers", ana.id)
    qtbot.keyClicks(screen.editor.form.city, "Danbury")
    assert main_window.unsaved_screens() == [screen]
    return screen


def test_closing_with_unsaved_edits_offers_save(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = open_an_edited_volunteer(main_window, gui_context, qtbot)
    asked = answer(monkeypatch, QMessageBox.StandardButton.Save)
    event = QCloseEvent()
    main_window.closeEvent(event)
    assert event.isAccepted()
    (text, buttons), *_ = asked
    assert "Volunteers" in text
    assert buttons & QMessageBox.StandardButton.Save and buttons & QMessageBox.StandardButton.Discard
    assert buttons & QMessageBox.StandardButton.Cancel
    assert main_window.unsaved_screens() == []
    assert volunteers.get_volunteer(gui_context.db, screen.editor.volunteer_id).city == "Danbury"


def test_closing_with_unsaved_edits_cancel_keeps_them_discard_drops_them(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = open_an_edited_volunteer(main_window, gui_context, qtbot)
    answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    event = QCloseEvent()
    main_window.closeEvent(event)
    assert not event.isAccepted() and screen.editor.form.city.text() == "Danbury"
    answer(monkeypatch, QMessageBox.StandardButton.Discard)
    event = QCloseEvent()
    main_window.closeEvent(event)
    assert event.isAccepted()
    ana = volunteers.get_volunteer(gui_context.db, screen.editor.volunteer_id)
    assert ana.city != "Danbury"
