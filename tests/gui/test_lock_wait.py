"""A save while another rallyorg is writing the same file: the window says it is waiting,
saves once the other is done, or stops waiting when asked — with nothing half-saved."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from conftest import make_volunteer
from rallyorg.domain.errors import DatabaseBusyError
from rallyorg.gui.context import GuiContext
from rallyorg.services import volunteers

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def other_writer(gui_context: GuiContext) -> Iterator[sqlite3.Connection]:
    file = Path(gui_context.db.engine.url.database or "")
    connection = sqlite3.connect(file, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    yield connection
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    connection.close()


def waiting_dialog() -> QProgressDialog | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    return found[0] if found else None


def when_the_dialog_shows(act: Callable[[QProgressDialog], None]) -> QTimer:
    """Run ``act`` on the waiting dialog once it shows: the save below blocks the test in its
    own loop (the dialog's), so the other side of the test lives in a timer."""
    poll = QTimer()
    poll.setInterval(20)

    def look() -> None:
        dialog = waiting_dialog()
        if dialog is not None:
            poll.stop()
            act(dialog)

    poll.timeout.connect(look)
    poll.start()
    return poll


def test_a_save_waits_with_a_dialog_and_goes_through_when_the_other_is_done(
    gui_context: GuiContext, other_writer: sqlite3.Connection
) -> None:
    seen: list[str] = []

    def other_finishes(dialog: QProgressDialog) -> None:
        seen.append(dialog.labelText())
        other_writer.execute("COMMIT")

    poll = when_the_dialog_shows(other_finishes)
    saved = gui_context.call(lambda db: make_volunteer(db, "Bruno", "Lima"))
    poll.stop()
    assert saved.name == "Bruno Lima"
    assert len(seen) == 1 and seen[0].startswith("Another rallyorg is writing to this database")
    assert waiting_dialog() is None
    assert [v.name for v in volunteers.list_volunteers(gui_context.db)] == ["Bruno Lima"]


def test_stop_waiting_saves_nothing_and_says_why(
    gui_context: GuiContext, other_writer: sqlite3.Connection, qtbot: QtBot
) -> None:
    def stop_waiting(dialog: QProgressDialog) -> None:
        (stop,) = [b for b in dialog.findChildren(QPushButton) if b.text() == "Stop waiting"]
        qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)

    poll = when_the_dialog_shows(stop_waiting)
    with pytest.raises(DatabaseBusyError, match="nothing was saved"):
        gui_context.call(lambda db: make_volunteer(db, "Bruno", "Lima"))
    poll.stop()
    assert waiting_dialog() is None
    other_writer.execute("ROLLBACK")
    assert volunteers.list_volunteers(gui_context.db) == []
