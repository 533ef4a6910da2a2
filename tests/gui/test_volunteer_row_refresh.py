"""Saving one person repaints their row where it stands; the list of (maybe 100,000) people is
queried again only when the edit could move the row or take it out of a filtered list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from rallyorg.domain.validation import format_phone
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.volunteers import list_model
from rallyorg.gui.volunteers.consent_delegate import ConsentDelegate
from rallyorg.gui.volunteers.list_model import CITY, CONSENT, PHONE
from rallyorg.gui.volunteers.screen import VolunteersScreen
from rallyorg.services import volunteers

from .test_volunteers import add, open_volunteers, search, select, shown_names


@pytest.fixture
def queries(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The search texts the list was queried with, one per full query."""
    asked: list[str] = []
    real = list_model.matching_ids

    def counting(db: object, **query: object) -> list[int]:
        asked.append(str(query["search"]))
        return real(db, **query)  # type: ignore[arg-type]

    monkeypatch.setattr(list_model, "matching_ids", counting)
    return asked


def edit_and_save(qtbot: QtBot, screen: VolunteersScreen, field: str, text: str) -> None:
    widget = getattr(screen.editor.form, field)
    widget.clear()
    qtbot.keyClicks(widget, text)
    qtbot.mouseClick(screen.editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.editor.is_dirty())


def row_text(screen: VolunteersScreen, name: str, column: int) -> str:
    return str(screen.model.index(shown_names(screen).index(name), column).data())


def test_a_new_phone_repaints_the_row_without_querying_the_list(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, queries: list[str]
) -> None:
    db = gui_context.db
    add(db, "Ana", "Alves", city="Danbury")
    bia = add(db, "Bia", "Braga", city="Danbury")
    add(db, "Caio", "Costa", city="Danbury")
    screen = open_volunteers(main_window)
    select(qtbot, screen, "Braga, Bia")
    queries.clear()

    edit_and_save(qtbot, screen, "phone", "203 555 0199")

    assert queries == []  # no query of the whole list
    assert row_text(screen, "Braga, Bia", PHONE) == format_phone(volunteers.get_volunteer(db, bia.id).phone)
    assert shown_names(screen) == ["Alves, Ana", "Braga, Bia", "Costa, Caio"]
    assert screen.selected_id() == bia.id and screen.editor.heading.text() == "Bia Braga"


def test_a_new_city_repaints_the_row_and_offers_the_city_in_the_filter(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, queries: list[str]
) -> None:
    db = gui_context.db
    add(db, "Ana", "Alves", city="Danbury")
    add(db, "Bia", "Braga", city="Danbury")
    screen = open_volunteers(main_window)
    select(qtbot, screen, "Braga, Bia")
    queries.clear()

    edit_and_save(qtbot, screen, "city", "Waterbury")

    assert queries == []
    assert row_text(screen, "Braga, Bia", CITY) == "Waterbury"
    offered = [screen.filters.city.itemText(i) for i in range(screen.filters.city.count())]
    assert "Waterbury" in offered and "Danbury" in offered


def test_a_new_family_name_requeries_and_moves_the_row(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, queries: list[str]
) -> None:
    db = gui_context.db
    add(db, "Ana", "Alves")
    bia = add(db, "Bia", "Braga")
    add(db, "Caio", "Costa")
    screen = open_volunteers(main_window)
    select(qtbot, screen, "Braga, Bia")
    queries.clear()

    edit_and_save(qtbot, screen, "family_name", "Zanetti")

    assert queries == [""]  # one full query: the row's place in the order changed
    assert shown_names(screen) == ["Alves, Ana", "Costa, Caio", "Zanetti, Bia"]
    assert screen.selected_id() == bia.id


def test_an_edit_in_a_filtered_list_requeries_and_says_when_the_person_drops_out(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, queries: list[str]
) -> None:
    db = gui_context.db
    add(db, "Ana", "Alves", city="Danbury")
    add(db, "Bia", "Braga", city="Danbury")
    screen = open_volunteers(main_window)
    search(qtbot, screen, "danbury")
    select(qtbot, screen, "Braga, Bia")
    queries.clear()

    edit_and_save(qtbot, screen, "city", "Waterbury")

    assert queries == ["danbury"]  # the edit may take her out of the list: it was asked again
    assert shown_names(screen) == ["Alves, Ana"]
    assert "filters hide" in main_window.statusBar().currentMessage()


def test_resizing_the_list_keeps_one_consent_delegate(
    main_window: MainWindow, gui_context: GuiContext
) -> None:
    """The consent column's painter was made anew at every resize and never freed."""
    add(gui_context.db, "Ana", "Alves")
    screen = open_volunteers(main_window)
    for width in range(600, 1400, 40):
        screen.table.resize(width, 400)
        screen.table.viewport().resize(width - 20, 380)
        screen.table.fit_columns()
    assert len(screen.table.findChildren(ConsentDelegate)) == 1
    assert isinstance(screen.table.itemDelegateForColumn(CONSENT), ConsentDelegate)
