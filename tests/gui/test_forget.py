"""Forgetting people in the app, clicked through: "Forget this person…" in the volunteer editor
and in a partner group's contacts, the retention rule in Settings, and the removal at start of
what killed backups left behind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from rallyorg.domain.enums import PartnerKind
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.gui.backup import start_automatic_backup
from rallyorg.gui.context import GuiContext
from rallyorg.gui.forget import ForgetDialog
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.retention import RetentionDialog
from rallyorg.gui.settings_screen import SettingsScreen
from rallyorg.gui.volunteers.list_model import NAME
from rallyorg.gui.volunteers.screen import VolunteersScreen
from rallyorg.models import Volunteer
from rallyorg.services import events, partners, signups, volunteers
from rallyorg.services.leftovers import RESTORE_SCRATCH
from rallyorg.services.partners import ContactInput, PartnerGroupInput

from .test_partners import open_partners, select_group
from .test_volunteers import make_shift, open_volunteers, shown_names

LEFT = Qt.MouseButton.LeftButton


def on_dialog(qtbot: QtBot, kind: type[QDialog], act: Callable[[QDialog], None]) -> dict[str, object]:
    """Run ``act`` on the modal dialog of ``kind`` once it is open (errors reported afterwards)."""
    outcome: dict[str, object] = {}

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, handle)
            return
        try:
            act(dialog)
        except BaseException as error:
            outcome["error"] = error
        finally:
            if dialog.isVisible():
                outcome["left_open"] = True
                dialog.reject()

    QTimer.singleShot(0, handle)
    return outcome


def select(qtbot: QtBot, screen: VolunteersScreen, name: str) -> None:
    row = shown_names(screen).index(name)
    rect = screen.table.visualRect(screen.model.index(row, NAME))
    qtbot.mouseClick(screen.table.viewport(), LEFT, pos=rect.center())


def test_forget_a_volunteer_from_the_editor(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    marker = volunteers.create_volunteer(db, VolunteerInput("Zorbalina", "Quixfeather", phone="203-555-0147"))
    volunteers.create_volunteer(db, VolunteerInput("Ana", "Souza"))
    shift_id = make_shift(db, "Rally", 0)
    signups.check_in(db, signups.sign_up(db, marker.id, shift_id).id)
    gui_context.push_undo("delete volunteer", lambda: None)
    screen = open_volunteers(main_window)
    assert not screen.editor.forget_button.isEnabled()  # nobody chosen yet
    select(qtbot, screen, "Quixfeather, Zorbalina")
    assert screen.editor.volunteer_id == marker.id and screen.editor.forget_button.isEnabled()
    seen: dict[str, str] = {}

    def forget_them(dialog: QDialog) -> None:
        assert isinstance(dialog, ForgetDialog)
        seen["question"] = dialog.heading.text()
        seen["warning"] = dialog.warning.text()
        seen["details"] = dialog.details.text()
        assert dialog.cancel_button.isDefault() and not dialog.forget_button.isDefault()
        qtbot.mouseClick(dialog.forget_button, LEFT)
        seen["done"] = dialog.details.text()
        seen["heading"] = dialog.heading.text()
        close = dialog.buttons.buttons()[0]
        qtbot.mouseClick(close, LEFT)

    outcome = on_dialog(qtbot, ForgetDialog, forget_them)
    qtbot.mouseClick(screen.editor.forget_button, LEFT)

    assert outcome == {}
    assert seen == {
        "question": "Forget Zorbalina Quixfeather?",
        "warning": "This removes Zorbalina Quixfeather from rallyorg for good. It cannot be undone, not even "
        "with Ctrl+Z, and no copy of them is kept to undo it with.",
        "details": "• 1 sign-up stays as an anonymous count (the shift keeps its numbers).\n"
        "• 0 backups beside the database are rewritten without them (or deleted).",
        "done": "• 1 sign-up stays as an anonymous count (the shift keeps its numbers).\n"
        "• Backups you saved elsewhere yourself still hold them: delete those too.",
        "heading": "Forgotten",
    }
    qtbot.waitUntil(lambda: shown_names(screen) == ["Souza, Ana"], timeout=5000)
    assert [v.given_name for v in volunteers.list_volunteers(db)] == ["Ana"]
    assert screen.editor.volunteer_id is None and not screen.editor.forget_button.isEnabled()
    assert main_window.statusBar().currentMessage() == "The volunteer was forgotten."
    assert gui_context.undo_stack == []  # undo entries could bring back rows that named them
    [anonymous] = signups.get_shift(db, shift_id).signups
    assert (anonymous.volunteer_id, anonymous.status.value) == (None, "attended")


def test_cancel_forgets_no_one(main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot) -> None:
    volunteers.create_volunteer(gui_context.db, VolunteerInput("Zorbalina", "Quixfeather"))
    screen = open_volunteers(main_window)
    select(qtbot, screen, "Quixfeather, Zorbalina")

    def cancel(dialog: QDialog) -> None:
        assert isinstance(dialog, ForgetDialog)
        qtbot.mouseClick(dialog.cancel_button, LEFT)

    outcome = on_dialog(qtbot, ForgetDialog, cancel)
    qtbot.mouseClick(screen.editor.forget_button, LEFT)
    assert outcome == {}
    assert shown_names(screen) == ["Quixfeather, Zorbalina"]
    assert screen.editor.volunteer_id is not None
    assert len(volunteers.list_volunteers(gui_context.db)) == 1


def test_forget_a_contact(main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot) -> None:
    db = gui_context.db
    group = partners.create_group(db, PartnerGroupInput(name="Local 610", kind=PartnerKind.UNION))
    partners.add_contact(db, group.id, ContactInput(name="Ana Souza"))
    partners.add_contact(db, group.id, ContactInput(name="Zorbalina Quixfeather", phone="203-555-0147"))
    screen = open_partners(main_window)
    select_group(screen, qtbot, "Local 610")
    panel = screen.editor.contacts
    screen.editor.tabs.setCurrentWidget(panel)
    assert not panel.forget_button.isEnabled()
    panel.table.selectRow(1)
    assert panel.selected_contact() is not None and panel.forget_button.isEnabled()
    seen: list[str] = []

    def forget_them(dialog: QDialog) -> None:
        assert isinstance(dialog, ForgetDialog)
        seen.append(dialog.heading.text())
        qtbot.mouseClick(dialog.forget_button, LEFT)
        seen.append(dialog.warning.text())
        dialog.accept()

    outcome = on_dialog(qtbot, ForgetDialog, forget_them)
    qtbot.mouseClick(panel.forget_button, LEFT)

    assert outcome == {}
    assert seen == [
        "Forget Zorbalina Quixfeather?",
        "Zorbalina Quixfeather was removed from rallyorg and its backups.",
    ]
    assert [c.name for c in partners.get_group(db, group.id).contacts] == ["Ana Souza"]
    assert panel.model.rowCount() == 1
    assert main_window.statusBar().currentMessage() == "The contact was forgotten."


def test_the_retention_rule_in_settings(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    db = gui_context.db
    silent = volunteers.create_volunteer(db, VolunteerInput("Zorbalina", "Quixfeather"))
    volunteers.create_volunteer(db, VolunteerInput("Ana", "Souza"))
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=3 * 365)
    with db.transaction() as session:
        session.execute(
            update(Volunteer)
            .where(Volunteer.id == silent.id)
            .values(created_at=long_ago, updated_at=long_ago)
        )
    main_window._welcome_done()
    settings = main_window.show_place("settings")
    assert isinstance(settings, SettingsScreen)
    panel = settings.retention
    assert not panel.review.isEnabled() and not panel.months.isEnabled()  # off until chosen
    qtbot.mouseClick(panel.enabled, LEFT, pos=QPoint(8, panel.enabled.height() // 2))
    panel.months.setValue(24)
    assert panel.review.isEnabled()
    assert (
        gui_context.settings.value("privacy/retention_enabled"),
        gui_context.settings.value("privacy/inactive_months"),
    ) == ("true", 24)
    seen: list[str] = []

    def forget_them(dialog: QDialog) -> None:
        assert isinstance(dialog, RetentionDialog)
        seen.append(dialog.text.text())
        seen.append(dialog.table.item(0, 0).text())
        seen.append(dialog.forget_button.text())
        qtbot.mouseClick(dialog.forget_button, LEFT)
        seen.append(dialog.text.text())
        dialog.accept()

    outcome = on_dialog(qtbot, RetentionDialog, forget_them)
    qtbot.mouseClick(panel.review, LEFT)

    assert outcome == {}
    assert seen == [
        "1 volunteer has had no sign-up, walk-in or edit in 24 months. Forgetting removes them from "
        "rallyorg and its backups for good; it cannot be undone.",
        "Zorbalina Quixfeather",
        "Forget 1 volunteer",
        "• 1 volunteer was forgotten.\n"
        "• Backups you saved elsewhere yourself still hold them: delete those too.",
    ]
    assert [v.given_name for v in volunteers.list_volunteers(db)] == ["Ana"]
    qtbot.mouseClick(panel.review, LEFT)  # nobody left to forget: said in the status bar
    assert main_window.statusBar().currentMessage() == "No volunteer has been inactive for 24 months."


def test_leftovers_of_killed_backups_are_removed_at_start(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, tmp_path: Path
) -> None:
    volunteers.create_volunteer(gui_context.db, VolunteerInput("Ana", "Souza"))
    leftover = tmp_path / "gui-backups" / f"{RESTORE_SCRATCH}abc123"
    leftover.mkdir(parents=True)
    (leftover / "restoring.sqlite3").write_bytes(b"everyone's phone numbers")
    start_automatic_backup(main_window, gui_context)
    qtbot.waitUntil(
        lambda: "Automatic backup saved in" in main_window.statusBar().currentMessage(), timeout=10_000
    )
    assert not leftover.exists()
    assert [p.name.startswith("rallyorg-auto-") for p in (tmp_path / "gui-backups").iterdir()] == [True]
    assert events.list_events(gui_context.db) == []
