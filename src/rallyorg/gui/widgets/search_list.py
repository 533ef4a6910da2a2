"""Search-then-pick from the keyboard: while the search field has the focus, Up/Down (and
Page Up/Down, Home/End with Ctrl) move the highlighted row of the results, and Enter picks it.
The typing never leaves the field, as in a mail client's address box."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

MOVES = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
}


class SearchListKeys(QObject):
    def __init__(
        self,
        search: QLineEdit,
        results: QAbstractItemView,
        pick: Callable[[], None],
        before_pick: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(search)
        self.search, self.results = search, results
        self._pick, self._before_pick = pick, before_pick
        search.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key in MOVES:
            model = self.results.model()
            if model is None or model.rowCount() == 0:
                return True
            if not self.results.currentIndex().isValid() or not self.results.selectionModel().hasSelection():
                # The first press lands on the first (or, going up, the last) row.
                row = 0 if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) else model.rowCount() - 1
                self.results.setCurrentIndex(model.index(row, 0))
            else:
                # Plain moves (no Shift): one row highlighted, as the list itself would do.
                copy = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, event.text())
                QApplication.sendEvent(self.results, copy)
            self.results.scrollTo(self.results.currentIndex())
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._before_pick is not None:
                self._before_pick()  # e.g. run a search still waiting for its debounce
            model = self.results.model()
            searched = bool(self.search.text().strip())
            if (
                searched
                and model is not None
                and model.rowCount()
                and not self.results.selectionModel().hasSelection()
            ):
                self.results.setCurrentIndex(model.index(0, 0))  # Enter on a search: the top match
            if self.results.selectionModel().hasSelection():
                self._pick()
            return True
        return False


def pick_with_keys(
    search: QLineEdit,
    results: QAbstractItemView,
    pick: Callable[[], None],
    before_pick: Callable[[], None] | None = None,
) -> SearchListKeys:
    """The one way a search-then-pick dialog wires its keyboard."""
    return SearchListKeys(search, results, pick, before_pick)
