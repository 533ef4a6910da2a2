"""Remind volunteers… (issue 17) as an organizer uses it from a rally's Shifts tab: who gets
a reminder in which language and who is left out and why, all shown before sending; the
email account set up in the dialog; the messages sent to a real SMTP server on 127.0.0.1
(aiosmtpd), one recipient each, in their language, the rally's .ics attached; a refused
address shown as failed and retried; the CSV for a texting tool and the WhatsApp links; the
messages edited with a refusal shown under the field; the window fitting at 1024×700 in
English and Spanish. Nothing waits on a clock: each step waits for what it needs."""

from __future__ import annotations

import asyncio
import csv
import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import zxingcpp
from aiosmtpd.controller import Controller
from PIL import Image
from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from conftest import make_event, make_shift, make_volunteer, upcoming_start
from gui.test_narrow_window import problems_in, resize, settle
from gui.test_rallies import click, click_row, click_tab, open_rallies
from rallyorg.domain.events import EventTextInput
from rallyorg.domain.reminders import Security, SmtpSettings
from rallyorg.flyers.pages import render_page
from rallyorg.gui.context import GuiContext
from rallyorg.gui.main_window import MainWindow
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.rallies.editor import SHIFTS
from rallyorg.gui.rallies.shifts_tab import REMINDED
from rallyorg.gui.reminders import account_form
from rallyorg.gui.reminders.account_form import AccountDialog, password_for
from rallyorg.gui.reminders.dialog import RESULT, RemindDialog
from rallyorg.gui.reminders.history_dialog import ReminderHistoryDialog
from rallyorg.gui.reminders.settings_panel import ReminderSettingsPanel
from rallyorg.gui.reminders.templates_dialog import TemplatesDialog
from rallyorg.services import Database, reminders, signups
from test_reminders import Collector, _free_port

SENDER = "organizers@coalition.example"


@dataclass
class Server:
    collector: Collector
    port: int


@pytest.fixture
def smtp_server() -> Iterator[Server]:
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
    controller.start()  # returns once the server answers
    try:
        yield Server(collector, controller.port)
    finally:
        controller.stop()


@dataclass
class GatedCollector(Collector):
    """Holds the second message until the test opens the gate (to press Cancel meanwhile)."""

    gate: threading.Event = field(default_factory=threading.Event)
    holding: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if len(self.received) == 1:
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, self.gate.wait, 30)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def gated_server() -> Iterator[Server]:
    collector = GatedCollector()
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield Server(collector, controller.port)
    finally:
        collector.gate.set()
        controller.stop()


def make_rally(db: Database) -> tuple[int, int]:
    texts = {
        "en": EventTextInput(title="Rally for the TRUST Act", summary="Be there."),
        "es": EventTextInput(title="Manifestación por la Ley TRUST", summary="¡Ven!"),
    }
    event = make_event(db, starts_at=upcoming_start(), texts=texts)
    shift = make_shift(db, event.id, role="Marshal", capacity=5, starts_at=upcoming_start())
    people = [
        make_volunteer(db, "Mary", "Jones", email="mary@example.org", languages=("en",), may_email=True),
        make_volunteer(db, "José", "Pérez", email="jose@example.org", languages=("es",), may_email=True),
        make_volunteer(db, "Rita", "Refused", email="rita@example.org", languages=("en",), may_email=True),
        # Text only: an address, but no agreement to email.
        make_volunteer(
            db,
            "Lucía",
            "Ramos",
            email="lucia@example.org",
            phone="203-555-0151",
            languages=("es",),
            may_text=True,
        ),
        make_volunteer(
            db,
            "Dana",
            "Quiet",
            email="dana@example.org",
            phone="203-555-0152",
            may_email=True,
            may_text=True,
            do_not_contact=True,
        ),
        # Signs up last, when the shift is full: waitlisted.
        make_volunteer(db, "Wendy", "Wait", email="wendy@example.org", languages=("en",), may_email=True),
    ]
    for person in people:
        signups.sign_up(db, person.id, shift.id)
    return event.id, shift.id


