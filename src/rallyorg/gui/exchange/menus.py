"""File ▸ Import, File ▸ Export, Import history and Export log, added to the main window's
File menu. The actions call the window's public methods, which other places call too
(``self.window().import_volunteers()``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from rallyorg.exchange.columns import ImportKind
from rallyorg.gui.context import GuiContext
from rallyorg.gui.exchange.export_kinds import SPECS, ExportChoice
from rallyorg.gui.widgets.icons import icon
from rallyorg.i18n import _

if TYPE_CHECKING:  # the dialogs are imported when first opened, not with the window (its start)
    from rallyorg.gui.exchange.export_dialog import ExportDialog
    from rallyorg.gui.exchange.export_log_dialog import ExportLogDialog
    from rallyorg.gui.exchange.history_dialog import ImportHistoryDialog
    from rallyorg.gui.exchange.import_dialog import ImportDialog


class ExchangeWindow(Protocol):
    context: GuiContext

    def import_volunteers(self) -> object: ...
    def import_partners(self) -> object: ...
    def import_signups(self, event_id: int | None = None) -> object: ...
    def export_dialog(self, kind: ExportChoice | str, event_id: int | None = None) -> object: ...


def add_exchange_menus(window: ExchangeWindow, file_menu: QMenu) -> None:
    parent = file_menu  # actions belong to the menu; their shortcuts are the menu's mnemonics
    imports = file_menu.addMenu(icon("ph.download-simple"), _("&Import"))
    for text, slot in (
        (_("&Volunteers…"), window.import_volunteers),
        (_("&Partner groups and contacts…"), window.import_partners),
        (_("&Sign-ups for an event…"), lambda: window.import_signups()),
    ):
        action = QAction(text, parent)
        action.triggered.connect(lambda _checked=False, s=slot: s())
        imports.addAction(action)
    exports = file_menu.addMenu(icon("ph.upload-simple"), _("E&xport"))
    for choice, spec in SPECS.items():
        action = QAction(icon(spec.icon_name), _(spec.menu_text), parent)
        action.triggered.connect(lambda _checked=False, c=choice: window.export_dialog(c))
        exports.addAction(action)
    history = QAction(icon("ph.clock-counter-clockwise"), _("Import &history…"), parent)
    history.triggered.connect(lambda: show_import_history(window))
    file_menu.addAction(history)
    log = QAction(icon("ph.list-bullets"), _("Export &log…"), parent)
    log.triggered.connect(lambda: show_export_log(window))
    file_menu.addAction(log)


def _widget(window: ExchangeWindow) -> QWidget:
    assert isinstance(window, QWidget)
    return window


def start_import(
    window: ExchangeWindow, kind: ImportKind, event_id: int | None = None
) -> ImportDialog | None:
    from rallyorg.gui.exchange.import_dialog import open_import

    return open_import(_widget(window), window.context, kind, event_id)


def open_export(
    window: ExchangeWindow, choice: ExportChoice | str, event_id: int | None = None
) -> ExportDialog:
    from rallyorg.gui.exchange.export_dialog import ExportDialog

    dialog = ExportDialog(window.context, choice, event_id, _widget(window))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def show_import_history(window: ExchangeWindow) -> ImportHistoryDialog:
    from rallyorg.gui.exchange.history_dialog import ImportHistoryDialog

    dialog = ImportHistoryDialog(window.context, _widget(window))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def show_export_log(window: ExchangeWindow) -> ExportLogDialog:
    from rallyorg.gui.exchange.export_log_dialog import ExportLogDialog

    dialog = ExportLogDialog(window.context, _widget(window))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
