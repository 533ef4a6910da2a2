"""The rally editor's Texts and Shifts tabs use the room they have: the shifts table shows a
rally's shifts without scrolling and without a sideways scroll in Portuguese at 1024x700,
and the texts grow with the window height instead of leaving it empty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from rallyorg.domain.events import EventInput, EventTextInput
from rallyorg.domain.shifts import ShiftInput
from rallyorg.gui.application import create_main_window
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.rallies.editor import SHIFTS, TEXTS
from rallyorg.gui.rallies.screen import RalliesScreen
from rallyorg.services import events, signups
from rallyorg.services.events import local_datetime

LEFT = Qt.MouseButton.LeftButton
ROLES = (
    ("Bus captains", None),
    ("Setup and sound", None),
    ("Marshals", None),
    ("Sign-in desk", None),
    ("Medic / first aid", None),
    ("Haitian Creole interpreter", "ht"),
    ("Portuguese interpreter", "pt_BR"),
    ("Spanish interpreter", "es"),
)
LONG_TITLE = "Immigrant Day at the Capitol: Cover All Kids, Keep Families Together"


def make_rally(gui_context: GuiContext) -> int:
    day = dt.date.today() + dt.timedelta(days=10)
    event = events.create_event(
        gui_context.db,
        EventInput(
            starts_at=local_datetime(day, dt.time(11, 0), "America/New_York"),
            ends_at=local_datetime(day, dt.time(15, 0), "America/New_York"),
            texts={
                "en": EventTextInput(title=LONG_TITLE, summary="Come with your family."),
                "es": EventTextInput(title="Día del Inmigrante en el Capitolio", summary="Vengan."),
            },
        ),
    )
    for number, (role, language) in enumerate(ROLES):
        signups.add_shift(
            gui_context.db,
            event.id,
            ShiftInput(
                role=role,
                starts_at=local_datetime(
                    day, dt.time(8 + number // 3, 15 * (number % 3)), "America/New_York"
                ),
                ends_at=local_datetime(day, dt.time(14, 30), "America/New_York"),
                capacity=4 + number,
                required_language=language,
            ),
        )
    return event.id


def open_rally(window: MainWindow, qtbot: QtBot, rally_id: int, tab: int) -> RalliesScreen:
    qtbot.mouseClick(window.pages.currentWidget().empty, LEFT)  # "Start with an empty database"
    qtbot.mouseClick(window.rail.button("rallies"), LEFT)
    screen = window.current_screen
    assert isinstance(screen, RalliesScreen)
    screen.open_record(rally_id)
    screen.editor.show_tab(tab)
    settle(qtbot)
    return screen


def settle(qtbot: QtBot) -> None:
    for _ in range(5):
        QApplication.processEvents()
    qtbot.wait(50)


@pytest.fixture
def pt_window(qtbot: QtBot, gui_context: GuiContext) -> Iterator[MainWindow]:
    apply_language("pt_BR")
    window = create_main_window(gui_context)
    window.resize(1024, 700)
    window.show()
    yield window
    if shiboken6.isValid(window):
        window._replacing = True
        window.close()
        window.deleteLater()


def test_shifts_table_shows_all_eight_shifts_at_1280x800(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    screen = open_rally(main_window, qtbot, make_rally(gui_context), SHIFTS)
    table = screen.editor.shifts.shifts
    assert table.rowCount() == len(ROLES)
    shown = [
        row
        for row in range(table.rowCount())
        if table.visualRect(table.model().index(row, 0)).bottom() < table.viewport().height()
    ]
    assert len(shown) >= 6, f"only {len(shown)} shift rows visible"
    assert table.verticalScrollBar().maximum() == 0  # all eight fit: no scrolling
    # The sign-ups below keep a fair share: a few rows at least.
    signups_table = screen.editor.shifts.signups
    header = signups_table.horizontalHeader().height()
    assert signups_table.viewport().height() >= 3 * signups_table.verticalHeader().defaultSectionSize()
    assert header > 0


def test_shifts_table_fits_its_width_in_portuguese_at_1024x700(
    pt_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    screen = open_rally(pt_window, qtbot, make_rally(gui_context), SHIFTS)
    table = screen.editor.shifts.shifts
    header = table.horizontalHeader()
    assert not table.horizontalScrollBar().isVisible()
    assert header.length() <= table.viewport().width()  # no column beyond the right edge
    metrics = table.fontMetrics()
    assert header.sectionSize(0) >= metrics.horizontalAdvance("Medic / first aid")  # roles readable
    assert table.verticalScrollBar().maximum() <= table.verticalHeader().defaultSectionSize() * 3


def test_texts_use_the_window_height(main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot) -> None:
    screen = open_rally(main_window, qtbot, make_rally(gui_context), TEXTS)
    texts = screen.editor.texts
    column = texts.columns["en"]
    line = column.summary.fontMetrics().lineSpacing()
    assert column.summary.height() >= 9 * line  # was a fixed 7 lines with empty room below
    assert column.summary.height() > column.call_to_action.height()
    # The long title wraps instead of being cut off at the column's edge.
    assert column.title.text() == LONG_TITLE
    assert column.title.height() >= 2 * line
    assert column.mark.text.text() == "Complete"
    assert texts.columns["pt_BR"].mark.missing == ["title", "summary"]
    # Nothing below the fields is left empty: the column reaches the bottom of the tab.
    bottom = column.accessibility_note.mapTo(texts.viewport(), column.accessibility_note.rect().bottomLeft())
    assert texts.viewport().height() - bottom.y() < 4 * line


def test_texts_fit_at_1024x700_without_scrolling(
    pt_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    screen = open_rally(pt_window, qtbot, make_rally(gui_context), TEXTS)
    texts = screen.editor.texts
    assert texts.verticalScrollBar().maximum() == 0
    for column in texts.columns.values():
        line = column.summary.fontMetrics().lineSpacing()
        assert column.summary.height() >= 3 * line
        assert column.accessibility_note.height() >= 2 * line
