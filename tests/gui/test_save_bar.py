"""One Save/Discard layout in every editor: the Rallies, Partners and Volunteers editors end
in the same bar — "Unsaved changes", Discard changes, an accent Save — at their bottom, under
the tabs; nothing there moves on the first keystroke, and Discard goes back to what is saved
without a question (Rallies had no Discard at all, and its Save sat in the header)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from conftest import make_group, make_volunteer
from rallyorg.domain.events import EventInput, EventTextInput
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.master_detail import MasterDetailScreen
from rallyorg.gui.rallies.editor import DETAILS, TEXTS
from rallyorg.gui.widgets.save_bar import SaveBar
from rallyorg.gui.widgets.style import ACCENT
from rallyorg.services import events, partners, volunteers
from rallyorg.services.events import local_datetime

LEFT = Qt.MouseButton.LeftButton
PLACES = ("rallies", "partners", "volunteers")


@dataclass
class Opened:
    """One editor as a person reaches it: its place picked on the rail, a record clicked."""

    screen: MasterDetailScreen
    editor: QWidget
    bar: SaveBar
    tabs: QTabWidget
    field: QLineEdit  # a field to type into, on the tab that shows first
    record_id: int


def seed(gui_context: GuiContext) -> dict[str, int]:
    db = gui_context.db
    day = dt.date.today() + dt.timedelta(days=10)
    rally = events.create_event(
        db,
        EventInput(
            starts_at=local_datetime(day, dt.time(14, 0), "America/New_York"),
            ends_at=local_datetime(day, dt.time(16, 0), "America/New_York"),
            texts={"en": EventTextInput(title="TRUST Act rally", summary="Come to City Hall.")},
        ),
    )
    group = make_group(db, "Unidad Latina en Acción", city="New Haven")
    person = make_volunteer(db, "Guerline", "Joseph", city="Danbury")
    return {"rallies": rally.id, "partners": group.id, "volunteers": person.id}


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def open_editor(window: MainWindow, qtbot: QtBot, place: str, record_id: int) -> Opened:
    if window.pages.currentIndex() != 0:
        window._welcome_done()
    qtbot.mouseClick(window.rail.button(place), LEFT)
    screen = window.current_screen
    assert isinstance(screen, MasterDetailScreen)
    screen.refresh()
    view = screen.list_view()
    row = screen.list_row_of(record_id)
    assert row >= 0
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(view.model().index(row, 0)).center())
    editor = screen.editor  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: screen.editor_record_id() == record_id)
    bar = editor.save_bar
    qtbot.waitExposed(bar)
    settle()
    if place == "rallies":
        editor.show_tab(TEXTS)  # the title, which the header shows too
        field = editor.texts.columns["en"].title
    else:
        field = editor.form.city
    return Opened(screen, editor, bar, editor.tabs, field, record_id)


def buttons_left_to_right(bar: SaveBar) -> list[QPushButton]:
    shown = [b for b in bar.findChildren(QPushButton) if b.isVisible()]
    return sorted(shown, key=lambda b: b.mapTo(bar, QPoint(0, 0)).x())


def icon_image(button: QPushButton) -> QImage:
    return button.icon().pixmap(16, 16).toImage()


def background(button: QPushButton) -> QColor:
    """The colour painted just inside the button's left edge, half-way down."""
    return button.grab().toImage().pixelColor(5, button.height() // 2)


def top_left(widget: QWidget, within: QWidget) -> QPoint:
    return widget.mapTo(within, QPoint(0, 0))


def no_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    def asked(*args: object, **kwargs: object) -> object:
        raise AssertionError(f"Discard asked a question: {args[1:3]}")

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, asked)


def press_with_the_keyboard(qtbot: QtBot, button: QPushButton) -> None:
    button.window().activateWindow()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    qtbot.keyClick(button, Qt.Key.Key_Space)


def focus_is_in_the_form(opened: Opened) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and opened.tabs.isAncestorOf(focus)