def open_remind_dialog(main_window: MainWindow, qtbot: QtBot) -> tuple[RemindDialog, object]:
    screen = open_rallies(main_window, qtbot)
    click_row(qtbot, screen.table, 0)
    click_tab(qtbot, screen, SHIFTS)
    tab = screen.editor.shifts
    click(qtbot, screen.toolbar.widgetForAction(screen.remind_action))
    dialog = tab.dialog
    assert isinstance(dialog, RemindDialog)
    return dialog, tab


def results(dialog: RemindDialog) -> dict[str, str]:
    table = dialog.recipients
    return {table.item(r, 0).text(): table.item(r, RESULT).text() for r in range(table.rowCount())}


def left_out(dialog: RemindDialog) -> list[str]:
    return [dialog.left_out.item(i).text() for i in range(dialog.left_out.count())]


def test_the_toolbar_reminds_the_whole_rally_unless_a_shift_is_being_looked_at(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    event_id, marshals = make_rally(gui_context.db)
    setup = make_shift(gui_context.db, event_id, role="Setup", capacity=2, starts_at=upcoming_start())
    setup_person = make_volunteer(gui_context.db, "Sam", "Setup", email="sam@example.org", may_email=True)
    signups.sign_up(gui_context.db, setup_person.id, setup.id)
    screen = open_rallies(main_window, qtbot)
    assert not screen.remind_action.isEnabled()  # no rally chosen yet: nothing to remind
    click_row(qtbot, screen.table, 0)
    assert screen.remind_action.isEnabled()
    # From the Details tab (where a rally opens): every shift, the Setup person included.
    click(qtbot, screen.toolbar.widgetForAction(screen.remind_action))
    dialog = screen.editor.shifts.dialog
    assert isinstance(dialog, RemindDialog) and dialog.scope.currentData() is None
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert dialog.plan is not None
    assert setup_person.id in {r.volunteer_id for r in dialog.plan.recipients}
    assert screen.editor.tabs.currentIndex() != SHIFTS  # the tab is not changed behind the dialog
    dialog.reject()
    # On the Shifts tab, with the Setup shift chosen: that shift.
    click_tab(qtbot, screen, SHIFTS)
    tab = screen.editor.shifts
    row = next(r for r in range(tab.shifts.rowCount()) if tab.shifts.item(r, 0).text().startswith("Setup"))
    tab.shifts.selectRow(row)
    click(qtbot, screen.toolbar.widgetForAction(screen.remind_action))
    dialog = tab.dialog
    assert isinstance(dialog, RemindDialog) and dialog.scope.currentData() == setup.id
    assert marshals != setup.id
    dialog.reject()


def test_remind_by_email_then_retry_the_refused_one(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, smtp_server: Server
) -> None:
    make_rally(gui_context.db)
    dialog, tab = open_remind_dialog(main_window, qtbot)

    # Everything shown before sending: recipients with their language, and who is left out.
    assert sorted(dialog.recipient_names()) == ["José Pérez", "Mary Jones", "Rita Refused"]
    languages = {dialog.recipients.item(r, 0).text(): dialog.recipients.item(r, 1).text() for r in range(3)}
    assert languages == {"José Pérez": "Español", "Mary Jones": "English", "Rita Refused": "English"}
    assert sorted(left_out(dialog)) == [
        "Dana Quiet — asked not to be contacted",
        "Lucía Ramos — has not agreed to email",
        "Wendy Wait — on the waitlist (not asked to remind the waitlist)",
    ]
    # The waitlist, when asked, gets the waitlist's wording.
    dialog.waitlist.setChecked(True)
    assert "Wendy Wait (waitlist)" in dialog.recipient_names()
    dialog.select_recipient("Wendy Wait (waitlist)")
    assert dialog.body.toPlainText().startswith("Hi Wendy,\n\nYou're on the waitlist for Marshal")
    dialog.waitlist.setChecked(False)
    assert len(dialog.recipient_names()) == 3
    dialog.select_recipient("José Pérez")
    assert dialog.subject.text().startswith("Subject: Recordatorio: Manifestación por la Ley TRUST")
    assert dialog.body.toPlainText().startswith("Hola, José:")
    assert "Tu turno: Marshal" in dialog.body.toPlainText()

    # No account yet: the dialog says so and offers the form.
    assert "No email account" in dialog.account.text()
    assert not dialog.send_button.isEnabled()
    click(qtbot, dialog.account_button)
    account = dialog.child
    assert isinstance(account, AccountDialog)
    form = account.form
    form.host.setText("127.0.0.1")
    form.security.setCurrentIndex(form.security.findData(Security.NONE.value))
    form.from_address.setText(SENDER)
    # Test: nobody answers on the wrong port; the right one takes the account. Nothing is sent.
    form.port.setValue(_free_port())
    click(qtbot, account.test)
    qtbot.waitUntil(lambda: account.outcome.isVisible() and account.test.isEnabled())
    assert account.outcome.text().startswith("Could not use the mail server 127.0.0.1:")
    form.port.setValue(smtp_server.port)
    click(qtbot, account.test)
    qtbot.waitUntil(lambda: account.outcome.text() == "The server accepted the account.")
    assert smtp_server.collector.received == []
    form.from_address.setText("not an address")
    account.accept()
    assert account.isVisible()  # refused: the field says why
    form.from_address.setText(SENDER)
    account.accept()
    assert not account.isVisible()
    assert gui_context.call(reminders.get_smtp_settings).port == smtp_server.port
    assert dialog.send_button.isEnabled() and dialog.send_button.text() == "Send 3 emails"

    smtp_server.collector.refuse = {"rita@example.org"}
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.sending)
    received = smtp_server.collector.received
    assert sorted(r.rcpt_tos[0] for r in received) == ["jose@example.org", "mary@example.org"]
    for message in received:
        assert len(message.rcpt_tos) == 1 and message.message["To"].addresses[0].addr_spec in message.rcpt_tos
        attachments = [part.get_filename() for part in message.message.iter_attachments()]
        assert len(attachments) == 1 and attachments[0].endswith(".ics")
    jose = smtp_server.collector.to("jose@example.org")[0].message
    assert jose["Subject"].startswith("Recordatorio: Manifestación por la Ley TRUST")
    assert jose.get_body(preferencelist=("plain",))["Content-Language"] == "es"
    shown = results(dialog)
    assert shown["José Pérez"] == shown["Mary Jones"] == "Sent"
    assert shown["Rita Refused"].startswith("Failed: 550")
    assert "rita@example.org" not in shown["Rita Refused"]
    assert dialog.retry_button.isVisible() and not dialog.send_button.isEnabled()

    # The server takes her now: only she is sent to again.
    smtp_server.collector.refuse.clear()
    click(qtbot, dialog.retry_button)
    qtbot.waitUntil(lambda: not dialog.sending and results(dialog)["Rita Refused"] == "Sent")
    assert len(smtp_server.collector.received) == 3
    assert [r.rcpt_tos for r in smtp_server.collector.to("rita@example.org")] == [["rita@example.org"]]
    assert not dialog.retry_button.isVisible()

    # The Shifts tab's sign-ups now say when each was last reminded.
    def reminded() -> dict[str, str]:
        table = tab.signups
        return {table.item(r, 0).text(): table.item(r, REMINDED).text() for r in range(table.rowCount())}

    qtbot.waitUntil(lambda: bool(reminded()["Mary Jones"]))
    assert reminded()["Dana Quiet"] == "" and reminded()["Lucía Ramos"] == ""

    # History…: every try, newest first — Rita's failure with the server's reason, then her retry.
    click(qtbot, dialog.history_button)
    history = dialog.child
    assert isinstance(history, ReminderHistoryDialog) and history.isVisible()
    rows = history.shown_rows()
    assert len(rows) == 4
    assert rows[0][1:] == ["Rita Refused", "Marshal", "Email", "English", "Sent"]
    by_person = sorted(tuple(row[1:]) for row in rows[1:])
    assert by_person[:2] == [
        ("José Pérez", "Marshal", "Email", "Español", "Sent"),
        ("Mary Jones", "Marshal", "Email", "English", "Sent"),
    ]
    assert by_person[2][:4] == ("Rita Refused", "Marshal", "Email", "English")
    assert by_person[2][4].startswith("Failed: 550") and "rita@example.org" not in by_person[2][4]
    history.reject()
    dialog.reject()


