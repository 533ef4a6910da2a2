"""While another rallyorg holds the write lock: a "waiting…" dialog the person can stop.

A save runs on the database thread (gui/data_access.py). When another process — a long
import from the command line, a second window on the same file — is writing, SQLite makes
the save wait for its turn (db.py asks ``on_busy`` every half second). The window then shows
this dialog instead of freezing or failing: it closes by itself once the save goes through,
and "Stop waiting" gives up, with nothing saved and the reason said.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from rallyorg.i18n import _

POLL_MS = 50


class LockWait:
    def __init__(self) -> None:
        self.asked = threading.Event()  # the database thread is waiting for the lock
        self.stopped = threading.Event()  # the person chose to stop waiting
        self.dialog: QProgressDialog | None = None

    def on_busy(self, _seconds: float) -> bool:
        """Called on the database thread each time the lock is still taken."""
        self.asked.set()
        return not self.stopped.is_set()

    def should_ask(self) -> bool:
        return self.asked.is_set() and not self.stopped.is_set()

    def reset(self) -> None:
        self.asked.clear()
        self.stopped.clear()

    def show_until_done(self, future: Future[Any]) -> None:
        """A modal dialog until ``future`` finishes or the person stops waiting."""
        dialog = QProgressDialog(
            _("Another rallyorg is writing to this database (an import, perhaps). Waiting for it to finish…"),
            _("Stop waiting"),
            0,
            0,
            QApplication.activeWindow(),
        )
        dialog.setWindowTitle(_("Waiting for the database"))
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self.stopped.set)
        # Not the dialog's child: the dialog goes with its parent window, which may close
        # while it waits (a test's window did), and the timer must still be there to stop.
        watcher = QTimer()
        watcher.setInterval(POLL_MS)
        watcher.timeout.connect(lambda: dialog.done(0) if future.done() else None)
        watcher.start()
        self.dialog = dialog
        try:
            dialog.exec()
        finally:
            self.dialog = None
            watcher.stop()
            if shiboken6.isValid(dialog):
                dialog.deleteLater()
