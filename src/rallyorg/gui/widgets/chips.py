"""Status chips: a word and a colour (never colour alone), in widgets and table cells."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from rallyorg.domain.enums import EventStatus
from rallyorg.gui.widgets.style import status_colour
from rallyorg.i18n import _

#: table models put the EventStatus in this role for the chip delegate
STATUS_ROLE = Qt.ItemDataRole.UserRole + 40


class StatusChip(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_status(EventStatus.DRAFT)

    def set_status(self, status: EventStatus) -> None:
        colour = status_colour(status).name()
        self.setText(_(status.label))
        self.setAccessibleName(_("Status: {status}").format(status=_(status.label)))
        self.setStyleSheet(
            f"QLabel {{ background: {colour}; color: white; border-radius: 9px;"
            " padding: 2px 10px; font-weight: bold; }"
        )


class StatusChipDelegate(QStyledItemDelegate):
    """Paints the cell's EventStatus (STATUS_ROLE) as a rounded chip with its word."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        value = index.data(STATUS_ROLE)
        if value is None:
            super().paint(painter, option, index)
            return
        status = EventStatus(value)  # Qt hands back the enum's string value
        if option.state & QStyle.StateFlag.State_Selected:  # type: ignore[attr-defined]
            painter.fillRect(option.rect, option.palette.highlight())  # type: ignore[attr-defined]
        text = _(status.label)
        metrics = option.fontMetrics  # type: ignore[attr-defined]
        width = metrics.horizontalAdvance(text) + 16
        height = metrics.height() + 4
        rect = QRectF(option.rect)  # type: ignore[attr-defined]
        chip = QRectF(rect.left() + 4, rect.center().y() - height / 2, min(width, rect.width() - 8), height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(status_colour(status))
        painter.drawRoundedRect(chip, height / 2, height / 2)
        painter.setPen(QColor("white"))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 24, hint.height() + 6)
