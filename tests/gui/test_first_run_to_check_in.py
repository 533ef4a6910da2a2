"""One organizer's whole morning, in one window: first run → sample coalition → a new rally →
a shift for two → three sign-ups (the third waits) → a cancellation (the wait is over) →
check-in by typing part of a name."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.gui.checkin.screen import CheckInScreen
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.rallies.editor import SHIFTS
from rallyorg.gui.rallies.screen import RalliesScreen
from rallyorg.gui.welcome import WelcomePage
from rallyorg.services import events, signups, volunteers

LEFT = Qt.MouseButton.LeftButton


def test_first_run_to_check_in(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = gui_context.db
    welcome = main_window.pages.currentWidget()
    assert isinstance(welcome, WelcomePage)
    qtbot.mouseClick(welcome.sample, LEFT)
    qtbot.waitUntil(lambda: main_window.pages.currentIndex() == 0, timeout=60_000)
    assert main_window.current_screen.key == "dashboard"

    # Three people who will want the same two places (fictional, added to the sample).
    for given, family in (("Zuleika", "Quixabeira"), ("Zoraida", "Quixabeíra"), ("Zeferino", "Quixabeira")):
        volunteers.create_volunteer(db, VolunteerInput(given_name=given, family_name=family))

    qtbot.mouseClick(main_window.rail.button("rallies"), LEFT)
    rallies = main_window.current_screen
    assert isinstance(rallies, RalliesScreen)
    rallies.new_record()
    qtbot.keyClicks(rallies.editor.texts.columns["en"].title, "Walk for Dignity")
    qtbot.keyClicks(rallies.editor.texts.columns["es"].title, "Caminata por la dignidad")
    qtbot.mouseClick(rallies.editor.save_button, LEFT)
    assert not rallies.has_unsaved_changes()
    rally = next(e for e in events.list_events(db, search="dignity"))
    assert rally.title("es") == "Caminata por la dignidad"

    # A shift for two people.
    rallies.editor.tabs.setCurrentIndex(SHIFTS)
    tab = rallies.editor.shifts
    qtbot.mouseClick(tab.add_button, LEFT)
    qtbot.keyClicks(tab.dialog.role, "Marshals")
    tab.dialog.capacity.selectAll()
    qtbot.keyClicks(tab.dialog.capacity, "2")
    qtbot.mouseClick(tab.dialog.buttons.buttons()[0], LEFT)

    # Three sign-ups through the assign dialog: the third goes on the waitlist.
    qtbot.mouseClick(tab.assign_button, LEFT)
    assign = tab.dialog
    qtbot.keyClicks(assign.search, "quixabeira")
    assign.search.flush()
    assert assign.results.count() == 3
    assign.results.selectAll()
    qtbot.mouseClick(assign.sign_up_button, LEFT)
    shift = signups.get_shift(db, tab.selected_shift().id)
    statuses = sorted(s.status for s in shift.signups)
    assert statuses.count(SignUpStatus.SIGNED_UP) == 2 and statuses.count(SignUpStatus.WAITLISTED) == 1
    waiting = next(s for s in shift.signups if s.status == SignUpStatus.WAITLISTED)
    leaving = next(s for s in shift.signups if s.status == SignUpStatus.SIGNED_UP)

    # One of the two cancels: the waitlisted person gets the place.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    row = [tab.signups.item(r, 0).text() for r in range(tab.signups.rowCount())].index(leaving.volunteer_name)
    tab.signups.selectRow(row)
    qtbot.mouseClick(tab.cancel_button, LEFT)
    shift = signups.get_shift(db, shift.id)
    promoted = next(s for s in shift.signups if s.id == waiting.id)
    assert promoted.status == SignUpStatus.SIGNED_UP
    assert f"{waiting.volunteer_name} moved up from the waitlist" in main_window.statusBar().currentMessage()

    # On the day: Check-in, type part of the promoted person's name, Enter.
    qtbot.mouseClick(main_window.rail.button("checkin"), LEFT)
    checkin = main_window.current_screen
    assert isinstance(checkin, CheckInScreen)
    checkin.open_record(rally.id)
    part = waiting.volunteer_name.split()[0][:4].lower()  # e.g. "zora", no accents typed
    qtbot.keyClicks(checkin.search, part)
    checkin.search.flush()
    qtbot.keyClick(checkin.search, Qt.Key.Key_Return)
    shift = signups.get_shift(db, shift.id)
    arrived = next(s for s in shift.signups if s.id == waiting.id)
    assert arrived.status == SignUpStatus.ATTENDED and arrived.checked_in_at is not None
    assert checkin.counter.text() == "1 checked in of 2 signed up"
