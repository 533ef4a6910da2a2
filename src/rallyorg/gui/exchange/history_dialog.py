"""File ▸ Import history: every import (when, which file, what, how each row ended) with
"Undo this import" for one that can still be undone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QStackedWidget, QVBoxLayout, QWidget

from rallyorg.gui.context import GuiContext
from rallyorg.gui.exchange.labels import import_kind_name
from rallyorg.gui.exchange.table_model import Cell, Row, RowsModel, fit_columns, rows_table
from rallyorg.gui.exchange.undo_import import undo_with_questions
from rallyorg.gui.widgets.empty_state import EmptyState
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import title_label
from rallyorg.i18n import _, format_datetime, format_number, pgettext
from rallyorg.services import imports as import_service
from rallyorg.services.imports import ImportBatchData, UndoReport


class ImportHistoryDialog(QDialog):
    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.batches: list[ImportBatchData] = []
        self.busy = False
        self.setWindowTitle(_("Import history"))
        self.setMinimumSize(720, 420)
        self.resize(1000, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(_("Import history"), 1.25))
        intro = QLabel(
            _(
                "Every import, newest first. Undoing one removes what it added and puts back what it "
                "changed, all at once."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = RowsModel(
            [
                _("When"),
                _("What"),
                _("File"),
                _("Rows"),
                pgettext("number of rows", "New"),
                pgettext("number of rows", "Updated"),
                pgettext("number of rows", "Skipped"),
                pgettext("number of rows", "Rejected"),
                _("Undone"),
            ]
        )
        self.view = rows_table(self.model, _("Imports"))
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.view.doubleClicked.connect(lambda *_a: self.undo_selected())
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.empty = EmptyState(
            _("No imports yet. Volunteers, partner groups and sign-ups can be imported from File ▸ Import."),
            [],
        )
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.undo_button = self.buttons.addButton(
            _("Undo this import…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.undo_button.setIcon(icon("ph.arrow-counter-clockwise"))
        self.undo_button.clicked.connect(self.undo_selected)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.refresh()

    def refresh(self) -> None:
        chosen = self.selected()
        self.batches = self.context.call(import_service.list_imports)
        language = self.context.language
        rows = []
        for batch in self.batches:
            local = batch.created_at.astimezone()  # this computer's time zone

            def number(value: int) -> Cell:
                return Cell(format_number(value, language), value, number=True)

            undone = batch.undone_at.astimezone() if batch.undone_at else None
            rows.append(
                Row(
                    (
                        Cell(format_datetime(local, language), local),
                        Cell(import_kind_name(batch.kind)),
                        Cell(batch.file_name),
                        number(batch.rows_in_file),
                        number(batch.created),
                        number(batch.updated),
                        number(batch.skipped),
                        number(batch.rejected),
                        Cell(format_datetime(undone, language) if undone else "", undone),
                    ),
                    batch.id,
                )
            )
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.view if rows else self.empty)
        fit_columns(self.view, 260)
        row = self.model.row_of(chosen.id) if chosen is not None else -1
        if rows:
            self.view.selectRow(max(row, 0))
        self._update_buttons()

    def selected(self) -> ImportBatchData | None:
        index = self.view.currentIndex()
        key = self.model.key_at(index.row()) if index.isValid() else None
        return next((b for b in self.batches if b.id == key), None)

    def select(self, batch_id: int) -> None:
        row = self.model.row_of(batch_id)
        if row >= 0:
            self.view.selectRow(row)

    def _update_buttons(self) -> None:
        batch = self.selected()
        self.undo_button.setEnabled(not self.busy and batch is not None and batch.can_undo)
        if batch is not None and batch.undone_at is not None:
            self.undo_button.setToolTip(_("This import was already undone."))
        elif batch is not None and not batch.can_undo:
            self.undo_button.setToolTip(_("This import added and changed nothing."))
        else:
            self.undo_button.setToolTip(
                _("Remove what the selected import added, and put back what it changed")
            )

    def undo_selected(self) -> None:
        batch = self.selected()
        if batch is None or not batch.can_undo or self.busy:
            return
        self.busy = True
        self._update_buttons()

        def finished(_result: UndoReport | None = None) -> None:
            self.busy = False
            self.refresh()

        undo_with_questions(self, self.context, batch, finished, finished)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Delete:
            self.undo_selected()
            return
        super().keyPressEvent(event)
