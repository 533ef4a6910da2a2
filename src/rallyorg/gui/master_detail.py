"""The base of the list-and-editor places (Rallies, Volunteers, Partners): the one question
asked before unsaved edits would be lost, worded and answered the same way everywhere.

A subclass says whether its editor holds edits, what the record is called, how to save it and
how to drop the edits; ``confirm_leave`` does the asking. (The list, its selection and the
toolbars are still each screen's own: they are the next things to share.)
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from rallyorg.gui.screen import Screen
from rallyorg.i18n import _


class MasterDetailScreen(Screen):
    # --- what a subclass tells ------------------------------------------------------------
    def editor_has_changes(self) -> bool:
        raise NotImplementedError

    def editor_record_name(self) -> str:
        """The record in the editor as the question names it: "“Vigil for Families”", "Ana Díaz"."""
        raise NotImplementedError

    def save_editor(self) -> bool:
        """Save the editor's record; False when it could not be saved (the editor says why)."""
        raise NotImplementedError

    def discard_editor(self) -> None:
        """Drop the editor's edits (screens that load another record right after need nothing)."""

    # --- shared ---------------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        return self.editor_has_changes()

    def confirm_leave(self) -> bool:
        """Before the editor shows something else: save, discard or stay. True to go on."""
        if not self.editor_has_changes():
            return True
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _("Save your changes to {name} first?").format(name=self.editor_record_name()),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_editor()
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_editor()
            return True
        return False
