"""The navigation rail: an icon and a word per place; the current place is shown by a bar and
bold text, not by colour alone. Settings sits at the bottom.

In a narrow window (1024×700, or 2× scaling on a 1920×1080 screen) the rail is compact: icons
alone, the places' names as tooltips and accessible names, leaving the width to the place."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import ACCENT

RAIL_STYLE = f"""
QFrame#navRail {{ background: palette(alternate-base); border-right: 1px solid palette(mid); }}
QToolButton {{ border: none; border-left: 4px solid transparent; padding: 8px 4px; }}
QToolButton:hover {{ background: palette(midlight); }}
QToolButton:checked {{ border-left: 4px solid {ACCENT}; font-weight: bold; background: palette(base); }}
"""


class NavRail(QFrame):
    place_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navRail")
        self.setStyleSheet(RAIL_STYLE)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 8, 0, 8)
        self._layout.setSpacing(2)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._buttons: dict[str, QToolButton] = {}
        self._bottom_started = False
        self.compact = False

    def add_place(self, key: str, text: str, icon_name: str, *, bottom: bool = False) -> QToolButton:
        if bottom and not self._bottom_started:
            self._layout.addStretch(1)
            self._bottom_started = True
        button = QToolButton()
        button.setText(text)
        button.setIcon(icon(icon_name))
        button.setCheckable(True)
        button.setIconSize(QSize(26, 26))
        button.setToolButtonStyle(self._style())
        button.setToolTip(text if self.compact else "")
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setAccessibleName(text)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(lambda: self.place_chosen.emit(key))
        self._group.addButton(button)
        self._layout.addWidget(button)
        self._buttons[key] = button
        return button

    def set_current(self, key: str) -> None:
        button = self._buttons.get(key)
        if button is not None:
            button.setChecked(True)

    def button(self, key: str) -> QToolButton:
        return self._buttons[key]

    def set_text(self, key: str, text: str) -> None:
        self._buttons[key].setText(text)
        self._buttons[key].setAccessibleName(text)
        self._buttons[key].setToolTip(text if self.compact else "")

    def set_compact(self, compact: bool) -> None:
        """Icons alone (names in tooltips) or icons over their names."""
        if compact == self.compact:
            return
        self.compact = compact
        for button in self._buttons.values():
            button.setToolButtonStyle(self._style())
            button.setToolTip(button.text() if compact else "")

    def _style(self) -> Qt.ToolButtonStyle:
        return (
            Qt.ToolButtonStyle.ToolButtonIconOnly
            if self.compact
            else Qt.ToolButtonStyle.ToolButtonTextUnderIcon
        )
