"""A screen that is not built yet (replaced as each screen lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from rallyorg.gui.context import GuiContext
from rallyorg.gui.screen import Screen


class PlaceholderScreen(Screen):
    def __init__(
        self, context: GuiContext, key: str, title: str, icon_name: str, parent: QWidget | None = None
    ):
        super().__init__(context, parent)
        self.key, self._title, self.icon_name = key, title, icon_name
        QVBoxLayout(self).addWidget(QLabel(title))

    def title(self) -> str:
        return self._title
