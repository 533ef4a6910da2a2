"""Settings ▸ Your data ▸ Restore from a backup…: choose the file, see what it holds against
what is here now, confirm, and the window starts again on the restored data. What was there
before is backed up first (services.restore), so a wrong choice can be restored back."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from rallyorg.domain.errors import RallyorgError
from rallyorg.gui.background import Task, run_in_background
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.i18n import _, format_datetime
from rallyorg.services import backup, overview, restore


def ask_to_restore(parent: QWidget, details: str) -> bool:
    """The last question before everything is replaced (tests answer it)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Restore from a backup"))
    box.setText(_("Replace everything in rallyorg with this backup?"))
    box.setInformativeText(details)
    restore_button = box.addButton(_("Restore"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is restore_button


def unverified_note(contents: restore.BackupContents) -> list[str]:
    """A line for a backup with no checksum to check it by (one made before rallyorg wrote them)."""
    if contents.verified:
        return []
    return [
        _("This backup has no checksum (an older rallyorg made it), so changes to it cannot be detected.")
    ]


def choose_and_restore(parent: QWidget, context: GuiContext) -> None:
    window = parent.window()
    confirm_discard = getattr(window, "confirm_discard", None)
    if confirm_discard is not None and not confirm_discard():
        return
    folder = context.call(backup.automatic_backup_folder)
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Restore from a backup"),
        str(folder) if folder is not None and folder.is_dir() else "",
        _("rallyorg backups (*.sqlite3);;All files (*)"),
    )
    if not chosen:
        return
    try:
        contents = restore.inspect_backup(chosen)
    except RallyorgError as error:
        show_error(parent, error)
        return
    details = "\n".join(
        (
            _("The backup {path}, saved {when}, holds {backup}.").format(
                path=contents.path.name,
                when=format_datetime(contents.modified_at.astimezone(), context.language),
                backup=contents.totals.describe(),
            ),
            _("Now there are {now}.").format(now=context.call(overview.totals).describe()),
            *unverified_note(contents),
            "",
            _("What is here now is backed up first, so you can go back to it the same way."),
        )
    )
    if not ask_to_restore(parent, details):
        return
    db = context.db

    def work(task: Task) -> restore.RestoreResult:
        return restore.restore_database(db, contents.path)

    def done(result: restore.RestoreResult) -> None:
        # Undo entries point at records of the data that was just replaced.
        context.undo_stack.clear()
        context.events.undo_available.emit("")
        # The main window starts again on the restored data (gui/application.py wires this).
        context.events.data_replaced.emit(
            _("Backup restored. What was there before is kept in {path}").format(path=result.safety_copy)
        )

    # No Cancel, and the window is blocked at once: nothing may be saved on the data being replaced.
    run_in_background(parent, _("Restoring the backup…"), work, done, cancellable=False)
