"""Starts the desktop app: Qt application, fonts, language, database, main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from rallyorg import paths
from rallyorg.domain.errors import RallyorgError
from rallyorg.gui.backup import start_automatic_backup
from rallyorg.gui.context import GuiContext
from rallyorg.gui.desktop.app_icon import app_icon
from rallyorg.gui.desktop.database_menu import forget_database, last_chosen_database, remember_database
from rallyorg.gui.desktop.server_memory import (
    remember_server,
    remembered_server,
    server_to_open,
    use_file_next,
)
from rallyorg.gui.encryption import ask_passphrase
from rallyorg.gui.encryption_change import change_encryption
from rallyorg.gui.error_dialog import install_excepthook, setup_file_logging, show_error
from rallyorg.gui.garbage import freeze_startup_objects
from rallyorg.gui.live_updates import ChangeWatcher
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.server_dialog import ServerChoice, ask_server_choice, ask_server_password
from rallyorg.gui.watchdog import HangWatchdog
from rallyorg.gui.widgets.wheel_guard import WheelGuard
from rallyorg.i18n import _, best_ui_language, system_language
from rallyorg.services import Database, database_files, encryption, open_database, overview, server_connection
from rallyorg.services.server_connection import ServerAddress, ServerLoginRefused

log = logging.getLogger(__name__)

FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf")
# The .desktop file's name: Wayland compositors and docks match the window to its icon by it.
DESKTOP_FILE_NAME = "org.rallyorg.Rallyorg"


_wheel_guard: WheelGuard | None = None


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("rallyorg")
    app.setOrganizationName("rallyorg")
    # Qt adds it to every window title (" — rallyorg") where the platform shows one.
    app.setApplicationDisplayName("rallyorg")
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setStyle("Fusion")  # follows the system's light/dark colour scheme in Qt 6
    app.setWindowIcon(app_icon())
    _use_shipped_fonts(app)
    global _wheel_guard
    if _wheel_guard is None:  # once per process, however many times the app is set up (tests)
        _wheel_guard = WheelGuard()
        app.installEventFilter(_wheel_guard)
    return app


def _use_shipped_fonts(app: QApplication) -> None:
    """Noto Sans from resources/ so every accent renders the same on every machine; the
    size stays the system's so scaling settings are respected."""
    families = []
    for name in FONT_FILES:
        path = paths.resources_dir() / "fonts" / name
        if path.is_file():
            font_id = QFontDatabase.addApplicationFont(str(path))
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    if families:
        font = QFont(app.font())
        font.setFamily(families[0])
        app.setFont(font)


def chosen_language(settings: QSettings, forced: str | None) -> str:
    if forced:
        return best_ui_language(forced)
    stored = str(settings.value("ui/language", "system"))
    if stored != "system":
        return best_ui_language(stored)
    return gui_system_language()


def gui_system_language() -> str:
    """The system's language as the app sees it: i18n.system_language, told Qt's platform
    languages (Windows and macOS settings that no environment variable carries)."""
    return system_language(QLocale.system().uiLanguages())


def create_main_window(context: GuiContext) -> MainWindow:
    window = MainWindow(context)
    window.language_change_requested.connect(lambda choice: switch_language(window, choice))
    window.rebuild_requested.connect(lambda message: rebuild_window(window).statusBar().showMessage(message))
    window.database_chosen.connect(lambda path, create: switch_database(window, path, create))
    window.server_requested.connect(lambda: choose_server(window))
    window.local_file_requested.connect(lambda: switch_to_local_file(window))
    window.encryption_requested.connect(
        lambda action: change_encryption(window, window.context, action, _rebuild_on)
    )
    # Other sessions' changes (the server's other organizers, a command on this file) reach
    # the open places within ~2 s; owned by the window, so it goes with it.
    ChangeWatcher(context, window)
    # The sample coalition is offered to whoever can write the data, on an empty database.
    if context.rights.write_events and context.call(overview.totals).is_empty:
        window.show_welcome()
    return window


def _rebuild_on(window: QMainWindow, context: GuiContext) -> QMainWindow:
    assert isinstance(window, MainWindow)
    replacement = replace_window(window, context)
    start_automatic_backup(replacement, context)
    return replacement


