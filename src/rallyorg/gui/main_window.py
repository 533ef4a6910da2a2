"""The main window: navigation rail, the current place, menus with the platform's standard
shortcuts, global search, status bar and the session's undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from rallyorg import __version__
from rallyorg.exchange.columns import ImportKind
from rallyorg.gui.activity_dialog import ActivityDialog, open_activity
from rallyorg.gui.changes import Change
from rallyorg.gui.context import GuiContext
from rallyorg.gui.database_panel import where_words
from rallyorg.gui.desktop import help_dialogs, window_fit
from rallyorg.gui.desktop.csv_drop import CsvDropper
from rallyorg.gui.desktop.database_menu import DatabaseMenu
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.exchange import menus as exchange
from rallyorg.gui.global_search import GlobalSearch
from rallyorg.gui.master_detail import MasterDetailScreen
from rallyorg.gui.nav_rail import NavRail
from rallyorg.gui.rights_words import rights_banner
from rallyorg.gui.screen import Screen
from rallyorg.gui.screens import Place, Screens, places_for
from rallyorg.gui.welcome import WelcomePage
from rallyorg.gui.widgets.busy_indicator import BusyIndicator
from rallyorg.gui.widgets.icons import icon
from rallyorg.i18n import _
from rallyorg.services import server_connection
from rallyorg.services.database_files import database_file

Shortcut = QKeySequence | QKeySequence.StandardKey | str


class MainWindow(QMainWindow):
    language_change_requested = Signal(str)
    #: The data was replaced under the window (a restore): it must be built again. Carries the
    #: status-bar message for the new window.
    rebuild_requested = Signal(str)
    #: File ▸ New database… / Open database… / Open Recent: the file, and whether to create it
    #: (gui/application.py opens it and builds the window again on it).
    database_chosen = Signal(str, bool)
    #: Settings ▸ Your data or the welcome page: "encrypt", "change" (the passphrase) or
    #: "decrypt" the open database (gui/encryption_change.py).
    encryption_requested = Signal(str)
    #: Settings ▸ Database: Connect to a server… / Use the file on this computer
    #: (gui/application.py asks, opens it and builds the window again on it).
    server_requested = Signal()
    local_file_requested = Signal()
    _replacing = False  # set while the window is swapped for one in another language

    def __init__(self, context: GuiContext) -> None:
        super().__init__()
        self.context = context
        window_fit.fit_minimum_size(self)
        self.rail = NavRail()
        self.stack = QStackedWidget()
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.rail)
        row.addWidget(self.stack, 1)
        # The welcome page (first run) and the places share the window.
        self.pages = QStackedWidget()
        self.pages.addWidget(self._with_rights_banner(central))
        self.setCentralWidget(self.pages)
        # Every place has its button from the start; a place is built on its first visit.
        places = places_for(context)
        self.screens = Screens(places, self._build_place)
        for place in places:
            self.rail.add_place(place.key, place.title(), place.icon_name, bottom=place.key == "settings")
        self.rail.place_chosen.connect(self.show_place)
        self._build_toolbar()
        self._build_menus()
        window_fit.fit_toolbars(self)
        self.csv_dropper = CsvDropper(self)
        self._undo_label = QLabel()
        self.statusBar().addPermanentWidget(self._undo_label)
        # Always in sight: which coalition's data this is, and as whom (a file or a server).
        where = where_words(server_connection.location(context.db))
        self.where_label = QLabel(where.status)
        self.where_label.setToolTip(where.detail)
        self.where_label.setAccessibleName(where.detail)
        self.statusBar().addPermanentWidget(self.where_label)
        self.busy_indicator = BusyIndicator()
        self.statusBar().addPermanentWidget(self.busy_indicator)
        context.access.busy.connect(self.busy_indicator.set_busy)
        # A method, not a lambda: the context outlives a window rebuilt in another language, and
        # Qt drops a method's connection when its window goes; a lambda's would call a dead one.
        context.events.status.connect(self._show_status)
        context.events.undo_available.connect(self._on_undo_available)
        context.events.data_replaced.connect(self._on_data_replaced)
        self._restore_state()

    # --- places -------------------------------------------------------------------------
    def _build_place(self, place: Place) -> Screen:
        """A place's first visit (through ``self.screens``): built, put in the stack, its
        toolbars fitted to the window as the others' were at start."""
        screen = place.build(self.context)
        self.stack.addWidget(screen)
        window_fit.fit_toolbars(screen)
        return screen

    @property
    def current_screen(self) -> Screen:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    def _with_rights_banner(self, places: QWidget) -> QWidget:
        """On a shared server, a login with a partner's or a viewer's role is told above the
        places what it can do here, and why some places are missing."""
        words = rights_banner(self.context.rights)
        if not words:
            return places
        self.rights_banner = QLabel(words)
        self.rights_banner.setObjectName("rightsBanner")
        self.rights_banner.setWordWrap(True)
        self.rights_banner.setContentsMargins(12, 6, 12, 6)
        self.rights_banner.setStyleSheet(
            "#rightsBanner { background: palette(alternate-base); border-bottom: 1px solid palette(mid); }"
        )
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.rights_banner)
        column.addWidget(places, 1)
        return holder

    def show_place(self, key: str) -> Screen:
        if key not in self.screens:  # a place this login does not have (see screens.py)
            key = "dashboard"
        screen = self.screens[key]
        self.stack.setCurrentWidget(screen)
        self.rail.set_current(key)
        self._update_title()
        screen.activate()
        return screen

    def current_place(self) -> str:
        return self.current_screen.key

    def _update_title(self) -> None:
        """The place, then the database when it is not the usual file ("Rallies — danbury", "Rallies
        — coalition on db.example.org (as rosa)"); Qt adds " — rallyorg" (the application's
        display name) where the platform shows it."""
        welcome = isinstance(self.pages.currentWidget(), WelcomePage)
        parts = [_("Welcome") if welcome else self.current_screen.title()]
        where = where_words(server_connection.location(self.context.db)).title
        if where:
            parts.append(where)
        self.setWindowTitle(" — ".join(parts))

    def show_welcome(self) -> WelcomePage:
        page = WelcomePage(self.context)
        page.finished.connect(self._welcome_done)
        self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        self.search_bar.hide()
        self._update_title()
        return page

    def _welcome_done(self) -> None:
        if self.pages.currentIndex() == 0:
            return  # already past the welcome (a second signal must not delete the places)
        page = self.pages.currentWidget()
        self.pages.setCurrentIndex(0)
        self.search_bar.show()
        page.deleteLater()
        self.show_place("dashboard").refresh()

    def open_record(self, place: str, record_id: int) -> None:
        self.show_place(place).open_record(record_id)

    def _step_place(self, step: int) -> None:
        keys = list(self.screens)
        index = (keys.index(self.current_screen.key) + step) % len(keys)
        self.show_place(keys[index])

    # --- chrome -------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar(_("Search"))
        bar.setObjectName("searchBar")
        bar.setMovable(False)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.global_search = GlobalSearch(self.context, self)
        self.global_search.record_chosen.connect(self.open_record)
        bar.addWidget(self.global_search)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.search_bar = bar
        # It finds volunteers and partners too: not offered to a login that may not read them.
        bar.setVisible(self.context.rights.read_people)

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        icon_name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(_("&File"))
        file_menu.addAction(
            self._action(
                _("&New"), lambda: self.current_screen.new_record(), QKeySequence.StandardKey.New, "ph.plus"
            )
        )
        file_menu.addAction(
            self._action(
                _("&Save"),
                lambda: self.current_screen.save(),
                QKeySequence.StandardKey.Save,
                "ph.floppy-disk",
            )
        )
        file_menu.addAction(
            self._action(
                _("&Print flyer…"),
                lambda: self.current_screen.print_flyer(),
                QKeySequence.StandardKey.Print,
                "ph.printer",
            )
        )
        file_menu.addSeparator()
        exchange.add_exchange_menus(self, file_menu)
        file_menu.addSeparator()
        self.database_menu = DatabaseMenu(self, file_menu)
        file_menu.addAction(
            self._action(_("&Back up database…"), self.back_up_database, None, "ph.floppy-disk-back")
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit))

        edit_menu = menu.addMenu(_("&Edit"))
        self.undo_action = self._action(
            _("&Undo"), self.undo, QKeySequence.StandardKey.Undo, "ph.arrow-counter-clockwise"
        )
        self.undo_action.setEnabled(False)
        edit_menu.addAction(self.undo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(
            self._action(
                _("&Find in this list"),
                lambda: self.current_screen.focus_search(),
                QKeySequence.StandardKey.Find,
            )
        )
        edit_menu.addAction(self._action(_("Search &everywhere"), self.global_search.start, "Ctrl+K"))
        delete = self._action(
            _("&Delete"), lambda: self.current_screen.delete_selected(), QKeySequence.StandardKey.Delete
        )
        delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.stack.addAction(delete)
        edit_menu.addAction(delete)

        view_menu = menu.addMenu(_("&View"))
        for number, place in enumerate(self.screens.places.values(), start=1):
            view_menu.addAction(
                self._action(
                    place.title(),
                    lambda _c=False, k=place.key: self.show_place(k),
                    f"Ctrl+{number}",
                )
            )
        view_menu.addSeparator()
        view_menu.addAction(self._action(_("&Next place"), lambda: self._step_place(1), "Ctrl+PgDown"))
        view_menu.addAction(self._action(_("&Previous place"), lambda: self._step_place(-1), "Ctrl+PgUp"))
        view_menu.addAction(
            self._action(
                _("&Refresh"), lambda: self.current_screen.refresh(), QKeySequence.StandardKey.Refresh
            )
        )
        view_menu.addSeparator()
        self.activity_action = self._action(_("&Activity…"), self.show_activity, None, "ph.clock-clockwise")
        view_menu.addAction(self.activity_action)

        help_menu = menu.addMenu(_("&Help"))
        help_menu.addAction(
            self._action(
                _("User &guide"),
                lambda: help_dialogs.user_guide(self),
                QKeySequence.StandardKey.HelpContents,
                "ph.book-open",
            )
        )
        help_menu.addSeparator()
        help_menu.addAction(self._action(_("&Licence"), lambda: help_dialogs.licence(self)))
        help_menu.addAction(self._action(_("&Credits"), lambda: help_dialogs.credits(self)))
        help_menu.addAction(self._action(_("&About rallyorg"), self.about))

    def about(self) -> None:
        QMessageBox.about(
            self,
            _("About rallyorg"),
            "\n".join(
                (
                    f"rallyorg {__version__}",
                    _("Plan rallies, partner groups, volunteer shifts and bilingual flyers — offline."),
                    "",
                    _("Database: {url}").format(url=self.context.db.url),
                )
            ),
        )

    # --- imports and exports (dialogs in rallyorg.gui.exchange) ------------------------------
    def import_volunteers(self) -> QDialog | None:
        return exchange.start_import(self, ImportKind.VOLUNTEERS)

    def import_partners(self) -> QDialog | None:
        return exchange.start_import(self, ImportKind.PARTNERS)

    def import_signups(self, event_id: int | None = None) -> QDialog | None:
        return exchange.start_import(self, ImportKind.SIGNUPS, event_id)

    def export_dialog(self, kind: str, event_id: int | None = None) -> QDialog:
        """``kind``: contacts-csv, contacts-vcard, events-ics, roster-pdf, volunteers-csv."""
        return exchange.open_export(self, kind, event_id)

    def show_import_history(self) -> QDialog:
        return exchange.show_import_history(self)

    def show_export_log(self) -> QDialog:
        return exchange.show_export_log(self)

    def show_activity(self) -> ActivityDialog:
        """View ▸ Activity…: who changed what and when, across the coalition."""
        return open_activity(self, self.context)

    def back_up_database(self) -> None:
        """Settings ▸ Your data shows the result (last backup, size) once it is done."""
        from rallyorg.gui.settings_screen import SettingsScreen  # with the place, not at start

        settings = self.show_place("settings")
        assert isinstance(settings, SettingsScreen)
        settings.data.start_backup()

    # --- undo -----------------------------------------------------------------------------
    def _show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _on_undo_available(self, description: str) -> None:
        self.undo_action.setEnabled(bool(description))
        self.undo_action.setText(
            _("&Undo {action}").format(action=description) if description else _("&Undo")
        )
        self._undo_label.setText(_("Undo available (Ctrl+Z)") if description else "")

    def _on_data_replaced(self, message: str) -> None:
        if not self._replacing:
            self.rebuild_requested.emit(message)

    def undo(self) -> None:
        try:
            entry = self.context.undo_last()
        except Exception as error:
            show_error(self, error)
            return
        if entry is not None:
            self.context.data_changed(Change.everything())
            self.context.say(_("Undone: {action}").format(action=entry.description))

    # --- state ------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        """Where the window was last time, kept on today's screen; the first time, as large as is
        comfortable without going past the screen's free area (panels and docks excluded)."""
        settings = self.context.settings
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            window_fit.keep_on_screen(self)
        else:
            self.setGeometry(window_fit.first_geometry(self))
        place = str(settings.value("window/place", "dashboard"))
        self.show_place(place if place in self.screens else "dashboard")

    def save_state(self) -> None:
        self.context.settings.setValue("window/geometry", self.saveGeometry())
        self.context.settings.setValue("window/place", self.current_screen.key)

    def current_database_file(self) -> Path | None:
        return database_file(self.context.db)

    def database_settings(self) -> QSettings:
        return self.context.settings

    def unsaved_screens(self) -> list[Screen]:
        return [s for s in self.screens.built() if s.has_unsaved_changes()]  # unbuilt: nothing typed

    def confirm_discard(self) -> bool:
        """Before unsaved edits would be lost (closing, another language or database, a
        restore): Save, Discard or Cancel, as every editor asks. True when it is fine to go on."""
        unsaved = self.unsaved_screens()
        if not unsaved:
            return True
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _("Save your changes in {places} first?").format(places=", ".join(s.title() for s in unsaved)),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Discard:
            for screen in unsaved:
                if isinstance(screen, MasterDetailScreen):
                    screen.discard_editor()
            return True
        if answer != QMessageBox.StandardButton.Save:
            return False
        for screen in unsaved:
            saved = screen.save_editor() if isinstance(screen, MasterDetailScreen) else None
            if saved is None:
                screen.save()
            if saved is False or screen.has_unsaved_changes():
                self.show_place(screen.key)  # the editor says what is wrong, under the field
                return False
        return True

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Narrow (1024×700, 2× scaling): the rail shows its icons alone, the place gets the room.
        self.rail.set_compact(event.size().width() < window_fit.RAIL_WORDS_FROM)
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if getattr(self, "_replacing", False) or self.confirm_discard():
            self.save_state()
            event.accept()
        else:
            event.ignore()
