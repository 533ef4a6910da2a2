"""Widgets that fit a narrow window: 1024×700, or 2× scaling on a 1920×1080 screen, which leaves
about 960×540 to lay out. Words beside icons are dropped, never cut off or scrolled sideways,
the way the toolbars already drop theirs (``gui/desktop/window_fit.py``):

- ``FittingTabBar``: a tab widget's tabs show their icons alone while their titles do not fit
  its width. The titles stay the tabs' texts (screen readers and code read them) and show as
  tooltips.
- ``CompactButtons``: push buttons that show their icons alone while what they sit in is
  narrower than it needs with their words; the words are the tooltip and accessible name.
- ``FittingScrollArea``: a scroll area as wide, at least, as its content's minimum, so that the
  splitter or layout around it gives it that room before anything scrolls sideways.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QHelpEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QScrollArea,
    QStackedWidget,
    QStyleOptionTab,
    QTabBar,
    QTabWidget,
    QToolTip,
    QWidget,
)


def plain_text(text: str) -> str:
    """A label as a tooltip or screen reader says it: no mnemonic, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


class FittingTabBar(QTabBar):
    """Tabs with their icons and titles while the titles fit; icons alone when they do not.

    Whether they fit is told by the tab widget's width against the tabs' full size, which does
    not change with the look: no flicker between the two."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._compact = False
        self._fitting = False

    @property
    def compact(self) -> bool:
        return self._compact

    def full_width(self) -> int:
        """The tabs' width with their titles."""
        return sum(super(FittingTabBar, self).tabSizeHint(i).width() for i in range(self.count()))

    def room(self) -> int:
        tabs = self.parentWidget()
        return tabs.width() if isinstance(tabs, QTabWidget) else self.width()

    def fit(self) -> None:
        if self._fitting:
            return
        self._fitting = True
        try:
            icons = all(not self.tabIcon(i).isNull() for i in range(self.count()))
            compact = icons and self.count() > 0 and self.full_width() > self.room()
            if compact != self._compact:
                self._compact = compact
                self.setIconSize(self.iconSize())  # lays the tabs out again
        finally:
            self._fitting = False

    # --- the look ------------------------------------------------------------------------------
    def tabSizeHint(self, index: int) -> QSize:
        size = super().tabSizeHint(index)
        if self._compact:
            words = self.fontMetrics().horizontalAdvance(self.tabText(index).replace("&", ""))
            size.setWidth(max(size.width() - words - 4, self.iconSize().width() + 16))
        return size

    def minimumTabSizeHint(self, index: int) -> QSize:
        return self.tabSizeHint(index) if self._compact else super().minimumTabSizeHint(index)

    def initStyleOption(self, option: QStyleOptionTab, tabIndex: int) -> None:
        super().initStyleOption(option, tabIndex)
        if self._compact:
            option.text = ""

    # --- when to fit ---------------------------------------------------------------------------
    def tabLayoutChange(self) -> None:  # a title changed, a tab came or went
        super().tabLayoutChange()
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentAboutToChange and self.parentWidget() is not None:
            self.parentWidget().removeEventFilter(self)
        elif event.type() == QEvent.Type.ParentChange and self.parentWidget() is not None:
            self.parentWidget().installEventFilter(self)
        elif event.type() == QEvent.Type.ToolTip and self._compact and isinstance(event, QHelpEvent):
            index = self.tabAt(event.pos())
            if index >= 0 and not self.tabToolTip(index):
                QToolTip.showText(event.globalPos(), plain_text(self.tabText(index)), self)
                return True
        return super().event(event)


def fitting_tabs() -> QTabWidget:
    """A QTabWidget whose tabs show their icons alone when their titles do not fit."""
    tabs = QTabWidget()
    tabs.setTabBar(FittingTabBar())
    return tabs


