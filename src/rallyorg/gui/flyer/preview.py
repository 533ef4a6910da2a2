"""The live flyer preview: PDF bytes shown by QtPdf's QPdfView, read from memory.

A QBuffer feeds the QPdfDocument; loading from a random-access device is synchronous, so the
document is Ready (or Error) as soon as ``show_pdf`` returns. The buffer must outlive the
document's use of it, so the widget keeps the current one until the next load replaces it.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMargins, Signal
from PySide6.QtGui import QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from rallyorg.gui.widgets.icons import icon
from rallyorg.i18n import _

FIT_PAGE, FIT_WIDTH = "page", "width"


class FlyerPreview(QWidget):
    zoom_changed = Signal(str)  # FIT_PAGE or FIT_WIDTH, for the tab to remember

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setDocumentMargins(QMargins(12, 12, 12, 12))
        self.view.setPageSpacing(12)
        self.view.setAccessibleName(_("Flyer preview"))
        # A grey desk under the white sheet, whatever the palette: the page's edge must show.
        palette = self.view.palette()
        palette.setColor(QPalette.ColorRole.Dark, palette.color(QPalette.ColorRole.Mid))
        self.view.setPalette(palette)
        self.view.setBackgroundRole(QPalette.ColorRole.Dark)

        self.fit_page = self._zoom_button("ph.frame-corners", _("Whole page"), FIT_PAGE)
        self.fit_width = self._zoom_button("ph.arrows-out-line-horizontal", _("Fit width"), FIT_WIDTH)
        group = QButtonGroup(self)
        group.addButton(self.fit_page)
        group.addButton(self.fit_width)
        self.caption = QLabel()
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.caption, 1)
        bar.addWidget(self.fit_page)
        bar.addWidget(self.fit_width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.set_zoom(FIT_PAGE)

    def _zoom_button(self, icon_name: str, text: str, mode: str) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon(icon_name))
        button.setText(text)
        button.setToolTip(text)
        button.setAccessibleName(text)
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.clicked.connect(lambda: self._zoom_clicked(mode))
        return button

    def _zoom_clicked(self, mode: str) -> None:
        self.set_zoom(mode)
        self.zoom_changed.emit(mode)

    def set_zoom(self, mode: str) -> None:
        fit_width = mode == FIT_WIDTH
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth if fit_width else QPdfView.ZoomMode.FitInView)
        self.fit_width.setChecked(fit_width)
        self.fit_page.setChecked(not fit_width)

    def zoom(self) -> str:
        return FIT_WIDTH if self.fit_width.isChecked() else FIT_PAGE

    def show_pdf(self, data: bytes, caption: str = "") -> bool:
        """Show ``data``; False if QtPdf could not read it (the old preview is then cleared)."""
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        scroll = self.view.verticalScrollBar().value()
        self.document.load(buffer)  # closes the previous document first
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
        self._buffer = buffer
        # Reloading resets the view; keep the reader's place when zoomed to the width.
        self.view.verticalScrollBar().setValue(scroll)
        self.caption.setText(caption)
        return self.document.status() == QPdfDocument.Status.Ready

    def clear(self) -> None:
        self.document.close()
        self.caption.clear()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
