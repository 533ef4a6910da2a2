"""Event-day attendance at the check-in table: walk-ins asked for consent in their language,
a full shift taken only when the organizer says so, the public counted at the door."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from rallyorg.domain.shifts import ShiftInput
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.services import events, signups, volunteers
from rallyorg.services.attendance import Attendance, attendance

from .test_checkin import NEW_YORK, open_checkin, rally_today


def test_a_walk_in_who_says_no_is_counted_and_nothing_is_kept(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    event, _ids = rally_today(gui_context.db)
    screen = open_checkin(main_window)
    walk_in = screen.walk_in
    qtbot.keyClicks(walk_in.name, "Rosa Perez")  # (QTest types ASCII only)
    assert not walk_in.consent.keep.isChecked()  # nothing assumed
    assert not walk_in.phone.isEnabled() and not walk_in.shift.isEnabled()
    assert "nothing is kept" in walk_in.hint.text()
    qtbot.mouseClick(walk_in.add_button, Qt.MouseButton.LeftButton)
    assert screen.banner.text() == "✓ Walk-in counted; nothing about them is kept"
    assert volunteers.list_volunteers(gui_context.db, search="rosa") == []
    assert attendance(gui_context.db, event.id) == Attendance(on_shifts=0, walk_ins=0, public=1, named=0)
    assert screen.door.tally.text() == "1 here · 1 at the door"


def test_the_consent_questions_are_asked_in_the_persons_language(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    rally_today(gui_context.db)
    consent = open_checkin(main_window).walk_in.consent
    assert consent.keep.text() == "May we keep your name and phone number as a volunteer?"
    consent.language.setCurrentIndex(consent.language.findData("es"))
    assert consent.language.currentText() == "Español"  # each language named in itself
    assert consent.keep.text() == "¿Podemos guardar su nombre y teléfono como voluntario/a?"
    consent.language.setCurrentIndex(consent.language.findData("pt_BR"))
    assert consent.contact.text() == "Podemos ligar ou mandar mensagem sobre próximos eventos?"
    assert not consent.contact.isEnabled()  # nobody is contacted whose details are not kept


def test_a_full_shift_takes_a_walk_in_only_when_the_organizer_says_so(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = gui_context.db
    event, _ids = rally_today(db)
    now = dt.datetime.now(NEW_YORK).replace(microsecond=0)
    small = signups.add_shift(
        db,
        event.id,
        ShiftInput(role="Interpreter", starts_at=now, ends_at=now + dt.timedelta(hours=1), capacity=1),
    )
    taken = volunteers.create_volunteer(db, VolunteerInput(given_name="Lucía", family_name="Ortiz"))
    signups.sign_up(db, taken.id, small.id)
    screen = open_checkin(main_window)
    walk_in = screen.walk_in
    walk_in.consent.keep.click()
    walk_in.shift.setCurrentIndex(walk_in.shift.findData(small.id))
    assert walk_in.shift.currentText().endswith("1 of 1 (full)")
    questions: list[str] = []

    def answer(reply: QMessageBox.StandardButton) -> None:
        def ask(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
            questions.append(text)
            return reply

        monkeypatch.setattr(QMessageBox, "question", ask)

    answer(QMessageBox.StandardButton.No)
    qtbot.keyClicks(walk_in.name, "Diego Luna")
    qtbot.mouseClick(walk_in.add_button, Qt.MouseButton.LeftButton)
    assert questions == ["The Interpreter shift is full (1 of 1). Add Diego Luna anyway, as 2 of 1?"]
    assert walk_in.name.text() == "Diego Luna"  # nothing added, nothing lost
    assert volunteers.list_volunteers(db, search="diego") == []

    answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(walk_in.add_button, Qt.MouseButton.LeftButton)
    assert screen.banner.text() == "✓ Diego Luna added to Interpreter, over its capacity, and checked in"
    interpreters = next(s for s in events.get_event(db, event.id).shifts if s.id == small.id)
    assert sorted(s.volunteer_name for s in interpreters.signups) == ["Diego Luna", "Lucía Ortiz"]


def test_people_at_the_door_are_counted_and_a_guest_named_with_consent(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    event, _ids = rally_today(db)
    screen = open_checkin(main_window)
    door = screen.door
    for _ in range(3):
        qtbot.mouseClick(door.count_button, Qt.MouseButton.LeftButton)
    assert door.tally.text() == "3 here · 3 at the door"
    qtbot.mouseClick(screen.undo_button, Qt.MouseButton.LeftButton)  # one click too many
    assert door.tally.text() == "2 here · 2 at the door"

    dialog = door.add_guest()
    assert dialog is not None
    dialog.name.setText("Graça Souza")
    assert not dialog.phone.isEnabled()  # no number without a yes to being contacted
    dialog.consent.language.setCurrentIndex(dialog.consent.language.findData("pt_BR"))
    dialog.consent.contact.click()
    qtbot.keyClicks(dialog.phone, "203 555 0177")
    dialog.accept()
    assert screen.banner.text() == "✓ Graça Souza counted"
    assert attendance(db, event.id) == Attendance(on_shifts=0, walk_ins=0, public=3, named=1)
    assert door.tally.text() == "3 here · 3 at the door"


def test_the_dashboard_shows_attendance_at_recent_events(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    from rallyorg.gui.dashboard import DashboardScreen
    from rallyorg.services.attendance import WalkInInput, count_attendee, walk_in

    db = gui_context.db
    event, ids = rally_today(db)
    signups.check_in(db, ids["José Núñez"])
    walk_in(db, event.id, WalkInInput("Noor", keep_details=True))
    for _ in range(4):
        count_attendee(db, event.id)
    main_window._welcome_done()
    dashboard = main_window.show_place("dashboard")
    assert isinstance(dashboard, DashboardScreen)
    table = dashboard.attendance
    qtbot.waitUntil(lambda: table.rowCount() > 0)  # loaded in the background
    assert table.rowCount() == 1  # next week's rally has not happened yet
    row = [table.item(0, column).text() for column in range(table.columnCount())]
    assert row[1:] == ["Vigil for Family Unity", "1", "1", "4", "6"]
