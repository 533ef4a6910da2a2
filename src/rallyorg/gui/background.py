"""The one helper that runs long work off the UI thread, with progress and Cancel.

``run_in_background(parent, title, work, on_success)`` calls ``work(task)`` in a thread
pool; ``work`` reports with ``task.progress(done, total, text)`` and stops early when
``task.cancelled`` is true (raising ``Cancelled``). A progress dialog appears if the work
takes longer than half a second. Results and errors come back on the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from rallyorg.i18n import _


class Cancelled(Exception):
    """Raised by work that noticed the user pressed Cancel."""


class Task:
    """Handed to background work: progress reporting and the cancel flag."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._signals.progress.emit(done, total, text)
        self.check()


class _Signals(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runner(QRunnable):
    def __init__(self, work: Callable[[Task], Any], signals: _Signals, task: Task) -> None:
        super().__init__()
        self.work, self.signals, self.task = work, signals, task

    def run(self) -> None:
        try:
            result = self.work(self.task)
        except BaseException as error:
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)


_running: set[_Signals] = set()  # keeps signal objects alive until their work ends


def run_in_background(
    parent: QWidget,
    title: str,
    work: Callable[[Task], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None] | None = None,
    *,
    show_progress: bool = True,
) -> Task:
    signals = _Signals()
    task = Task(signals)
    dialog: QProgressDialog | None = None
    if show_progress:
        dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.cancel)

        def show_progress_text(done: int, total: int, text: str) -> None:
            assert dialog is not None
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if text:
                dialog.setLabelText(text)

        signals.progress.connect(show_progress_text)

    def finish() -> None:
        _running.discard(signals)
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()

    def succeeded(result: Any) -> None:
        finish()
        on_success(result)

    def failed(error: BaseException) -> None:
        finish()
        if isinstance(error, Cancelled):
            return
        if on_failure is not None:
            on_failure(error)
        else:
            from rallyorg.gui.error_dialog import show_error

            show_error(parent, error)

    signals.succeeded.connect(succeeded)
    signals.failed.connect(failed)
    _running.add(signals)
    QThreadPool.globalInstance().start(_Runner(work, signals, task))
    return task