class CompactButtons(QObject):
    """Push buttons with their words while ``need()`` fits in ``room()``, icons alone when not.

    They get their words back once the room is as wide as what was needed with them when they
    were dropped (what is needed without them is smaller, and would flip them back at once).
    ``watched`` is the widget (or widgets) whose resizing may change the answer."""

    def __init__(
        self,
        watched: Sequence[QWidget],
        buttons: Sequence[QAbstractButton],
        *,
        room: Callable[[], int],
        need: Callable[[], int],
    ) -> None:
        super().__init__(watched[0])
        # (button, its words, its own tooltip)
        self.buttons = tuple((b, b.text(), b.toolTip()) for b in buttons)
        self._room = room
        self._need = need
        self.needed_width = 0  # the room the words need (known once they were dropped)
        self.compact = False
        self._fitting = False
        for button, words, _tooltip in self.buttons:
            if not button.accessibleName():
                button.setAccessibleName(plain_text(words))
        for widget in watched:
            widget.installEventFilter(self)

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.LayoutRequest):
            self.fit()
        return False

    def fit(self) -> None:
        if self._fitting:
            return
        self._fitting = True
        try:
            room = self._room()
            if self.compact:
                if room >= self.needed_width:
                    self._show_words(True)
            else:
                need = self._need()
                if need > room > 0:
                    self.needed_width = need
                    self._show_words(False)
        finally:
            self._fitting = False

    def _show_words(self, words: bool) -> None:
        self.compact = not words
        for button, text, tooltip in self.buttons:
            button.setText(text if words else "")
            # Its own tooltip when it has one (it says more); else, icon alone, its words.
            button.setToolTip(tooltip if words or tooltip else plain_text(text))


def compact_in_scroll_area(area: QScrollArea, buttons: Sequence[QAbstractButton]) -> CompactButtons:
    """Buttons inside ``area`` drop their words rather than make it scroll sideways."""
    content = area.widget()

    def need() -> int:
        return content.minimumSizeHint().width() if content is not None else 0

    watched = [area.viewport(), *([content] if content is not None else [])]
    return CompactButtons(watched, buttons, room=lambda: area.viewport().width(), need=need)


class _CompactInPage(CompactButtons):
    """Follows the container into the stack of a tab widget: a page not on show keeps the size
    it last had, so there the stack's width is the room (a hidden page's words also widen the
    editor it is in)."""

    def __init__(self, container: QWidget, buttons: Sequence[QAbstractButton]) -> None:
        self.container = container
        super().__init__(
            [container], buttons, room=self._room_width, need=lambda: container.minimumSizeHint().width()
        )

    def _room_width(self) -> int:
        parent = self.container.parentWidget()
        return parent.width() if isinstance(parent, QStackedWidget) else self.container.width()

    def _show_words(self, words: bool) -> None:
        super()._show_words(words)
        parent = self.container.parentWidget()
        if not self.container.isVisible() and parent is not None:
            # Qt lays out a hidden page only when it is shown: its new minimum is measured now,
            # from the innermost widgets out, so the editor around it may be narrower at once.
            inner_first = [*reversed(self.container.findChildren(QWidget)), self.container]
            for widget in inner_first:
                widget.updateGeometry()  # forgets the sizes cached for it
            for widget in inner_first:
                layout = widget.layout()
                if layout is not None:
                    layout.activate()
            parent.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.container and event.type() == QEvent.Type.ParentChange:
            parent = self.container.parentWidget()
            if isinstance(parent, QStackedWidget):
                self.watch(parent)
        return super().eventFilter(watched, event)


def compact_in(container: QWidget, buttons: Sequence[QAbstractButton]) -> CompactButtons:
    """Buttons inside ``container`` (a tab's page, say) drop their words rather than be cut off
    at its edge."""
    return _CompactInPage(container, buttons)


class FittingScrollArea(QScrollArea):
    """A resizable scroll area that asks for its content's minimum width (and room for a
    vertical scroll bar): it scrolls up and down, never sideways, when the window allows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)
        self.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # its minimum may have changed
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Filled in while hidden (a record loaded before the editor is shown), the content's
        # wrapped words would keep the heights measured before: a venue's address would
        # overlap the fields around it. Measured again once everything inside is shown.
        QTimer.singleShot(0, self, self._measure_again)

    def _measure_again(self) -> None:
        content = self.widget()
        if content is not None and content.layout() is not None:
            content.layout().invalidate()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None or not self.widgetResizable():
            return hint
        width = (
            content.minimumSizeHint().width()
            + self.verticalScrollBar().sizeHint().width()
            + 2 * self.frameWidth()
        )
        return QSize(max(hint.width(), width), hint.height())
