"""The volunteer editor fits beside the list at 1280x800 in Brazilian Portuguese (the
longest labels): no field or check box is cut off behind a horizontal scroll bar."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from conftest import make_volunteer
from rallyorg.domain.enums import Skill
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.volunteers.screen import VolunteersScreen


@pytest.fixture
def pt_br(gui_context: GuiContext) -> Iterator[None]:
    apply_language("pt_BR")  # before the main window is built; gui_context restores "en"
    yield


def test_volunteer_editor_needs_no_horizontal_scrolling_in_pt_br(
    pt_br: None, main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    person = make_volunteer(
        gui_context.db,
        "Gabriela",
        "Almeida",
        email="galmeida@example.org",
        skills=tuple(Skill),
        may_share=True,
    )
    if main_window.pages.currentIndex() != 0:
        main_window._welcome_done()  # an empty database starts on the welcome page
    main_window.resize(1280, 800)
    screen = main_window.show_place("volunteers")
    assert isinstance(screen, VolunteersScreen)
    screen.refresh()
    screen.open_record(person.id)
    form = screen.editor.form
    scroll = form.parentWidget().parentWidget()
    assert isinstance(scroll, QScrollArea)
    qtbot.waitUntil(lambda: scroll.isVisible() and screen.editor.volunteer_id == person.id)
    for _ in range(10):
        QApplication.processEvents()

    assert scroll.horizontalScrollBar().maximum() == 0
    assert form.minimumSizeHint().width() <= scroll.viewport().width()
    assert form.width() <= scroll.viewport().width()
    # Every check box shows its whole label (the review saw "Redes sociai" cut off).
    for box in (*form.skill_boxes.values(), form.may_share):
        right = box.mapTo(scroll.viewport(), box.rect().topRight()).x()
        assert right < scroll.viewport().width(), box.text()
