"""Settings ▸ "Phones without a country code are from": the import dialog reads phones such
as 55 1234 5678 as from the country chosen (a coalition in Mexico City, say)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.settings_screen import SettingsScreen
from rallyorg.services import volunteers

from .test_exchange_dialogs import open_volunteer_import, start


def test_the_chosen_country_reads_the_phones_of_an_import(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    start(main_window)
    screen = main_window.show_place("settings")
    assert isinstance(screen, SettingsScreen)
    choice = screen.phone_region
    assert choice.currentText() == "United States (+1)"
    choice.setCurrentIndex(choice.findData("MX"))
    assert choice.currentText() == "Mexico (+52)"
    assert gui_context.settings.value("imports/phone_region") == "MX"

    source = tmp_path / "lista.csv"
    source.write_text("Nombre,Apellido,Teléfono\nLucía,Mendoza,55 1234 5678\n", encoding="utf-8")
    dialog = open_volunteer_import(main_window, qtbot, monkeypatch, source)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=5000)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.report.dry_run, timeout=5000)
    [lucia] = volunteers.list_volunteers(gui_context.db)
    assert lucia.phone == "+525512345678"
