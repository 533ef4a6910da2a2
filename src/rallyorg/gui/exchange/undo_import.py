"""Undoing an import as a whole: asked first, run in the background, and asked again (with
what would be lost) when records were edited after the import."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from rallyorg.domain.errors import ConflictError
from rallyorg.gui.background import Task, run_in_background
from rallyorg.gui.changes import Change
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.i18n import N_, _, ngettext
from rallyorg.services import Database
from rallyorg.services import imports as import_service
from rallyorg.services.imports import ImportBatchData, UndoReport


def session_undo(context: GuiContext, batch_id: int) -> Callable[[], None]:
    """The Edit ▸ Undo entry for an import just made."""
    return lambda: context.call(_undo_unless_undone, batch_id)


def _undo_unless_undone(db: Database, batch_id: int) -> None:
    """Nothing when the import was undone meanwhile (from the dialog or the history), so the
    Undo entry never fails for that."""
    if import_service.get_import(db, batch_id).undone_at is not None:
        return
    try:
        import_service.undo_import(db, batch_id)
    except ConflictError as error:
        raise ConflictError(
            N_(
                "Records from this import were edited since, so it was not undone. To undo it "
                "anyway, use File ▸ Import history."
            )
        ) from error


def undone_message(file_name: str, result: UndoReport) -> str:
    return _("Import of {file} undone: {removed} removed, {restored} put back as they were.").format(
        file=file_name,
        removed=ngettext("{n} record", "{n} records", result.deleted).format(n=result.deleted),
        restored=result.restored,
    )


def undo_with_questions(
    parent: QWidget,
    context: GuiContext,
    batch: ImportBatchData,
    on_done: Callable[[UndoReport], None],
    on_failure: Callable[[], None] | None = None,
) -> None:
    """Ask, then undo ``batch`` in the background; ``on_done`` runs after a successful undo."""
    added = ngettext("removes the {n} record it added", "removes the {n} records it added", batch.created)
    answer = QMessageBox.question(
        parent,
        _("Undo import"),
        "\n\n".join(
            (
                _("Undo the import of {file}?"),
                _("This {added} and puts back the details of {updated} it updated."),
            )
        ).format(
            file=batch.file_name,
            added=added.format(n=batch.created),
            updated=ngettext("{n} record", "{n} records", batch.updated).format(n=batch.updated),
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        if on_failure is not None:
            on_failure()
        return
    _run(parent, context, batch, on_done, on_failure, force=False)


def _run(
    parent: QWidget,
    context: GuiContext,
    batch: ImportBatchData,
    on_done: Callable[[UndoReport], None],
    on_failure: Callable[[], None] | None,
    *,
    force: bool,
) -> None:
    db = context.db

    def work(task: Task) -> UndoReport:
        task.progress(0, 0, _("Undoing the import of {file}…").format(file=batch.file_name))
        return import_service.undo_import(db, batch.id, force=force)

    def done(result: UndoReport) -> None:
        context.data_changed(Change.everything())
        context.say(undone_message(batch.file_name, result))
        on_done(result)

    def failed(error: BaseException) -> None:
        current = _current(db, batch.id)
        if (
            isinstance(error, ConflictError)
            and not force
            and current is not None
            and current.undone_at is None
        ):
            answer = QMessageBox.question(
                parent,
                _("Undo import"),
                "\n\n".join(
                    (
                        _(
                            "Some records from this import were edited after it. Undoing it anyway "
                            "removes or resets them, and those later edits are lost."
                        ),
                        _("Undo the import anyway?"),
                    )
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                _run(parent, context, batch, on_done, on_failure, force=True)
                return
        else:
            show_error(parent, error)
        if on_failure is not None:
            on_failure()

    run_in_background(parent, _("Undoing the import…"), work, done, failed)


def _current(db: Database, batch_id: int) -> ImportBatchData | None:
    try:
        return import_service.get_import(db, batch_id)
    except Exception:  # only asked to word a question
        return None
