"""Saving a flyer: the file dialog (offering a name made from the title and languages, in the
folder used last), the atomic write, and the words for what happened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from rallyorg.domain.errors import FileWriteError
from rallyorg.flyers import save_pdf
from rallyorg.i18n import _

_FOLDER_KEY = "flyer/save_dir"


def save_flyer_as(parent: QWidget, settings: QSettings, pdf: bytes, suggested_name: str) -> Path | None:
    """Ask where, then write ``pdf`` there; the path written, or None (cancelled or failed)."""
    folder = str(
        settings.value(_FOLDER_KEY, "")
        or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save flyer as PDF"), str(Path(folder) / suggested_name), _("PDF documents (*.pdf)")
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        save_pdf(path, pdf)
    except FileWriteError as error:
        # A full disk or a read-only folder is the user's to fix, not a crash to log.
        QMessageBox.warning(parent, _("Save flyer as PDF"), error.translated(_))
        return None
    settings.setValue(_FOLDER_KEY, str(path.parent))
    return path
