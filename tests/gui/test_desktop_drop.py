"""A CSV file dropped on the window opens the import dialog for it; anything else is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from rallyorg.exchange.columns import ImportKind
from rallyorg.gui.desktop import csv_drop
from rallyorg.gui.exchange.import_dialog import ImportDialog
from rallyorg.gui.main_window import MainWindow

CSV = "First name,Last name,Email\nAna,Alves,ana@example.org\n"


def files(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drag_enter(target: QWidget, mime: QMimeData) -> QDragEnterEvent:
    event = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, event)
    return event


def drop(target: QWidget, mime: QMimeData) -> QDropEvent:
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, event)
    return event


def test_a_csv_dropped_on_volunteers_opens_the_volunteer_import(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    main_window._welcome_done()
    screen = main_window.show_place("volunteers")
    source = tmp_path / "volunteers.csv"
    source.write_text(CSV, encoding="utf-8")
    target = screen.findChild(QWidget, None) or screen  # any widget inside the window
    assert drag_enter(target, files(source)).isAccepted()
    drop(target, files(source))
    dialog = main_window.findChild(ImportDialog)
    assert dialog is not None and dialog.kind == ImportKind.VOLUNTEERS
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    assert dialog.path == source
    assert "volunteers.csv" in dialog.columns.file_label.text()
    dialog.reject()


def test_elsewhere_the_kind_is_asked(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main_window._welcome_done()
    main_window.show_place("dashboard")
    source = tmp_path / "grupos.CSV"
    source.write_text("Name\nDanbury Unidos\n", encoding="utf-8")
    asked: list[Path] = []
    monkeypatch.setattr(csv_drop, "ask_kind", lambda _p, path: asked.append(path) or ImportKind.PARTNERS)
    assert drag_enter(main_window, files(source)).isAccepted()
    drop(main_window, files(source))
    assert asked == [source]
    dialog = main_window.findChild(ImportDialog)
    assert dialog is not None and dialog.kind == ImportKind.PARTNERS
    dialog.reject()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: main_window.findChild(ImportDialog) is None)
    monkeypatch.setattr(csv_drop, "ask_kind", lambda _p, _path: None)  # Cancel: nothing opens
    drag_enter(main_window, files(source))
    drop(main_window, files(source))
    assert main_window.findChild(ImportDialog) is None


def test_other_files_are_refused_with_a_word(main_window: MainWindow, tmp_path: Path) -> None:
    main_window._welcome_done()
    screen = main_window.show_place("volunteers")
    flyer = tmp_path / "flyer.pdf"
    flyer.write_bytes(b"%PDF-1.7\n")
    assert not drag_enter(screen, files(flyer)).isAccepted()
    assert "Only a CSV file" in main_window.statusBar().currentMessage()
    two = [tmp_path / "a.csv", tmp_path / "b.csv"]
    for path in two:
        path.write_text(CSV)
    assert not drag_enter(screen, files(*two)).isAccepted()
    assert main_window.findChild(ImportDialog) is None
