"""A CSV file dropped anywhere on the main window opens the import dialog for it.

What it holds is told by the place it was dropped on (Volunteers, Partners); elsewhere one
question asks. Anything else dropped — another kind of file, several files, text — is refused
with a word in the status bar, and never lands as a file path typed into a field."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from rallyorg.exchange.columns import ImportKind
from rallyorg.gui.context import GuiContext
from rallyorg.i18n import _

if TYPE_CHECKING:  # imported on the first drop: the import dialog's modules cost the start ~70 ms
    from rallyorg.gui.exchange.import_dialog import ImportDialog

CSV_SUFFIXES = (".csv",)
KIND_OF_PLACE = {"volunteers": ImportKind.VOLUNTEERS, "partners": ImportKind.PARTNERS}


class DropWindow(Protocol):
    context: GuiContext

    def current_place(self) -> str: ...


def dropped_files(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []


def csv_file(mime: QMimeData) -> Path | None:
    """The one CSV file being dragged, or None."""
    files = dropped_files(mime)
    if len(files) == 1 and files[0].suffix.lower() in CSV_SUFFIXES:
        return files[0]
    return None


def ask_kind(parent: QWidget, path: Path) -> ImportKind | None:
    """What the dropped file holds; None on Cancel (tests answer it)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Import a CSV file"))
    box.setText(_("What does {file} hold?").format(file=path.name))
    choices: dict[QPushButton, ImportKind] = {
        box.addButton(_("Volunteers"), QMessageBox.ButtonRole.AcceptRole): ImportKind.VOLUNTEERS,
        box.addButton(_("Partner groups"), QMessageBox.ButtonRole.AcceptRole): ImportKind.PARTNERS,
        box.addButton(_("Sign-ups for an event"), QMessageBox.ButtonRole.AcceptRole): ImportKind.SIGNUPS,
    }
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(next(iter(choices)))
    box.exec()
    return choices.get(box.clickedButton())  # type: ignore[call-overload]


class CsvDropper(QObject):
    """Watches drags over ``window`` and every widget in it (a text field would otherwise take a
    dropped file as text)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        window.setAcceptDrops(True)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        assert isinstance(event, QDragEnterEvent | QDropEvent)
        if not dropped_files(event.mimeData()):
            return False  # text dragged between fields stays theirs
        if kind == QEvent.Type.Drop:
            self.drop(event.mimeData())
            event.acceptProposedAction()
        elif csv_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()
            if kind == QEvent.Type.DragEnter:
                self.refuse()
        return True

    def refuse(self) -> None:
        self._say(_("Only a CSV file can be dropped here, to import it (one file at a time)."))

    def drop(self, mime: QMimeData) -> ImportDialog | None:
        path = csv_file(mime)
        if path is None:
            self.refuse()
            return None
        return self.import_file(path)

    def import_file(self, path: Path) -> ImportDialog | None:
        window: DropWindow = self.window  # type: ignore[assignment]
        kind = KIND_OF_PLACE.get(window.current_place()) or ask_kind(self.window, path)
        if kind is None:
            return None
        from rallyorg.gui.exchange.import_dialog import ImportDialog

        dialog = ImportDialog(window.context, kind, None, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.load_file(path)
        return dialog

    def _say(self, message: str) -> None:
        window: DropWindow = self.window  # type: ignore[assignment]
        window.context.say(message)
