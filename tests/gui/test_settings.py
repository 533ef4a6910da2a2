"""Settings: the language choice, "Your data" (location, size, backups) and the history buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from conftest import make_volunteer
from rallyorg.gui import restore as restore_dialog
from rallyorg.gui.backup import start_automatic_backup
from rallyorg.gui.context import GuiContext
from rallyorg.gui.exchange.export_log_dialog import ExportLogDialog
from rallyorg.gui.exchange.history_dialog import ImportHistoryDialog
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.settings_screen import SettingsScreen
from rallyorg.services import backup, open_database, overview, volunteers
from rallyorg.services.backup import backup_database

LEFT = Qt.MouseButton.LeftButton


def _settings(main_window: MainWindow) -> SettingsScreen:
    screen = main_window.show_place("settings")
    assert isinstance(screen, SettingsScreen)
    return screen


def test_your_data_shows_where_and_backs_up_on_request(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_volunteer(gui_context.db, "José", "Gonçalves")
    screen = _settings(main_window)
    data = screen.data
    # Where the data is: said once, by the Database part above.
    assert str(tmp_path / "gui.db") in screen.database.location.text()
    shown = [label.text() for label in screen.findChildren(QLabel) if label.isVisibleTo(screen)]
    assert sum(str(tmp_path / "gui.db") in text for text in shown) == 1
    assert data.file_size.text().endswith("kB")
    assert data.last_backup.text() == "Never backed up from this computer"
    assert data.back_up.isEnabled() and data.show_folder.isEnabled()

    offered: list[str] = []

    def save_as(parent: object, caption: str, suggested: str, filter_: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(tmp_path / "saved" / "friday"), filter_  # no extension typed

    (tmp_path / "saved").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    with qtbot.waitSignal(data.backed_up, timeout=10_000) as done:
        qtbot.mouseClick(data.back_up, LEFT)
    target = tmp_path / "saved" / "friday.sqlite3"
    assert done.args is not None and done.args[0].path == target
    assert Path(offered[0]).name.startswith("rallyorg-backup-")
    assert data.last_backup.text().endswith(f", to {target}")
    assert main_window.statusBar().currentMessage().startswith(f"Backup written to {target} (")
    copy = open_database(f"sqlite:///{target}")
    try:
        assert overview.totals(copy) == overview.totals(gui_context.db)
    finally:
        copy.close()

    # The next backup is offered in the folder used last time.
    with qtbot.waitSignal(data.backed_up, timeout=10_000):
        main_window.back_up_database()  # File ▸ Back up database…
    assert Path(offered[1]).parent == tmp_path / "saved"


def test_a_failed_backup_says_why_and_keeps_the_button(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _settings(main_window).data
    missing = tmp_path / "no-such-folder" / "backup.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(missing), ""))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    qtbot.mouseClick(data.back_up, LEFT)
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert warnings == [f"Could not write {missing}: the folder does not exist. No file was written."]
    assert data.back_up.isEnabled()
    assert data.last_backup.text() == "Never backed up from this computer"


def test_history_buttons_open_the_import_history_and_export_log(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    screen = _settings(main_window)
    qtbot.mouseClick(screen.import_history, LEFT)
    qtbot.waitUntil(lambda: bool(main_window.findChildren(ImportHistoryDialog)))
    qtbot.mouseClick(screen.export_log, LEFT)
    qtbot.waitUntil(lambda: bool(main_window.findChildren(ExportLogDialog)))
    dialogs = [*main_window.findChildren(ImportHistoryDialog), *main_window.findChildren(ExportLogDialog)]
    assert all(dialog.isVisible() for dialog in dialogs)
    for dialog in dialogs:
        dialog.close()


def test_restore_from_a_backup_starts_the_window_again_on_it(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_volunteer(gui_context.db, "José", "Gonçalves")
    backup_database(gui_context.db, tmp_path / "friday.sqlite3")
    make_volunteer(gui_context.db, "María", "Núñez")
    gui_context.push_undo("delete volunteer", lambda: None)
    data = _settings(main_window).data
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(tmp_path / "friday.sqlite3"), ""))
    asked: list[str] = []

    def answer(parent: object, details: str) -> bool:
        asked.append(details)
        return True

    monkeypatch.setattr(restore_dialog, "ask_to_restore", answer)
    app = QApplication.instance()
    assert app is not None
    app.setProperty("mainWindow", main_window)
    qtbot.mouseClick(data.restore, LEFT)
    qtbot.waitUntil(lambda: app.property("mainWindow") is not main_window, timeout=10_000)
    rebuilt = app.property("mainWindow")
    try:
        [details] = asked
        assert "holds 0 partner groups, 0 rallies, 1 volunteer." in details
        assert "Now there are 0 partner groups, 0 rallies, 2 volunteers." in details
        assert [r.given_name for r in volunteers.list_volunteers(gui_context.db)] == ["José"]
        assert rebuilt.current_screen.key == "settings"
        assert (
            rebuilt.statusBar()
            .currentMessage()
            .startswith("Backup restored. What was there before is kept in")
        )
        assert gui_context.undo_stack == []  # undo entries belonged to the replaced data
    finally:
        rebuilt._replacing = True
        rebuilt.close()
        rebuilt.deleteLater()


def test_automatic_backup_at_start_up_says_so_in_the_status_bar(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_volunteer(gui_context.db, "José", "Gonçalves")
    start_automatic_backup(main_window, gui_context)
    qtbot.waitUntil(
        lambda: "Automatic backup saved in" in main_window.statusBar().currentMessage(), timeout=10_000
    )
    assert len(backup.automatic_backups(tmp_path / "gui-backups")) == 1
    assert _settings(main_window).data.automatic.text() == (
        f"Every day when rallyorg starts, in {tmp_path / 'gui-backups'}. Kept: all from the last 7 days, "
        "then one a week for 8 weeks and one a month for 6 months."
    )

    def broken(db: object) -> None:
        raise backup.BackupError("Disk full")

    monkeypatch.setattr(backup, "automatic_backup", broken)
    start_automatic_backup(main_window, gui_context)
    qtbot.waitUntil(
        lambda: "automatic backup failed" in main_window.statusBar().currentMessage(), timeout=10_000
    )
    assert main_window.statusBar().currentMessage() == "The automatic backup failed: Disk full"
