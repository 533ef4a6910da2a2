"""The places of the main window, in rail order, and how each is built.

A place is built the first time it is asked for (the rail, a menu or shortcut, global search,
another place), not at start: at 100,000 volunteers building and loading every place made the
start about 0.4 s slower than the place shown alone. Its module is imported then too, so what only
one place needs (the flyers' ReportLab, Settings' panels) is not imported before it is shown.
A place built late loads fresh from the database when shown (``Screen.activate``); one not
built yet has nothing to refresh when data changes."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from rallyorg.gui.context import GuiContext
from rallyorg.gui.screen import Screen
from rallyorg.i18n import _


@dataclass(frozen=True)
class Place:
    key: str
    #: the translated name in the rail and the View menu, known without building the place
    title: Callable[[], str]
    icon_name: str
    build: Callable[[GuiContext], Screen]


def _dashboard(context: GuiContext) -> Screen:
    from rallyorg.gui.dashboard import DashboardScreen

    return DashboardScreen(context)


def _rallies(context: GuiContext) -> Screen:
    from rallyorg.gui.rallies.screen import RalliesScreen

    return RalliesScreen(context)


def _partners(context: GuiContext) -> Screen:
    from rallyorg.gui.partners.screen import PartnersScreen

    return PartnersScreen(context)


def _volunteers(context: GuiContext) -> Screen:
    from rallyorg.gui.volunteers.screen import VolunteersScreen

    return VolunteersScreen(context)


def _checkin(context: GuiContext) -> Screen:
    from rallyorg.gui.checkin.screen import CheckInScreen

    return CheckInScreen(context)


def _reports(context: GuiContext) -> Screen:
    from rallyorg.gui.reports.screen import ReportsScreen

    return ReportsScreen(context)


def _settings(context: GuiContext) -> Screen:
    from rallyorg.gui.settings_screen import SettingsScreen

    return SettingsScreen(context)


# Each title and icon is the one its screen shows (tests/gui/test_lazy_places.py compares them).
DASHBOARD = Place("dashboard", lambda: _("Dashboard"), "ph.squares-four", _dashboard)
RALLIES = Place("rallies", lambda: _("Rallies"), "ph.megaphone", _rallies)
PARTNERS = Place("partners", lambda: _("Partners"), "ph.handshake", _partners)
VOLUNTEERS = Place("volunteers", lambda: _("Volunteers"), "ph.users-three", _volunteers)
CHECKIN = Place("checkin", lambda: _("Check-in"), "ph.check-square", _checkin)
REPORTS = Place("reports", lambda: _("Reports"), "ph.chart-bar", _reports)
SETTINGS = Place("settings", lambda: _("Settings"), "ph.gear-six", _settings)


def places_for(context: GuiContext) -> list[Place]:
    """The places this login has, in rail order."""
    # A login that may not read people (a viewer on a shared server) gets only the places it
    # can use, rather than places that fail; the window's banner says why (main_window.py).
    rights = context.rights
    people = [PARTNERS, VOLUNTEERS] if rights.read_people else []
    checkin = [CHECKIN] if rights.read_people and rights.read_attendance else []
    return [DASHBOARD, RALLIES, *people, *checkin, REPORTS, SETTINGS]


class Screens(Mapping[str, Screen]):
    """The window's places by key, in rail order; each is built the first time it is looked up
    (``screens["partners"]``). Iterating gives every key without building anything; ``built()``
    gives the places built so far (``values()`` would build them all)."""

    def __init__(self, places: list[Place], build: Callable[[Place], Screen]) -> None:
        self.places = {place.key: place for place in places}
        self._build = build
        self._built: dict[str, Screen] = {}

    def __getitem__(self, key: str) -> Screen:
        screen = self._built.get(key)
        if screen is None:
            screen = self._built[key] = self._build(self.places[key])
        return screen

    def __contains__(self, key: object) -> bool:
        return key in self.places

    def __iter__(self) -> Iterator[str]:
        return iter(self.places)

    def __len__(self) -> int:
        return len(self.places)

    def is_built(self, key: str) -> bool:
        return key in self._built

    def built(self) -> list[Screen]:
        return [self._built[key] for key in self.places if key in self._built]
