"""The app as a shared server's viewer and partner logins see it: only the places the login
can use, a banner that says why, true staffing numbers, a rally opened without errors.
PostgreSQL leg of make test (pytest --backend=postgresql)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import make_url

from conftest import make_event_with_shift, make_group, make_volunteer
from rallyorg.domain.enums import ServerRole
from rallyorg.gui.application import create_main_window
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.rallies.editor import SHIFTS
from rallyorg.services import open_database, signups
from rallyorg.services.server_access import add_user, init_server, remove_user

from .test_rallies import LEFT, click_row, click_tab


@pytest.fixture
def server_url(db_url: str) -> Iterator[str]:
    if not db_url.startswith("postgresql"):
        pytest.skip("a shared server's roles are PostgreSQL's (pytest --backend=postgresql)")
    db = open_database(db_url)
    group = make_group(db, "Iglesia San José").id
    rally = make_event_with_shift(db, capacity=3)
    ana = make_volunteer(db, "Ana", "Souza", group_id=group).id
    signups.sign_up(db, ana, rally.shift.id)
    init_server(db.engine)
    add_user(db.engine, "gui_viewer", ServerRole.VIEWER, "a long password")
    add_user(db.engine, "gui_partner", ServerRole.PARTNER, "a long password", (group,))
    try:
        yield db_url
    finally:
        remove_user(db.engine, "gui_viewer")
        remove_user(db.engine, "gui_partner")
        db.close()


@pytest.fixture
def window_as(
    qtbot: QtBot, qapp: object, tmp_path: Path, server_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[object]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a message box appeared: {args[1:3]}")

    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    opened: list[tuple[MainWindow, GuiContext]] = []

    def open_as(login: str) -> MainWindow:
        apply_language("en")
        db = open_database(make_url(server_url).set(username=login))
        settings = QSettings(str(tmp_path / f"{login}.ini"), QSettings.Format.IniFormat)
        context = GuiContext(db=db, settings=settings)
        window = create_main_window(context)
        window.resize(1280, 800)
        window.show()
        # Laid out before anything is clicked: the rail has no width until its layout request is
        # handled (the first screen's numbers may already be there, so waiting for them does not
        # process it, and a click on the rail then lands beside its buttons).
        qtbot.waitUntil(lambda: window.rail.width() > 0)
        opened.append((window, context))
        return window

    yield open_as
    for window, context in opened:
        window._replacing = True
        window.close()
        context.access.shutdown()
        context.db.close()


def places(window: MainWindow) -> list[str]:
    return list(window.screens)


def test_a_viewer_gets_rallies_and_flyers_with_a_banner_and_true_numbers(window_as, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    window = window_as("gui_viewer")
    assert places(window) == ["dashboard", "rallies", "reports", "settings"]  # reports: fill rates only
    assert "Read only: you are signed in as gui_viewer, a viewer" in window.rights_banner.text()
    assert not window.search_bar.isVisible()
    dashboard = window.current_screen
    qtbot.waitUntil(
        lambda: "upcoming event" in dashboard.totals.text() or "partner group" in dashboard.totals.text()
    )
    assert "volunteer" not in dashboard.totals.text()
    qtbot.mouseClick(window.rail.button("rallies"), LEFT)
    screen = window.current_screen
    click_row(qtbot, screen.table, 0)
    click_tab(qtbot, screen, SHIFTS)
    tab = screen.editor.shifts
    assert tab.shifts.item(0, 4).text() == "1 / 3"  # Ana's place, though a viewer cannot see Ana
    assert tab.signups.rowCount() == 0


def test_a_partner_gets_its_people_and_no_check_in(window_as, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    window = window_as("gui_partner")
    assert places(window) == ["dashboard", "rallies", "partners", "volunteers", "reports", "settings"]
    assert "signed in as gui_partner for your partner group" in window.rights_banner.text()
    window.show_place("volunteers")
    model = window.current_screen.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
