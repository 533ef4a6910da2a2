"""A one-line notice with an icon and words, for what just happened in a tab
("Shift full — Ana Souza is on the waitlist"). Stays until the next notice or a close click."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from rallyorg.gui.widgets.icons import icon
from rallyorg.i18n import _

KINDS = {
    "info": ("ph.info", "#0969da"),
    "warning": ("ph.hourglass", "#9a6700"),
    "done": ("ph.check-circle", "#1a7f37"),
}


class Notice(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        close = QToolButton()
        close.setIcon(icon("ph.x"))
        close.setAutoRaise(True)
        close.setToolTip(_("Dismiss"))
        close.setAccessibleName(_("Dismiss"))
        close.clicked.connect(self.hide)
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        row.addWidget(close)
        self.hide()

    def show_message(self, message: str, kind: str = "info") -> None:
        icon_name, colour = KINDS[kind]
        size = self.text.fontMetrics().height()
        self.icon.setPixmap(icon(icon_name, color=colour).pixmap(QSize(size, size)))
        self.text.setText(message)
        self.setAccessibleName(message)
        self.setStyleSheet(
            f"QFrame#notice {{ border: 1px solid {colour}; border-left: 4px solid {colour};"
            " border-radius: 3px; }"
        )
        self.show()
