"""Errors shown to people: service errors in their own words, unexpected ones with where
the log is. The log gets the error's type and stack, never its message (messages can hold
names, phone numbers or emails)."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from rallyorg import paths
from rallyorg.domain.errors import RallyorgError
from rallyorg.i18n import _

log = logging.getLogger("rallyorg.gui")


def log_file() -> str:
    return str(paths.log_dir() / "rallyorg.log")


def setup_file_logging() -> None:
    handler = logging.FileHandler(paths.private_file(Path(log_file())), encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("rallyorg").addHandler(handler)


def _log_without_personal_data(error: BaseException) -> None:
    stack = "".join(traceback.format_tb(error.__traceback__))
    log.error("unexpected %s\n%s", type(error).__name__, stack)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    if isinstance(error, RallyorgError):
        QMessageBox.warning(parent, _("rallyorg"), error.translated(_))
        return
    _log_without_personal_data(error)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("Something went wrong"))
    box.setText(_("rallyorg ran into an unexpected problem. Your saved data is safe."))
    # Messages are kept free of line breaks (one line each in the catalogs); lines are joined here.
    box.setInformativeText("\n".join((_("Details were written to the log file:"), str(log_file()))))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def install_excepthook() -> None:
    """Unexpected exceptions in Qt slots show a dialog; the app keeps running."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        error.__traceback__ = tb
        show_error(None, error)

    sys.excepthook = hook
