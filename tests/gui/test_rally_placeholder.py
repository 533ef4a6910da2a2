"""The "Choose a rally on the left…" placeholder is a page beside the editor, never shown on
top of it (it used to show through the Partners and Shifts tabs after any reload)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.rallies.editor import PARTNERS, SHIFTS

from .test_rallies import click_row, click_tab, make_event, open_rallies


def test_the_placeholder_never_shows_over_an_open_rally(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    make_event(gui_context, "Vigil for Families", shifts=1)
    screen = open_rallies(main_window, qtbot)
    assert screen.hint.isVisible()  # nothing open yet: it invites a choice
    click_row(qtbot, screen.table, 0)
    for tab in (PARTNERS, SHIFTS):
        click_tab(qtbot, screen, tab)
        qtbot.keyClick(main_window, Qt.Key.Key_F5)  # a reload, as after any change elsewhere
        assert screen.editor.isVisible()
        assert not screen.hint.isVisible()
        assert not screen.hint.isVisibleTo(screen.editor.tabs.currentWidget())


def test_with_no_rallies_the_right_side_is_blank_and_the_list_invites(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    screen = open_rallies(main_window, qtbot)
    assert not screen.hint.isVisible()
    assert screen.right.currentWidget() is screen.blank
    assert screen.list.currentWidget() is screen.list.no_rallies
