"""A window that fits the screen it opens on, and toolbars that fit a narrow window.

The first window opens at a comfortable size, but never larger than the screen's available
area (a 1366×768 laptop with a panel has less than 768 px). A stored size and position is
brought back, and pulled back onto the screen if that screen has since changed. A narrow
window has a compact navigation rail (``RAIL_WORDS_FROM``).

A toolbar squeezed by a narrow window would hide its last actions behind Qt's "»" button;
instead its buttons drop their words and keep their icons, with the words as tooltip and
accessible name, and get their words back when there is room again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

PREFERRED_SIZE = QSize(1280, 800)
PREFERRED_MINIMUM = QSize(960, 600)
# Room for the window manager's title bar and borders, which the window's own size excludes.
FRAME_ALLOWANCE = QSize(16, 48)
# The navigation rail shows its places' names from this window width on; below it (1024×700,
# 2× scaling on a 1920×1080 screen) its icons alone, the names in tooltips (gui/nav_rail.py).
RAIL_WORDS_FROM = 1100


def available_area(window: QWidget) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)


def fit_minimum_size(window: QWidget) -> None:
    """The usual minimum, lowered where the screen is smaller (a 2× scaled laptop)."""
    area = available_area(window).size() - FRAME_ALLOWANCE
    window.setMinimumSize(PREFERRED_MINIMUM.boundedTo(area))


def first_geometry(window: QWidget) -> QRect:
    """The preferred size, shrunk to the screen, centred on it."""
    area = available_area(window)
    size = PREFERRED_SIZE.boundedTo(area.size() - FRAME_ALLOWANCE)
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(area.center())
    return rect


def keep_on_screen(window: QWidget) -> None:
    """Shrink and move a restored window back into the available area."""
    area = available_area(window)
    room = area.size() - FRAME_ALLOWANCE
    geometry = window.geometry()
    if geometry.width() > room.width() or geometry.height() > room.height():
        window.resize(geometry.size().boundedTo(room))
        geometry = window.geometry()
    x = min(max(geometry.x(), area.left()), area.left() + room.width() - geometry.width())
    y = min(max(geometry.y(), area.top()), area.top() + room.height() - geometry.height())
    if (x, y) != (geometry.x(), geometry.y()):
        window.move(x, y)


class ToolbarFitter(QObject):
    """Words beside the icons while they fit; icons alone (words in tooltips) when not.

    A bar of icons alone may be laid out no wider than it needs, so whether the words fit again
    is told by the window: they come back once it is wider, by what they lacked, than when they
    were dropped."""

    def __init__(self, bar: QToolBar) -> None:
        super().__init__(bar)
        self.bar = bar
        self.wide_style = bar.toolButtonStyle()
        self.narrow_until = 0  # the window width from which the words fit again
        self._fitting = False
        name_buttons(bar)
        bar.installEventFilter(self)
        bar.window().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and self.bar.isVisible():
            self.fit()
        return False

    @property
    def narrow(self) -> bool:
        return self.bar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly

    def fit(self) -> None:
        if self._fitting:
            return
        self._fitting = True
        try:
            window_width = self.bar.window().width()
            if self.narrow:
                if window_width >= self.narrow_until:
                    self._set_style(self.wide_style)  # a resize follows: fit() checks again then
            else:
                missing = self.bar.sizeHint().width() - self.bar.width()
                if missing > 0:
                    self.narrow_until = window_width + missing
                    self._set_style(Qt.ToolButtonStyle.ToolButtonIconOnly)
        finally:
            self._fitting = False

    def _set_style(self, style: Qt.ToolButtonStyle) -> None:
        self.bar.setToolButtonStyle(style)
        name_buttons(self.bar)


def plain_text(text: str) -> str:
    """An action's text as a screen reader should say it: no mnemonic, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def name_buttons(bar: QToolBar) -> None:
    """Every button says what it does, also when it shows only its icon."""
    for action in bar.actions():
        button = bar.widgetForAction(action)
        if not isinstance(button, QToolButton) or action.isSeparator():
            continue
        # (The action's tooltip is its text unless a screen gave a longer one.)
        if not button.accessibleName():
            button.setAccessibleName(plain_text(action.text()))


def fit_toolbars(root: QWidget) -> list[ToolbarFitter]:
    """Watch every toolbar inside ``root`` whose buttons show words beside their icons."""
    fitters = []
    for bar in root.findChildren(QToolBar):
        if bar.toolButtonStyle() in (
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon,
            Qt.ToolButtonStyle.ToolButtonTextUnderIcon,
        ) and not bar.findChildren(ToolbarFitter, options=Qt.FindChildOption.FindDirectChildrenOnly):
            fitters.append(ToolbarFitter(bar))
    return fitters
