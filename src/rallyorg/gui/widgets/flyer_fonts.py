"""The flyers' font families in Qt: their shipped files added to Qt's font database, so a
widget can show text as the flyer will print it (Settings ▸ Flyer look shows each family's name
in its own face)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from rallyorg import paths
from rallyorg.domain.font_families import family


@cache
def qt_family(key: str) -> str:
    """Qt's name for the shipped family ``key`` ("Noto Serif"), its faces added once; the
    family's own name if a file is missing (Qt then picks the nearest installed font)."""
    wanted = family(key)
    names: list[str] = []
    for filename in wanted.files:
        path = paths.resource("fonts", filename)
        if path.is_file():
            font_id = QFontDatabase.addApplicationFont(str(path))
            names.extend(QFontDatabase.applicationFontFamilies(font_id))
    return names[0] if names else wanted.name


def flyer_font(key: str, base: QFont) -> QFont:
    """``base`` (its size, weight…) in the shipped family ``key``."""
    font = QFont(base)
    font.setFamilies([qt_family(key)])
    return font