def test_text_messages_csv_and_whatsapp_links(
    main_window: MainWindow,
    gui_context: GuiContext,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_rally(gui_context.db)
    dialog, tab = open_remind_dialog(main_window, qtbot)
    dialog.channel.setCurrentIndex(dialog.channel.findData("sms"))
    assert dialog.recipient_names() == ["Lucía Ramos"]
    assert dialog.recipients.item(0, 2).text() == "(203) 555-0151"  # as the Volunteers screen shows it
    assert sorted(left_out(dialog)) == [
        "Dana Quiet — asked not to be contacted",
        "José Pérez — no mobile number",
        "Mary Jones — no mobile number",
        "Rita Refused — no mobile number",
        "Wendy Wait — on the waitlist (not asked to remind the waitlist)",
    ]
    assert dialog.body.toPlainText().startswith("Hola, Lucía:")
    # A folder that cannot be written to: said in a message over the dialog, nothing recorded.
    nowhere = tmp_path / "no such folder" / "texts.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(nowhere), "")))
    warned: list[tuple[object, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, _t, text: warned.append((parent, text)))
    )
    click(qtbot, dialog.sms.save)
    assert len(warned) == 1 and warned[0][0] is dialog.sms and "texts.csv" in warned[0][1]
    assert reminders.reminder_history(gui_context.db, dialog.rally.id) == []
    target = tmp_path / "texts"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    click(qtbot, dialog.sms.save)
    rows = list(csv.reader(io.StringIO(target.with_suffix(".csv").read_text("utf-8-sig"))))
    assert rows[0] == ["Phone", "First name", "Language", "Message"]
    assert [row[:3] for row in rows[1:]] == [["+12035550151", "Lucía", "es"]]
    assert rows[1][3].startswith("Hola, Lucía:")
    assert oct(target.with_suffix(".csv").stat().st_mode & 0o777) == oct(0o600)  # names and numbers
    # Handed to a texting tool: recorded, and the Shifts tab's "Last reminded" says when.
    [handed] = reminders.reminder_history(gui_context.db, dialog.rally.id)
    assert (handed.name, handed.channel, handed.status) == ("Lucía Ramos", "text", "handed")
    click(qtbot, dialog.history_button)
    assert isinstance(dialog.child, ReminderHistoryDialog)
    assert [row[1:] for row in dialog.child.shown_rows()] == [
        ["Lucía Ramos", "Marshal", "Text message", "Español", "Given to the texting tool"]
    ]
    dialog.child.reject()
    table = tab.signups
    qtbot.waitUntil(
        lambda: any(
            table.item(r, 0).text() == "Lucía Ramos" and table.item(r, REMINDED).text()
            for r in range(table.rowCount())
        )
    )
    click(qtbot, dialog.sms.copy)
    assert QApplication.clipboard().text().startswith("Lucía Ramos — ")

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    dialog.channel.setCurrentIndex(dialog.channel.findData("whatsapp"))
    links = dialog.whatsapp.list
    assert links.count() == 1
    links.itemActivated.emit(links.item(0))
    assert opened and opened[0].toString().startswith("https://wa.me/12035550151?text=Hola")
    click(qtbot, dialog.whatsapp.copy)
    assert QApplication.clipboard().text().startswith("Lucía Ramos: https://wa.me/12035550151")
    # The printable list: her name, number, language and message, and a code that opens the chat.
    sheet = tmp_path / "whatsapp"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(sheet), "")))
    click(qtbot, dialog.whatsapp.save)
    pdf = sheet.with_suffix(".pdf")
    assert oct(pdf.stat().st_mode & 0o777) == oct(0o600)
    with pdfplumber.open(pdf) as document:
        words = " ".join((document.pages[0].extract_text() or "").split())
    assert "WhatsApp reminders: Rally for the TRUST Act" in words
    assert "Lucía Ramos (203) 555-0151 · Spanish Hola, Lucía:" in words
    page = render_page(pdf.read_bytes(), 0, 150 / 72)  # as a phone sees it, or a 150 dpi scan
    image = Image.frombytes("RGB", (page.width, page.height), page.pixels, "raw", "BGRX", page.stride)
    [code] = zxingcpp.read_barcodes(image)
    assert code.text == opened[0].toString(QUrl.ComponentFormattingOption.FullyEncoded)

    # With the waitlist asked for, Wendy is left out for another reason.
    dialog.waitlist.setChecked(True)
    assert dialog.recipient_names() == ["Lucía Ramos"]
    assert "Wendy Wait — no mobile number" in left_out(dialog)
    dialog.reject()


