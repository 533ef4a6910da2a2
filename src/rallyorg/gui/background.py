"""The one helper that runs long work off the UI thread, with progress and Cancel.

``run_in_background(parent, title, work, on_success)`` calls ``work(task)`` on a worker
thread; ``work`` reports with ``task.progress(done, total, text)`` and stops early when
``task.cancelled`` is true (``task.check()`` raises ``Cancelled``). A progress dialog
appears if the work takes longer than half a second. Results and errors come back on the UI
thread.

Why a queue and a timer rather than Qt signals from a QRunnable: the worker then never owns
or releases a Qt object. Releasing the last reference to a signal-carrying object on the
worker thread while the UI thread closed the progress dialog deadlocked both threads (seen
under gdb); here the worker only touches a ``queue.SimpleQueue`` and a ``threading.Event``.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from rallyorg.i18n import _

POLL_MS = 40


class Cancelled(Exception):
    """Raised by work that noticed the user pressed Cancel."""


class Task:
    """Handed to background work: progress reporting and the cancel flag."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self.messages: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.messages.put(("progress", (done, total, text)))
        self.check()


_running: set[_Watcher] = set()  # keeps watchers alive until their work ends


class _Watcher:
    """UI-thread side: drains the task's messages, drives the dialog, calls back once."""

    def __init__(
        self,
        parent: QWidget,
        task: Task,
        dialog: QProgressDialog | None,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        self.task, self.dialog = task, dialog
        self.on_success, self.on_failure = on_success, on_failure
        self.timer = QTimer(parent)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        # The timer dies with its parent: if the parent goes first (a window rebuilt while a
        # preview renders), nothing would ever collect the result; let it go, and the work stop.
        self.timer.destroyed.connect(self._abandon)

    def _abandon(self) -> None:
        self.task.cancel()
        _running.discard(self)

    def poll(self) -> None:
        while True:
            try:
                kind, payload = self.task.messages.get_nowait()
            except queue.Empty:
                return
            if kind == "progress":
                self._show_progress(*payload)
            else:
                self._finish()
                if kind == "succeeded":
                    self.on_success(payload)
                else:
                    self.on_failure(payload)
                return

    def _show_progress(self, done: int, total: int, text: str) -> None:
        if self.dialog is None:
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text:
            self.dialog.setLabelText(text)

    def _finish(self) -> None:
        self.timer.stop()
        self.timer.deleteLater()  # else every task leaves a timer behind on its parent
        _running.discard(self)
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None


def run_in_background(
    parent: QWidget,
    title: str,
    work: Callable[[Task], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None] | None = None,
    *,
    show_progress: bool = True,
    cancellable: bool = True,
) -> Task:
    """``cancellable=False`` is for work that must not be left half-way or raced by the user
    (a restore): the dialog has no Cancel and blocks the window at once, not after 500 ms."""
    task = Task()
    dialog: QProgressDialog | None = None
    if show_progress:
        dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500 if cancellable else 0)
        if not cancellable:
            dialog.setCancelButton(None)
            dialog.show()  # a progress dialog otherwise waits for its first progress report
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        cancel_flag = task._cancel
        dialog.canceled.connect(lambda: cancel_flag.set())

    def failed(error: BaseException) -> None:
        if isinstance(error, Cancelled):
            return
        if on_failure is not None:
            on_failure(error)
        else:
            from rallyorg.gui.error_dialog import show_error

            show_error(parent, error)

    watcher = _Watcher(parent, task, dialog, on_success, failed)
    _running.add(watcher)

    def run() -> None:
        try:
            result = work(task)
        except BaseException as error:
            task.messages.put(("failed", error))
        else:
            task.messages.put(("succeeded", result))

    threading.Thread(target=run, name=f"rallyorg: {title}", daemon=True).start()
    watcher.timer.start()
    return task
