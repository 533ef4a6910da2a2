"""Encryption in the app: offered on the welcome page and in Settings ▸ Your data; the window
closes the database, converts it and comes back on it; an encrypted file asks for its
passphrase in a dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from conftest import make_volunteer
from rallyorg.db.encryption import SQLITE_HEADER
from rallyorg.gui import encryption_change
from rallyorg.gui.context import GuiContext
from rallyorg.gui.encryption import NewPassphrase, NewPassphraseDialog, PassphraseDialog, ask_passphrase
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.settings_screen import SettingsScreen
from rallyorg.gui.welcome import WelcomePage
from rallyorg.services import encryption, volunteers

PASSPHRASE = "correct horse battery"


def current_window() -> MainWindow:
    window = QApplication.instance().property("mainWindow")
    assert isinstance(window, MainWindow)
    return window


def close(window: MainWindow) -> None:
    window._replacing = True
    window.close()
    window.context.db.close()
    window.deleteLater()


def test_settings_encrypts_the_open_database_and_comes_back_on_it(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_volunteer(gui_context.db, "Zyxquorth", "Vembleton", phone="2035550199")
    QApplication.instance().setProperty("mainWindow", main_window)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: said.append(text))
    path = Path(gui_context.db.engine.url.database or "")
    monkeypatch.setattr(
        encryption_change,
        "ask_new_passphrase",
        lambda *_a, **_k: NewPassphrase(PASSPHRASE, keep_in_keyring=True),
    )
    settings = main_window.show_place("settings")
    assert isinstance(settings, SettingsScreen)
    assert settings.encryption.status.text() == "Not encrypted"
    assert settings.encryption.encrypt.isVisibleTo(settings) and not settings.encryption.decrypt.isVisibleTo(
        settings
    )

    qtbot.mouseClick(settings.encryption.encrypt, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: not shiboken6.isValid(main_window) or current_window() is not main_window, timeout=30_000
    )
    window = current_window()
    try:
        assert window.context.db.is_encrypted
        assert path.read_bytes()[:16] != SQLITE_HEADER and b"Zyxquorth" not in path.read_bytes()
        # The null keyring of the tests keeps nothing: the window says it will ask at each start.
        assert said == [
            "The database is encrypted. This computer has no keyring to keep the passphrase: rallyorg "
            "will ask for it at each start."
        ]
        names = [v.given_name for v in window.context.call(volunteers.list_volunteers)]
        assert names == ["Zyxquorth"]
        now = window.show_place("settings")
        assert isinstance(now, SettingsScreen)
        assert now.encryption.status.text() == "Encrypted with a passphrase (SQLCipher, AES-256), backups too"
        assert now.encryption.change.isVisibleTo(now) and now.encryption.decrypt.isVisibleTo(now)
        assert not now.encryption.encrypt.isVisibleTo(now)
    finally:
        close(window)


def test_a_failed_conversion_leaves_the_file_and_reopens_it(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    QApplication.instance().setProperty("mainWindow", main_window)
    path = Path(gui_context.db.engine.url.database or "")
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: said.append(text))
    monkeypatch.setattr(
        encryption_change,
        "ask_new_passphrase",
        lambda *_a, **_k: NewPassphrase(PASSPHRASE, keep_in_keyring=False),
    )

    def refuse(file: Path, *_a: object, **_k: object) -> encryption.Converted:
        raise encryption.EncryptionError(encryption.BUSY, file=str(file))

    monkeypatch.setattr(encryption, "encrypt", refuse)
    main_window.encryption_requested.emit("encrypt")
    qtbot.waitUntil(lambda: bool(said), timeout=30_000)
    window = current_window()
    try:
        assert said == [
            f"Another rallyorg has {path} open. Close it (and any command using it), then try again."
        ]
        assert not window.context.db.is_encrypted and path.read_bytes()[:16] == SQLITE_HEADER
    finally:
        close(window)


def test_the_welcome_page_offers_a_passphrase(qtbot: QtBot, gui_context: GuiContext) -> None:
    page = WelcomePage(gui_context)
    qtbot.addWidget(page)
    page.show()
    assert page.protect.isVisible() and page.protect.text() == "Protect this database with a passphrase…"


def test_the_new_passphrase_must_be_typed_twice_and_long_enough(
    qtbot: QtBot, gui_context: GuiContext
) -> None:
    dialog = NewPassphraseDialog("coalition.sqlite3", changing=False)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.first, "short")
    assert dialog.problem.text() == "At least 8 characters; a few words are easy to remember."
    dialog.first.setText(PASSPHRASE)
    qtbot.keyClicks(dialog.second, "correct horse")
    assert dialog.problem.text() == "The two passphrases differ." and not ok.isEnabled()
    qtbot.keyClicks(dialog.second, " battery")
    assert dialog.problem.text() == "" and ok.isEnabled()
    assert dialog.chosen() == NewPassphrase(PASSPHRASE, keep_in_keyring=True)


def test_an_encrypted_file_asks_for_its_passphrase_in_a_dialog(qtbot: QtBot, gui_context: GuiContext) -> None:
    shown: list[bool] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(20, answer)
            return
        shown.append(dialog.wrong.isVisible())
        dialog.passphrase.setText(PASSPHRASE)
        dialog.accept()

    QTimer.singleShot(0, answer)
    assert ask_passphrase(Path("/tmp/coalition.sqlite3"), True) == PASSPHRASE
    assert shown == [True]  # "That passphrase does not open it" after a wrong try
