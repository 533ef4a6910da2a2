"""Settings ▸ Database: connecting to a coalition's shared server from the app, remembering it
(the password only in the keyring), opening it again at the next start, and the window saying
where the data is and as whom."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import make_url

from keyrings import MemoryKeyring, closed_port
from rallyorg.gui import application
from rallyorg.gui.context import GuiContext
from rallyorg.gui.database_panel import where_words
from rallyorg.gui.desktop.server_memory import ON_SERVER_KEY, remember_server, server_to_open
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.server_dialog import ServerChoice, ServerDialog
from rallyorg.gui.settings_screen import SettingsScreen
from rallyorg.services import Database, server_connection
from rallyorg.services.server_connection import DataLocation, ServerAddress, ServerConnectionError

PASSWORD = "correct horse battery"
ROSA = ServerAddress(host="db.example.org", database="coalition", user="rosa")


def settings_file(settings: QSettings) -> str:
    settings.sync()
    return Path(settings.fileName()).read_text()


def fill(dialog: ServerDialog, address: ServerAddress, password: str) -> None:
    dialog.host.setText(address.host)
    dialog.port.setValue(address.port)
    dialog.database.setText(address.database)
    dialog.user.setText(address.user)
    dialog.password.setText(password)


def test_the_dialog_builds_a_verified_address_without_the_password(
    qtbot: QtBot, gui_context: GuiContext, tmp_path: Path
) -> None:
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    fill(dialog, ROSA, PASSWORD)
    choice = dialog.chosen()
    assert choice == ServerChoice(ROSA, PASSWORD, keep_password=True)
    url = choice.address.url(choice.password)
    assert url.query["sslmode"] == "verify-full" and "sslrootcert" not in url.query
    assert not dialog.tls_warning.isVisibleTo(dialog)
    assert PASSWORD not in dialog.address_text.text()
    assert "rosa@db.example.org:5432/coalition" in dialog.address_text.text()

    ca = tmp_path / "coalition-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    dialog.ca_file.setText(str(ca))
    dialog.tls.setCurrentIndex(dialog.tls.findData("require"))
    url = dialog.chosen().address.url(PASSWORD)
    assert url.query["sslmode"] == "require" and url.query["sslrootcert"] == str(ca)
    # A weaker choice says what it gives up.
    assert dialog.tls_warning.isVisibleTo(dialog)
    assert "pretend to be the server" in dialog.tls_warning.text()
    assert dialog.tls.currentText() == "Encrypted, the server's identity not checked"


def test_the_keyring_keeps_the_password_only_when_asked(
    gui_context: GuiContext, memory_keyring: MemoryKeyring
) -> None:
    settings = gui_context.settings
    assert remember_server(settings, ROSA, PASSWORD, keep=True)
    assert memory_keyring.entries == {("rallyorg server", ROSA.keyring_name): PASSWORD}
    assert server_to_open(settings) == ROSA
    assert PASSWORD not in settings_file(settings)
    assert not remember_server(settings, ROSA, PASSWORD, keep=False)
    assert memory_keyring.entries == {}  # unticked: the one kept before is gone too
    assert PASSWORD not in settings_file(settings)


def test_test_connection_says_why_a_closed_port_fails(qtbot: QtBot, gui_context: GuiContext) -> None:
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    fill(
        dialog,
        ServerAddress(host="127.0.0.1", port=closed_port(), database="coalition", user="rosa"),
        PASSWORD,
    )
    dialog.test_button.click()
    assert dialog.busy.isVisibleTo(dialog) and not dialog.test_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog._working, timeout=15_000)
    assert dialog.outcome.text() == (
        "The database server cannot be reached: check the network, or ask whoever runs the server."
    )
    assert dialog.test_button.isEnabled() and dialog.result() == 0  # still open, to fix and retry


def test_a_missing_field_is_named_before_anything_is_tried(qtbot: QtBot, gui_context: GuiContext) -> None:
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.host.setText("db.example.org")
    dialog.connect_button.click()
    assert dialog.outcome.text() == "Required." and not dialog._working
    assert dialog.focusWidget() is dialog.database


def test_the_remembered_server_opens_at_start_with_the_keyrings_password(
    gui_context: GuiContext, gui_db: Database, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = gui_context.settings
    remember_server(settings, ROSA, PASSWORD, keep=True)
    opened: list[tuple[ServerAddress, str]] = []

    def open_server(address: ServerAddress, password: str) -> Database:
        opened.append((address, password))
        return gui_db

    monkeypatch.setattr(server_connection, "open_server", open_server)
    monkeypatch.setattr(application, "ask_server_password", lambda *_a: pytest.fail("asked"))
    assert application.open_first_database(settings, "sqlite:///unused.db", db_url_given=False) is gui_db
    assert opened == [(ROSA, PASSWORD)]
    # --db / RALLYORG_DB win over the remembered server.
    given = application.open_first_database(settings, str(gui_db.url), db_url_given=True)
    assert given is not gui_db and opened == [(ROSA, PASSWORD)]
    given.close()


def test_without_the_keyring_the_password_is_asked_at_start(
    gui_context: GuiContext, gui_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = gui_context.settings
    remember_server(settings, ROSA, PASSWORD, keep=False)
    asked: list[str] = []
    monkeypatch.setattr(
        application, "ask_server_password", lambda _a, problem="": asked.append(problem) or PASSWORD
    )
    monkeypatch.setattr(server_connection, "open_server", lambda _a, password: gui_db)
    assert application.open_first_database(settings, "sqlite:///unused.db", db_url_given=False) is gui_db
    assert asked == [""]


def test_an_unreachable_server_at_start_offers_the_file(
    gui_context: GuiContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    settings = gui_context.settings
    remember_server(settings, ROSA, PASSWORD, keep=True)

    def unreachable(_address: ServerAddress, _password: str) -> Database:
        raise ServerConnectionError("The database server cannot be reached: check the network.")

    reasons: list[str] = []
    monkeypatch.setattr(server_connection, "open_server", unreachable)
    monkeypatch.setattr(application, "_retry_server", lambda _a, reason: reasons.append(reason) and False)
    laptop = tmp_path / "laptop.sqlite3"
    db = application.open_first_database(settings, f"sqlite:///{laptop}", db_url_given=False)
    try:
        assert server_connection.location(db).file == laptop.resolve()
    finally:
        db.close()
    assert reasons == ["The database server cannot be reached: check the network."]
    assert server_to_open(settings) == ROSA  # tried again at the next start


def test_title_and_status_say_where_the_data_is(main_window: MainWindow, gui_context: GuiContext) -> None:
    main_window._welcome_done()
    main_window.show_place("rallies")
    assert main_window.windowTitle() == "Rallies — gui"
    assert main_window.where_label.text() == "Data in gui.db on this computer"
    assert "on this computer" in main_window.where_label.toolTip()
    settings = main_window.show_place("settings")
    assert isinstance(settings, SettingsScreen)
    assert settings.database.location.text().startswith("The file ")
    assert not settings.database.use_file.isVisibleTo(settings)
    server = where_words(DataLocation(file=None, server=ROSA))
    assert server.title == "coalition on db.example.org (as rosa)"
    assert server.status == "Data on db.example.org, as rosa"
    assert server.detail == (
        "Database coalition on the server db.example.org, port 5432, as rosa (TLS, identity checked)"
    )


def test_connect_and_go_back_to_the_file(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    db_url: str,
    memory_keyring: MemoryKeyring,
) -> None:
    """End to end on a real server (pytest --backend=postgresql): the dialog tries it, Connect
    builds the window on it, the next start opens it again, and back to the laptop's file."""
    url = make_url(db_url)
    if not url.drivername.startswith("postgresql"):
        pytest.skip("needs a PostgreSQL server: pytest --backend=postgresql")
    socket_folder = str(url.query["host"])
    server = ServerAddress(host=socket_folder, database=str(url.database), user=str(url.username))
    QApplication.instance().setProperty("mainWindow", main_window)
    main_window._welcome_done()

    def through_the_dialog(_parent: object, _remembered: object) -> ServerChoice | None:
        dialog = ServerDialog()
        qtbot.addWidget(dialog)
        fill(dialog, server, "")
        dialog.connect_button.click()
        qtbot.waitUntil(lambda: dialog.result() != 0, timeout=20_000)
        assert "Connected as postgres" in dialog.outcome.text()
        return dialog.chosen()

    monkeypatch.setattr(application, "ask_server_choice", through_the_dialog)
    settings_screen = main_window.show_place("settings")
    assert isinstance(settings_screen, SettingsScreen)
    settings_screen.database.connect_server.click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(main_window) or not main_window.isVisible())
    window = QApplication.instance().property("mainWindow")
    assert isinstance(window, MainWindow) and window is not main_window
    qtbot.addWidget(window)
    where = server_connection.location(window.context.db)
    assert where.server is not None and where.server.database == server.database
    assert window.windowTitle().endswith(f"— {server.database} on this computer (as postgres)")
    assert window.where_label.text() == "Data on this computer, as postgres"
    assert gui_context.settings.value(ON_SERVER_KEY) in (True, "true")

    # The next start opens the same server again.
    again = application.open_first_database(gui_context.settings, "sqlite:///unused.db", db_url_given=False)
    try:
        assert server_connection.location(again).server == where.server
    finally:
        again.close()

    # And back to the file on this computer.
    on_server = window.show_place("settings")
    assert isinstance(on_server, SettingsScreen) and on_server.database.use_file.isVisibleTo(on_server)
    on_server.database.use_file.click()
    qtbot.waitUntil(lambda: QApplication.instance().property("mainWindow") is not window)
    back = QApplication.instance().property("mainWindow")
    assert isinstance(back, MainWindow)
    qtbot.addWidget(back)
    assert back.current_database_file() == Path(str(gui_context.db.url).removeprefix("sqlite:///")).resolve()
    assert server_to_open(gui_context.settings) is None
    back.context.access.shutdown()
    back.context.db.close()
