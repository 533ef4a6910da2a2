"""Placeholder for the Volunteers screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from rallyorg.gui.context import GuiContext
from rallyorg.gui.placeholder import PlaceholderScreen
from rallyorg.i18n import _


class VolunteersScreen(PlaceholderScreen):
    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "volunteers", _("Volunteers"), "ph.users-three", parent)
