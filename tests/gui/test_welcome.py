"""First run: a sample coalition that fails to load (or whose load is killed) leaves the
database empty, so the welcome page is still there, and is offered again on the next start."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import rallyorg.demo as demo_module
from rallyorg.gui import error_dialog
from rallyorg.gui.application import create_main_window
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.welcome import WelcomePage
from rallyorg.services import overview


class _Interrupted(Exception):
    pass


def test_a_failed_sample_load_keeps_the_welcome_page(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    staffed: list[int] = []

    def staff_event(*args: Any, **kwargs: Any) -> Any:
        staffed.append(1)
        if len(staffed) == 4:  # half-way: groups, people and three events are written by now
            raise _Interrupted
        return real_staff_event(*args, **kwargs)

    real_staff_event = demo_module.staff_event
    monkeypatch.setattr(demo_module, "staff_event", staff_event)
    shown: list[BaseException] = []
    monkeypatch.setattr(error_dialog, "show_error", lambda _parent, error: shown.append(error))

    welcome = main_window.pages.currentWidget()
    assert isinstance(welcome, WelcomePage)
    qtbot.mouseClick(welcome.sample, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)

    assert isinstance(shown[0], _Interrupted)
    assert main_window.pages.currentWidget() is welcome and welcome.sample.isEnabled()
    assert gui_context.call(overview.totals).is_empty
    # The next start offers the sample again.
    again = create_main_window(gui_context)
    qtbot.addWidget(again)
    assert isinstance(again.pages.currentWidget(), WelcomePage)


def test_leaving_the_welcome_twice_keeps_the_places(main_window: MainWindow, qtbot: QtBot) -> None:
    """Two signals that both leave the welcome (a double click, Start then Explore) must not
    delete the places page: the window then crashed when it closed."""
    main_window._welcome_done()
    main_window._welcome_done()
    qtbot.wait(50)  # deferred deletions run
    assert main_window.show_place("volunteers").isVisible()
    main_window.save_state()  # reads the places' stack
