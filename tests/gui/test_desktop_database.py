"""File ▸ New database…, Open database… and Open Recent: the window is built again on the
chosen file; a file that cannot be opened is explained and the current database stays."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from rallyorg.gui.context import GuiContext
from rallyorg.gui.desktop.database_menu import CURRENT_KEY, recent_databases
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.welcome import WelcomePage
from rallyorg.services import open_database, overview, partners
from rallyorg.services.partners import PartnerGroupInput


def file_menu_texts(window: MainWindow) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def pick_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(path), ""))


def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: said.append(text))
    return said


def current_window() -> MainWindow:
    window = QApplication.instance().property("mainWindow")
    assert isinstance(window, MainWindow)
    return window


def other_coalition(path: Path) -> None:
    db = open_database(f"sqlite:///{path}")
    try:
        partners.create_group(db, PartnerGroupInput(name="Danbury Unidos"))
    finally:
        db.close()


def test_file_menu_has_the_database_entries(main_window: MainWindow) -> None:
    texts = file_menu_texts(main_window)
    for entry in ("New database…", "Open database…", "Open Recent"):
        assert entry in texts


def test_open_database_rebuilds_the_window_on_it_and_remembers_it(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    QApplication.instance().setProperty("mainWindow", main_window)
    main_window._welcome_done()
    danbury = tmp_path / "danbury.sqlite3"
    other_coalition(danbury)
    pick_file(monkeypatch, danbury)
    main_window.database_menu.open_database()
    qtbot.waitUntil(lambda: not shiboken6.isValid(main_window) or not main_window.isVisible())
    window = current_window()
    qtbot.addWidget(window)
    assert window is not main_window
    assert window.current_database_file() == danbury.resolve()
    assert not window.context.call(overview.totals).is_empty
    assert "danbury" in window.windowTitle()
    recent = recent_databases(gui_context.settings)
    assert recent[0] == str(danbury.resolve())
    assert gui_context.settings.value(CURRENT_KEY) == str(danbury.resolve())
    # Open Recent lists it, checked as the one open, with the earlier database to go back to.
    menu = window.database_menu.recent_menu
    window.database_menu.fill_recent()
    entries = [a for a in menu.actions() if a.data()]
    assert entries[0].text().replace("&", "").endswith("danbury.sqlite3") and entries[0].isChecked()
    back = entries[1]
    back.trigger()
    qtbot.waitUntil(lambda: current_window() is not window)
    restored = current_window()
    qtbot.addWidget(restored)
    assert restored.current_database_file() == Path(gui_context.db.url.removeprefix("sqlite:///")).resolve()
    restored.context.access.shutdown()
    restored.context.db.close()


def test_a_file_that_is_not_a_database_keeps_the_current_one(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    QApplication.instance().setProperty("mainWindow", main_window)
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("shopping list\n")
    said = warnings(monkeypatch)
    pick_file(monkeypatch, notes)
    main_window.database_menu.open_database()
    assert said and "not a rallyorg database" in said[0] and "notes.sqlite3" in said[0]
    assert current_window() is main_window and main_window.context is gui_context
    assert notes.read_text() == "shopping list\n"

    other_app = tmp_path / "photos.sqlite3"
    import sqlite3

    connection = sqlite3.connect(other_app)
    connection.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()
    pick_file(monkeypatch, other_app)
    main_window.database_menu.open_database()
    assert "not a rallyorg database" in said[-1]
    with sqlite3.connect(other_app) as check:  # nothing of rallyorg's was written into it
        tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master")}
    assert tables == {"photo"}

    gone = tmp_path / "moved.sqlite3"
    gui_context.settings.setValue("database/recent", [str(gone)])
    main_window.database_menu.open_file(str(gone))
    assert "was not found" in said[-1]
    assert str(gone) not in recent_databases(gui_context.settings)  # dropped from Open Recent
    assert current_window() is main_window


def test_new_database_starts_empty_and_offers_the_sample(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    QApplication.instance().setProperty("mainWindow", main_window)
    new = tmp_path / "Hartford"
    pick_file(monkeypatch, new)
    main_window.database_menu.new_database()
    qtbot.waitUntil(lambda: current_window() is not main_window)
    window = current_window()
    qtbot.addWidget(window)
    created = tmp_path / "Hartford.sqlite3"
    assert created.is_file() and (created.stat().st_mode & 0o777) == 0o600
    assert window.current_database_file() == created.resolve()
    assert isinstance(window.pages.currentWidget(), WelcomePage)
    assert window.windowTitle() == "Welcome — Hartford"
    assert "Hartford.sqlite3" in window.statusBar().currentMessage()

    said = warnings(monkeypatch)
    pick_file(monkeypatch, created)  # never over an existing file
    window.database_menu.new_database()
    assert said and "already exists" in said[0]
    assert current_window() is window
    window.context.access.shutdown()
    window.context.db.close()


def test_unsaved_edits_are_asked_about_before_another_database(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(MainWindow, "unsaved_screens", lambda self: [self.screens["volunteers"]])
    asked: list[str] = []

    def question(_p: object, _t: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    chosen: list[object] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: chosen.append(1) or ("", ""))
    main_window.database_menu.open_database()
    assert asked and not chosen  # Cancel: no file dialog, nothing changes
