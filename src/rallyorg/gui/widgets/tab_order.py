"""Tab in reading order, whatever order widgets were made or joined their window in.

Qt keeps one focus chain per window, built from when each widget was created and reparented;
a form made first and put into a scroll area later can end up with its fields beside a
list elsewhere in the window (Tab from a partner's Name went to "Discard changes"). Every
ancestor of the focused widget is asked ``focusNextPrevChild``: a form overrides it to call
``move_along`` with its fields in reading order, and leaves the rest to Qt."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDateEdit, QWidget


def _takes_tab(widget: QWidget) -> bool:
    return (
        widget.isVisibleTo(widget.window())
        and widget.isEnabled()
        and bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)
    )


def move_along(chain: Sequence[QWidget], forward: bool) -> bool:
    """Move the focus to the next (or previous) widget of ``chain`` that takes Tab; False
    when the focus is not in ``chain`` or is at its end (Qt's own chain goes on from there)."""
    focus = QApplication.focusWidget()
    if focus is None:
        return False
    here = next((i for i, w in enumerate(chain) if w is focus or w.isAncestorOf(focus)), None)
    if here is None:
        return False
    step = 1 if forward else -1
    index = here + step
    while 0 <= index < len(chain):
        widget = chain[index]
        if _takes_tab(widget):
            reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
            widget.setFocus(reason)
            return True
        index += step
    return False


class OptionalDateEdit(QDateEdit):
    """A date field whose minimum shows as words ("Not a member yet"). Qt's QDateEdit keeps
    Tab to step through its day, month and year, and while it shows those words it never lets
    go of the focus: Tab went round inside it forever. Here Tab then leaves the field."""

    def focusNextPrevChild(self, next: bool) -> bool:
        if self.specialValueText() and self.date() == self.minimumDate():
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)
