"""Suggestions under a line edit that never eat a click.

QCompleter's pop-up is a Qt::Popup window: it grabs the mouse, and a click anywhere else only
closes it — the click never reaches the field it was aimed at, so the next words land in the
field the pop-up belonged to (a City became "Danburyen, es"). These suggestions are a plain
child widget of the edit's window instead: nothing grabs the mouse, the edit keeps the focus
while the list is shown, a click elsewhere is an ordinary click (the edit loses focus and the
list closes), and Up/Down, Enter and Escape work from the keyboard as in a completer.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QPoint, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QLineEdit,
    QListView,
    QWidget,
)

from rallyorg.domain.text import fold

MAX_ROWS = 7


class Suggestions(QObject):
    """Attach to ``edit``; ``set_words`` gives the choices. Matching ignores case and accents
    and finds a word anywhere ("bury" suggests "Danbury"); words starting with the typed
    text come first. With a ``separator`` the field holds a list ("TRUST Act, Census"): the
    part after the last separator is matched and replaced, and words already listed are not
    offered again."""

    chosen = Signal(str)

    def __init__(self, edit: QLineEdit, words: Iterable[str] = (), *, separator: str | None = None) -> None:
        super().__init__(edit)
        self.edit = edit
        self.separator = separator
        self._words: list[str] = []
        self._model = QStringListModel(self)
        self.view = QListView()
        self.view.setObjectName("suggestions")
        self.view.setModel(self._model)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the edit keeps the keyboard
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setUniformItemSizes(True)
        self.view.setFrameShape(QFrame.Shape.StyledPanel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setAccessibleName(edit.accessibleName() or "suggestions")
        self.view.hide()
        self.view.clicked.connect(lambda index: self._choose(str(index.data())))
        edit.textEdited.connect(self._update)
        edit.installEventFilter(self)
        edit.destroyed.connect(self.view.deleteLater)
        self.set_words(words)

    # --- choices --------------------------------------------------------------------------
    def set_words(self, words: Iterable[str]) -> None:
        self._words = list(dict.fromkeys(w for w in words if w))
        if self.view.isVisible():
            self._update(self.edit.text())

    def words(self) -> list[str]:
        return list(self._words)

    def matches(self, text: str) -> list[str]:
        typed = fold(text.strip())
        if not typed:
            return []
        starts = [w for w in self._words if fold(w).startswith(typed)]
        inside = [w for w in self._words if typed in fold(w) and w not in starts]
        found = starts + inside
        # Nothing to suggest once the field already says exactly the one match.
        return [] if found == [w for w in found if fold(w) == typed] else found

    def is_open(self) -> bool:
        return self.view.isVisible()

    def _split(self, text: str) -> tuple[str, str]:
        """The listed part (with its last separator) and the part being typed."""
        if self.separator is None or self.separator not in text:
            return "", text
        head, _sep, last = text.rpartition(self.separator)
        return head + self.separator + " ", last

    # --- showing --------------------------------------------------------------------------
    def _update(self, text: str) -> None:
        head, typed = self._split(text)
        listed = {fold(part.strip()) for part in head.split(self.separator)} if self.separator else set()
        found = [word for word in self.matches(typed) if fold(word) not in listed]
        if not found or not self.edit.hasFocus():
            self.close()
            return
        self._model.setStringList(found)
        self.view.setCurrentIndex(self._model.index(-1, 0))
        self._place(len(found))

    def _place(self, rows: int) -> None:
        window = self.edit.window()
        if self.view.parentWidget() is not window:
            self.view.setParent(window)
            # Scrolling the form moves the field away from the list: close it then.
            ancestor = self.edit.parentWidget()
            while ancestor is not None:
                if isinstance(ancestor, QAbstractScrollArea):
                    for bar in (ancestor.verticalScrollBar(), ancestor.horizontalScrollBar()):
                        bar.valueChanged.connect(self.close)
                ancestor = ancestor.parentWidget()
        row_height = max(self.view.sizeHintForRow(0), self.edit.fontMetrics().height() + 4)
        frame = 2 * self.view.frameWidth()
        height = min(rows, MAX_ROWS) * row_height + frame
        below = self.edit.mapTo(window, QPoint(0, self.edit.height()))
        above = self.edit.mapTo(window, QPoint(0, 0))
        room_below = window.height() - below.y()
        if height > room_below and above.y() > room_below:
            height = min(height, above.y())
            top = above.y() - height
        else:
            height = min(height, max(room_below, row_height + frame))
            top = below.y()
        self.view.setGeometry(below.x(), top, self.edit.width(), height)
        self.view.raise_()
        self.view.show()

    def close(self) -> None:
        self.view.hide()

    def _choose(self, word: str) -> None:
        self.close()
        text = self._split(self.edit.text())[0] + word
        if text != self.edit.text():
            self.edit.setText(text)
            self.edit.textEdited.emit(text)  # a choice is an edit (unsaved-changes tracking)
            self.close()
        self.chosen.emit(word)

    def _move(self, step: int) -> None:
        rows = self._model.rowCount()
        current = self.view.currentIndex().row()
        row = (current + step) % rows if current >= 0 else (0 if step > 0 else rows - 1)
        self.view.setCurrentIndex(self._model.index(row, 0))

    # --- keyboard and focus ---------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.FocusOut, QEvent.Type.Hide, QEvent.Type.Move, QEvent.Type.Resize):
            self.close()
        elif kind == QEvent.Type.KeyPress and self.view.isVisible() and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key == Qt.Key.Key_Escape:
                self.close()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                current = self.view.currentIndex()
                if current.isValid():
                    self._choose(str(current.data()))
                    return True
                self.close()
            if key == Qt.Key.Key_Tab:
                self.close()
        return False


def attach_suggestions(
    edit: QLineEdit, words: Iterable[str] = (), *, separator: str | None = None
) -> Suggestions:
    """The one way a field offers suggestions (cities, shift roles, a rally's campaign tags…)."""
    return Suggestions(edit, words, separator=separator)


def suggestions_of(edit: QWidget) -> Suggestions | None:
    found = edit.findChild(Suggestions)
    return found if isinstance(found, Suggestions) else None
