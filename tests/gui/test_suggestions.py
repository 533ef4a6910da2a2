"""Suggestions under a field (cities, shift roles) never eat a click: type, see them, click
another field, and what is typed next lands in the field that was clicked."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from rallyorg.domain.events import EventInput, EventTextInput
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.partners.screen import PartnersScreen
from rallyorg.gui.rallies.shift_dialog import ShiftDialog
from rallyorg.gui.widgets.suggestions import Suggestions
from rallyorg.services import events, partners
from rallyorg.services.events import local_datetime
from rallyorg.services.partners import PartnerGroupInput

LEFT = Qt.MouseButton.LeftButton


def type_where_focus_is(qtbot: QtBot, text: str) -> QWidget:
    """Type as a keyboard does: into whatever has the focus now."""
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClicks(focus, text)
    return focus


def click_on(qtbot: QtBot, widget: QWidget) -> None:
    """A click through the window, where a pop-up would catch it, not straight to the widget."""
    window = widget.window()
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    handle = window.windowHandle()
    assert handle is not None
    where = widget.mapTo(window, QPoint(widget.width() // 2, widget.height() // 2))
    QTest.mouseClick(handle, LEFT, Qt.KeyboardModifier.NoModifier, where)


def test_city_suggestions_let_the_click_on_the_next_field_through(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    partners.create_group(gui_context.db, PartnerGroupInput(name="Comité Latino", city="Danbury"))
    partners.create_group(gui_context.db, PartnerGroupInput(name="Igreja Batista", city="Bridgeport"))
    main_window._welcome_done() if main_window.pages.currentIndex() != 0 else None
    screen = main_window.show_place("partners")
    assert isinstance(screen, PartnersScreen)
    screen.new_record()
    form = screen.editor.form
    click_on(qtbot, form.city)
    qtbot.keyClicks(form.city, "Dan")
    suggestions = form.city_suggestions
    qtbot.waitUntil(suggestions.is_open)
    assert suggestions.view.model().index(0, 0).data() == "Danbury"
    assert (
        suggestions.view.isVisible()
        and suggestions.view.geometry().top()
        >= form.city.mapTo(form.city.window(), QPoint(0, form.city.height())).y()
    )

    click_on(qtbot, form.tags)  # the list is open (over Website): this click must reach Tags
    assert form.tags.hasFocus()
    assert not suggestions.is_open()
    assert type_where_focus_is(qtbot, "faith") is form.tags
    assert form.city.text() == "Dan"
    assert form.tags.text() == "faith"

    # The walkthrough's "Danburyen, es": the whole name typed, then a click on the next field.
    form.city.clear()
    click_on(qtbot, form.city)
    qtbot.keyClicks(form.city, "Danbury")
    assert not suggestions.is_open()  # nothing left to suggest
    click_on(qtbot, form.website)
    assert type_where_focus_is(qtbot, "latino.example.org") is form.website
    assert (form.city.text(), form.website.text()) == ("Danbury", "latino.example.org")


def test_city_suggestion_chosen_with_the_keyboard_or_a_click(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    partners.create_group(gui_context.db, PartnerGroupInput(name="Comité Latino", city="Danbury"))
    partners.create_group(gui_context.db, PartnerGroupInput(name="Igreja Batista", city="Bridgeport"))
    main_window._welcome_done() if main_window.pages.currentIndex() != 0 else None
    screen = main_window.show_place("partners")
    assert isinstance(screen, PartnersScreen)
    screen.new_record()
    form = screen.editor.form
    click_on(qtbot, form.city)
    qtbot.keyClicks(form.city, "port")  # anywhere in the name
    qtbot.waitUntil(form.city_suggestions.is_open)
    qtbot.keyClick(form.city, Qt.Key.Key_Down)
    qtbot.keyClick(form.city, Qt.Key.Key_Return)
    assert form.city.text() == "Bridgeport" and form.city.hasFocus()
    assert not form.city_suggestions.is_open()
    assert screen.editor.dirty  # a chosen city is an edit like any other

    form.city.clear()
    qtbot.keyClicks(form.city, "d")
    qtbot.waitUntil(form.city_suggestions.is_open)
    view = form.city_suggestions.view
    rect = view.visualRect(view.model().index(0, 0))
    qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())
    assert form.city.text() == "Danbury" and form.city.hasFocus()
    qtbot.keyClick(form.city, Qt.Key.Key_Escape)  # nothing open: the editor keeps its typing
    assert form.city.text() == "Danbury"

    # Escape closes an open list and keeps what was typed.
    qtbot.keyClicks(form.city, "x")
    form.city.setText("B")
    qtbot.keyClicks(form.city, "r")
    qtbot.waitUntil(form.city_suggestions.is_open)
    qtbot.keyClick(form.city, Qt.Key.Key_Escape)
    assert not form.city_suggestions.is_open() and form.city.text() == "Br"


def test_shift_role_suggestions_let_the_click_on_the_next_field_through(
    gui_context: GuiContext, qtbot: QtBot
) -> None:
    day = dt.date.today() + dt.timedelta(days=10)
    rally = events.create_event(
        gui_context.db,
        EventInput(
            starts_at=local_datetime(day, dt.time(14, 0), "America/New_York"),
            ends_at=local_datetime(day, dt.time(16, 0), "America/New_York"),
            texts={"en": EventTextInput(title="TRUST Act rally", summary="Come.")},
        ),
    )
    dialog = ShiftDialog(gui_context, rally)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    click_on(qtbot, dialog.role)
    qtbot.keyClicks(dialog.role, "M")
    suggestions = dialog.findChild(Suggestions)
    assert suggestions is not None
    qtbot.waitUntil(suggestions.is_open)
    assert [suggestions.view.model().index(r, 0).data() for r in range(2)] == ["Marshals", "Medics"]

    click_on(qtbot, dialog.notes)
    assert type_where_focus_is(qtbot, "Bring water") is dialog.notes
    assert dialog.role.text() == "M"
    assert dialog.notes.toPlainText() == "Bring water"

    # And chosen from the keyboard: Down, Enter (which must not also press Save).
    dialog.role.clear()
    click_on(qtbot, dialog.role)
    qtbot.keyClicks(dialog.role, "mar")
    qtbot.waitUntil(suggestions.is_open)
    qtbot.keyClick(dialog.role, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.role, Qt.Key.Key_Return)
    assert dialog.role.text() == "Marshals"
    assert dialog.isVisible()
