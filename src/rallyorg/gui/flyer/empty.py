"""What the Flyer tab shows for a rally not saved yet."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout

from rallyorg.gui.widgets.empty_state import EmptyState
from rallyorg.gui.widgets.icons import icon
from rallyorg.i18n import _


def unsaved_rally_state() -> EmptyState:
    state = EmptyState(_("Save the rally to see its flyer."), [])
    picture = QLabel()
    size = picture.fontMetrics().height() * 4
    picture.setPixmap(icon("ph.file-pdf", color="#6e7781").pixmap(QSize(size, size)))
    picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
    hint = QLabel(_("The flyer is made from the rally's texts, place and partners, in one language or two."))
    hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
    hint.setWordWrap(True)
    hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    layout = state.layout()
    assert isinstance(layout, QVBoxLayout)
    layout.insertWidget(1, picture)  # above the message
    layout.insertWidget(3, hint)  # below it, above the (absent) buttons
    return state
