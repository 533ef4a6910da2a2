"""The live flyer preview: the PDF's pages in a PageView, with a caption and zoom buttons.

Zoom: "Whole page" (the default) fits the sheet in the view, "Page width" fits its width;
zooming in or out (buttons, Ctrl+wheel, Ctrl++ / Ctrl+-) steps from whatever size is on show,
to read the small print.
"""

from __future__ import annotations

from babel.numbers import format_percent
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QWheelEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from rallyorg.domain.errors import RallyorgError
from rallyorg.gui.flyer.page_view import PageView, ZoomMode
from rallyorg.gui.widgets.icons import icon
from rallyorg.i18n import _, format_locale, ui_language

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)


class FlyerPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

        self.caption = QLabel()
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.zoom_label = QLabel()
        self.zoom_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.zoom_out = self._tool_button(
            "ph.magnifying-glass-minus", _("Zoom out"), lambda: self.step_zoom(-1)
        )
        self.zoom_in = self._tool_button("ph.magnifying-glass-plus", _("Zoom in"), lambda: self.step_zoom(1))
        self.page_width = self._tool_button("ph.arrows-out-line-horizontal", _("Page width"), self.fit_width)
        self.whole_page = self._tool_button("ph.frame-corners", _("Whole page"), self.fit_whole_page)
        for button in (self.page_width, self.whole_page):
            button.setCheckable(True)

        self.view = PageView()  # no parent yet: it joins the tab order after the buttons above it
        self.view.setAccessibleName(_("Flyer preview"))
        self.view.viewport().installEventFilter(self)
        for key, step in ((QKeySequence.StandardKey.ZoomIn, 1), (QKeySequence.StandardKey.ZoomOut, -1)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.step_zoom(step))

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(2)
        bar.addWidget(self.caption, 1)
        bar.addWidget(self.zoom_label)
        for button in (self.zoom_out, self.zoom_in, self.page_width, self.whole_page):
            bar.addWidget(button)
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
        self._fit(ZoomMode.WHOLE_PAGE, self.whole_page)

    def fit_width(self) -> None:
        self._fit(ZoomMode.PAGE_WIDTH, self.page_width)

    def _fit(self, mode: ZoomMode, button: QToolButton) -> None:
        self.view.set_zoom_mode(mode)
        self._check_only(button)
        self.zoom_label.clear()

    def _check_only(self, chosen: QToolButton | None) -> None:
        """One fit button checked at a time; none when zoomed by steps."""
        for button in (self.page_width, self.whole_page):
            button.setChecked(button is chosen)

    def effective_zoom(self) -> float:
        """The zoom factor on show, also when fitting."""
        return self.view.zoom()

    def step_zoom(self, direction: int) -> None:
        current = self.effective_zoom()
        if direction > 0:
            factor = next((z for z in ZOOM_STEPS if z > current * 1.01), ZOOM_STEPS[-1])
        else:
            factor = next((z for z in reversed(ZOOM_STEPS) if z < current * 0.99), ZOOM_STEPS[0])
        self.view.set_zoom(factor)
        self._check_only(None)
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
        """Show ``data``; False if it could not be read as a PDF."""
        self.caption.setText(caption)
        try:
            self.view.set_pdf(data)
        except RallyorgError:
            self.clear()
            return False
        return True

    def is_showing_page(self) -> bool:
        """True once a page of the PDF given last has been painted."""
        return self.view.is_showing_page()

    def clear(self) -> None:
        self.view.clear()
        self.caption.clear()
