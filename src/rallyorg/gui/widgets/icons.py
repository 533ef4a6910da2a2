"""Icons from qtawesome's Phosphor set (fonts ship in its wheel, work offline)."""

from __future__ import annotations

import qtawesome
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication


def icon(name: str, *, color: str | None = None) -> QIcon:
    if color is None:
        app = QApplication.instance()
        palette = app.palette() if isinstance(app, QApplication) else QPalette()
        color = palette.color(QPalette.ColorRole.WindowText).name()
    return qtawesome.icon(name, color=color)