def switch_language(window: MainWindow, choice: str) -> MainWindow | None:
    """Rebuild the window in the new language, keeping its place and size; unsaved edits
    are never dropped silently."""
    if not window.confirm_discard():
        return None
    language = gui_system_language() if choice == "system" else best_ui_language(choice)
    apply_language(language)
    return rebuild_window(window)


def rebuild_window(window: MainWindow) -> MainWindow:
    """A fresh window in the same place and size (after a language switch or a restore, when
    every screen must start again from what is in the database); the caller has asked about
    unsaved edits."""
    return replace_window(window, window.context)


def _open_database_file(_current: Database, path: str, create: bool) -> Database:
    """On the database thread (the current database's, which it leaves alone)."""
    if create:
        return database_files.create_database_file(path)
    return database_files.open_database_file(path)


def switch_database(window: MainWindow, path: str, create: bool) -> MainWindow | None:
    """File ▸ New database… / Open database… / Open Recent: the window is built again on the
    chosen file (an empty one offers the sample coalition, as at first run). A file that cannot
    be opened is explained and the current database stays open. The menu has asked about
    unsaved edits."""
    old = window.context
    try:
        if not create:
            encryption.unlock(Path(path), ask_passphrase)  # here: the dialog needs the UI thread
        db = old.call(_open_database_file, path, create)
    except RallyorgError as error:
        if not create and not Path(path).exists():
            forget_database(old.settings, path)
        QMessageBox.warning(window, _("The database was not opened"), error.translated(_))
        return None
    except Exception as error:
        show_error(window, error)
        return None
    left = database_files.database_file(old.db)
    if left is not None:  # to go back to it with Open Recent
        remember_database(old.settings, left, chosen=False)
    opened = database_files.database_file(db)
    if opened is not None:
        remember_database(old.settings, opened, chosen=True)
        use_file_next(old.settings)
    replacement = _replace_database(window, db)
    name = opened.name if opened is not None else db.url
    replacement.statusBar().showMessage(
        _("New database {file} created").format(file=name)
        if create
        else _("Opened {file}").format(file=name),
        8000,
    )
    return replacement


def _replace_database(window: MainWindow, db: Database) -> MainWindow:
    """The window built again on ``db``; the one it showed is closed."""
    old = window.context
    context = GuiContext(db=db, settings=old.settings)
    replacement = replace_window(window, context)
    old.access.shutdown()
    old.db.close()
    start_automatic_backup(replacement, context)
    return replacement


def choose_server(window: MainWindow) -> MainWindow | None:
    """Settings ▸ Database ▸ Connect to a server…: the dialog has tried the connection; the
    window is built again on the server's database, which opens at the next start too."""
    if not window.confirm_discard():
        return None
    settings = window.context.settings
    choice = ask_server_choice(window, remembered_server(settings))
    if choice is None:
        return None
    return switch_to_server(window, choice)


def _open_server(_current: Database, address: ServerAddress, password: str) -> Database:
    """On the database thread (the current database's, which it leaves alone)."""
    return server_connection.open_server(address, password)


def switch_to_server(window: MainWindow, choice: ServerChoice) -> MainWindow | None:
    old = window.context
    try:
        db = old.call(_open_server, choice.address, choice.password)
    except RallyorgError as error:
        QMessageBox.warning(window, _("The database was not opened"), error.translated(_))
        return None
    except Exception as error:
        show_error(window, error)
        return None
    left = database_files.database_file(old.db)
    if left is not None:  # to go back to it with Use the file on this computer, or Open Recent
        remember_database(old.settings, left, chosen=True)
    kept = remember_server(old.settings, choice.address, choice.password, choice.keep_password)
    replacement = _replace_database(window, db)
    if choice.keep_password and not kept:
        message = _(
            "Connected to {host}. This computer has no keyring to keep the password: rallyorg will "
            "ask for it at each start."
        )
    else:
        message = _("Connected to {host}")
    replacement.statusBar().showMessage(message.format(host=choice.address.host), 8000)
    return replacement


def local_file(settings: QSettings) -> tuple[Path, bool]:
    """The file on this computer to go back to: the one last chosen, else the usual one; and
    whether it must be created first."""
    last = last_chosen_database(settings)
    if last is not None:
        return last, False
    usual = paths.data_dir() / "rallyorg.sqlite3"
    return usual, not usual.exists()


