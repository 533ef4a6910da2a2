"""Saving a flyer: the file dialog (offering a name made from the title and languages, in the
folder used last), the atomic write, and the words for what happened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from rallyorg.domain.errors import FileWriteError
from rallyorg.domain.files import write_atomically
from rallyorg.i18n import _

_FOLDER_KEY = "flyer/save_dir"


def save_flyer_as(parent: QWidget, settings: QSettings, pdf: bytes, suggested_name: str) -> Path | None:
    """Ask where, then write ``pdf`` there; the path written, or None (cancelled or failed)."""
    return _save_as(parent, settings, pdf, suggested_name, _("Save flyer as PDF"), _("PDF documents (*.pdf)"))


def save_picture_as(parent: QWidget, settings: QSettings, png: bytes, suggested_name: str) -> Path | None:
    """As :func:`save_flyer_as`, for the PNG picture for phones."""
    return _save_as(
        parent, settings, png, suggested_name, _("Save flyer as a picture"), _("PNG pictures (*.png)")
    )


def _save_as(
    parent: QWidget, settings: QSettings, data: bytes, suggested_name: str, title: str, kinds: str
) -> Path | None:
    folder = str(
        settings.value(_FOLDER_KEY, "")
        or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / suggested_name), kinds)
    if not chosen:
        return None
    path = Path(chosen)
    suffix = Path(suggested_name).suffix
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    try:
        write_atomically(path, data, private=False)  # a flyer is meant to be shared
    except FileWriteError as error:
        # A full disk or a read-only folder is the user's to fix, not a crash to log.
        QMessageBox.warning(parent, title, error.translated(_))
        return None
    settings.setValue(_FOLDER_KEY, str(path.parent))
    return path
