"""The Check-in search box: twice the normal size, Down goes to the results, Escape
clears, and Ctrl+Z is left to the window (undo the last check-in)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

from rallyorg.gui.widgets.search_field import SearchField
from rallyorg.gui.widgets.style import scaled_font
from rallyorg.i18n import _


class BigSearchField(SearchField):
    """The search box: twice the normal size; Down moves into the results."""

    def __init__(self, results: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(_("Type a name, then press Enter to check in"), parent)
        self._results = results
        self.setFont(scaled_font(self, 2.0))
        self.setAccessibleName(_("Find a person to check in"))

    def event(self, event: QEvent) -> bool:
        # Ctrl+Z here means "undo the last check-in" (the window's Undo), not "undo typing":
        # a line edit would otherwise claim the shortcut for its own text.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Undo)
        ):
            event.ignore()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self._results.setFocus()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            return
        super().keyPressEvent(event)
