"""The import wizard: choose a file → check its columns → check every row (a dry run that
writes nothing) → import in one transaction, with the accounting, the rejected rows to save
and Undo. Reading, checking and importing run in the background with progress and Cancel."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import RallyorgError
from rallyorg.exchange.columns import ImportKind
from rallyorg.exchange.errors import AmbiguousEncodingError, ImportCancelled
from rallyorg.gui.background import Cancelled, Task, run_in_background
from rallyorg.gui.changes import Change
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.exchange.columns_page import ColumnsPage
from rallyorg.gui.exchange.labels import count, import_title, imported_message
from rallyorg.gui.exchange.results_page import ResultsPage
from rallyorg.gui.exchange.undo_import import session_undo, undo_with_questions
from rallyorg.gui.phone_region import phone_region
from rallyorg.gui.widgets.style import title_label
from rallyorg.i18n import _
from rallyorg.services import imports as import_service
from rallyorg.services.imports import ImportPreview, ImportReport, UndoReport

COLUMNS, RESULTS = range(2)
IMPORT_DIR_KEY = "exchange/import_dir"
STOPPED = object()  # what background work returns when the user pressed Cancel


class ImportDialog(QDialog):
    imported = Signal(object)  # the ImportReport of a finished import

    def __init__(
        self,
        context: GuiContext,
        kind: ImportKind,
        event_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.kind = context, kind
        self.path: Path | None = None
        # How the file is read: None finds the encoding from its bytes; when its letters read
        # two ways, the likelier one until the user picks (columns.encoding_choice asks).
        self.encoding: str | None = None
        self.preview: ImportPreview | None = None
        self.report: ImportReport | None = None  # the latest check or import
        self.busy = False
        self.setWindowTitle(import_title(kind))
        self.setMinimumSize(760, 560)
        self.resize(980, 700)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(import_title(kind), 1.25))
        self.steps = QLabel()
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.steps)
        self.pages = QStackedWidget()
        self.columns = ColumnsPage(context, kind, event_id)
        self.columns.changed.connect(self._update_buttons)
        self.columns.choose_file.connect(self.choose_file)
        self.columns.encoding_chosen.connect(self.read_as)
        self.results = ResultsPage(context.language)
        self.results.save_rejected.connect(self.save_rejected)
        self.results.undo.connect(self.undo)
        self.pages.addWidget(self.columns)
        self.pages.addWidget(self.results)
        layout.addWidget(self.pages, 1)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)

        self.buttons = QDialogButtonBox()
        self.back_button = QPushButton(_("Back"))
        self.check_button = QPushButton(_("Check file"))
        self.check_button.setToolTip(_("Check every row without importing anything"))
        self.import_button = QPushButton(_("Import"))
        self.buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.back_button.clicked.connect(self.back)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_buttons()

    # --- the file -------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path = ask_for_file(self, self.context, self.kind)
        if path is not None:
            self.load_file(path)

    def load_file(self, path: Path) -> None:
        """Read the file in the background and show its columns."""
        self.encoding = None
        self.columns.ask_encoding(())
        self._read(path)

    def read_as(self, encoding: str) -> None:
        """The user picked how to read the file's letters: read it again that way."""
        if self.path is None or self.busy:
            return
        if encoding == self.encoding and self.preview is not None:
            self._update_buttons()  # shown that way already; the mapping edits are kept
            return
        self.encoding = encoding
        self._read(self.path)

    def _read(self, path: Path) -> None:
        self.path, self.preview, self.report = path, None, None
        self.pages.setCurrentIndex(COLUMNS)
        self.columns.file_label.setText(_("Reading {file}…").format(file=path.name))
        kind, encoding = self.kind, self.encoding

        def work(task: Task) -> ImportPreview:
            task.progress(0, 0, _("Reading {file}…").format(file=path.name))
            return import_service.preview_import(path, kind, encoding=encoding)

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            if isinstance(error, AmbiguousEncodingError) and encoding is None:
                # Not an error: show the likelier reading, and ask which is right.
                self.columns.ask_encoding(error.readings)
                self.encoding = error.readings[0].encoding
                self._read(path)
                return
            if isinstance(error, RallyorgError):
                self.columns.show_unreadable(path.name, error.translated(_))
            else:
                self.columns.show_unreadable(path.name, _("rallyorg could not read this file."))
                show_error(self, error)
            self._update_buttons()

        self._set_busy(True)
        run_in_background(self, _("Reading the file…"), work, self._show_preview, failed)

    def _show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.columns.load(preview)
        self._set_busy(False)

    # --- steps ----------------------------------------------------------------------------------
    def back(self) -> None:
        self.report = None
        self.pages.setCurrentIndex(COLUMNS)
        self._update_buttons()

    def check(self) -> None:
        """The dry run: every row checked, nothing written."""
        self._run(dry_run=True)

    def run_import(self) -> None:
        self._run(dry_run=False)

    def _run(self, *, dry_run: bool) -> None:
        mapping = self.columns.mapping()
        if self.path is None or mapping is None or self.columns.problem() or self.busy:
            return
        path, kind, db, encoding = self.path, self.kind, self.context.db, self.encoding
        on_duplicate, event_id = self.columns.on_duplicate(), self.columns.event_id()
        language = self.context.language
        region = phone_region(self.context.settings)
        text = _("Checking row {done} of {total}…") if dry_run else _("Importing row {done} of {total}…")

        def work(task: Task) -> ImportReport | object:
            task.progress(0, 0, _("Checking {file}…").format(file=path.name))
            # Rejected rows go to a private temporary folder, not beside the user's file; the
            # dialog offers to save them where the user chooses.
            with tempfile.TemporaryDirectory(prefix="rallyorg-import-") as folder:
                try:
                    return import_service.run_import(
                        db,
                        path,
                        kind,
                        mapping=mapping,
                        encoding=encoding,
                        on_duplicate=on_duplicate,
                        event_id=event_id,
                        dry_run=dry_run,
                        rejected_path=Path(folder) / "rejected.csv",
                        progress=lambda done, total: task.progress(
                            done, total, text.format(done=count(done, language), total=count(total, language))
                        ),
                        cancel=lambda: task.cancelled,
                        translate=_,
                        phone_region=region,
                    )
                except (Cancelled, ImportCancelled):
                    return STOPPED

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            show_error(self, error)

        self._set_busy(True)
        title = _("Checking the file…") if dry_run else _("Importing…")
        run_in_background(self, title, work, self._finished, failed)

    def _finished(self, result: ImportReport | object) -> None:
        self._set_busy(False)
        if not isinstance(result, ImportReport):
            self.problem.setText(_("Stopped. Nothing was imported."))
            self.context.say(_("Import stopped; nothing was imported."))
            return
        self.report = result
        self.results.show_report(result)
        self.pages.setCurrentIndex(RESULTS)
        if not result.dry_run:
            self._imported(result)
        self._update_buttons()

    def _imported(self, report: ImportReport) -> None:
        language = self.context.language
        if report.batch_id is not None and report.created + report.updated:
            self.context.push_undo(
                _("import of {file}").format(file=report.file_name),
                session_undo(self.context, report.batch_id),
            )
        self.context.data_changed(Change.everything())
        self.context.say(imported_message(report, language))
        self.imported.emit(report)

    # --- after the import -----------------------------------------------------------------------
    def save_rejected(self) -> None:
        report = self.report
        if report is None or not report.rejected or self.path is None:
            return
        suggested = import_service.default_rejected_path(self.path)
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save rejected rows"), str(suggested), _("CSV files (*.csv)")
        )
        if not name:
            return
        target = Path(name)
        try:
            import_service.write_rejected_rows(target, report.mapping.headers, report.outcomes, _)
        except RallyorgError as error:
            show_error(self, error)
            return
        self.context.say(_("Rejected rows saved to {file}").format(file=target))

    def undo(self) -> None:
        report = self.report
        if report is None or report.batch_id is None:
            return
        batch = self.context.call(import_service.get_import, report.batch_id)

        def done(result: UndoReport) -> None:
            self.results.show_undone(
                _("This import was undone. Nothing from {file} is left.").format(file=report.file_name)
            )

        undo_with_questions(self, self.context, batch, done)

    # --- buttons --------------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.problem.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        done = self.report is not None and not self.report.dry_run
        checked = self.report is not None and self.report.dry_run
        problem = self.columns.problem() if page == COLUMNS and not self.busy else ""
        if self.preview is not None:
            # Said once: what the columns page shows itself (a missing column) is not repeated.
            self.problem.setText("" if self.columns.shows_problem() else problem)
        self.back_button.setVisible(checked)
        self.check_button.setVisible(page == COLUMNS)
        self.import_button.setVisible(checked)
        self.cancel_button.setVisible(not done)
        self.close_button.setVisible(done)
        self.check_button.setEnabled(not self.busy and self.preview is not None and not problem)
        self.import_button.setEnabled(not self.busy and checked)
        self.back_button.setEnabled(not self.busy)
        self.cancel_button.setEnabled(not self.busy)
        self.columns.another.setEnabled(not self.busy)
        # Not while a reading is under way: the choice shown must be the reading imported.
        self.columns.encoding_choice.setEnabled(not self.busy)
        default = self.import_button if checked else self.close_button if done else self.check_button
        default.setDefault(True)
        step = 0 if page == COLUMNS else 1 if checked else 2
        names = [_("1. Columns"), _("2. Check"), _("3. Import")]
        self.steps.setText("  ›  ".join(f"<b>{n}</b>" if i == step else n for i, n in enumerate(names)))
        self.steps.setAccessibleName(_("Step {step} of 3: {name}").format(step=step + 1, name=names[step]))

    def reject(self) -> None:
        if self.busy:
            return
        super().reject()


def ask_for_file(parent: QWidget, context: GuiContext, kind: ImportKind) -> Path | None:
    """The open-file dialog, starting where the last import came from; None if cancelled."""
    start = str(context.settings.value(IMPORT_DIR_KEY, "") or "")
    name, _filter = QFileDialog.getOpenFileName(
        parent, import_title(kind), start, _("Spreadsheet files (*.csv *.tsv *.txt);;All files (*)")
    )
    if not name:
        return None
    context.settings.setValue(IMPORT_DIR_KEY, str(Path(name).parent))
    return Path(name)


def open_import(
    parent: QWidget, context: GuiContext, kind: ImportKind, event_id: int | None = None
) -> ImportDialog | None:
    """Ask for a file, then show the import dialog reading it; None if no file was chosen."""
    path = ask_for_file(parent, context, kind)
    if path is None:
        return None
    dialog = ImportDialog(context, kind, event_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.load_file(path)
    return dialog
