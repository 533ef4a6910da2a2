"""The live flyer preview: PDF bytes shown by QtPdf's QPdfView, read from memory.

A QBuffer feeds the QPdfDocument; loading from a random-access device is synchronous, so the
document is Ready (or Error) as soon as ``show_pdf`` returns. The buffer must outlive the
document's use of it, so the widget keeps the current one until the next load replaces it.

Zoom: "Whole page" (the default) fits the sheet in the view; zooming in or out (buttons,
Ctrl+wheel, Ctrl++ / Ctrl+-) steps from whatever size is on show, to read the small print.
"""

from __future__ import annotations

from babel.numbers import format_percent
from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QMargins, QObject, Qt
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QWheelEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from rallyorg.gui.widgets.icons import icon
from rallyorg.i18n import _, format_locale, ui_language

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
_MARGIN = 12


class FlyerPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None

        self.caption = QLabel()
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.zoom_label = QLabel()
        self.zoom_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.whole_page = self._tool_button("ph.frame-corners", _("Whole page"), self.fit_whole_page)
        self.whole_page.setCheckable(True)
        self.zoom_out = self._tool_button(
            "ph.magnifying-glass-minus", _("Zoom out"), lambda: self.step_zoom(-1)
        )
        self.zoom_in = self._tool_button("ph.magnifying-glass-plus", _("Zoom in"), lambda: self.step_zoom(1))

        self.view = QPdfView()  # no parent yet: it joins the tab order after the buttons above it
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setDocumentMargins(QMargins(_MARGIN, _MARGIN, _MARGIN, _MARGIN))
        self.view.setPageSpacing(_MARGIN)
        self.view.setAccessibleName(_("Flyer preview"))
        self.view.viewport().installEventFilter(self)
        # A grey desk under the white sheet, whatever the palette: the page's edge must show.
        palette = self.view.palette()
        palette.setColor(QPalette.ColorRole.Dark, palette.color(QPalette.ColorRole.Mid))
        self.view.setPalette(palette)
        self.view.setBackgroundRole(QPalette.ColorRole.Dark)
        for key, step in ((QKeySequence.StandardKey.ZoomIn, 1), (QKeySequence.StandardKey.ZoomOut, -1)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.step_zoom(step))

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(2)
        bar.addWidget(self.caption, 1)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.zoom_out)
        bar.addWidget(self.zoom_in)
        bar.addWidget(self.whole_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.fit_whole_page()

    def _tool_button(self, icon_name: str, text: str, action: object) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon(icon_name))
        button.setToolTip(text)
        button.setAccessibleName(text)
        button.setAutoRaise(True)
        button.clicked.connect(action)
        return button

    # --- zoom -------------------------------------------------------------------------------------
    def fit_whole_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.whole_page.setChecked(True)
        self.zoom_label.clear()

    def effective_zoom(self) -> float:
        """The zoom factor on show, also when fitting (QPdfView reports 1.0 then)."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.document.pageCount() == 0:
            return self.view.zoomFactor()
        page = self.document.pagePointSize(0)
        dots = (self.view.screen().logicalDotsPerInch() if self.view.screen() else 96.0) / 72.0
        room = self.view.viewport().size().shrunkBy(QMargins(_MARGIN, _MARGIN, _MARGIN, _MARGIN))
        across = room.width() / (page.width() * dots)
        if self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            return across
        return min(across, room.height() / (page.height() * dots))

    def step_zoom(self, direction: int) -> None:
        current = self.effective_zoom()
        if direction > 0:
            factor = next((z for z in ZOOM_STEPS if z > current * 1.01), ZOOM_STEPS[-1])
        else:
            factor = next((z for z in reversed(ZOOM_STEPS) if z < current * 0.99), ZOOM_STEPS[0])
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self.whole_page.setChecked(False)
        self.zoom_label.setText(format_percent(factor, locale=format_locale(ui_language())))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            delta = event.angleDelta().y()
            if delta:
                self.step_zoom(1 if delta > 0 else -1)
            return True
        return super().eventFilter(watched, event)

    # --- the document -----------------------------------------------------------------------------
    def show_pdf(self, data: bytes, caption: str = "") -> bool:
        """Show ``data``; False if QtPdf could not read it."""
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        scroll = (self.view.horizontalScrollBar().value(), self.view.verticalScrollBar().value())
        self.document.load(buffer)  # closes the previous document first
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
        self._buffer = buffer
        # Reloading resets the view; when zoomed in, keep the reader's place.
        self.view.horizontalScrollBar().setValue(scroll[0])
        self.view.verticalScrollBar().setValue(scroll[1])
        self.caption.setText(caption)
        return self.document.status() == QPdfDocument.Status.Ready

    def clear(self) -> None:
        self.document.close()
        self.caption.clear()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
