"""The one background helper: results and errors come back on the UI thread, Cancel stops the
work, and work that must not be interrupted gets a dialog without Cancel that blocks at once."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from rallyorg.gui.background import Task, run_in_background


def _parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_result_and_progress_come_back_on_the_ui_thread(qtbot: QtBot) -> None:
    parent = _parent(qtbot)
    results: list[tuple[int, bool]] = []

    def work(task: Task) -> int:
        for step in range(3):
            task.progress(step + 1, 3, "counting")
        return 42

    def done(value: int) -> None:
        results.append((value, threading.current_thread() is threading.main_thread()))

    run_in_background(parent, "Counting", work, done)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [(42, True)]


def test_cancel_stops_the_work_and_nothing_is_reported(qtbot: QtBot) -> None:
    parent = _parent(qtbot)
    reached: list[int] = []
    succeeded: list[object] = []

    def work(task: Task) -> None:
        for step in range(200):
            reached.append(step)
            task.progress(step, 200)
            threading.Event().wait(0.01)

    task = run_in_background(parent, "Long", work, succeeded.append)
    qtbot.waitUntil(lambda: len(reached) > 5, timeout=5000)
    task.cancel()
    qtbot.wait(200)
    assert task.cancelled and not succeeded and len(reached) < 200


def test_work_that_must_not_be_interrupted_blocks_at_once_without_cancel(qtbot: QtBot) -> None:
    parent = _parent(qtbot)
    release = threading.Event()
    finished: list[object] = []
    run_in_background(parent, "Restoring", lambda task: release.wait(5), finished.append, cancellable=False)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(QProgressDialog)), timeout=2000)
    [dialog] = parent.findChildren(QProgressDialog)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal  # the window takes no input
    assert [b for b in dialog.findChildren(QPushButton) if b.isVisible()] == []  # no Cancel
    release.set()
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)


def test_work_whose_window_goes_away_is_let_go(qtbot: QtBot) -> None:
    """A window rebuilt (language switch) while its preview renders: nothing keeps the work's
    result, or the window's Python side, alive afterwards; the work is told to stop."""
    from rallyorg.gui import background

    parent = QWidget()
    started, release = threading.Event(), threading.Event()
    tasks: list[Task] = []

    def work(task: Task) -> int:
        tasks.append(task)
        started.set()
        release.wait(5)
        return 1

    run_in_background(parent, "Rendering", work, lambda value: None, show_progress=False)
    assert started.wait(5)
    before = len(background._running)
    parent.deleteLater()
    qtbot.waitUntil(lambda: len(background._running) == before - 1, timeout=3000)
    release.set()
    assert tasks[0].cancelled
