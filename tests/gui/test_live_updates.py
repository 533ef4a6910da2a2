"""Other sessions' changes reach the open window within 2 s (gui/live_updates.py): another
organizer's sign-up appears in the Shifts tab on show, a volunteer added elsewhere appears in
the list, and what the user is typing in the rally's texts stays as typed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.gui.changes import Change, Op, Record
from rallyorg.gui.context import GuiContext
from rallyorg.gui.live_updates import changes_for
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.rallies.editor import SHIFTS, TEXTS
from rallyorg.services import Database, activity, events, open_database, signups, volunteers

from .test_rallies import LEFT, click_row, click_tab, make_event, open_rallies

WITHIN_MS = 2000


@pytest.fixture
def other_session(gui_context: GuiContext) -> Iterator[Database]:
    """A second organizer on the same database (its own connection and activity origin)."""
    db = open_database(gui_context.db.engine.url.render_as_string(hide_password=False))
    db.actor = "olga"
    yield db
    db.close()


def signed_up_names(window: MainWindow) -> list[str]:
    table = window.current_screen.editor.shifts.signups
    return [table.item(row, 0).text() for row in range(table.rowCount())]


def test_another_sessions_signup_appears_in_the_open_shifts_tab_within_2_s(
    main_window: MainWindow, gui_context: GuiContext, other_session: Database, qtbot: QtBot
) -> None:
    event_id = make_event(gui_context, "Vigil for Families", shifts=1)
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, 0)
    click_tab(qtbot, screen, SHIFTS)
    assert signed_up_names(main_window) == []
    # The user is typing a new title meanwhile: it must stay as typed.
    click_tab(qtbot, screen, TEXTS)
    title = screen.editor.texts.columns["en"].title
    title.end(False)
    qtbot.keyClicks(title, " and Friends")
    click_tab(qtbot, screen, SHIFTS)

    ana = volunteers.create_volunteer(other_session, VolunteerInput(given_name="Ana", family_name="Souza"))
    (shift,) = events.get_event(other_session, event_id).shifts
    signups.sign_up(other_session, ana.id, shift.id)

    qtbot.waitUntil(lambda: signed_up_names(main_window) == ["Ana Souza"], timeout=WITHIN_MS)
    assert screen.editor.texts.columns["en"].title.text() == "Vigil for Families and Friends"
    assert screen.has_unsaved_changes()


def test_a_volunteer_added_elsewhere_appears_in_the_list(
    main_window: MainWindow, gui_context: GuiContext, other_session: Database, qtbot: QtBot
) -> None:
    qtbot.mouseClick(main_window.pages.currentWidget().empty, LEFT)  # past the welcome page
    volunteers.create_volunteer(gui_context.db, VolunteerInput(given_name="Ana", family_name="Souza"))
    qtbot.mouseClick(main_window.rail.button("volunteers"), LEFT)
    model = main_window.current_screen.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=WITHIN_MS)
    volunteers.create_volunteer(other_session, VolunteerInput(given_name="Kofi", family_name="Mensah"))
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=WITHIN_MS)


def test_own_changes_are_not_news_and_entries_map_to_changes(gui_context: GuiContext) -> None:
    volunteers.create_volunteer(gui_context.db, VolunteerInput(given_name="Ana", family_name="Souza"))
    (entry,) = activity.changes_after(gui_context.db, 0)
    assert entry.origin == gui_context.db.origin
    assert changes_for([entry]) == [Change(Record.VOLUNTEERS, Op.INSERTED, frozenset({entry.record_id}))]


def test_a_change_made_while_the_window_opens_is_not_taken_as_seen(
    gui_context: GuiContext, other_session: Database, qtbot: QtBot
) -> None:
    """Where the log stands is read when the watcher starts, not on the database thread's
    turn: a sign-up written in between was counted as already seen, and never shown."""
    from PySide6.QtCore import QObject

    from rallyorg.gui.live_updates import ChangeWatcher

    owner = QObject()
    heard: list[Change] = []
    gui_context.events.changed.connect(heard.append)
    ChangeWatcher(gui_context, owner)
    # Before the event loop has run once: the window's first screens would still be loading.
    volunteers.create_volunteer(other_session, VolunteerInput(given_name="Ana", family_name="Souza"))
    qtbot.waitUntil(lambda: any(change.records & Record.VOLUNTEERS for change in heard), timeout=WITHIN_MS)
    owner.deleteLater()
