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
        # What changed while the place was hidden (everything, before its first showing).
        self._pending: Change | None = Change.everything()
        context.events.changed.connect(self._on_data_changed)

    # --- navigation -------------------------------------------------------------------
    def title(self) -> str:
        """The translated name shown in the rail."""
        raise NotImplementedError

    def activate(self) -> None:
        """Called when the screen becomes visible: refresh for what changed meanwhile."""
        if self._pending is not None:
            change, self._pending = self._pending, None
            self.refresh_for(change)

    @property
    def _stale(self) -> bool:
        return self._pending is not None

    @_stale.setter
    def _stale(self, stale: bool) -> None:
        self._pending = Change.everything() if stale else None

    def _on_data_changed(self, change: Change) -> None:
        if not change.touches(self.watches):
            return
        if self.isVisible():
            self.refresh_for(change)
        else:
            self._pending = change if self._pending is None else self._pending.merged(change)

    # --- actions (override where meaningful) ------------------------------------------
    def refresh(self) -> None:
        """Reload from the services, keeping the selection."""

    def refresh_for(self, change: Change) -> None:
        """Reload what ``change`` touched; a place that can do less than everything says how."""
        self.refresh()

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

    # --- the window around the place --------------------------------------------------
    def ask_window(self, action: str, *args: object) -> bool:
        """Run one of the main window's actions (``import_volunteers``, ``open_record``…);
        False when the place stands alone (in a test, or before it is put in a window)."""
        method = getattr(self.window(), action, None)
        if not callable(method):
            return False
        method(*args)
        return True
