"""A rally's attendance in its history: the Details tab shows who came — volunteers checked
in on shifts, walk-ins, people counted at the door, all of them against the expected number —
follows check-ins made at the check-in table, and before the rally's day says where the
numbers will come from."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from rallyorg.domain.events import EventData, EventInput, EventTextInput
from rallyorg.domain.shifts import ShiftInput
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.gui.checkin.screen import CheckInScreen
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.rallies.attendance_panel import HINT_PAGE, NUMBERS_PAGE, AttendancePanel
from rallyorg.gui.rallies.editor import DETAILS, TEXTS
from rallyorg.gui.rallies.screen import RalliesScreen
from rallyorg.services import Database, attendance, events, signups, volunteers
from rallyorg.services.attendance import AttendeeInput, WalkInInput
from rallyorg.services.events import local_datetime

LEFT = Qt.MouseButton.LeftButton
ZONE = "America/New_York"


def make_rally(db: Database, title: str, day: dt.date, expected: int | None = None) -> EventData:
    return events.create_event(
        db,
        EventInput(
            starts_at=local_datetime(day, dt.time(11, 0), ZONE),
            ends_at=local_datetime(day, dt.time(14, 0), ZONE),
            timezone=ZONE,
            expected_attendance=expected,
            texts={"en": EventTextInput(title=title)},
        ),
    )


def past_rally_with_attendance(db: Database) -> EventData:
    """A rally a month ago: a marshal shift with two volunteers signed up, one checked in;
    a walk-in who helped without a shift; two people counted at the door (one left a name)."""
    day = dt.date.today() - dt.timedelta(days=30)
    rally = make_rally(db, "Vigil for Family Unity", day, expected=150)
    shift = signups.add_shift(
        db,
        rally.id,
        ShiftInput(
            role="Marshal",
            starts_at=local_datetime(day, dt.time(10, 0), ZONE),
            ends_at=local_datetime(day, dt.time(14, 0), ZONE),
            capacity=5,
        ),
    )
    ana = volunteers.create_volunteer(db, VolunteerInput(given_name="Ana", family_name="Souza"))
    jose = volunteers.create_volunteer(db, VolunteerInput(given_name="José", family_name="Núñez"))
    signups.check_in(db, signups.sign_up(db, ana.id, shift.id).id)
    signups.sign_up(db, jose.id, shift.id)
    attendance.walk_in(db, rally.id, WalkInInput(given_name="Rosa", family_name="Pérez", keep_details=True))
    attendance.count_attendee(db, rally.id)
    attendance.record_attendee(db, rally.id, AttendeeInput(name="Marta Lima"))
    return rally


def open_rally(window: MainWindow, context: GuiContext, qtbot: QtBot, rally_id: int) -> RalliesScreen:
    if window.pages.currentIndex() != 0:
        window._welcome_done()
    qtbot.mouseClick(window.rail.button("rallies"), LEFT)
    screen = window.current_screen
    assert isinstance(screen, RalliesScreen)
    screen.open_record(rally_id)
    screen.editor.show_tab(DETAILS)
    assert context.access.wait_idle()
    return screen


def figures(panel: AttendancePanel) -> tuple[str, ...]:
    return tuple(panel.numbers[key].text() for key in ("on_shifts", "walk_ins", "public", "total"))


def test_a_past_rally_shows_who_came_and_follows_check_ins(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    rally = past_rally_with_attendance(db)
    screen = open_rally(main_window, gui_context, qtbot, rally.id)
    panel = screen.editor.details.attendance_panel
    assert panel.isVisible() and panel.pages.currentIndex() == NUMBERS_PAGE
    # On shifts, walk-ins, at the door, in all — as the service counts them.
    assert figures(panel) == ("1", "1", "2", "4")
    assert [panel.captions[k].text() for k in ("on_shifts", "walk_ins", "public", "total")] == [
        "On shifts",
        "Walk-ins",
        "At the door",
        "In all",
    ]
    assert panel.numbers["total"].accessibleName() == "In all: 4"
    assert panel.expected.text() == "4 of 150 expected"
    # The comparison follows the expected attendance as it is typed, saved or not.
    screen.editor.details.attendance.setValue(200)
    assert panel.expected.text() == "4 of 200 expected"
    screen.editor.details.attendance.setValue(150)

    # "Open check-in" goes to the check-in table for this rally; José is checked in there.
    assert panel.open_button.isVisible()
    qtbot.mouseClick(panel.open_button, LEFT)
    checkin = main_window.current_screen
    assert isinstance(checkin, CheckInScreen)
    assert checkin.chosen_event is not None and checkin.chosen_event.id == rally.id
    qtbot.keyClicks(checkin.search, "jose")
    checkin.search.flush()
    qtbot.keyClick(checkin.search, Qt.Key.Key_Return)
    assert checkin.banner.text() == "✓ José Núñez checked in"

    qtbot.mouseClick(main_window.rail.button("rallies"), LEFT)
    assert gui_context.access.wait_idle()
    assert main_window.current_screen is screen and screen.shown_event() is not None
    assert screen.shown_event().id == rally.id and screen.editor.tabs.currentIndex() == DETAILS
    assert figures(panel) == ("2", "1", "2", "5")
    assert panel.expected.text() == "5 of 150 expected"
    assert attendance.attendance(db, rally.id).on_shifts == 2


def test_a_count_at_the_door_reaches_a_rally_with_unsaved_edits(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    rally = past_rally_with_attendance(gui_context.db)
    screen = open_rally(main_window, gui_context, qtbot, rally.id)
    panel = screen.editor.details.attendance_panel
    screen.editor.details.public_url.setText("https://example.org/vigil")
    assert screen.editor.is_dirty()

    qtbot.mouseClick(panel.open_button, LEFT)
    checkin = main_window.current_screen
    assert isinstance(checkin, CheckInScreen)
    qtbot.mouseClick(checkin.door.count_button, LEFT)
    qtbot.mouseClick(main_window.rail.button("rallies"), LEFT)
    assert gui_context.access.wait_idle()

    assert figures(panel) == ("1", "1", "3", "5")
    assert screen.editor.details.public_url.text() == "https://example.org/vigil"  # edits kept
    assert screen.editor.is_dirty()


def test_a_future_rally_says_when_attendance_is_counted(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    past = past_rally_with_attendance(db)
    future = make_rally(db, "Rally for the TRUST Act", dt.date.today() + dt.timedelta(days=10), 400)
    screen = open_rally(main_window, gui_context, qtbot, past.id)
    panel = screen.editor.details.attendance_panel
    past_height, form_bottom = panel.height(), panel.y()

    screen.open_record(future.id)
    assert gui_context.access.wait_idle()
    assert panel.isVisible() and panel.pages.currentIndex() == HINT_PAGE
    assert panel.hint.isVisible()
    assert panel.hint.text() == "Attendance is counted at check-in on the day."
    assert not panel.open_button.isVisible()
    # Nothing moves between a past and a future rally: the same place, the same height.
    assert (panel.height(), panel.y()) == (past_height, form_bottom)

    # A past rally opened again shows its own figures, never the last ones shown.
    screen.open_record(past.id)
    assert gui_context.access.wait_idle()
    assert panel.pages.currentIndex() == NUMBERS_PAGE and figures(panel) == ("1", "1", "2", "4")


def test_a_new_rally_has_no_attendance_yet(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    past = past_rally_with_attendance(gui_context.db)
    screen = open_rally(main_window, gui_context, qtbot, past.id)
    screen.new_record()
    assert screen.editor.tabs.currentIndex() == TEXTS
    screen.editor.show_tab(DETAILS)
    panel = screen.editor.details.attendance_panel
    assert panel.pages.currentIndex() == HINT_PAGE and not panel.open_button.isVisible()
