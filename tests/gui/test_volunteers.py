"""The Volunteers place, driven like a user would: typing, clicking, answering dialogs."""

from __future__ import annotations

import datetime as dt
import itertools
import sys
import threading
from collections.abc import Callable
from dataclasses import replace

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from rallyorg.domain.enums import SignUpStatus, Skill
from rallyorg.domain.errors import NotFoundError
from rallyorg.domain.events import EventInput, EventTextInput
from rallyorg.domain.shifts import ShiftInput
from rallyorg.domain.text import fold
from rallyorg.domain.volunteers import VolunteerInput, prepare_volunteer
from rallyorg.gui.changes import Change, Op, Record
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.volunteers.list_model import CITY, CONSENT, NAME, PHONE, ListQuery
from rallyorg.gui.volunteers.screen import VolunteersScreen
from rallyorg.gui.widgets.conflict_dialog import ConflictDialog
from rallyorg.models import Volunteer
from rallyorg.services import Database, events, signups, volunteers
from rallyorg.services.volunteers import VolunteerData, VolunteerSort

START = dt.datetime(2025, 5, 20, 19, 0, tzinfo=dt.UTC)


# --- helpers ---------------------------------------------------------------------------------
def add(db: Database, given: str, family: str = "", **fields: object) -> VolunteerData:
    return volunteers.create_volunteer(db, VolunteerInput(given, family, **fields))  # type: ignore[arg-type]


def open_volunteers(window: MainWindow) -> VolunteersScreen:
    if window.pages.currentIndex() != 0:
        window._welcome_done()
    screen = window.show_place("volunteers")
    assert isinstance(screen, VolunteersScreen)
    screen.refresh()
    return screen


def shown_names(screen: VolunteersScreen) -> list[str]:
    model = screen.model
    return [model.index(row, NAME).data() for row in range(model.rowCount())]


def button_for(screen: VolunteersScreen, action: QAction) -> QWidget:
    widget = screen.toolbar.widgetForAction(action)
    assert widget is not None
    return widget


def search(qtbot: QtBot, screen: VolunteersScreen, text: str) -> None:
    field = screen.filters.search
    field.clear()
    qtbot.keyClicks(field, text)
    # The field waits for a pause in typing, then the list follows.
    qtbot.waitUntil(lambda: screen.model.query.search == text, timeout=3000)


