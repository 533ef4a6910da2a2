"""A framed line with an icon and words: a file-level warning ("Names contain '?'…"), the
outcome of a check, a note about consent. The icon and the words carry the meaning; the
colour only repeats it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from rallyorg.gui.widgets.icons import icon

KINDS = {
    "info": ("ph.info", "#0969da"),
    "warning": ("ph.warning", "#9a6700"),
    "error": ("ph.x-circle", "#cf222e"),
    "done": ("ph.check-circle", "#1a7f37"),
    "privacy": ("ph.shield-check", "#1a7f37"),
}


class Banner(QFrame):
    def __init__(self, text: str = "", kind: str = "info", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.setSpacing(8)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        if text:
            self.show_message(text, kind)
        else:
            self.hide()

    def show_message(self, text: str, kind: str = "info") -> None:
        icon_name, colour = KINDS[kind]
        size = self.text.fontMetrics().height()
        self.icon.setPixmap(icon(icon_name, color=colour).pixmap(QSize(size, size)))
        self.text.setText(text)
        self.setAccessibleName(text)
        self.setStyleSheet(
            f"QFrame#banner {{ border: 1px solid {colour}; border-left: 4px solid {colour};"
            " border-radius: 3px; }"
        )
        self.show()
