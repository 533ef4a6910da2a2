"""The Rallies place, walked like an organizer would: plan a rally, staff its shifts (the
waitlist fills and moves up), fix a mistake the form points at, delete and undo, copy a
rally to new dates, and spot a language that still lacks its texts."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QDateTimeEdit, QLabel, QMessageBox, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from rallyorg.domain.enums import EventStatus, PartnerRole, SignUpStatus
from rallyorg.domain.errors import NotFoundError
from rallyorg.domain.events import EventInput, EventTextInput
from rallyorg.domain.shifts import ShiftInput
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.flyers import Paper
from rallyorg.flyers.pages import page_sizes
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.rallies import flyer_tab
from rallyorg.gui.rallies.assign_dialog import AssignDialog
from rallyorg.gui.rallies.duplicate_dialog import DuplicateDialog, suggested_start
from rallyorg.gui.rallies.editor import FLYER, PARTNERS, SHIFTS, TEXTS
from rallyorg.gui.rallies.partner_picker import PartnerPicker
from rallyorg.gui.rallies.screen import RalliesScreen
from rallyorg.gui.rallies.shift_dialog import ShiftDialog
from rallyorg.gui.rallies.venue_dialog import VenueDialog
from rallyorg.services import events, partners, signups, volunteers
from rallyorg.services.events import local_datetime
from rallyorg.services.partners import PartnerGroupInput

LEFT = Qt.MouseButton.LeftButton
YES = QMessageBox.StandardButton.Yes


# --- helpers: what a person does ------------------------------------------------------------------
def open_rallies(window: MainWindow, qtbot: QtBot) -> RalliesScreen:
    qtbot.mouseClick(window.pages.currentWidget().empty, LEFT)  # "Start with an empty database"
    qtbot.mouseClick(window.rail.button("rallies"), LEFT)
    screen = window.current_screen
    assert isinstance(screen, RalliesScreen)
    return screen


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, LEFT)


def click_toolbar(qtbot: QtBot, screen: RalliesScreen, action_name: str) -> None:
    click(qtbot, screen.toolbar.widgetForAction(getattr(screen, action_name)))


def click_tab(qtbot: QtBot, screen: RalliesScreen, index: int) -> None:
    bar: QTabBar = screen.editor.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
    assert screen.editor.tabs.currentIndex() == index


def click_row(
    qtbot: QtBot,
    view: QAbstractItemView,
    row: int,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), LEFT, modifier, rect.center())


def list_titles(screen: RalliesScreen) -> list[str]:
    model = screen.model
    return [model.index(row, 2).data() for row in range(model.rowCount())]


def visible_texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible() and label.text()]


def signup_statuses(screen: RalliesScreen) -> dict[str, str]:
    table = screen.editor.shifts.signups
    return {table.item(row, 0).text(): table.item(row, 2).text() for row in range(table.rowCount())}


def make_event(gui_context: GuiContext, title: str, *, days: int = 10, shifts: int = 0) -> int:
    day = dt.date.today() + dt.timedelta(days=days)
    event = events.create_event(
        gui_context.db,
        EventInput(
            starts_at=local_datetime(day, dt.time(14, 0), "America/New_York"),
            ends_at=local_datetime(day, dt.time(16, 0), "America/New_York"),
            texts={"en": EventTextInput(title=title, summary="Come with your family.")},
        ),
    )
    for number in range(shifts):
        signups.add_shift(
            gui_context.db,
            event.id,
            ShiftInput(
                role=f"Marshals {number + 1}",
                starts_at=local_datetime(day, dt.time(13, 30), "America/New_York"),
                ends_at=local_datetime(day, dt.time(16, 30), "America/New_York"),
                capacity=4,
            ),
        )
    return event.id


# --- the whole flow ---------------------------------------------------------------------------------
def test_plan_a_rally_staff_a_shift_waitlist_and_promotion(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = gui_context.db
    for given, family in (("Carlos", "Almeida"), ("Beatriz", "Lima"), ("Ana", "Souza")):
        volunteers.create_volunteer(
            db, VolunteerInput(given_name=given, family_name=family, languages=("pt_BR",))
        )
    screen = open_rallies(main_window, qtbot)
    assert screen.list.currentWidget() is screen.list.no_rallies  # "No rallies yet" + "Plan a rally"
    assert not screen.hint.isVisible()  # and only there, not a second time on the right

    # New → type the English and Spanish titles → Save.
    click_toolbar(qtbot, screen, "new_action")
    editor = screen.editor
    assert editor.tabs.currentIndex() == TEXTS
    qtbot.keyClicks(editor.texts.columns["en"].title, "Vigil for Families")
    qtbot.keyClicks(editor.texts.columns["es"].title, "Vigilia por las familias")
    assert screen.has_unsaved_changes()
    assert "Unsaved changes" in visible_texts(editor)
    click(qtbot, editor.save_button)
    assert not screen.has_unsaved_changes()
    assert list_titles(screen) == ["Vigil for Families"]
    assert screen.list.selected_id() == editor.rally.id
    (saved,) = events.list_events(db)
    assert saved.title("es") == "Vigilia por las familias"
    assert saved.starts_at.date() == dt.date.today() + dt.timedelta(days=7)
    assert (saved.starts_at.hour, saved.ends_at.hour, saved.timezone) == (15, 17, "America/New_York")

    # Shifts → add a shift for two people.
    click_tab(qtbot, screen, SHIFTS)
    tab = editor.shifts
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    assert isinstance(dialog, ShiftDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.role, "Marshals")
    dialog.capacity.selectAll()
    qtbot.keyClicks(dialog.capacity, "2")
    click(qtbot, dialog.buttons.buttons()[0])  # Save
    assert not dialog.isVisible()
    assert tab.shifts.rowCount() == 1 and tab.shifts.item(0, 0).text() == "Marshals"
    assert tab.shifts.item(0, 4).text() == "0 / 2"

    # Assign volunteers… → pick all three (Ctrl+click) → the third one waits.
    click(qtbot, tab.assign_button)
    assign = tab.dialog
    assert isinstance(assign, AssignDialog)
    assert assign.language.currentData() == ""  # the shift needs no particular language
    qtbot.keyClicks(assign.search, "a")
    assign.search.flush()
    assert assign.results.count() == 3
    for row in range(3):
        click_row(qtbot, assign.results, row, Qt.KeyboardModifier.ControlModifier)
    assert len(assign.results.selectedItems()) == 3
    click(qtbot, assign.sign_up_button)
    assert tab.notice.isVisible()
    assert "Shift full — Ana Souza is on the waitlist" in tab.notice.text.text()
    assert "Shift full — Ana Souza is on the waitlist" in main_window.statusBar().currentMessage()
    assert signup_statuses(screen) == {
        "Carlos Almeida": "Signed up",
        "Beatriz Lima": "Signed up",
        "Ana Souza": "Waitlisted, number 1",
    }
    assert tab.shifts.item(0, 4).text() == "2 / 2"
    shift = signups.get_shift(db, tab.selected_shift().id)
    by_name = {s.volunteer_name: s for s in shift.signups}
    assert by_name["Ana Souza"].status == SignUpStatus.WAITLISTED

    # Cancel Carlos's sign-up → Ana moves up.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: YES)
    names = [tab.signups.item(row, 0).text() for row in range(tab.signups.rowCount())]
    click_row(qtbot, tab.signups, names.index("Carlos Almeida"))
    assert tab.cancel_button.isEnabled()
    click(qtbot, tab.cancel_button)
    shift = signups.get_shift(db, shift.id)
    by_name = {s.volunteer_name: s for s in shift.signups}
    assert by_name["Ana Souza"].status == SignUpStatus.SIGNED_UP
    assert by_name["Carlos Almeida"].status == SignUpStatus.CANCELLED
    assert signup_statuses(screen)["Ana Souza"] == "Signed up, moved up from the waitlist"
    assert "Ana Souza moved up from the waitlist" in main_window.statusBar().currentMessage()
    assert list_titles(screen) == ["Vigil for Families"]
    assert screen.model.index(0, 5).data() == "2 / 2"


def test_assign_dialog_starts_with_the_language_the_shift_needs(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    event_id = make_event(gui_context, "Know Your Rights")
    day = dt.date.today() + dt.timedelta(days=10)
    signups.add_shift(
        db,
        event_id,
        ShiftInput(
            role="Interpreters",
            starts_at=local_datetime(day, dt.time(14, 0), "America/New_York"),
            ends_at=local_datetime(day, dt.time(16, 0), "America/New_York"),
            capacity=2,
            required_language="es",
        ),
    )
    volunteers.create_volunteer(
        db, VolunteerInput(given_name="Lucía", family_name="Pérez", languages=("es",))
    )
    volunteers.create_volunteer(db, VolunteerInput(given_name="John", family_name="Smith", languages=("en",)))
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, 0)
    click_tab(qtbot, screen, SHIFTS)
    click(qtbot, screen.editor.shifts.assign_button)
    assign = screen.editor.shifts.dialog
    assert isinstance(assign, AssignDialog)
    assert assign.language.currentData() == "es"
    assert [assign.results.item(i).text().splitlines()[0] for i in range(assign.results.count())] == [
        "Lucía Pérez"
    ]
    # Accent-free typing still finds her.
    qtbot.keyClicks(assign.search, "lucia")
    assign.search.flush()
    assert assign.results.count() == 1
    qtbot.keyClick(assign.results, Qt.Key.Key_Down)
    qtbot.keyClick(assign.results, Qt.Key.Key_Return)
    assert "Lucía Pérez is signed up for Interpreters." in main_window.statusBar().currentMessage()


# --- safety: validation, delete + undo --------------------------------------------------------------
def test_end_before_start_marks_the_field_and_keeps_the_title(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    screen = open_rallies(main_window, qtbot)
    click_toolbar(qtbot, screen, "new_action")
    editor = screen.editor
    qtbot.keyClicks(editor.texts.columns["en"].title, "March for Dignity")
    click_tab(qtbot, screen, 0)
    ends = editor.details.ends
    ends.setFocus()
    for _step in range(3):  # 5:00 PM → 2:00 PM, before the 3:00 PM start
        qtbot.keyClick(ends, Qt.Key.Key_Down)
    assert ends.time().hour() == 14
    qtbot.keyClick(main_window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Save
    assert events.list_events(gui_context.db) == []
    assert editor.tabs.currentIndex() == 0
    assert "The end must be after the start." in visible_texts(editor.details)
    assert "solid" in ends.styleSheet()
    assert ends.accessibleDescription() == "The end must be after the start."
    assert editor.texts.columns["en"].title.text() == "March for Dignity"
    assert screen.has_unsaved_changes()
    # Fixed: the mark goes away and the rally is saved.
    for _step in range(4):
        qtbot.keyClick(ends, Qt.Key.Key_Up)
    click(qtbot, editor.save_button)
    assert "The end must be after the start." not in visible_texts(editor.details)
    assert [e.title("en") for e in events.list_events(gui_context.db)] == ["March for Dignity"]


def test_delete_asks_and_ctrl_z_brings_the_rally_back(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    event_id = make_event(gui_context, "Walk for Family Unity", shifts=1)
    make_event(gui_context, "Press Conference", days=20)
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, 0)
    assert screen.editor.rally.id == event_id
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No if len(asked) == 1 else YES

    monkeypatch.setattr(QMessageBox, "question", answer)
    click_toolbar(qtbot, screen, "delete_action")  # answered No: nothing happens
    assert events.get_event(gui_context.db, event_id)
    click_toolbar(qtbot, screen, "delete_action")
    assert "Walk for Family Unity" in asked[1]
    with pytest.raises(NotFoundError):
        events.get_event(gui_context.db, event_id)
    assert list_titles(screen) == ["Press Conference"]
    assert screen.right.currentWidget() is screen.hint
    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = events.get_event(gui_context.db, event_id)
    assert len(restored.shifts) == 1
    assert list_titles(screen) == ["Walk for Family Unity", "Press Conference"]


# --- series, cancellation, translations, flyer ----------------------------------------------------
def test_duplicate_to_new_dates_copies_the_shifts(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    event_id = make_event(gui_context, "Know Your Rights Training", shifts=2)
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, 0)
    click_toolbar(qtbot, screen, "duplicate_action")
    dialog = screen.dialog
    assert isinstance(dialog, DuplicateDialog) and dialog.isVisible()
    dialog.starts.setCurrentSection(QDateTimeEdit.Section.HourSection)  # as a click on the hour does
    qtbot.keyClick(dialog.starts, Qt.Key.Key_Up)  # the suggested week later, an hour later in the day
    new_start = dialog.new_start()
    click(qtbot, dialog.buttons.buttons()[0])  # Duplicate
    source = events.get_event(gui_context.db, event_id)
    copy = screen.editor.rally
    assert copy is not None and copy.id != event_id
    assert copy.starts_at == new_start == source.starts_at + dt.timedelta(days=7, hours=1)
    assert copy.status == EventStatus.DRAFT
    assert sorted((s.role, s.capacity) for s in copy.shifts) == sorted(
        (s.role, s.capacity) for s in source.shifts
    )
    delta = copy.starts_at - source.starts_at
    assert {s.starts_at for s in copy.shifts} == {s.starts_at + delta for s in source.shifts}
    assert list_titles(screen) == ["Know Your Rights Training", "Know Your Rights Training"]
    assert screen.list.selected_id() == copy.id
    assert screen.editor.shifts.shifts.rowCount() == 2


def test_cancel_event_asks_then_strikes_the_title_through(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    event_id = make_event(gui_context, "Vigil")
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, 0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: YES)
    click_toolbar(qtbot, screen, "cancel_action")
    assert events.get_event(gui_context.db, event_id).status == EventStatus.CANCELLED
    assert screen.model.index(0, 2).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert screen.model.index(0, 4).data() == "Cancelled"
    assert not screen.cancel_action.isEnabled()
    assert screen.editor.chip.text() == "Cancelled"


def test_missing_translation_is_marked_with_icon_and_word(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    make_event(gui_context, "Youth Rally")  # English only
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, 0)
    click_tab(qtbot, screen, TEXTS)
    columns = screen.editor.texts.columns
    assert columns["en"].mark.text.text() == "Complete"
    assert columns["pt_BR"].mark.text.text() == "Missing: Title, Summary"
    assert not columns["pt_BR"].mark.icon.pixmap().isNull()
    header_texts = visible_texts(screen.editor.texts)
    assert {"English", "Español", "Português"} <= set(header_texts)
    qtbot.keyClicks(columns["es"].title, "Rally juvenil")
    assert columns["es"].mark.text.text() == "Missing: Summary"
    assert screen.has_unsaved_changes()
    click(qtbot, screen.editor.save_button)
    saved = events.get_event(gui_context.db, screen.editor.rally.id)
    assert [(m.language, m.field) for m in saved.missing_texts()] == [
        ("es", "summary"),
        ("pt_BR", "title"),
        ("pt_BR", "summary"),
    ]
    assert columns["es"].mark.text.text() == "Missing: Summary"


def test_search_filter_selection_and_print_flyer(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_event(gui_context, "Candlelight Vigil", days=3)
    second = make_event(gui_context, "Caminata por la Unidad Familiar", days=5)
    screen = open_rallies(main_window, qtbot)
    screen.open_record(second)
    assert screen.list.selected_id() == second
    screen.refresh()  # e.g. F5 or another screen's change
    assert screen.list.selected_id() == second
    printed: list[tuple[Paper, str, int]] = []

    def print_dialog(parent: object, pdf: bytes, paper: Paper, name: str) -> None:
        printed.append((paper, name, len(page_sizes(pdf))))

    monkeypatch.setattr(flyer_tab, "print_with_dialog", print_dialog)
    qtbot.keyClick(main_window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert screen.editor.tabs.currentIndex() == FLYER
    assert screen.editor.flyer.rally is not None and screen.editor.flyer.rally.id == second
    # Ctrl+P opens the print dialog at once, for the flyer on show (rendered, one page).
    [(paper, name, pages)] = printed
    assert (paper, pages) == (Paper.LETTER, 1)
    assert "caminata" in name.lower()
    qtbot.keyClicks(screen.search, "VIGIL")
    screen.search.flush()
    assert list_titles(screen) == ["Candlelight Vigil"]
    screen.filter.setCurrentIndex(screen.filter.findData("cancelled"))
    assert screen.list.currentWidget() is screen.list.no_match
    click(qtbot, screen.list.no_match.buttons[0])  # "Show all rallies"
    assert list_titles(screen) == ["Candlelight Vigil", "Caminata por la Unidad Familiar"]  # by date
    header = screen.table.horizontalHeader()
    title_x = header.sectionViewportPosition(2) + header.sectionSize(2) // 2
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(title_x, header.height() // 2))
    assert list_titles(screen) == ["Caminata por la Unidad Familiar", "Candlelight Vigil"]  # by title
    assert screen.list.selected_id() == second  # the selection follows the rally, not the row
    # Double-click opens; leaving unsaved edits asks first.
    qtbot.keyClicks(screen.editor.texts.columns["en"].title, " (edited)")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    row = screen.model.row_of(first)
    click_row(qtbot, screen.table, row)
    assert screen.editor.rally.id == second and screen.list.selected_id() == second
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    rect = screen.table.visualRect(screen.model.index(row, 2))
    qtbot.mouseDClick(screen.table.viewport(), LEFT, pos=rect.center())
    assert screen.editor.rally.id == first
    assert not screen.has_unsaved_changes()


# --- partners and venues --------------------------------------------------------------------------
def test_partner_groups_are_picked_given_roles_and_saved_with_the_rally(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    padres = partners.create_group(db, PartnerGroupInput(name="Comité de Padres Latinos", city="Danbury"))
    partners.create_group(db, PartnerGroupInput(name="Igreja Batista Brasileira", city="Danbury"))
    partners.create_group(db, PartnerGroupInput(name="Bristol Welcome Circle", active=False))
    event_id = make_event(gui_context, "Rally for Driver's Licenses")
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, 0)
    assert screen.editor.details.lead_group.text() == "None yet"
    click_tab(qtbot, screen, PARTNERS)
    tab = screen.editor.partners
    assert tab.stack.currentWidget() is tab.empty
    click(qtbot, tab.add_button)
    picker = tab.dialog
    assert isinstance(picker, PartnerPicker) and picker.results.count() == 2  # active groups only
    qtbot.keyClicks(picker.search, "padres")
    picker.search.flush()
    assert picker.results.count() == 1
    click_row(qtbot, picker.results, 0)
    click(qtbot, picker.add_button)
    assert tab.table.item(0, 0).text() == "Comité de Padres Latinos"
    assert tab.table.item(0, 1).text() == "Co-sponsor"
    tab.role.setFocus()
    qtbot.keyClicks(tab.role, "Provides")  # type-ahead in the role list
    qtbot.keyClicks(tab.commitment, "Eight marshals in yellow vests")
    assert tab.table.item(0, 1).text() == "Provides marshals"
    assert screen.has_unsaved_changes()
    # The picker was the active window; a window manager gives activation back to the main
    # window when it closes (the offscreen test platform does not).
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    qtbot.keyClick(main_window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    (partner,) = events.get_event(db, event_id).partners
    assert (partner.group_id, partner.role, partner.commitment) == (
        padres.id,
        PartnerRole.MARSHALS,
        "Eight marshals in yellow vests",
    )
    click_row(qtbot, tab.table, 0)
    click(qtbot, tab.remove_button)
    click(qtbot, screen.editor.save_button)
    assert events.get_event(db, event_id).partners == ()


def test_new_venue_is_created_inline_and_chosen(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    event_id = make_event(gui_context, "Vigil at the Green")
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, 0)
    details = screen.editor.details
    click(qtbot, details.new_venue)
    dialog = details.dialog
    assert isinstance(dialog, VenueDialog) and dialog.isVisible()
    click(qtbot, dialog.buttons.buttons()[0])  # Save with no name: the name is marked
    assert dialog.isVisible()
    assert "This field is required." in visible_texts(dialog)
    qtbot.keyClicks(dialog.name, "New Haven Green")
    qtbot.keyClicks(dialog.city, "New Haven")
    click(qtbot, dialog.buttons.buttons()[0])
    assert not dialog.isVisible()
    assert details.venue.currentText() == "New Haven Green"
    assert "New Haven, CT" in details.venue_address.text()
    click(qtbot, screen.editor.save_button)
    saved = events.get_event(gui_context.db, event_id)
    assert saved.venue is not None and saved.venue.name == "New Haven Green"
    assert [e.venue.name for e in events.list_events(gui_context.db, search="haven") if e.venue] == [
        "New Haven Green"
    ]


NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def test_a_past_rally_is_duplicated_to_the_same_weekday_ahead() -> None:
    may_rally = dt.datetime(2025, 5, 20, 15, 0, tzinfo=NEW_YORK)  # a Tuesday
    today = dt.datetime(2026, 11, 25, 9, 0, tzinfo=NEW_YORK)  # a Wednesday
    assert suggested_start(may_rally, now=today) == dt.datetime(2026, 12, 1, 15, 0, tzinfo=NEW_YORK)
    upcoming = dt.datetime(2026, 12, 1, 15, 0, tzinfo=NEW_YORK)
    assert suggested_start(upcoming, now=today) == upcoming + dt.timedelta(days=7)


def test_saving_a_rally_without_any_title_marks_the_title(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    screen = open_rallies(main_window, qtbot)
    click_toolbar(qtbot, screen, "new_action")
    qtbot.keyClick(main_window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert events.list_events(gui_context.db) == []
    editor = screen.editor
    assert editor.tabs.currentIndex() == TEXTS
    title = editor.texts.columns["en"].title
    assert title.accessibleDescription() == "Give the rally a title, in at least one language."
    assert "Give the rally a title, in at least one language." in visible_texts(editor.texts)


def test_campaign_tags_are_typed_with_suggestions_and_saved(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    tagged = make_event(gui_context, "Capitol day", days=5)
    events.set_campaign_tags(gui_context.db, tagged, ("TRUST Act 2027",), version=1)
    event_id = make_event(gui_context, "Vigil at the Green", days=10)
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, list_titles(screen).index("Vigil at the Green"))
    details = screen.editor.details
    assert details.tags.text() == ""
    details.tags.setFocus()
    qtbot.keyClicks(details.tags, "Census, tru")
    suggestions = details.tag_suggestions
    assert suggestions.is_open()
    assert [
        suggestions.view.model().index(r, 0).data() for r in range(suggestions.view.model().rowCount())
    ] == ["TRUST Act 2027"]
    qtbot.keyClick(details.tags, Qt.Key.Key_Down)
    qtbot.keyClick(details.tags, Qt.Key.Key_Return)
    assert details.tags.text() == "Census, TRUST Act 2027"
    assert screen.editor.is_dirty()
    click(qtbot, screen.editor.save_button)
    assert events.get_event(gui_context.db, event_id).tags == ("Census", "TRUST Act 2027")
    # Shown again as stored; the other rally keeps its own.
    click_row(qtbot, screen.table, list_titles(screen).index("Capitol day"))
    assert details.tags.text() == "TRUST Act 2027"
    click_row(qtbot, screen.table, list_titles(screen).index("Vigil at the Green"))
    assert details.tags.text() == "Census, TRUST Act 2027" and not screen.editor.is_dirty()
