"""File ▸ New database…, Open database… and Open Recent: a coordinator keeps one database file
per coalition and switches between them without a terminal.

The menu asks about unsaved edits, then which file; the window announces the choice with
``database_chosen`` and gui/application.py opens it and builds the window again on it. The
files last opened are kept in the settings, newest first."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QSettings, QStandardPaths, SignalInstance
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from rallyorg.gui.widgets.icons import icon
from rallyorg.i18n import _
from rallyorg.services.database_files import SUFFIX

RECENT_KEY = "database/recent"
CURRENT_KEY = "database/current"  # the file the app opens next time (no --db, no RALLYORG_DB)
FOLDER_KEY = "database/folder"
MAX_RECENT = 8


def recent_databases(settings: QSettings) -> list[str]:
    stored = settings.value(RECENT_KEY, [])
    if isinstance(stored, str):  # QSettings hands back a one-item list as a plain string
        stored = [stored]
    if not isinstance(stored, list):
        return []
    return [str(path) for path in stored if path][:MAX_RECENT]


def remember_database(settings: QSettings, path: Path | str, *, chosen: bool) -> None:
    """``path`` goes first in Open Recent; one ``chosen`` in the menu is also the one opened at
    the next start (one given with --db is not)."""
    text = str(path)
    recent = [text, *(p for p in recent_databases(settings) if p != text)]
    settings.setValue(RECENT_KEY, recent[:MAX_RECENT])
    if chosen:
        settings.setValue(CURRENT_KEY, text)
        settings.setValue(FOLDER_KEY, str(Path(text).parent))


def last_chosen_database(settings: QSettings) -> Path | None:
    """The file last chosen in the menu, if it is still there."""
    stored = str(settings.value(CURRENT_KEY, "") or "")
    return Path(stored) if stored and Path(stored).is_file() else None


def forget_database(settings: QSettings, path: Path | str) -> None:
    settings.setValue(RECENT_KEY, [p for p in recent_databases(settings) if p != str(path)])
    if settings.value(CURRENT_KEY) == str(path):
        settings.remove(CURRENT_KEY)


class DatabaseWindow(Protocol):
    """What the menu needs of the main window."""

    database_chosen: SignalInstance

    def confirm_discard(self) -> bool: ...
    def current_database_file(self) -> Path | None: ...
    def database_settings(self) -> QSettings: ...


def file_filter() -> str:
    return _("rallyorg databases (*{suffix});;All files (*)").format(suffix=SUFFIX)


def start_folder(settings: QSettings) -> str:
    stored = str(settings.value(FOLDER_KEY, ""))
    if stored and Path(stored).is_dir():
        return stored
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


class DatabaseMenu:
    """Adds the three entries to the File menu and keeps Open Recent current."""

    def __init__(self, window: QWidget, file_menu: QMenu) -> None:
        self.window = window
        self.new_action = file_menu.addAction(icon("ph.file-plus"), _("New &database…"))
        self.new_action.triggered.connect(self.new_database)
        self.open_action = file_menu.addAction(icon("ph.folder-open"), _("&Open database…"))
        self.open_action.setShortcut("Ctrl+O")
        self.open_action.triggered.connect(self.open_database)
        self.recent_menu = file_menu.addMenu(_("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self.fill_recent()

    @property
    def _window(self) -> DatabaseWindow:
        return self.window  # type: ignore[return-value]

    def fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        current = self._window.current_database_file()
        recent = recent_databases(self._window.database_settings())
        for number, path in enumerate(recent, start=1):
            # Translators: an entry of File ▸ Open Recent: "1  Danbury coalition.sqlite3".
            action = menu.addAction(_("&{number}  {name}").format(number=number, name=Path(path).name))
            action.setToolTip(path)
            action.setStatusTip(path)
            action.setData(path)
            if current is not None and Path(path) == current:
                action.setCheckable(True)
                action.setChecked(True)
                action.setEnabled(False)
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        if not recent:
            empty = menu.addAction(_("No databases opened yet"))
            empty.setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(_("&Clear this list"), self.clear_recent)
        menu.setEnabled(True)

    def clear_recent(self) -> None:
        settings = self._window.database_settings()
        settings.setValue(RECENT_KEY, [])
        self.fill_recent()

    def new_database(self) -> None:
        if not self._window.confirm_discard():
            return
        settings = self._window.database_settings()
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window,
            _("New database"),
            str(Path(start_folder(settings)) / _("coalition{suffix}").format(suffix=SUFFIX)),
            file_filter(),
            options=QFileDialog.Option.DontConfirmOverwrite,  # an existing file is refused, never replaced
        )
        if chosen:
            if not Path(chosen).suffix:
                chosen += SUFFIX
            self._window.database_chosen.emit(chosen, True)

    def open_database(self) -> None:
        if not self._window.confirm_discard():
            return
        chosen, _filter = QFileDialog.getOpenFileName(
            self.window, _("Open database"), start_folder(self._window.database_settings()), file_filter()
        )
        if chosen:
            self._window.database_chosen.emit(chosen, False)

    def open_file(self, path: str) -> None:
        if self._window.confirm_discard():
            self._window.database_chosen.emit(path, False)
