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

    # A login that may not read people (a viewer on a shared server) gets only the places it
    # can use, rather than places that fail; the window's banner says why (main_window.py).
    rights = context.rights
    people = [PartnersScreen(context), VolunteersScreen(context)] if rights.read_people else []
    checkin = [CheckInScreen(context)] if rights.read_people and rights.read_attendance else []
    return [DashboardScreen(context), RalliesScreen(context), *people, *checkin, SettingsScreen(context)]