def click_header(qtbot: QtBot, screen: VolunteersScreen, column: int) -> None:
    header = screen.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    """Answer every QMessageBox.question with ``button``; returns the questions asked."""
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object, **_kw: object) -> object:
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def select(qtbot: QtBot, screen: VolunteersScreen, name: str) -> None:
    row = shown_names(screen).index(name)
    rect = screen.table.visualRect(screen.model.index(row, NAME))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a keyboard would; accented letters arrive as key events with their text
    (QTest's keyClicks only knows ASCII)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click a check box on its box (its centre may lie past the label)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def make_shift(db: Database, title: str, hours_later: int) -> int:
    starts = START + dt.timedelta(days=hours_later)
    event = events.create_event(
        db,
        EventInput(
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            texts={"en": EventTextInput(title=title, summary="")},
        ),
    )
    shift = signups.add_shift(
        db,
        event.id,
        ShiftInput(role="Marshal", starts_at=starts, ends_at=starts + dt.timedelta(hours=2), capacity=5),
    )
    return shift.id


# --- empty state, creating, validation ---------------------------------------------------------
def test_empty_place_offers_to_add_and_import(
    main_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = open_volunteers(main_window)
    assert screen.list_stack.currentWidget() is screen.empty
    assert "No volunteers yet" in screen.empty.label.text()
    assert [b.text() for b in screen.empty.buttons] == ["Add a volunteer", "Import from CSV"]
    imports: list[bool] = []
    monkeypatch.setattr(main_window, "import_volunteers", lambda: imports.append(True), raising=False)
    qtbot.mouseClick(screen.empty.buttons[1], Qt.MouseButton.LeftButton)
    assert imports == [True]
    monkeypatch.setattr(main_window, "import_volunteers", None, raising=False)  # a window without it
    qtbot.mouseClick(screen.empty.buttons[1], Qt.MouseButton.LeftButton)
    assert "import" in main_window.statusBar().currentMessage().lower()
    exports: list[str] = []
    monkeypatch.setattr(main_window, "export_dialog", lambda kind: exports.append(kind), raising=False)
    qtbot.mouseClick(button_for(screen, screen.export_action), Qt.MouseButton.LeftButton)
    assert exports == ["volunteers-csv"]
    qtbot.mouseClick(screen.empty.buttons[0], Qt.MouseButton.LeftButton)
    assert screen.editor.heading.text() == "New volunteer"


def test_create_a_volunteer_by_typing_and_find_it_in_the_list(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    add(gui_context.db, "Ana", "Souza")
    screen = open_volunteers(main_window)
    qtbot.mouseClick(button_for(screen, screen.new_action), Qt.MouseButton.LeftButton)
    form = screen.editor.form
    qtbot.keyClicks(form.given_name, "Guerline")
    qtbot.keyClicks(form.family_name, "Pierre-Louis")
    qtbot.keyClicks(form.email, "guerline@example.org")
    qtbot.keyClicks(form.phone, "203 555 0142")
    tick(qtbot, form.languages.boxes["ht"])
    tick(qtbot, form.languages.boxes["en"])
    assert form.languages.boxes["ht"].text() == "Haitian Creole"
    tick(qtbot, form.skill_boxes[Skill.INTERPRETER])
    qtbot.keyClicks(form.city, "Danbury")
    tick(qtbot, form.may_text)
    assert screen.has_unsaved_changes()
    qtbot.mouseClick(screen.editor.save_button, Qt.MouseButton.LeftButton)

    assert not screen.has_unsaved_changes()
    assert shown_names(screen) == ["Pierre-Louis, Guerline", "Souza, Ana"]
    stored = volunteers.get_volunteer(gui_context.db, screen.selected_id())
    assert (stored.name, stored.phone, stored.languages, stored.skills, stored.may_text) == (
        "Guerline Pierre-Louis",
        "+12035550142",
        ("ht", "en"),  # in the order ticked: Haitian Creole is the one to write in
        ("interpreter",),
        True,
    )
    assert main_window.statusBar().currentMessage() == "Saved Guerline Pierre-Louis"
    assert screen.count_label.text() == "2 volunteers"
    assert screen.model.index(0, PHONE).data() == "(203) 555-0142"
    assert screen.model.index(0, CONSENT).data() == "Text"


def test_bad_email_marks_the_field_and_keeps_what_was_typed(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    screen = open_volunteers(main_window)
    screen.new_record()
    form = screen.editor.form
    type_into(qtbot, form.given_name, "María José")
    type_into(qtbot, form.family_name, "Núñez")
    qtbot.keyClicks(form.email, "maria@@example")
    qtbot.mouseClick(screen.editor.save_button, Qt.MouseButton.LeftButton)

    error = form.email.parentWidget().findChildren(type(screen.editor.heading))[-1]
    assert error.isVisible() and "Not a valid email address" in error.text()
    assert form.email.styleSheet()  # marked
    assert (form.given_name.text(), form.family_name.text(), form.email.text()) == (
        "María José",
        "Núñez",
        "maria@@example",
    )
    assert screen.has_unsaved_changes()
    assert volunteers.count_volunteers(gui_context.db) == 0

    form.email.clear()
    qtbot.keyClicks(form.email, "maria@example.org")
    qtbot.mouseClick(screen.editor.save_button, Qt.MouseButton.LeftButton)
    assert not error.isVisible() and not form.email.styleSheet()
    assert shown_names(screen) == ["Núñez, María José"]


def test_do_not_contact_clears_and_disables_the_channels(main_window: MainWindow, qtbot: QtBot) -> None:
    screen = open_volunteers(main_window)
    screen.new_record()
    form = screen.editor.form
    tick(qtbot, form.may_email)
    tick(qtbot, form.may_call)
    tick(qtbot, form.do_not_contact)
    assert not form.may_email.isChecked() and not form.may_call.isChecked()
    assert not form.may_email.isEnabled() and not form.may_text.isEnabled()
    assert form.may_share.isEnabled()
    tick(qtbot, form.do_not_contact)
    assert form.may_email.isEnabled()


# --- search, filters, sorting -------------------------------------------------------------------
def test_accent_free_search_finds_jose_goncalves(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    add(db, "José", "Gonçalves", city="Danbury")
    add(db, "Ana", "Souza")
    add(db, "Josefina", "Ramírez")
    screen = open_volunteers(main_window)
    search(qtbot, screen, "jose goncalves")
    assert shown_names(screen) == ["Gonçalves, José"]
    assert screen.count_label.text() == "1 of 3 volunteers"
    search(qtbot, screen, "JOSE")
    assert shown_names(screen) == ["Gonçalves, José", "Ramírez, Josefina"]
    search(qtbot, screen, "zzz")
    assert screen.list_stack.currentWidget() is screen.no_matches
    qtbot.mouseClick(screen.no_matches.buttons[0], Qt.MouseButton.LeftButton)
    assert len(shown_names(screen)) == 3 and screen.filters.search.text() == ""


def test_language_and_skill_filters(main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot) -> None:
    db = gui_context.db
    add(db, "Ana", "Alves", languages=("pt_BR", "en"), skills=(Skill.MEDIC,))
    add(db, "Bia", "Braga", languages=("ht",), skills=(Skill.INTERPRETER, Skill.MEDIC))
    add(db, "Caio", "Costa", languages=("es",), skills=(Skill.DRIVER,))
    screen = open_volunteers(main_window)
    filters = screen.filters
    languages = [filters.language.itemText(i) for i in range(filters.language.count())]
    assert languages == [
        "All languages",
        "English",
        "Spanish",
        "Haitian Creole",
        "Portuguese (Brazil)",
    ]
    filters.language.setCurrentIndex(filters.language.findData("ht"))
    assert shown_names(screen) == ["Braga, Bia"]
    filters.language.setCurrentIndex(0)
    filters.skill.setCurrentIndex(filters.skill.findText("Medic"))
    assert shown_names(screen) == ["Alves, Ana", "Braga, Bia"]
    filters.language.setCurrentIndex(filters.language.findData("en"))
    assert shown_names(screen) == ["Alves, Ana"]
    qtbot.mouseClick(filters.clear_button, Qt.MouseButton.LeftButton)
    assert len(shown_names(screen)) == 3


def test_header_click_sorts_by_requery(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    add(db, "Ana", "Costa", city="Waterbury")
    add(db, "Bia", "Alves", city="Stamford")
    add(db, "Caio", "Braga", city="Bridgeport")
    screen = open_volunteers(main_window)
    header = screen.table.horizontalHeader()
    assert shown_names(screen) == ["Alves, Bia", "Braga, Caio", "Costa, Ana"]
    assert header.sortIndicatorSection() == NAME

    click_header(qtbot, screen, CITY)
    assert screen.model.query.sort == VolunteerSort.CITY and not screen.model.query.descending
    assert [screen.model.index(r, CITY).data() for r in range(3)] == ["Bridgeport", "Stamford", "Waterbury"]
    assert header.sortIndicatorSection() == CITY
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder

    click_header(qtbot, screen, CITY)
    assert [screen.model.index(r, CITY).data() for r in range(3)] == ["Waterbury", "Stamford", "Bridgeport"]
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    click_header(qtbot, screen, PHONE)  # not sortable: nothing moves, the arrow stays on City
    assert screen.model.query.sort == VolunteerSort.CITY and header.sortIndicatorSection() == CITY


# --- selection, unsaved changes, delete and undo -----------------------------------------------
def test_unsaved_changes_are_not_lost_when_choosing_another_volunteer(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = gui_context.db
    ana = add(db, "Ana", "Alves")
    add(db, "Bia", "Braga")
    screen = open_volunteers(main_window)
    select(qtbot, screen, "Alves, Ana")
    assert screen.editor.volunteer_id == ana.id
    qtbot.keyClicks(screen.editor.form.city, "Danbury")
    assert main_window.unsaved_screens() == [screen]

    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    select(qtbot, screen, "Braga, Bia")
    qtbot.waitUntil(lambda: screen.selected_id() == ana.id)
    assert asked and screen.editor.form.city.text() == "Danbury"

    answer(monkeypatch, QMessageBox.StandardButton.Save)
    select(qtbot, screen, "Braga, Bia")
    assert volunteers.get_volunteer(db, ana.id).city == "Danbury"
    assert screen.editor.heading.text() == "Bia Braga"


def test_selection_survives_a_refresh_and_open_record_finds_hidden_rows(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    add(db, "Ana", "Alves")
    bia = add(db, "Bia", "Braga")
    screen = open_volunteers(main_window)
    select(qtbot, screen, "Braga, Bia")
    aaron = add(db, "Aaron", "Aaronson")
    gui_context.data_changed(Change.of(Record.VOLUNTEERS, Op.INSERTED, aaron.id))
    assert screen.selected_id() == bia.id and shown_names(screen)[0] == "Aaronson, Aaron"

    search(qtbot, screen, "ana")
    main_window.open_record("volunteers", bia.id)
    assert screen.selected_id() == bia.id and screen.editor.heading.text() == "Bia Braga"


def test_delete_asks_then_undo_brings_back_the_volunteer_and_sign_up(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = gui_context.db
    ana = add(db, "Ana", "Alves")
    add(db, "Bia", "Braga")
    signups.sign_up(db, ana.id, make_shift(db, "Rally for the TRUST Act", 0))
    screen = open_volunteers(main_window)
    select(qtbot, screen, "Alves, Ana")

    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    screen.delete_selected()
    assert asked == [
        "Delete Ana Alves and their sign-ups? You can undo this (Ctrl+Z) until you close rallyorg."
    ]
    assert len(shown_names(screen)) == 2

    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(button_for(screen, screen.delete_action), Qt.MouseButton.LeftButton)
    assert shown_names(screen) == ["Braga, Bia"]
    with pytest.raises(NotFoundError):
        volunteers.get_volunteer(db, ana.id)
    assert main_window.statusBar().currentMessage() == "Deleted Ana Alves."

    main_window.undo_action.trigger()
    assert shown_names(screen) == ["Alves, Ana", "Braga, Bia"]
    assert len(volunteers.get_volunteer(db, ana.id).history) == 1


def test_history_tab_lists_sign_ups_and_total_hours(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    ana = add(db, "Ana", "Alves")
    attended = signups.sign_up(db, ana.id, make_shift(db, "Vigil for families", 0))
    signups.check_in(db, attended.id)
    signups.sign_up(db, ana.id, make_shift(db, "May Day March", 10))
    screen = open_volunteers(main_window)
    select(qtbot, screen, "Alves, Ana")
    editor = screen.editor
    assert editor.tabs.tabText(1) == "Sign-ups (2)"
    assert editor.subtitle.text().endswith("2 hours given")
    editor.tabs.setCurrentIndex(1)
    table = editor.history.table
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert rows[0][0] == "May Day March" and rows[0][3] == "Signed up" and rows[0][4] == ""
    assert rows[1][0] == "Vigil for families" and rows[1][3] == "Attended" and rows[1][4] == "2"
    assert editor.history.summary.text() == "2 sign-ups · attended 1 shift · total 2 hours"


def test_a_conflicting_save_keeps_the_typing_and_says_why(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = gui_context.db
    ana = add(db, "Ana", "Alves")
    screen = open_volunteers(main_window)
    select(qtbot, screen, "Alves, Ana")
    volunteers.update_volunteer(
        db, ana.id, VolunteerInput("Ana", "Alves", city="Hartford"), version=ana.version
    )
    # The conflict dialog (tests/gui/test_conflicts.py) answered "Keep editing".
    shown: list[ConflictDialog] = []
    monkeypatch.setattr(ConflictDialog, "exec", lambda d: shown.append(d) or d.keep_button.click())
    qtbot.keyClicks(screen.editor.form.city, "Danbury")
    qtbot.mouseClick(screen.editor.save_button, Qt.MouseButton.LeftButton)
    assert [(row.label, row.mine, row.theirs) for d in shown for row in d.rows if row.differs] == [
        ("City", "Danbury", "Hartford")
    ]
    assert screen.editor.form.city.text() == "Danbury" and screen.has_unsaved_changes()
    assert volunteers.get_volunteer(db, ana.id).city == "Hartford"
    qtbot.mouseClick(screen.editor.revert_button, Qt.MouseButton.LeftButton)  # reload what is stored
    assert screen.editor.form.city.text() == "Hartford" and not screen.has_unsaved_changes()


# --- duplicates -------------------------------------------------------------------------------
def test_duplicates_dialog_merges_two_records_keeping_both_sign_ups(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = gui_context.db
    plain = add(db, "Conceicao", "Goncalves", phone="203-555-0117", city="Danbury")
    accented = add(db, "Conceição", "Gonçalves", phone="(203) 555-0117", email="conceicao@example.org")
    add(db, "Ana", "Souza", phone="203-555-0199")
    signups.sign_up(db, plain.id, make_shift(db, "Vigil for families", 0))
    signups.sign_up(db, accented.id, make_shift(db, "May Day March", 10))
    screen = open_volunteers(main_window)

    qtbot.mouseClick(button_for(screen, screen.duplicates_action), Qt.MouseButton.LeftButton)
    dialog = screen.duplicates_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.merge_left.isEnabled(), timeout=5000)
    assert dialog.pair_list.count() == 1
    assert "Same phone number: (203) 555-0117" in dialog.pair_list.item(0).text()
    assert "Given name" in dialog.comparison.differing and "Email" in dialog.comparison.differing
    assert "Phone" not in dialog.comparison.differing
    marker = dialog.comparison.item(0, 0)
    assert marker.text() == "≠" and dialog.comparison.item(0, 2).font().bold()

    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.merge_right, Qt.MouseButton.LeftButton)  # keep the accented record
    qtbot.waitUntil(lambda: volunteers.count_volunteers(db) == 2, timeout=5000)
    assert asked and "Merge Conceicao Goncalves into Conceição Gonçalves?" in asked[0]
    kept = volunteers.get_volunteer(db, accented.id)
    assert {h.event_title for h in kept.history} == {"Vigil for families", "May Day March"}
    assert all(h.status == SignUpStatus.SIGNED_UP for h in kept.history)
    qtbot.waitUntil(lambda: "No likely duplicates" in dialog.status.text(), timeout=5000)
    assert "2 sign-ups kept" in main_window.statusBar().currentMessage()
    assert shown_names(screen) == ["Gonçalves, Conceição", "Souza, Ana"]
    dialog.close()


# --- 100,000 volunteers ----------------------------------------------------------------------------
GIVEN = ["José", "Jose", "JOSÉ", "María José", "José Luis", "Josefina", "Ana", "Pedro", "Guerline", "Thiago"]
FAMILY = ["Núñez", "Nunez", "Gonçalves", "Souza", "Pierre", "Smith", "Pérez", "Lima"]
CITIES = ["Danbury", "Hartford", "New Haven"]


def test_accent_free_search_over_100000_volunteers(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    # A few hundred distinct people validated by the service, repeated to 100,000 rows: the
    # same columns a real load writes, without validating 100,000 phone numbers.
    people = [
        prepare_volunteer(
            VolunteerInput(given, family, city=city, languages=("es", "en") if n % 2 else ("pt_BR",))
        )
        for n, (given, family, city) in enumerate(itertools.product(GIVEN, FAMILY, CITIES))
    ]
    rows = [people[i % len(people)] for i in range(100_000)]
    with gui_context.db.transaction() as session:
        session.execute(insert(Volunteer), rows)
    # Ids are given in insertion order in an empty table.
    expected = [
        i + 1 for i, row in enumerate(rows) if all(w in str(row["search_text"]) for w in ("jose", "nunez"))
    ]
    assert 5_000 < len(expected) < 20_000

    screen = open_volunteers(main_window)
    assert screen.count_label.text() == "100,000 volunteers"
    search(qtbot, screen, "jose nunez")
    model = screen.model
    assert sorted(model.ids()) == expected
    assert screen.count_label.text() == f"{len(expected):,} of 100,000 volunteers"
    # Every row the view can show is one of them, first page and last alike.
    for row in (0, 1, model.rowCount() // 2, model.rowCount() - 1):
        name = fold(model.row_at(row).name)
        assert "jose" in name and "nunez" in name
    unread = model.index(model.rowCount() // 3, NAME)
    assert unread.data() == "…"  # beyond the blocks read: a placeholder until its block arrives
    qtbot.waitUntil(lambda: unread.data() != "…")

    def shown_name(row: int) -> str:
        index = model.index(row, NAME)
        qtbot.waitUntil(lambda: index.data() != "…")
        return str(index.data())

    assert {shown_name(r) for r in range(0, model.rowCount(), 97)} <= {
        "Núñez, José",
        "Nunez, José",
        "Núñez, Jose",
        "Nunez, Jose",
        "Núñez, JOSÉ",
        "Nunez, JOSÉ",
        "Núñez, María José",
        "Nunez, María José",
        "Núñez, José Luis",  # every word typed, each anywhere
        "Nunez, José Luis",
        "Núñez, Josefina",
        "Nunez, Josefina",
    }

    # Sorted by a header click, still searched: the ends of the list are the ends of the order.
    click_header(qtbot, screen, CITY)
    assert screen.model.query == replace(screen.model.query, search="jose nunez", sort=VolunteerSort.CITY)
    assert screen.model.index(0, CITY).data() == "Danbury"
    screen.table.scrollToBottom()
    last = model.rowCount() - 1
    qtbot.waitUntil(lambda: model.index(last, NAME).data() != "…")  # the placeholder is in Name
    assert model.index(last, CITY).data() == "New Haven" and sorted(model.ids()) == expected

    # Everyone again, then scrolled to the end of 100,000 and back.
    screen.filters.clear()
    assert model.rowCount() == 100_000 and screen.count_label.text() == "100,000 volunteers"
    screen.table.scrollToBottom()
    bottom = model.index(99_999, NAME)
    qtbot.waitUntil(lambda: bottom.data() != "…")
    assert model.row_at(99_999) is not None and model.row_at(99_999).city == "New Haven"
    screen.table.scrollToTop()
    assert model.index(0, CITY).data() == "Danbury"


def test_keyboard_alone_new_type_save(main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot) -> None:
    screen = open_volunteers(main_window)
    main_window.activateWindow()
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert screen.editor.heading.text() == "New volunteer"
    qtbot.keyClicks(screen.editor.form.given_name, "Wilson")
    qtbot.keyClick(main_window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert shown_names(screen) == ["Wilson"]
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is screen.filters.search


def test_search_as_you_type_shows_only_the_latest_answer(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    """Typed searches run on the database thread; an answer overtaken by a newer search (or
    by a filter chosen meanwhile) never replaces the list."""
    add(gui_context.db, "José", "Gonçalves")
    add(gui_context.db, "Ana", "Souza")
    screen = open_volunteers(main_window)
    shown: list[str] = []

    def noting(name: str) -> Callable[[Callable[[], None]], None]:
        return lambda show: (show(), shown.append(name))  # type: ignore[func-returns-value]

    screen.model.load_soon(ListQuery(search="ana"), screen, noting("ana"))
    screen.model.load_soon(ListQuery(search="jose"), screen, noting("jose"))
    qtbot.waitUntil(lambda: shown == ["jose"])
    assert shown_names(screen) == ["Gonçalves, José"]

    screen.model.load_soon(ListQuery(search="ana"), screen, noting("ana, late"))
    screen.model.load(ListQuery(search="souza"))  # chosen after: wins
    assert gui_context.access.wait_idle()  # the late answer has come, and was dropped
    assert shown == ["jose"] and shown_names(screen) == ["Souza, Ana"]


def test_a_search_answer_for_a_closed_screen_is_dropped(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    """The window rebuilt (another language, another database) while a typed search was on
    its way: the answer finds no screen, and nothing breaks."""
    add(gui_context.db, "José", "Gonçalves")
    screen = open_volunteers(main_window)
    gate = threading.Event()
    gui_context.access.fetch(lambda _db: gate.wait(10), on_success=lambda _r: None)  # a slow call first
    screen.filters.search.setText("jose")
    screen.filters.search.flush()
    screen.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert not shiboken6.isValid(screen)
    errors: list[BaseException] = []
    hook, sys.excepthook = sys.excepthook, lambda *info: errors.append(info[1])
    try:
        gate.set()
        assert gui_context.access.wait_idle()
    finally:
        sys.excepthook = hook
    assert errors == []
