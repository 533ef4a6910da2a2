"""Starts the desktop app: Qt application, fonts, language, database, main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from rallyorg import paths
from rallyorg.domain.errors import RallyorgError
from rallyorg.gui.backup import start_automatic_backup
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import install_excepthook, setup_file_logging
from rallyorg.gui.garbage import MainThreadCollector, freeze_startup_objects
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.watchdog import HangWatchdog
from rallyorg.i18n import _, best_ui_language, system_language
from rallyorg.services import open_database, overview

log = logging.getLogger(__name__)

FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf")


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("rallyorg")
    app.setOrganizationName("rallyorg")
    app.setApplicationDisplayName("rallyorg")
    app.setStyle("Fusion")  # follows the system's light/dark colour scheme in Qt 6
    icon_path = paths.resources_dir() / "icons" / "rallyorg.svg"
    if icon_path.is_file():
        app.setWindowIcon(QIcon(str(icon_path)))
    _use_shipped_fonts(app)
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
    if context.call(overview.totals).is_empty:
        window.show_welcome()
    return window


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
    window.save_state()
    replacement = create_main_window(window.context)
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


def run_gui(db_url: str, ui_language_forced: str | None = None) -> int:
    app = create_application()
    settings = QSettings()
    apply_language(chosen_language(settings, ui_language_forced))
    setup_file_logging()
    install_excepthook()
    try:
        db = open_database(db_url)
    except RallyorgError as error:
        QMessageBox.critical(None, _("rallyorg cannot open its database"), error.translated(_))
        return 1
    window = create_main_window(GuiContext(db=db, settings=settings))
    app.setProperty("mainWindow", window)
    window.show()
    start_automatic_backup(window, window.context)
    freeze_startup_objects()
    MainThreadCollector(app)
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
