"""What every screen shares: the database handle, settings, the session's undo list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QSettings, Signal

from rallyorg.gui.changes import Change
from rallyorg.gui.data_access import DataAccess
from rallyorg.services import Database, activity
from rallyorg.services.session_rights import SessionRights, session_rights

T = TypeVar("T")

#: Settings ▸ History ▸ Your name: how the activity log names this computer's changes ("" or
#: missing: the default, $RALLYORG_ACTOR or the OS user). Never used on a server (the login).
ACTOR_NAME_KEY = "activity/name"


@dataclass
class UndoEntry:
    description: str  # shown in the status bar and the Edit menu: "Undo delete volunteer"
    undo: Callable[[], None]


class DataEvents(QObject):
    """Tells screens that data changed elsewhere, so they refresh when next shown."""

    changed = Signal(object)  # a gui.changes.Change: which records, which ids, how
    status = Signal(str)  # a status-bar message: "Saved", "3 volunteers imported"
    undo_available = Signal(str)  # description of the newest undo, "" when none
    data_replaced = Signal(str)  # every table was replaced (a restore): what to tell the user


@dataclass
class GuiContext:
    db: Database
    settings: QSettings
    events: DataEvents = field(default_factory=DataEvents)
    undo_stack: list[UndoEntry] = field(default_factory=list)
    access: DataAccess = field(init=False)
    #: what this login may do (everything on a laptop's file; a shared server's role)
    rights: SessionRights = field(init=False)

    def __post_init__(self) -> None:
        self.access = DataAccess(self.db)
        self.rights = session_rights(self.db)
        # Here, where every context is made (at start, on another file): the window built again
        # in another language keeps its context, so the name too. Nothing is queued yet.
        name = self.actor_name()
        if name:
            activity.name_this_computer(self.db, name)

    def actor_name(self) -> str:
        """The name Settings gives this computer's changes on a laptop's file ("": the default)."""
        return str(self.settings.value(ACTOR_NAME_KEY, "") or "").strip()

    def set_actor_name(self, name: str) -> str:
        """Keep the name for the next starts and use it from the next save on (on the database
        thread, after whatever is queued); returns the name now in use."""
        name = name.strip()
        if name:
            self.settings.setValue(ACTOR_NAME_KEY, name)
        else:
            self.settings.remove(ACTOR_NAME_KEY)
        return self.call(activity.name_this_computer, name)

    def call(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``work(db, *args, **kwargs)`` on the database thread; the window stays live meanwhile."""
        return self.access.call(work, *args, **kwargs)

    def fetch(
        self,
        work: Callable[..., T],
        *args: Any,
        on_success: Callable[[T], None],
        owner: QObject,
        on_failure: Callable[[BaseException], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """``work(db, *args, **kwargs)`` on the database thread, then ``on_success(result)`` on
        this one (if ``owner`` still exists)."""
        self.access.fetch(work, *args, on_success=on_success, on_failure=on_failure, owner=owner, **kwargs)

    @property
    def language(self) -> str:
        from rallyorg.i18n import ui_language

        return ui_language()

    def push_undo(self, description: str, undo: Callable[[], None]) -> None:
        self.undo_stack.append(UndoEntry(description, undo))
        self.events.undo_available.emit(description)

    def undo_last(self) -> UndoEntry | None:
        if not self.undo_stack:
            return None
        entry = self.undo_stack.pop()
        entry.undo()
        self.events.undo_available.emit(self.undo_stack[-1].description if self.undo_stack else "")
        return entry

    def data_changed(self, change: Change) -> None:
        self.events.changed.emit(change)

    def say(self, message: str) -> None:
        self.events.status.emit(message)
