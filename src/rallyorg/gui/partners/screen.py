"""Placeholder for the Partners screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from rallyorg.gui.context import GuiContext
from rallyorg.gui.placeholder import PlaceholderScreen
from rallyorg.i18n import _


class PartnersScreen(PlaceholderScreen):
    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "partners", _("Partners"), "ph.handshake", parent)
