"""Icons from qtawesome's Phosphor set (fonts ship in its wheel, work offline)."""

from __future__ import annotations

import qtawesome
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication


def icon(name: str, *, color: str | None = None) -> QIcon:
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else QPalette()
    if color is None:
        color = palette.color(QPalette.ColorRole.WindowText).name()
    # Greyed like the button's text when disabled (a white icon on a greyed Save button
    # otherwise shows as a blank square).
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
    return qtawesome.icon(name, color=color, color_disabled=disabled)
