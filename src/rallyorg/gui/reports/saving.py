"""Saving the report on show: Save PDF… (the report's PDF, with its chart) and Save CSV… (each
of its tables; the hours report's months go to ``…-by-month.csv`` beside the file chosen, as
``rallyorg report`` writes them). Files are written whole or not at all, off the UI thread; the
hours report names people, so its files are for their owner's eyes only (0600), as the
command line writes them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from rallyorg.domain.errors import FileWriteError
from rallyorg.domain.files import write_atomically
from rallyorg.domain.reports import ReportKind
from rallyorg.exchange.report_pdf import report_pdf
from rallyorg.exchange.report_tables import csv_files
from rallyorg.gui.background import Task, run_in_background
from rallyorg.gui.reports.loading import Loaded
from rallyorg.i18n import _, translator

FOLDER_KEY = "reports/save_dir"
PDF, CSV = ".pdf", ".csv"


def suggested_name(loaded: Loaded, suffix: str) -> str:
    """``attendance-2025-01-01-2025-12-31.pdf``: the report and its days, as the CLI names them."""
    days = [day.isoformat() for day in (loaded.dates.start, loaded.dates.end) if day is not None]
    return "-".join([loaded.kind.value, *days]) + suffix


def files_for(loaded: Loaded, path: Path) -> list[tuple[Path, bytes]]:
    """What Save writes for the report on show: the paths and their bytes."""
    if path.suffix.lower() == PDF:
        return [(path, report_pdf(loaded.kind, loaded.data, loaded.dates, loaded.language, loaded.campaign))]
    gettext = translator(loaded.language).gettext
    return [
        (path.with_name(f"{path.stem}{suffix}{path.suffix}") if suffix else path, content)
        for suffix, content in csv_files(loaded.kind, loaded.data, gettext)
    ]


def ask_where(parent: QWidget, settings: QSettings, loaded: Loaded, suffix: str) -> Path | None:
    if suffix == PDF:
        title, kinds = _("Save the report as PDF"), _("PDF documents (*.pdf)")
    else:
        title, kinds = _("Save the report's table as CSV"), _("CSV files (*.csv)")
    folder = str(
        settings.value(FOLDER_KEY, "")
        or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, title, str(Path(folder) / suggested_name(loaded, suffix)), kinds
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    settings.setValue(FOLDER_KEY, str(path.parent))
    return path


def save_report(
    parent: QWidget, settings: QSettings, loaded: Loaded, suffix: str, done: Callable[[list[Path]], None]
) -> None:
    """Ask where, then write the report there in the background; ``done(paths)`` once written."""
    path = ask_where(parent, settings, loaded, suffix)
    if path is None:
        return
    private = loaded.kind == ReportKind.HOURS  # names people

    def work(task: Task) -> list[Path]:
        files = files_for(loaded, path)
        task.check()
        for target, content in files:
            write_atomically(target, content, private=private)
        return [target for target, _content in files]

    def failed(error: BaseException) -> None:
        if isinstance(error, FileWriteError):
            # A full disk or a read-only folder is the user's to fix, not a crash to log.
            QMessageBox.warning(parent, _("Save report"), error.translated(_))
            return
        from rallyorg.gui.error_dialog import show_error

        show_error(parent, error)

    message = _("Writing {file}…").format(file=path.name)
    run_in_background(parent, message, work, done, failed)
