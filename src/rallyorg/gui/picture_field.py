"""A form row for a stored picture (a partner group's logo, a rally's picture): a thumbnail,
"Choose…" and "Remove". Each is one action saved at once through the services, apart from
the form's Save (the picture is in its own table: saving the form never rewrites it), and a
refusal ("not a PNG, JPEG or SVG", "too big") is shown under the row in words.

The file is read and checked on the database thread (``GuiContext.call``): a 5 MB photo
decodes there while the window stays live.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QStandardPaths, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import RallyorgError, ValidationError
from rallyorg.domain.pictures import SVG, StoredPicture, read_picture_file
from rallyorg.gui.changes import Change, Op, Record
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.widgets.forms import INVALID_STYLE
from rallyorg.gui.widgets.icons import icon
from rallyorg.i18n import _
from rallyorg.services import Database

#: the folder the last picture came from (the next dialog opens there)
PICTURE_DIR_KEY = "pictures/last_folder"

Read = Callable[[Database, int], StoredPicture | None]
Write = Callable[[Database, int, StoredPicture | None], None]


@dataclass(frozen=True)
class PictureWords:
    """What the row says, already translated: its field's name in errors ("logo"), the file
    dialog's title, the empty thumbnail's words, the status bar's after each action."""

    field: str
    dialog_title: str
    none_yet: str
    save_first: str
    saved: str  # "{file}" is the file's name
    removed: str
    tooltip: str = ""  # what the picture is for


def _store_file(db: Database, write: Write, record_id: int, path: Path, field: str) -> StoredPicture:
    """Read and check the file, then store it: on the database thread, one transaction."""
    picture = read_picture_file(path, field=field)
    write(db, record_id, picture)
    return picture


