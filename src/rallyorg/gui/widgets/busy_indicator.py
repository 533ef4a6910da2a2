"""The status bar's sign that the database is working: a moving bar and a busy cursor.

Shown only once a call has taken ``data_access.BUSY_AFTER_MS`` (a local file answers well
before that, so nobody sees it flicker); on a slow server it says the app is waiting, not hung.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from rallyorg.i18n import _


class BusyIndicator(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        self.label = QLabel(_("Working…"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # no known length: the bar moves to and fro
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(80)
        self.bar.setAccessibleName(_("Working…"))
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self._cursor_set = False
        self.hide()

    def set_busy(self, busy: bool) -> None:
        self.setVisible(busy)
        if busy and not self._cursor_set:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self._cursor_set = True
        elif not busy and self._cursor_set:
            QGuiApplication.restoreOverrideCursor()
            self._cursor_set = False
