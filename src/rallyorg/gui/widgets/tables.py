"""How every read-only list in the app behaves, set in one place.

A row is picked whole and alone; nothing is edited in a cell (editors and dialogs do that);
rows alternate in colour and a long text is cut with "…" rather than wrapped. Tab leaves the
list for the next field instead of walking cell by cell (arrow keys move within it), so a
keyboard user is never trapped in a long table. Row numbers are hidden: they mean nothing to
an organizer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView


def read_only_table(view: QTableView, accessible_name: str) -> None:
    view.setAccessibleName(accessible_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
