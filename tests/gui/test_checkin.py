"""Check-in mode, driven by the keyboard alone: type a few letters, Enter, walk-ins, undo."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.events import EventData, EventInput, EventTextInput
from rallyorg.domain.shifts import ShiftInput, SignUpData
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.gui.checkin.choice import default_event, split_name, walk_in_shift
from rallyorg.gui.checkin.results import NAME, STATE
from rallyorg.gui.checkin.screen import CheckInScreen
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.services import Database, events, signups, volunteers

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
ENTER = Qt.Key.Key_Return


def make_event(db: Database, title: str, starts_at: dt.datetime) -> EventData:
    return events.create_event(
        db,
        EventInput(
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=3),
            texts={"en": EventTextInput(title=title)},
        ),
    )


def rally_today(db: Database) -> tuple[EventData, dict[str, int]]:
    """Today's rally with one marshal shift and three volunteers signed up; returns sign-up
    ids by name."""
    now = dt.datetime.now(NEW_YORK).replace(microsecond=0)
    event = make_event(db, "Vigil for Family Unity", now - dt.timedelta(minutes=30))
    shift = signups.add_shift(
        db,
        event.id,
        ShiftInput(
            role="Marshal",
            starts_at=now - dt.timedelta(hours=1),
            ends_at=now + dt.timedelta(hours=2),
            capacity=10,
        ),
    )
    ids = {}
    for given, family in (("José", "Núñez"), ("Ana", "Souza"), ("Josefina", "Pérez")):
        person = volunteers.create_volunteer(db, VolunteerInput(given_name=given, family_name=family))
        ids[f"{given} {family}"] = signups.sign_up(db, person.id, shift.id).id
    # Another event next week must not be the default.
    make_event(db, "Rally for the TRUST Act", now + dt.timedelta(days=7))
    return event, ids


def open_checkin(window: MainWindow) -> CheckInScreen:
    window._welcome_done() if window.pages.currentIndex() != 0 else None
    window.activateWindow()
    screen = window.show_place("checkin")
    assert isinstance(screen, CheckInScreen)
    return screen


def status_of(db: Database, event_id: int, signup_id: int) -> SignUpData:
    event = events.get_event(db, event_id)
    return next(s for shift in event.shifts for s in shift.signups if s.id == signup_id)


def test_keyboard_only_check_in_walk_in_and_undo(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    event, ids = rally_today(db)
    screen = open_checkin(main_window)
    qtbot.waitUntil(lambda: screen.search.hasFocus(), timeout=2000)
    assert screen.chosen_event is not None and screen.chosen_event.id == event.id
    assert screen.counter.text() == "0 checked in of 3 signed up"
    assert screen.search.font().pointSizeF() >= 1.9 * QApplication.font().pointSizeF()

    # Type without the accent; José Núñez is the top row; Enter checks him in.
    qtbot.keyClicks(screen.search, "jose")
    screen.search.flush()
    assert screen.results.item(0, NAME).text() == "José Núñez"
    assert [r.name for r in screen.results.rows] == ["José Núñez", "Josefina Pérez"]
    qtbot.keyClick(screen.search, ENTER)

    jose = status_of(db, event.id, ids["José Núñez"])
    assert jose.status == SignUpStatus.ATTENDED and jose.checked_in_at is not None
    assert screen.counter.text() == "1 checked in of 3 signed up"
    assert screen.banner.text() == "✓ José Núñez checked in"
    assert screen.banner.opacity == 1.0 and screen.banner.is_fading_out()
    assert screen.search.hasFocus() and screen.search.selectedText() == "jose"
    # Checked-in rows say so in words (with the time) and go below the ones still waiting.
    assert [r.name for r in screen.results.rows] == ["Josefina Pérez", "José Núñez"]
    assert screen.results.item(1, STATE).text().startswith("Checked in ")
    assert screen.results.cellWidget(1, STATE) is None and screen.results.cellWidget(0, STATE) is not None

    # Tab order, as the conversation goes: search → results → walk-in name → the consent
    # questions (in the person's language) → phone → shift.
    qtbot.keyClick(screen.search, Qt.Key.Key_Tab)
    assert screen.results.hasFocus()
    qtbot.keyClick(screen.results, Qt.Key.Key_Tab)
    walk_in = screen.walk_in
    assert walk_in.name.hasFocus()
    qtbot.keyClicks(walk_in.name, "Maria da Silva Santos")
    qtbot.keyClick(walk_in.name, Qt.Key.Key_Tab)
    assert walk_in.consent.language.hasFocus()
    qtbot.keyClick(walk_in.consent.language, Qt.Key.Key_Tab)
    assert walk_in.consent.keep.hasFocus() and not walk_in.phone.isEnabled()  # no number before a yes
    qtbot.keyClick(walk_in.consent.keep, Qt.Key.Key_Space)
    qtbot.keyClick(walk_in.consent.keep, Qt.Key.Key_Tab)
    qtbot.keyClick(walk_in.consent.contact, Qt.Key.Key_Tab)
    assert walk_in.phone.hasFocus()
    qtbot.keyClicks(walk_in.phone, "203 555 0188")
    assert walk_in.shift.currentText().startswith("Marshal")  # the shift under way
    qtbot.keyClick(walk_in.phone, ENTER)

    walk_ins = volunteers.list_volunteers(db, search="santos")
    assert [(v.given_name, v.family_name, v.phone) for v in walk_ins] == [
        ("Maria da Silva", "Santos", "+12035550188")
    ]
    assert screen.counter.text() == "2 checked in of 4 signed up"
    assert screen.banner.text() == "✓ Maria da Silva Santos added to Marshal and checked in"
    assert walk_in.name.text() == "" and walk_in.phone.text() == ""
    assert not walk_in.consent.keep.isChecked()  # the next person is asked again
    assert screen.search.hasFocus()

    # Undo the last check-in with the keyboard: Tab to the Undo button, Space.
    walk_in.add_button.setFocus()
    qtbot.keyClick(walk_in.add_button, Qt.Key.Key_Tab)
    assert screen.undo_button.hasFocus() and screen.undo_button.isEnabled()
    qtbot.keyClick(screen.undo_button, Qt.Key.Key_Space)
    assert screen.counter.text() == "1 checked in of 3 signed up"  # added by mistake: taken back
    assert volunteers.list_volunteers(db, search="santos") == []
    assert screen.banner.text() == "Check-in of Maria da Silva Santos undone"
    assert not screen.undo_button.isEnabled()
    assert screen.search.hasFocus()

    # Ctrl+Z (the window's Undo) takes back José's check-in, the one before.
    qtbot.keyClick(screen.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    jose = status_of(db, event.id, ids["José Núñez"])
    assert jose.status == SignUpStatus.SIGNED_UP and jose.checked_in_at is None
    assert screen.counter.text() == "0 checked in of 3 signed up"


def test_enter_checks_in_nobody_when_the_letters_fit_two_people(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    event, _ids = rally_today(db)
    shift_id = events.get_event(db, event.id).shifts[0].id
    itzels = {}
    for family in ("Flores", "Rivera"):
        person = volunteers.create_volunteer(db, VolunteerInput(given_name="Itzel", family_name=family))
        itzels[family] = signups.sign_up(db, person.id, shift_id).id
    screen = open_checkin(main_window)
    qtbot.waitUntil(lambda: screen.search.hasFocus(), timeout=2000)

    qtbot.keyClicks(screen.search, "itzel")
    qtbot.keyClick(screen.search, ENTER)
    assert screen.counter.text() == "0 checked in of 5 signed up"
    assert screen.banner.text() == "2 people match “itzel”: type more of the name, or press ↓ to choose"
    assert screen.search.text() == "itzel" and screen.search.selectedText() == ""  # ready for more
    qtbot.keyClicks(screen.search, " r")
    qtbot.keyClick(screen.search, ENTER)
    assert status_of(db, event.id, itzels["Rivera"]).status == SignUpStatus.ATTENDED
    assert status_of(db, event.id, itzels["Flores"]).status == SignUpStatus.SIGNED_UP
    assert screen.banner.text() == "✓ Itzel Rivera checked in"


def test_enter_with_no_match_offers_a_walk_in(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    rally_today(gui_context.db)
    screen = open_checkin(main_window)
    qtbot.keyClicks(screen.search, "wes")
    qtbot.keyClick(screen.search, ENTER)
    assert screen.counter.text() == "0 checked in of 3 signed up"
    assert "No one signed up matches “wes”" in screen.message.text()
    assert screen.banner.text() == "Not on the list: add them as a walk-in"
    assert screen.walk_in.name.text() == ""  # a few letters are not a name
    qtbot.keyClicks(screen.search, "Wesley Joseph")  # replaces the selected text
    qtbot.keyClick(screen.search, ENTER)
    assert screen.walk_in.name.text() == "Wesley Joseph"
    assert screen.search.hasFocus()


def test_walk_in_with_a_bad_phone_keeps_what_was_typed(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    rally_today(gui_context.db)
    screen = open_checkin(main_window)
    screen.walk_in.name.setFocus()
    qtbot.keyClicks(screen.walk_in.name, "Wesley Joseph")
    screen.walk_in.consent.keep.click()
    screen.walk_in.phone.setFocus()
    qtbot.keyClicks(screen.walk_in.phone, "12")
    qtbot.keyClick(screen.walk_in.phone, ENTER)
    assert screen.walk_in.phone.hasFocus()
    assert screen.walk_in.phone.accessibleDescription() == "Not a valid phone number: 12"
    assert screen.walk_in.name.text() == "Wesley Joseph"
    assert screen.counter.text() == "0 checked in of 3 signed up"


def test_open_record_selects_the_event(main_window: MainWindow, gui_context: GuiContext) -> None:
    event, _ids = rally_today(gui_context.db)
    later = next(e for e in events.list_events(gui_context.db) if e.id != event.id)
    main_window._welcome_done()
    main_window.open_record("checkin", later.id)
    screen = main_window.screens["checkin"]
    assert isinstance(screen, CheckInScreen)
    assert screen.chosen_event is not None and screen.chosen_event.id == later.id
    assert screen.counter.text() == "0 checked in of 0 signed up"
    # No shifts yet: a walk-in can still come, to help without a shift.
    assert screen.walk_in.name.isEnabled()
    shift = screen.walk_in.shift
    assert [shift.itemText(i) for i in range(shift.count())] == ["No shift: helping where needed"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Maria da Silva Souza", ("Maria da Silva", "Souza")),
        ("  Ana   Souza ", ("Ana", "Souza")),
        ("Ana", ("Ana", "")),
        ("", ("", "")),
    ],
)
def test_walk_in_name_is_split_on_the_last_space(typed: str, expected: tuple[str, str]) -> None:
    assert split_name(typed) == expected


def test_default_event_and_walk_in_shift(gui_context: GuiContext) -> None:
    db = gui_context.db
    now = dt.datetime(2025, 5, 20, 18, 0, tzinfo=dt.UTC)  # 2 PM in New York
    past = make_event(db, "Past", dt.datetime(2025, 5, 1, 15, tzinfo=NEW_YORK))
    tonight = make_event(db, "Tonight", dt.datetime(2025, 5, 20, 19, tzinfo=NEW_YORK))
    make_event(db, "Next week", dt.datetime(2025, 5, 27, 15, tzinfo=NEW_YORK))
    listed = events.list_events(db)
    assert default_event(listed, now).id == tonight.id
    assert default_event([e for e in listed if e.id != tonight.id], now).title() == "Next week"
    assert default_event([e for e in listed if e.id == past.id], now).id == past.id

    for role, hour in (("Setup", 17), ("Marshal", 19)):
        start = dt.datetime(2025, 5, 20, hour, tzinfo=NEW_YORK)
        signups.add_shift(db, tonight.id, ShiftInput(role, start, start + dt.timedelta(hours=2), 5))
    event = events.get_event(db, tonight.id)
    assert walk_in_shift(event, now).role == "Setup"  # nothing under way: the next to start
    assert walk_in_shift(event, now + dt.timedelta(hours=3, minutes=30)).role == "Setup"  # under way
    assert walk_in_shift(event, now + dt.timedelta(hours=5, minutes=30)).role == "Marshal"  # under way
    assert walk_in_shift(event, now + dt.timedelta(days=1)).role == "Setup"  # all over: the first


def test_letters_typed_in_the_results_go_to_the_search(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    _event, ids = rally_today(gui_context.db)
    screen = open_checkin(main_window)
    qtbot.keyClick(screen.search, Qt.Key.Key_Down)
    assert screen.results.hasFocus()
    qtbot.keyClicks(screen.results, "souza")
    assert screen.search.hasFocus() and screen.search.text() == "souza"
    screen.search.flush()
    assert [r.name for r in screen.results.rows] == ["Ana Souza"]
    # Enter on a row in the list checks that row in.
    qtbot.keyClick(screen.search, Qt.Key.Key_Down)
    qtbot.keyClick(screen.results, ENTER)
    assert screen.counter.text() == "1 checked in of 3 signed up"
    assert screen.search.hasFocus()
    assert ids["Ana Souza"] == screen.results.rows[0].signup_id
