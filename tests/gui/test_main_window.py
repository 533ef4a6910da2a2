"""The main window frame: first run, navigation, language switch, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from rallyorg.gui.application import switch_language
from rallyorg.gui.changes import Change, Op, Record
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.welcome import WelcomePage
from rallyorg.i18n import translator
from rallyorg.services import overview, partners
from rallyorg.services.partners import PartnerGroupInput


def test_empty_database_shows_welcome_then_empty_start(main_window: MainWindow, qtbot: QtBot) -> None:
    page = main_window.pages.currentWidget()
    assert isinstance(page, WelcomePage)
    qtbot.mouseClick(page.empty, Qt.MouseButton.LeftButton)
    assert main_window.pages.currentIndex() == 0
    assert main_window.current_screen.key == "dashboard"


def test_welcome_loads_sample_coalition(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    page = main_window.pages.currentWidget()
    assert isinstance(page, WelcomePage)
    qtbot.mouseClick(page.sample, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main_window.pages.currentIndex() == 0, timeout=30_000)
    totals = overview.totals(gui_context.db)
    assert totals.groups >= 60 and totals.volunteers >= 300


def test_navigation_by_rail_and_keyboard(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    qtbot.mouseClick(main_window.pages.currentWidget().empty, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(main_window.rail.button("partners"), Qt.MouseButton.LeftButton)
    assert main_window.current_screen.key == "partners"
    assert main_window.rail.button("partners").isChecked()
    qtbot.keyClick(main_window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_screen.key == "volunteers"
    main_window.close()
    assert gui_context.settings.value("window/place") == "volunteers"


def test_standard_shortcuts_on_the_dashboard_and_elsewhere(main_window: MainWindow, qtbot: QtBot) -> None:
    qtbot.mouseClick(main_window.pages.currentWidget().empty, Qt.MouseButton.LeftButton)
    main_window.show_place("dashboard")
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # New rally
    rallies = main_window.current_screen
    assert rallies.key == "rallies" and rallies.editor.rally is None and rallies.editor.isVisible()
    main_window.show_place("volunteers")
    qtbot.keyClick(main_window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert main_window.statusBar().currentMessage() == (
        "Flyers are printed from a rally: choose one under Rallies, then Print flyer."
    )


def test_switch_to_spanish_translates_window_and_qt_buttons(main_window: MainWindow, qtbot: QtBot) -> None:
    spanish = switch_language(main_window, "es")
    assert spanish is not None
    qtbot.addWidget(spanish)
    spanish_catalog = translator("es")
    rallies = spanish.rail.button("rallies").text()
    assert rallies == spanish_catalog.gettext("Rallies") and rallies != "Rallies"
    assert spanish.menuBar().actions()[0].text() == "&Archivo"
    # Qt's own standard buttons come from qtbase_es.qm.
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Cancelar"


def test_undo_restores_a_deleted_group(main_window: MainWindow, gui_context: GuiContext) -> None:
    from rallyorg.services import trash

    group = partners.create_group(gui_context.db, PartnerGroupInput(name="Comité de Padres Latinos"))
    deleted = trash.delete_with_undo(gui_context.db, "partner_group", group.id)
    gui_context.push_undo("delete partner group", lambda: trash.restore(gui_context.db, deleted))
    assert main_window.undo_action.isEnabled()
    main_window.undo_action.trigger()
    assert partners.get_group(gui_context.db, group.id).name == "Comité de Padres Latinos"
    assert not main_window.undo_action.isEnabled()


def test_unsaved_work_blocks_close_until_answered(main_window: MainWindow, qtbot: QtBot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    screen = main_window.screens["rallies"]
    monkeypatch.setattr(screen, "has_unsaved_changes", lambda: True)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert not main_window.close()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert main_window.close()
    assert isinstance(QApplication.instance(), QApplication)
    assert QPushButton  # imported for type use in other tests


def test_places_reload_only_for_the_records_they_show(
    main_window: MainWindow, gui_context: GuiContext
) -> None:
    """A partner group saved does not reload Check-in; a check-in does not reload Partners;
    an import or undo (everything) reloads every place."""
    checkin, partners_place = main_window.screens["checkin"], main_window.screens["partners"]
    main_window.show_place("dashboard")
    for place in (checkin, partners_place):
        place._stale = False
    gui_context.data_changed(Change.of(Record.PARTNERS, Op.UPDATED, 1))
    assert (checkin._stale, partners_place._stale) == (False, True)
    partners_place._stale = False
    gui_context.data_changed(Change.of(Record.SIGNUPS, Op.UPDATED, 7))
    assert (checkin._stale, partners_place._stale) == (True, False)
    checkin._stale = False
    gui_context.data_changed(Change.everything())
    assert (checkin._stale, partners_place._stale) == (True, True)
