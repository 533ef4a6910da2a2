"""GUI test fixtures: an offscreen Qt app, a private database and private settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from rallyorg.gui.application import create_application, create_main_window
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.services import Database, open_database


@pytest.fixture(scope="session")
def qapp_cls():  # type: ignore[no-untyped-def]
    """pytest-qt builds the app; ours sets style and fonts on it."""
    from PySide6.QtWidgets import QApplication

    return QApplication


@pytest.fixture
def gui_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path / 'gui.db'}")
    yield db
    db.close()


@pytest.fixture
def gui_context(qapp, gui_db: Database, tmp_path: Path) -> Iterator[GuiContext]:  # type: ignore[no-untyped-def]
    create_application([])
    apply_language("en")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    yield GuiContext(db=gui_db, settings=settings)
    apply_language("en")


@pytest.fixture
def main_window(qtbot: QtBot, gui_context: GuiContext) -> Iterator[MainWindow]:
    window = create_main_window(gui_context)
    window.resize(1280, 800)
    window.show()
    yield window
    # Closed here rather than by qtbot.addWidget: closing at teardown must never stop at
    # "Discard unsaved changes?", a modal question nobody would answer after a failed test.
    if not shiboken6.isValid(window):  # replaced by a rebuilt window (language switch, restore)
        return
    window._replacing = True
    window.close()
    window.deleteLater()
