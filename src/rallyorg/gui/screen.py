"""The base of every place in the navigation rail."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from rallyorg.gui.changes import Change, Record
from rallyorg.gui.context import GuiContext
from rallyorg.i18n import _


class Screen(QWidget):
    """A place (Dashboard, Rallies…). Subclasses override what they support; the main window
    routes the standard shortcuts (New Ctrl+N, Save Ctrl+S, Find Ctrl+F, Delete, Print
    Ctrl+P, Refresh F5) to the current screen."""

    #: stable key used in settings and navigation ("dashboard", "rallies"…)
    key = ""
    #: qtawesome icon name
    icon_name = "ph.circle"
    #: the kinds of record the place shows: it reloads only for changes to these
    watches = Record.ALL

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True
        context.events.changed.connect(self._on_data_changed)

    # --- navigation -------------------------------------------------------------------
    def title(self) -> str:
        """The translated name shown in the rail."""
        raise NotImplementedError

    def activate(self) -> None:
        """Called when the screen becomes visible: refresh if data changed meanwhile."""
        if self._stale:
            self.refresh()
            self._stale = False

    def _on_data_changed(self, change: Change) -> None:
        if not change.touches(self.watches):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    # --- actions (override where meaningful) ------------------------------------------
    def refresh(self) -> None:
        """Reload from the services, keeping the selection."""

    def new_record(self) -> None:
        """Ctrl+N."""

    def save(self) -> None:
        """Ctrl+S."""

    def delete_selected(self) -> None:
        """Delete (asks first)."""

    def focus_search(self) -> None:
        """Ctrl+F."""

    def print_flyer(self) -> None:
        """Ctrl+P; screens without a rally in view say where flyers are printed from."""
        self.context.say(_("Flyers are printed from a rally: choose one under Rallies, then Print flyer."))

    def open_record(self, record_id: int) -> None:
        """Show one record (from global search or another screen)."""

    def has_unsaved_changes(self) -> bool:
        return False