def test_edit_messages_refuses_an_unknown_placeholder_under_the_field(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot
) -> None:
    make_rally(gui_context.db)
    dialog, _tab = open_remind_dialog(main_window, qtbot)
    click(qtbot, dialog.edit_messages)
    editor = dialog.child
    assert isinstance(editor, TemplatesDialog)
    page = editor.page("es")
    editor.tabs.setCurrentWidget(page)
    page.subject.clear()
    qtbot.keyClicks(page.subject, "Hola {nmae}: {rally}")
    editor.accept()
    assert editor.isVisible()
    error = page.errors._fields["subject"][1]
    assert error.isVisible() and "{nmae}" in error.text()
    page.subject.clear()
    qtbot.keyClicks(page.subject, "Te esperamos, {name}: {rally}")
    editor.accept()
    assert not editor.isVisible()
    dialog.select_recipient("José Pérez")
    assert dialog.subject.text() == "Subject: Te esperamos, José: Manifestación por la Ley TRUST"

    # Reset to the shipped message.
    click(qtbot, dialog.edit_messages)
    editor = dialog.child
    assert isinstance(editor, TemplatesDialog)
    click(qtbot, editor.page("es").reset)
    editor.accept()
    dialog.select_recipient("José Pérez")
    assert dialog.subject.text().startswith("Subject: Recordatorio:")
    dialog.reject()


