"""Staffing as a bar with its numbers written on it ("7 / 12")."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QProgressBar, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from rallyorg.i18n import ngettext

#: table models put (filled, needed) in this role for the bar delegate
STAFFING_ROLE = Qt.ItemDataRole.UserRole + 41


def places_text(filled: int, needed: int) -> str:
    """Staffing in words, singular and plural right: "1 place, none filled", "3 of 12 places
    filled", "All 12 places filled" (never "0 of 1 places filled")."""
    if filled == 0:
        return ngettext("{needed} place, none filled", "{needed} places, none filled", needed).format(
            needed=needed
        )
    if filled == needed:
        return ngettext("{needed} place, filled", "All {needed} places filled", needed).format(needed=needed)
    return ngettext("{filled} of {needed} place filled", "{filled} of {needed} places filled", needed).format(
        filled=filled, needed=needed
    )


def staffing_colour(filled: int, needed: int) -> QColor:
    if needed and filled >= needed:
        return QColor("#1a7f37")
    if needed and filled >= needed * 0.6:
        return QColor("#9a6700")
    return QColor("#cf222e")


class StaffingBar(QProgressBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextVisible(True)
        self.set_numbers(0, 0)

    def set_numbers(self, filled: int, needed: int) -> None:
        self.setRange(0, max(needed, 1))
        self.setValue(min(filled, max(needed, 1)))
        self.setFormat(f"{filled} / {needed}")
        self.setAccessibleName(places_text(filled, needed))
        self.setStyleSheet(f"QProgressBar::chunk {{ background: {staffing_colour(filled, needed).name()}; }}")


class StaffingDelegate(QStyledItemDelegate):
    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        value = index.data(STAFFING_ROLE)
        if not value:
            super().paint(painter, option, index)
            return
        filled, needed = value
        rect = QRectF(option.rect).adjusted(4, 5, -4, -5)  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 3, 3)
        if needed:
            part = QRectF(rect)
            part.setWidth(rect.width() * min(filled / needed, 1.0))
            painter.setPen(Qt.PenStyle.NoPen)
            colour = staffing_colour(filled, needed)
            colour.setAlpha(110)
            painter.setBrush(colour)
            painter.drawRoundedRect(part, 3, 3)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{filled} / {needed}")
        painter.restore()
