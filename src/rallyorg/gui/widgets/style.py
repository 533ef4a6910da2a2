"""One accent colour, status colours, and type sizes relative to the system font."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from rallyorg.domain.enums import EventStatus

ACCENT = "#1f6feb"
STATUS_COLOURS = {
    EventStatus.DRAFT: "#6e7781",
    EventStatus.CONFIRMED: "#1a7f37",
    EventStatus.CANCELLED: "#cf222e",
    EventStatus.DONE: "#0969da",
}


def scaled_font(widget: QWidget | None = None, factor: float = 1.0, bold: bool = False) -> QFont:
    font = QFont(widget.font() if widget is not None else QApplication.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


def title_label(text: str, factor: float = 1.4) -> QLabel:
    label = QLabel(text)
    label.setFont(scaled_font(label, factor, bold=True))
    label.setAccessibleName(text)
    return label


def section_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setFont(scaled_font(label, 1.0, bold=True))
    return label


def hint_label(text: str) -> QLabel:
    """A short explanation under a control, in the palette's quieter text colour."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def status_colour(status: EventStatus) -> QColor:
    return QColor(STATUS_COLOURS[status])