def switch_to_local_file(window: MainWindow) -> MainWindow | None:
    """Settings ▸ Database ▸ Use the file on this computer."""
    if not window.confirm_discard():
        return None
    path, create = local_file(window.context.settings)
    return switch_database(window, str(path), create)


def replace_window(window: MainWindow, context: GuiContext) -> MainWindow:
    window.save_state()
    replacement = create_main_window(context)
    replacement.setGeometry(window.geometry())
    replacement.show_place(window.current_screen.key)
    replacement.show()
    window._replacing = True
    window.close()
    window.deleteLater()
    app = QApplication.instance()
    if app is not None:
        app.setProperty("mainWindow", replacement)
    return replacement


def open_remembered_server(address: ServerAddress) -> Database | None:
    """The server chosen in Settings ▸ Database, its password from the keyring or asked; None
    when it cannot be reached and the person chose the file on this computer instead."""
    password = server_connection.kept_password(address)
    problem = ""
    while True:
        if password is None:
            password = ask_server_password(address, problem)
            if password is None:
                return None
        try:
            return server_connection.open_server(address, password)
        except ServerLoginRefused as error:
            problem, password = error.translated(_), None  # asked again, saying why
        except RallyorgError as error:
            if not _retry_server(address, error.translated(_)):
                return None


def _retry_server(address: ServerAddress, reason: str) -> bool:
    """The server cannot be reached at start: try again (True), or use this computer's file."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _("The server cannot be reached"),
        _("rallyorg could not open the database {database} on {host}.").format(
            database=address.database, host=address.host
        ),
    )
    box.setInformativeText(reason)
    retry = box.addButton(QMessageBox.StandardButton.Retry)
    box.addButton(_("Use the file on this computer"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    return box.clickedButton() is retry


def open_first_database(settings: QSettings, db_url: str, db_url_given: bool) -> Database:
    """The database given (--db, RALLYORG_DB), else the server or the file last chosen in the
    app, else the usual file; raises RallyorgError when it cannot be opened."""
    server = None if db_url_given else server_to_open(settings)
    if server is not None:
        on_server = open_remembered_server(server)
        if on_server is not None:
            return on_server
        # The server stays the one to try at the next start (back on the office network).
    last = None if db_url_given else last_chosen_database(settings)
    if last is not None:
        try:
            db = database_files.open_database_file(last)
        except RallyorgError as error:
            QMessageBox.warning(None, _("The database was not opened"), error.translated(_))
        else:
            remember_database(settings, last, chosen=True)
            return db
    db = open_database(db_url)
    opened = database_files.database_file(db)
    if opened is not None:
        # After a remembered file failed to open, the usual one is the one to open next time.
        remember_database(settings, opened, chosen=last is not None)
    return db


def run_gui(db_url: str, ui_language_forced: str | None = None, db_url_given: bool = True) -> int:
    app = create_application()
    settings = QSettings()
    apply_language(chosen_language(settings, ui_language_forced))
    setup_file_logging()
    install_excepthook()
    encryption.set_prompt(ask_passphrase)  # an encrypted database not in the keyring
    try:
        db = open_first_database(settings, db_url, db_url_given)
    except RallyorgError as error:
        QMessageBox.critical(None, _("rallyorg cannot open its database"), error.translated(_))
        return 1
    window = create_main_window(GuiContext(db=db, settings=settings))
    app.setProperty("mainWindow", window)
    window.show()
    # Once the loop has shown it: the installer's smoke test waits for this line (RALLYORG_DEBUG=1).
    QTimer.singleShot(0, lambda: log.info("main window shown"))
    start_automatic_backup(window, window.context)
    freeze_startup_objects()
    watchdog: HangWatchdog | None = None
    try:
        try:
            watchdog = HangWatchdog(paths.log_dir() / "hangs.log", app)  # watches the loop from here
        except OSError as error:  # a read-only or locked log folder must not keep the app shut
            log.warning("no hang watchdog: %s", type(error).__name__)
        return int(app.exec())
    finally:
        if watchdog is not None:
            watchdog.stop()
        db.close()
        current = app.property("mainWindow")  # another database may have been opened since
        if isinstance(current, MainWindow):
            current.context.db.close()
