"""The places of the main window, in rail order."""

from __future__ import annotations

from rallyorg.gui.context import GuiContext
from rallyorg.gui.screen import Screen


def build_screens(context: GuiContext) -> list[Screen]:
    from rallyorg.gui.checkin.screen import CheckInScreen
    from rallyorg.gui.dashboard import DashboardScreen
    from rallyorg.gui.partners.screen import PartnersScreen
    from rallyorg.gui.rallies.screen import RalliesScreen
    from rallyorg.gui.settings_screen import SettingsScreen
    from rallyorg.gui.volunteers.screen import VolunteersScreen

    return [
        DashboardScreen(context),
        RalliesScreen(context),
        PartnersScreen(context),
        VolunteersScreen(context),
        CheckInScreen(context),
        SettingsScreen(context),
    ]
