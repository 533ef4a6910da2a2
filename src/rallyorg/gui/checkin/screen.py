"""Placeholder for the Check-in screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from rallyorg.gui.context import GuiContext
from rallyorg.gui.placeholder import PlaceholderScreen
from rallyorg.i18n import _


class CheckInScreen(PlaceholderScreen):
    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "checkin", _("Check-in"), "ph.check-square", parent)
