"""The import dialog and a file's encoding: a Mac file read right without a question; a file
whose letters read two ways shows the same name both ways, imports nothing until the user
picks, and reads the file again in the chosen way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from rallyorg.gui.context import GuiContext
from rallyorg.gui.exchange.import_dialog import ImportDialog
from rallyorg.gui.main_window import MainWindow
from rallyorg.services import imports as import_service
from rallyorg.services import volunteers

FIXTURES = Path(__file__).resolve().parents[1] / "exchange" / "fixtures"


def open_import(
    main_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, path: Path
) -> ImportDialog:
    main_window._welcome_done()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    dialog = main_window.import_volunteers()
    assert isinstance(dialog, ImportDialog)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    return dialog


def first_row(dialog: ImportDialog) -> list[str]:
    return [cell.text for cell in dialog.columns.sample.rows[0].cells]


def test_a_mac_file_shows_its_names_without_a_question(
    main_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "names_mac_roman.csv"
    shutil.copyfile(FIXTURES / "names_mac_roman.csv", path)
    dialog = open_import(main_window, qtbot, monkeypatch, path)
    assert dialog.preview is not None and dialog.preview.encoding == "mac-roman"
    assert not dialog.columns.encoding_choice.isVisible()
    assert first_row(dialog)[1] == "José Núñez"
    assert dialog.check_button.isEnabled()


def test_a_file_that_reads_two_ways_asks_and_imports_the_chosen_reading(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path = tmp_path / "old_list.csv"
    path.write_bytes("Name,Email\nJOSÉ PEREIRA,jose@example.org\n".encode("cp1252"))
    dialog = open_import(main_window, qtbot, monkeypatch, path)
    choice = dialog.columns.encoding_choice
    assert choice.isVisible()
    assert choice.question.text() == "This file could be read two ways. Line 2 reads:"
    buttons = choice.buttons
    assert [b.text() for b in buttons.values()] == ["“JOSÉ PEREIRA” (Windows)", "“JOS… PEREIRA” (Mac)"]
    assert not any(b.isChecked() for b in buttons.values())
    # Meanwhile the likelier reading is shown, and nothing can be checked or imported.
    assert first_row(dialog)[1] == "JOSÉ PEREIRA"
    assert not dialog.check_button.isEnabled()
    assert dialog.columns.problem() == "Choose how to read the file: which of the two names looks right."
    assert dialog.problem.text() == ""  # asked at the top of the page, not again below

    # Mac: the file is read again that way.
    buttons["mac-roman"].click()
    qtbot.waitUntil(
        lambda: dialog.preview is not None and dialog.preview.encoding == "mac-roman", timeout=5000
    )
    assert first_row(dialog)[1] == "JOS… PEREIRA"
    assert dialog.check_button.isEnabled()

    # Windows after all: checked and imported as chosen.
    buttons["windows-1252"].click()
    qtbot.waitUntil(
        lambda: dialog.preview is not None and dialog.preview.encoding == "windows-1252", timeout=5000
    )
    assert first_row(dialog)[1] == "JOSÉ PEREIRA" and choice.isVisible()
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=5000)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.report.dry_run, timeout=5000)
    assert [(v.given_name, v.family_name) for v in volunteers.list_volunteers(gui_context.db)] == [
        ("JOSÉ", "PEREIRA")
    ]
    (batch,) = import_service.list_imports(gui_context.db)
    assert batch.encoding == "windows-1252"


def test_another_file_clears_the_question(
    main_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ambiguous = tmp_path / "old_list.csv"
    ambiguous.write_bytes("Name\nJOSÉ\n".encode("cp1252"))
    dialog = open_import(main_window, qtbot, monkeypatch, ambiguous)
    assert dialog.columns.encoding_choice.isVisible()
    plain = tmp_path / "new_list.csv"
    plain.write_text("Name\nJosé\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(plain), "")))
    dialog.columns.another.click()
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.path == plain, timeout=5000)
    assert not dialog.columns.encoding_choice.isVisible()
    assert dialog.preview.encoding == "utf-8" and dialog.check_button.isEnabled()


def test_column_names_without_rows_say_so_in_the_dialog(
    main_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text("Name,Email\n\n", encoding="utf-8")
    main_window._welcome_done()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    dialog = main_window.import_volunteers()
    assert isinstance(dialog, ImportDialog)
    qtbot.waitUntil(lambda: dialog.columns.error.isVisible(), timeout=5000)
    assert dialog.columns.error.text.text() == "sheet.csv has column names but no rows of people."
    assert not dialog.check_button.isEnabled()