def thumbnail(picture: StoredPicture, size: QSize, ratio: float = 1.0) -> QPixmap:
    """``picture`` as large as fits in ``size`` (logical pixels), keeping its shape, sharp at
    the screen's ``ratio``; a null pixmap when Qt cannot draw it."""
    fitted = QSize(max(picture.width, 1), max(picture.height, 1)).scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio
    )
    device = fitted * ratio
    if picture.media_type == SVG:
        renderer = QSvgRenderer(QByteArray(picture.data))
        if not renderer.isValid() or device.isEmpty():
            return QPixmap()
        image = QImage(device, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        renderer.render(painter, QRectF(0, 0, device.width(), device.height()))
        painter.end()
        pixmap = QPixmap.fromImage(image)
    else:
        # Decoded at the thumbnail's size (a JPEG straight from its scaled-down data): a
        # 6000-pixel photo is not decoded whole on the UI thread for a 90-pixel thumbnail.
        buffer = QBuffer()
        buffer.setData(QByteArray(picture.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        reader.setScaledSize(device)
        image = reader.read()
        if image.isNull():
            return QPixmap()
        pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class PictureField(QWidget):
    """The thumbnail, the file's name, Choose… and Remove, and an error line under them."""

    changed = Signal()  # a picture was stored or removed

    def __init__(
        self,
        context: GuiContext,
        *,
        read: Read,
        write: Write,
        records: Record,
        words: PictureWords,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._read = read
        self._write = write
        self._records = records
        self.words = words
        self.record_id: int | None = None
        self.picture: StoredPicture | None = None

        line = self.fontMetrics().height()
        self.thumbnail_size = QSize(5 * line, 3 * line)
        self.thumbnail = QLabel()
        self.thumbnail.setFrameShape(QFrame.Shape.StyledPanel)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setWordWrap(True)
        self.thumbnail.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.thumbnail.setFixedSize(self.thumbnail_size + QSize(4, 4))
        self.file_name = QLabel()
        self.file_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.choose_button = QPushButton(icon("ph.image"), _("Choose…"))
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = QPushButton(icon("ph.trash"), _("Remove"))
        self.remove_button.clicked.connect(self.remove)
        self.error = QLabel()
        self.error.setStyleSheet("color: #cf222e;")
        self.error.setWordWrap(True)
        self.error.hide()

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.file_name)
        side.addLayout(buttons)
        side.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.thumbnail)
        row.addLayout(side, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.error)
        self.setToolTip(words.tooltip)
        self.choose_button.setToolTip(words.tooltip)
        self._show(None)

    def focus_chain(self) -> list[QWidget]:
        return [self.choose_button, self.remove_button]

    # --- showing --------------------------------------------------------------------------
    def show_record(self, record_id: int | None) -> None:
        """The picture of this record (read on the database thread); None: a record not saved
        yet, which cannot have one."""
        if record_id != self.record_id or record_id is None:
            self.record_id = record_id
            self.clear_error()
            self._show(None)  # not the last record's picture while this one's is read
        if record_id is None:
            return

        def loaded(picture: StoredPicture | None) -> None:
            if record_id == self.record_id:  # not a record shown before this one
                self._show(picture)

        self.context.fetch(self._read, record_id, on_success=loaded, owner=self)

    def _show(self, picture: StoredPicture | None) -> None:
        self.picture = picture
        saved = self.record_id is not None
        self.choose_button.setEnabled(saved)
        self.choose_button.setToolTip(self.words.tooltip if saved else self.words.save_first)
        self.remove_button.setEnabled(saved and picture is not None)
        pixmap = thumbnail(picture, self.thumbnail_size, self.devicePixelRatioF()) if picture else QPixmap()
        if picture is not None and not pixmap.isNull():
            self.thumbnail.setPixmap(pixmap)
        else:
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(picture.file_name if picture else self.words.none_yet)
        name = (
            _("{file} ({width} × {height})").format(
                file=picture.file_name, width=picture.width, height=picture.height
            )
            if picture
            else ""
        )
        self.file_name.setText(name)
        self.file_name.setToolTip(name)
        self.file_name.setVisible(bool(name))
        self.thumbnail.setAccessibleName(picture.file_name if picture else self.words.none_yet)

    # --- actions --------------------------------------------------------------------------
    def choose(self) -> None:
        if self.record_id is None:
            return
        start = str(
            self.context.settings.value(PICTURE_DIR_KEY, "") or ""
        ) or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.words.dialog_title, start, _("Pictures (*.png *.jpg *.jpeg *.svg)")
        )
        if not chosen:
            return
        path = Path(chosen)
        self.context.settings.setValue(PICTURE_DIR_KEY, str(path.parent))
        record_id = self.record_id
        try:
            picture = self.context.call(_store_file, self._write, record_id, path, self.words.field)
        except ValidationError as error:
            self.show_error(error)
            return
        except RallyorgError as error:
            show_error(self, error)
            return
        self._after_change(record_id, picture, self.words.saved.format(file=picture.file_name))

    def remove(self) -> None:
        if self.record_id is None or self.picture is None:
            return
        record_id = self.record_id
        try:
            self.context.call(self._write, record_id, None)
        except RallyorgError as error:
            show_error(self, error)
            return
        self._after_change(record_id, None, self.words.removed)

    def _after_change(self, record_id: int, picture: StoredPicture | None, message: str) -> None:
        self.clear_error()
        if record_id == self.record_id:
            self._show(picture)
        self.context.say(message)
        self.context.data_changed(Change.of(self._records, Op.UPDATED, record_id))
        self.changed.emit()

    # --- errors ---------------------------------------------------------------------------
    def show_error(self, error: ValidationError) -> None:
        """The refusal in words under the row, the thumbnail marked; focus stays on Choose…
        (to choose another file)."""
        message = error.translated(_)
        self.error.setText(message)
        self.error.show()
        self.thumbnail.setStyleSheet(INVALID_STYLE)
        self.choose_button.setAccessibleDescription(message)
        self.choose_button.setFocus()

    def clear_error(self) -> None:
        self.error.hide()
        self.error.clear()
        self.thumbnail.setStyleSheet("")
        self.choose_button.setAccessibleDescription("")