def test_cancel_stops_before_the_next_person_and_retry_sends_the_rest(
    main_window: MainWindow, gui_context: GuiContext, qtbot: QtBot, gated_server: Server
) -> None:
    make_rally(gui_context.db)
    settings = SmtpSettings("127.0.0.1", gated_server.port, Security.NONE, SENDER)
    gui_context.call(reminders.save_smtp_settings, settings)
    dialog, _tab = open_remind_dialog(main_window, qtbot)
    assert "organizers@coalition.example" in dialog.account.text()
    collector = gated_server.collector
    assert isinstance(collector, GatedCollector)
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(collector.holding.is_set)  # Mary's message went, José's is on its way
    assert dialog.sending and not dialog.scope.isEnabled()

    # The progress window says how far it got, and its Cancel stops before the next person.
    def progress() -> QProgressDialog | None:
        found = dialog.findChild(QProgressDialog)
        return found if found is not None and found.isVisible() else None

    qtbot.waitUntil(lambda: progress() is not None and progress().labelText() == "Sending reminders: 1 of 3")
    window = progress()
    assert window is not None
    cancel = window.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    click(qtbot, cancel)
    collector.gate.set()
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.sending)
    assert results(dialog) == {
        "Mary Jones": "Sent",
        "José Pérez": "Sent",
        "Rita Refused": "Not sent (stopped)",
    }
    assert [r.rcpt_tos for r in collector.received] == [["mary@example.org"], ["jose@example.org"]]
    click(qtbot, dialog.retry_button)
    qtbot.waitUntil(lambda: not dialog.sending and set(results(dialog).values()) == {"Sent"})
    assert sorted(r.rcpt_tos[0] for r in collector.received) == [
        "jose@example.org",
        "mary@example.org",
        "rita@example.org",
    ]
    dialog.reject()