# --- the same bar everywhere -----------------------------------------------------------------
def test_the_three_editors_end_in_the_same_bar(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    ids = seed(gui_context)
    seen: dict[str, list[tuple[str, QImage]]] = {}
    for place in PLACES:
        opened = open_editor(main_window, qtbot, place, ids[place])
        editor, bar = opened.editor, opened.bar
        assert editor.save_button is bar.save_button and editor.revert_button is bar.revert_button
        buttons = buttons_left_to_right(bar)
        # Discard changes, then Save, rightmost; anything else (Forget this person…) to their left.
        assert buttons[-2:] == [bar.revert_button, bar.save_button], place
        seen[place] = [(b.text(), icon_image(b)) for b in buttons[-2:]]
        assert [text for text, _image in seen[place]] == ["Discard changes", "Save"]
        assert bar.save_button.toolTip() == "Save (Ctrl+S)"
        # Save is the one accent button (painted so once there is something to save).
        opened.field.setFocus()
        qtbot.keyClicks(opened.field, "x")
        assert bar.save_button.isEnabled() and bar.revert_button.isEnabled()
        assert background(bar.save_button) == QColor(ACCENT), place
        assert background(bar.revert_button) != QColor(ACCENT), place
        # Only Rallies' header had a Save: now no editor shows another one.
        others = [
            b
            for b in editor.findChildren(QPushButton)
            if b.isVisible() and b.text() == "Save" and b is not bar.save_button
        ]
        assert others == [], place
        bar.revert_button.click()
    assert seen["rallies"] == seen["partners"] == seen["volunteers"]
    forget = buttons_left_to_right(main_window.current_screen.editor.save_bar)  # type: ignore[attr-defined]
    assert [b.text() for b in forget] == ["Forget this person…", "Discard changes", "Save"]


@pytest.mark.parametrize("place", PLACES)
def test_the_bar_sits_at_the_bottom_of_the_editor_under_the_tabs(
    place: str, main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    opened = open_editor(main_window, qtbot, place, seed(gui_context)[place])
    editor, bar, tabs = opened.editor, opened.bar, opened.tabs
    bar_top = top_left(bar, editor).y()
    bar_bottom = bar_top + bar.height()
    tabs_bottom = top_left(tabs, editor).y() + tabs.height()
    assert bar.height() > 0 and bar.isVisible()
    assert editor.height() - 12 <= bar_bottom <= editor.height(), (bar_bottom, editor.height())
    assert tabs_bottom <= bar_top <= tabs_bottom + 12, (tabs_bottom, bar_top)
    # As wide as the tabs above it, Save at its right edge.
    assert abs(top_left(bar, editor).x() - top_left(tabs, editor).x()) <= 2
    assert abs(bar.width() - tabs.width()) <= 2
    save_right = top_left(bar.save_button, bar).x() + bar.save_button.width()
    assert bar.width() - 2 <= save_right <= bar.width()
    # The whole bar is on screen inside the window, not cut off below it.
    window_bottom = main_window.centralWidget().height()
    assert bar.mapTo(main_window.centralWidget(), QPoint(0, bar.height())).y() <= window_bottom


# --- unsaved changes -------------------------------------------------------------------------
@pytest.mark.parametrize("place", PLACES)
def test_discard_and_save_wait_for_an_edit_and_the_first_keystroke_moves_nothing(
    place: str, main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    opened = open_editor(main_window, qtbot, place, seed(gui_context)[place])
    bar = opened.bar
    assert not bar.revert_button.isEnabled() and not bar.save_button.isEnabled()
    assert bar.unsaved_label.text() == ""
    watched = [opened.field, bar, *bar.findChildren(QPushButton), opened.tabs]
    before = [(top_left(w, main_window).toTuple(), w.size().toTuple()) for w in watched]
    opened.field.setFocus()
    qtbot.keyClicks(opened.field, "x")
    settle()
    assert bar.revert_button.isEnabled() and bar.save_button.isEnabled()
    assert bar.unsaved_label.text() == "Unsaved changes" and bar.unsaved_label.isVisible()
    after = [(top_left(w, main_window).toTuple(), w.size().toTuple()) for w in watched]
    assert after == before
    # Typed back to what is saved: nothing to discard or save again.
    qtbot.keyClick(opened.field, Qt.Key.Key_Backspace)
    assert not bar.revert_button.isEnabled() and not bar.save_button.isEnabled()
    assert bar.unsaved_label.text() == ""


def test_rallies_discard_restores_the_saved_title_without_asking(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    rally_id = seed(gui_context)["rallies"]
    opened = open_editor(main_window, qtbot, "rallies", rally_id)
    editor = opened.editor
    title = opened.field
    title.selectAll()
    qtbot.keyClicks(title, "Vigil for Families")
    assert editor.heading.text() == "Vigil for Families" and opened.screen.has_unsaved_changes()
    no_questions(monkeypatch)
    qtbot.mouseClick(opened.bar.revert_button, LEFT)
    assert title.text() == "TRUST Act rally"
    assert editor.heading.text() == "TRUST Act rally"
    assert not opened.screen.has_unsaved_changes()
    assert not opened.bar.revert_button.isEnabled() and not opened.bar.save_button.isEnabled()
    assert opened.bar.unsaved_label.text() == ""
    assert editor.tabs.currentIndex() == TEXTS  # still where the person was
    assert events.get_event(gui_context.db, rally_id).title("en") == "TRUST Act rally"


def test_rallies_discard_also_drops_details_edits(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    rally_id = seed(gui_context)["rallies"]
    opened = open_editor(main_window, qtbot, "rallies", rally_id)
    editor = opened.editor
    editor.show_tab(DETAILS)
    url = editor.details.public_url
    qtbot.keyClicks(url, "https://example.org/trust")
    assert opened.bar.revert_button.isEnabled()
    no_questions(monkeypatch)
    press_with_the_keyboard(qtbot, opened.bar.revert_button)
    assert url.text() == "" and not opened.screen.has_unsaved_changes()
    assert editor.tabs.currentIndex() == DETAILS
    assert focus_is_in_the_form(opened)


@pytest.mark.parametrize("place", ("partners", "volunteers"))
def test_partners_and_volunteers_discard_the_same_way(
    place: str,
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = seed(gui_context)
    opened = open_editor(main_window, qtbot, place, ids[place])
    city = opened.field
    saved = city.text()
    qtbot.keyClicks(city, " Norte")
    no_questions(monkeypatch)
    press_with_the_keyboard(qtbot, opened.bar.revert_button)
    assert city.text() == saved and not opened.screen.has_unsaved_changes()
    # The focus stays in the form (not sent round to the window's search field).
    assert focus_is_in_the_form(opened)
    stored = (
        partners.get_group(gui_context.db, ids[place]).city
        if place == "partners"
        else volunteers.get_volunteer(gui_context.db, ids[place], "en").city
    )
    assert stored == saved


# --- a narrow editor -------------------------------------------------------------------------
def test_unsaved_changes_goes_above_the_buttons_when_narrow_and_never_widens_the_editor(
    gui_context: GuiContext, qtbot: QtBot
) -> None:
    forget = QPushButton("Forget this person…")
    bar = SaveBar(discard=lambda: None, save=lambda: None, extra_buttons=[forget])
    qtbot.addWidget(bar)
    bar.resize(900, bar.sizeHint().height())
    bar.show()
    qtbot.waitExposed(bar)
    settle()
    narrowest = bar.minimumSizeHint().width()
    # Wide: one line, the words just left of Discard changes.
    assert not bar.is_stacked()
    bar.show_state(True)
    settle()
    assert bar.minimumSizeHint().width() == narrowest  # the words never widen it
    words = top_left(bar.unsaved_label, bar)
    revert = top_left(bar.revert_button, bar)
    assert (
        abs(words.y() + bar.unsaved_label.height() // 2 - revert.y() - bar.revert_button.height() // 2) <= 3
    )
    assert words.x() + bar.unsaved_label.width() <= revert.x()
    assert words.x() > top_left(forget, bar).x() + forget.width()
    assert bar.unsaved_label.visibleRegion().boundingRect().width() >= (
        bar.unsaved_label.fontMetrics().horizontalAdvance("Unsaved changes")
    )
    # Narrow: the words above the buttons, whole; nothing wider than the buttons need.
    bar.show_state(False)
    bar.resize(narrowest + 10, bar.height())
    settle()
    qtbot.waitUntil(bar.is_stacked)
    bar.resize(narrowest + 10, bar.sizeHint().height())
    settle()
    buttons_before = [top_left(b, bar) for b in (forget, bar.revert_button, bar.save_button)]
    stacked_width = bar.minimumSizeHint().width()
    assert stacked_width <= narrowest
    bar.show_state(True)  # the first keystroke
    settle()
    assert [top_left(b, bar) for b in (forget, bar.revert_button, bar.save_button)] == buttons_before
    words = top_left(bar.unsaved_label, bar)
    assert words.y() + bar.unsaved_label.height() <= top_left(bar.revert_button, bar).y()
    assert words.x() + bar.unsaved_label.width() <= bar.width()
    assert bar.minimumSizeHint().width() == stacked_width
    # Wide again: back on one line.
    bar.resize(900, bar.height())
    settle()
    assert not bar.is_stacked()


def test_tab_reaches_forget_discard_and_save_after_the_volunteer_fields(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    opened = open_editor(main_window, qtbot, "volunteers", seed(gui_context)["volunteers"])
    editor, bar = opened.editor, opened.bar
    qtbot.keyClicks(editor.form.city, " Norte")
    last = editor.form.focus_chain()[-1]
    last.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(last.hasFocus)
    reached = []
    for _press in range(3):
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == bar.focus_chain()


def test_tab_reaches_discard_and_save_after_the_rally_texts(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    opened = open_editor(main_window, qtbot, "rallies", seed(gui_context)["rallies"])
    bar = opened.bar
    qtbot.keyClicks(opened.field, " now")
    reached: list[QWidget | None] = []
    opened.field.setFocus(Qt.FocusReason.TabFocusReason)
    for _press in range(60):
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
        if reached[-1] is bar.save_button:
            break
    assert bar.revert_button in reached and bar.save_button in reached
    assert reached.index(bar.revert_button) < reached.index(bar.save_button)
    fields = [w for w in reached[: reached.index(bar.revert_button)] if opened.editor.texts.isAncestorOf(w)]
    assert fields, "Tab left the texts before reaching Discard"
