"""The consent column drawn compactly: one icon per way a volunteer may be reached (envelope,
speech bubble, phone, share), so the column stays narrow in every language. "Do not contact"
and "No consent recorded" stay in words; the cell's tooltip and accessible text always are."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize
from PySide6.QtGui import QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from rallyorg.gui.volunteers.list_model import CONSENT_ROLE, ConsentFlags
from rallyorg.gui.widgets.icons import icon

ICONS = ("ph.envelope-simple", "ph.chat-text", "ph.phone", "ph.share-network")


class ConsentDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icons: dict[tuple[str, str], QIcon] = {}

    def _icon(self, name: str, colour: str) -> QIcon:
        key = (name, colour)
        if key not in self._icons:
            self._icons[key] = icon(name, color=colour)
        return self._icons[key]

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        flags = index.data(CONSENT_ROLE)
        if not isinstance(flags, ConsentFlags) or flags.do_not_contact or not flags.any_channel_or_share:
            super().paint(painter, option, index)  # the words, as the model gives them
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""  # type: ignore[attr-defined]
        item.icon = QIcon()  # type: ignore[attr-defined]
        style = item.widget.style() if item.widget else QApplication.style()  # type: ignore[attr-defined]
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = option.palette.color(role).name()  # type: ignore[attr-defined]
        rect: QRect = option.rect  # type: ignore[attr-defined]
        size = min(16, rect.height() - 4)
        # One fixed place per channel, so the icons line up down the column.
        step = max(size + 2, min(size + 10, (rect.width() - 8) // len(ICONS)))
        shown = (flags.may_email, flags.may_text, flags.may_call, flags.may_share)
        for slot, (name, on) in enumerate(zip(ICONS, shown, strict=True)):
            x = rect.left() + 4 + slot * step
            if on and x + size <= rect.right():
                target = QRect(x, rect.top() + (rect.height() - size) // 2, size, size)
                self._icon(name, colour).paint(painter, target)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 4 * 22 + 8), hint.height())
