"""The Flyer tab of the rally editor. A placeholder: the flyer issue fills in the preview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from rallyorg.gui.context import GuiContext
from rallyorg.i18n import _
from rallyorg.services.events import EventData


class FlyerTab(QWidget):
    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.rally: EventData | None = None
        layout = QVBoxLayout(self)
        self.label = QLabel(_("Flyer preview arrives here"))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)

    def show_event(self, event: EventData | None) -> None:
        """Show the flyer of ``event`` (None: a rally not saved yet)."""
        self.rally = event
