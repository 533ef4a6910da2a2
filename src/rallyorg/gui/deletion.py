"""The one way the app deletes a record: ask first, delete with a snapshot, offer Ctrl+Z."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from rallyorg.domain.errors import RallyorgError
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.services import trash


def confirm_and_delete(
    parent: QWidget,
    context: GuiContext,
    kind: str,
    record_id: int,
    *,
    title: str,
    question: str,
    undo_label: str,
) -> bool:
    """Ask ``question``; on Yes delete the record (and what cascades with it) and put its
    restore on the session's undo list as ``undo_label``. True when something was deleted."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        deleted = context.call(trash.delete_with_undo, kind, record_id)
    except RallyorgError as error:
        show_error(parent, error)
        return False
    context.push_undo(undo_label, lambda: context.call(trash.restore, deleted))
    return True
