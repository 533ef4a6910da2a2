"""Dates and the waitlist, as an organizer meets them (issue 10, items 1 and 2): a day typed
whole in the language's order, never a year like 3202; shifts kept near their rally and
moved with it when it moves; and every waitlist message saying exactly what happened."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.events import EventInput, EventTextInput
from rallyorg.domain.shifts import ShiftInput
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.rallies.editor import DETAILS, SHIFTS
from rallyorg.gui.rallies.shift_dialog import ShiftDialog
from rallyorg.gui.widgets.date_field import DateField
from rallyorg.services import events, signups, volunteers
from rallyorg.services.events import local_datetime

from .test_rallies import click, click_row, click_tab, open_rallies, signup_statuses, visible_texts

ZONE = "America/New_York"
Button = QMessageBox.StandardButton
SAVE = QDialogButtonBox.StandardButton.Save


def _rally(gui_context: GuiContext, day: dt.date, *, shifts: tuple[str, ...] = (), capacity: int = 4) -> int:
    db = gui_context.db
    event = events.create_event(
        db,
        EventInput(
            starts_at=local_datetime(day, dt.time(15, 0), ZONE),
            ends_at=local_datetime(day, dt.time(17, 0), ZONE),
            texts={"en": EventTextInput(title="TRUST Act Rally", summary="Danbury City Hall")},
        ),
    )
    for role in shifts:
        signups.add_shift(
            db,
            event.id,
            ShiftInput(
                role=role,
                starts_at=local_datetime(day, dt.time(14, 0), ZONE),
                ends_at=local_datetime(day, dt.time(17, 30), ZONE),
                capacity=capacity,
            ),
        )
    return event.id


def _person(gui_context: GuiContext, given: str, family: str) -> int:
    return volunteers.create_volunteer(
        gui_context.db, volunteers.VolunteerInput(given_name=given, family_name=family)
    ).id


def _type_date(qtbot: QtBot, field: DateField, text: str) -> None:
    """As a person does: Tab into the field (its text is selected) and type over it."""
    field.setFocus(Qt.FocusReason.TabFocusReason)
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)


def _open_shift_dialog(main_window: MainWindow, qtbot: QtBot) -> ShiftDialog:
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, 0)
    click_tab(qtbot, screen, SHIFTS)
    click(qtbot, screen.editor.shifts.add_button)
    dialog = screen.editor.shifts.dialog
    assert isinstance(dialog, ShiftDialog) and dialog.isVisible()
    return dialog


# --- item 1: typed dates, the years, the window around the rally ---------------------------------
def test_12_3_2026_typed_into_a_shifts_day_is_december_3_in_english(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    event_id = _rally(gui_context, dt.date(2026, 12, 5))
    dialog = _open_shift_dialog(main_window, qtbot)
    qtbot.keyClicks(dialog.role, "Set-up crew")

    _type_date(qtbot, dialog.day, "12/3/2026")

    assert dialog.day.date() == QDate(2026, 12, 3)
    assert "Thursday, December 3, 2026 — 2 days before the rally" in visible_texts(dialog)
    click(qtbot, dialog.buttons.button(SAVE))
    assert not dialog.isVisible()
    (shift,) = events.get_event(gui_context.db, event_id).shifts
    assert shift.starts_at.date() == dt.date(2026, 12, 3)


def test_a_typed_date_follows_the_interface_languages_order(qtbot: QtBot, gui_context: GuiContext) -> None:
    for language, expected in (
        ("es", QDate(2026, 3, 12)),
        ("pt_BR", QDate(2026, 3, 12)),
        ("en", QDate(2026, 12, 3)),
    ):
        apply_language(language)
        field = DateField()
        qtbot.addWidget(field)
        field.setDate(QDate(2026, 1, 1))
        _type_date(qtbot, field, "12/3/2026")
        assert field.date() == expected, language
        field.edit.editingFinished.emit()  # done typing: read back in the language's own format
        assert field.edit.text() == {"es": "12/3/2026", "pt_BR": "12/03/2026", "en": "12/3/2026"}[language]


def test_a_year_like_3202_is_never_saved_and_the_day_says_why(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    event_id = _rally(gui_context, dt.date(2026, 12, 5))
    dialog = _open_shift_dialog(main_window, qtbot)
    qtbot.keyClicks(dialog.role, "Marshals")

    for typed in ("12/3/3202", "12/20/3202", "13/45/2026"):
        _type_date(qtbot, dialog.day, typed)
        click(qtbot, dialog.buttons.button(SAVE))
        assert dialog.isVisible(), typed
        message = "Not a date: type it as month/day/year, e.g. 12/3/2026, in a year from 2000 to 2100."
        assert message in visible_texts(dialog)
        assert "solid" in dialog.day.edit.styleSheet()
        assert dialog.focusWidget() is dialog.day.edit  # the focus moves there
    assert events.get_event(gui_context.db, event_id).shifts == ()
    # While "12/3/3202" is being typed, the day under it never claims a year like 2032.
    _type_date(qtbot, dialog.day, "12/3/32")
    assert dialog.day_hint.text() == "Type the date as month/day/year, e.g. 12/3/2026"
    # A short year is read once typing is done; Up and Down step a day, never past 2100.
    dialog.day.edit.editingFinished.emit()
    assert dialog.day.date() == QDate(2032, 12, 3) and dialog.day.edit.text() == "12/3/2032"
    _type_date(qtbot, dialog.day, "12/30/2100")
    qtbot.keyClick(dialog.day.edit, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.day.edit, Qt.Key.Key_Up)
    assert dialog.day.date() == QDate(2100, 12, 31)
    assert dialog.day.edit.text() == "12/31/2100"
    assert dialog.day.calendar.maximumDate() == QDate(2100, 12, 31)


def test_a_shift_far_from_its_rally_is_refused_under_the_day(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    event_id = _rally(gui_context, dt.date(2026, 12, 5))
    dialog = _open_shift_dialog(main_window, qtbot)
    qtbot.keyClicks(dialog.role, "Marshals")
    _type_date(qtbot, dialog.day, "12/20/2026")
    assert "Sunday, December 20, 2026 — 15 days after the rally" in visible_texts(dialog)

    click(qtbot, dialog.buttons.button(SAVE))

    assert dialog.isVisible()
    assert "A shift must start within 7 days of its rally: pick a day closer to the rally." in visible_texts(
        dialog
    )
    assert dialog.focusWidget() is dialog.day.edit  # the focus moves there
    assert events.get_event(gui_context.db, event_id).shifts == ()


# --- item 1: moving the rally offers to move its shifts ------------------------------------------
def test_moving_the_rally_asks_and_moves_its_three_shifts_with_their_signups(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = gui_context.db
    day = dt.date.today() + dt.timedelta(days=10)
    event_id = _rally(gui_context, day, shifts=("Marshals", "Sign-in table", "Interpreters"))
    marshals = next(s for s in events.get_event(db, event_id).shifts if s.role == "Marshals")
    signups.sign_up(db, _person(gui_context, "Ana", "Souza"), marshals.id)
    asked: list[str] = []
    answers = [Button.Cancel, Button.Yes]

    def answer(parent: object, title: str, text: str, *args: object) -> Button:
        asked.append(f"{title}\n{text}")
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", answer)
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, 0)
    click_tab(qtbot, screen, DETAILS)
    new_day = day + dt.timedelta(days=21)
    _type_date(qtbot, screen.editor.details.start_day, f"{new_day.month}/{new_day.day}/{new_day.year}")

    click(qtbot, screen.editor.save_button)  # Cancel: nothing saved, the edit kept
    assert "Move its 3 shifts by as much too, keeping their sign-ups?" in asked[0]
    assert events.get_event(db, event_id).starts_at.date() == day
    assert screen.has_unsaved_changes()
    click(qtbot, screen.editor.save_button)  # Yes

    saved = events.get_event(db, event_id)
    assert saved.starts_at.date() == new_day
    assert {(s.starts_at.date(), s.starts_at.hour) for s in saved.shifts} == {(new_day, 14)}
    moved = next(s for s in saved.shifts if s.id == marshals.id)
    assert [(s.volunteer_name, s.status) for s in moved.signups] == [("Ana Souza", SignUpStatus.SIGNED_UP)]
    assert "Saved; its 3 shifts moved with it." in main_window.statusBar().currentMessage()
    assert not screen.has_unsaved_changes()


def test_moving_the_rally_far_but_leaving_its_shifts_says_why_it_cannot(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = dt.date.today() + dt.timedelta(days=10)
    event_id = _rally(gui_context, day, shifts=("Marshals",))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: Button.No)
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, 0)
    click_tab(qtbot, screen, DETAILS)
    new_day = day + dt.timedelta(days=30)
    _type_date(qtbot, screen.editor.details.start_day, f"{new_day.month}/{new_day.day}/{new_day.year}")

    click(qtbot, screen.editor.save_button)

    assert events.get_event(gui_context.db, event_id).starts_at.date() == day
    assert (
        "Its shifts would be more than 7 days from the rally's new date: "
        "move them with the rally, or change them first." in visible_texts(screen.editor.details)
    )
    assert screen.has_unsaved_changes()


# --- item 2: the waitlist says exactly what happened ----------------------------------------------
def test_cancelling_on_a_past_shift_says_nobody_moves_up_then_a_move_ahead_names_who_did(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = gui_context.db
    past = dt.date.today() - dt.timedelta(days=30)
    event_id = _rally(gui_context, past, shifts=("Marshals",), capacity=1)
    (shift,) = events.get_event(db, event_id).shifts
    signups.sign_up(db, _person(gui_context, "Carlos", "Almeida"), shift.id)
    bruno = _person(gui_context, "Bruno", "Lopes")
    signups.sign_up(db, bruno, shift.id)  # waitlisted
    asked: list[str] = []

    def answer(parent: object, title: str, text: str, *args: object) -> Button:
        asked.append(text)
        return Button.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, 0)
    click_tab(qtbot, screen, SHIFTS)
    tab = screen.editor.shifts
    assert tab.select_signup("Carlos Almeida")
    click(qtbot, tab.cancel_button)

    assert asked[0] == (
        "Cancel the sign-up of Carlos Almeida for Marshals? "
        "The shift is over, so nobody will move up from the waitlist."
    )
    said = "Sign-up of Carlos Almeida cancelled. Nobody moved up from the waitlist: the shift is over."
    assert main_window.statusBar().currentMessage() == said
    assert tab.notice.text.text() == said
    assert signup_statuses(screen)["Bruno Lopes"] == "Waitlisted, number 1"

    # The rally is moved ahead (its shift with it): Bruno gets the free place, and it is said.
    click_tab(qtbot, screen, DETAILS)
    ahead = dt.date.today() + dt.timedelta(days=14)
    _type_date(qtbot, screen.editor.details.start_day, f"{ahead.month}/{ahead.day}/{ahead.year}")
    click(qtbot, screen.editor.save_button)

    promoted = "Bruno Lopes moved up from the waitlist and has a place on Marshals."
    assert promoted in main_window.statusBar().currentMessage()
    click_tab(qtbot, screen, SHIFTS)
    assert tab.notice.text.text() == promoted
    assert signup_statuses(screen)["Bruno Lopes"] == "Signed up, moved up from the waitlist"
    (entry,) = volunteers.get_volunteer(db, bruno).history
    assert entry.status == SignUpStatus.SIGNED_UP and entry.promoted_at is not None


def test_cancelling_with_a_waitlist_names_who_gets_the_place_and_without_one_says_it_stays_free(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = gui_context.db
    event_id = _rally(gui_context, dt.date.today() + dt.timedelta(days=10), shifts=("Marshals",), capacity=1)
    (shift,) = events.get_event(db, event_id).shifts
    signups.sign_up(db, _person(gui_context, "Carlos", "Almeida"), shift.id)
    signups.sign_up(db, _person(gui_context, "Bruno", "Lopes"), shift.id)
    asked: list[str] = []

    def answer(parent: object, title: str, text: str, *args: object) -> Button:
        asked.append(text)
        return Button.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, 0)
    click_tab(qtbot, screen, SHIFTS)
    tab = screen.editor.shifts
    tab.select_signup("Carlos Almeida")
    click(qtbot, tab.cancel_button)
    assert asked[-1].endswith("Bruno Lopes is first on the waitlist and will get the place.")
    assert "Bruno Lopes moved up from the waitlist and has a place on Marshals." in (
        main_window.statusBar().currentMessage()
    )

    tab.select_signup("Bruno Lopes")
    click(qtbot, tab.cancel_button)
    assert asked[-1].endswith("Nobody is on the waitlist, so the place will stay free.")
    assert main_window.statusBar().currentMessage() == (
        "Sign-up of Bruno Lopes cancelled. Nobody is on the waitlist, so the place is free."
    )


def test_the_calendar_opens_from_the_keyboard_and_a_picked_day_is_the_fields(
    qtbot: QtBot, gui_context: GuiContext
) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    field.setDate(QDate(2026, 12, 3))
    field.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_F4)
    qtbot.waitUntil(field.menu.isVisible)
    assert field.calendar.selectedDate() == QDate(2026, 12, 3)
    with qtbot.waitSignal(field.dateChanged):
        field.calendar.clicked.emit(QDate(2026, 12, 10))  # as a click on the 10th does
    assert not field.menu.isVisible()
    assert field.edit.text() == "12/10/2026"