def test_settings_offer_the_account_and_the_messages(
    gui_context: GuiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(account_form, "_session_passwords", {})  # this test's session only
    panel = ReminderSettingsPanel(gui_context)
    qtbot.addWidget(panel)
    panel.refresh()
    qtbot.waitUntil(lambda: "No email account" in panel.account.text())
    click(qtbot, panel.account_button)
    account = panel.child
    assert isinstance(account, AccountDialog)
    account.form.host.setText("smtp.example.org")
    account.form.security.setCurrentIndex(account.form.security.findData(Security.SSL.value))
    assert account.form.port.value() == 465  # the usual port follows the security chosen
    account.form.user.setText("organizers")
    account.form.from_address.setText(SENDER)
    account.form.password.setText("s3cret")
    account.accept()
    assert panel.account.text() == f"Sent from {SENDER} through smtp.example.org"
    kept = gui_context.call(reminders.get_smtp_settings)
    assert (kept.port, kept.security, kept.user) == (465, Security.SSL, "organizers")
    # Tests have no keyring: the password is kept for this session only, never shown back.
    assert password_for(kept) == "s3cret"
    click(qtbot, panel.account_button)
    again = panel.child
    assert isinstance(again, AccountDialog)
    assert again.form.password.text() == "" and again.form.password.placeholderText()
    again.reject()
    click(qtbot, panel.messages_button)
    assert isinstance(panel.child, TemplatesDialog)
    panel.child.reject()


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_dialog_and_the_shifts_tab_fit_at_1024_by_700(
    gui_context: GuiContext, qtbot: QtBot, language: str
) -> None:
    from rallyorg.gui.application import create_main_window

    apply_language(language)
    event_id, _shift_id = make_rally(gui_context.db)
    window = create_main_window(gui_context)
    qtbot.addWidget(window)
    window.show()
    if window.pages.currentIndex() != 0:
        window._welcome_done()
    resize(window, qtbot, QSize(1024, 700))
    rallies = window.show_place("rallies")
    rallies.refresh()
    rallies.open_record(event_id)
    settle(qtbot)
    rallies.editor.tabs.setCurrentIndex(SHIFTS)
    settle(qtbot)
    assert not problems_in(rallies.editor, f"1024×700 {language} shifts tab")

    tab = rallies.editor.shifts
    tab.remind(None)
    dialog = tab.dialog
    assert isinstance(dialog, RemindDialog)
    dialog.resize(QSize(1024, 700) - QSize(40, 60))  # a window frame and a panel
    settle(qtbot)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= dialog.width() and hint.height() <= dialog.height(), hint
    for channel in ("email", "sms", "whatsapp"):
        dialog.channel.setCurrentIndex(dialog.channel.findData(channel))
        settle(qtbot)
        assert not problems_in(dialog, f"1024×700 {language} {channel}")
    room = QSize(1024, 700) - QSize(40, 60)
    for open_child in (dialog.open_account, dialog.open_templates):
        open_child()
        child = dialog.child
        assert child is not None
        settle(qtbot)
        assert child.width() <= room.width() and child.height() <= room.height(), child.size()
        assert not problems_in(child, f"1024×700 {language} {type(child).__name__}")
        child.reject()
    dialog.reject()
    window._replacing = True
    window.close()
