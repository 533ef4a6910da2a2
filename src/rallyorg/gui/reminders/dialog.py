"""Remind volunteers…: whom a reminder reaches for the rally (or one shift) and by which
channel, in which language, the selected person's message, and who is left out and why —
all before anything is sent. Email goes out in the background through the organizer's own
account (progress and Cancel), each person's result shown in the list, failures retried;
text messages are saved as a CSV for a texting tool or opened as WhatsApp links."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import RallyorgError
from rallyorg.domain.events import EventData
from rallyorg.domain.reminders import Channel, ReminderPlan, SmtpSettings
from rallyorg.domain.validation import format_phone
from rallyorg.gui.background import Cancelled, Task, run_in_background
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.rallies.notice import Notice
from rallyorg.gui.reminders.account_form import AccountDialog, password_for
from rallyorg.gui.reminders.settings_panel import account_words
from rallyorg.gui.reminders.templates_dialog import TemplatesDialog, language_words
from rallyorg.gui.reminders.text_outputs import SmsPanel, WhatsAppPanel
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import section_label
from rallyorg.gui.widgets.tables import read_only_table
from rallyorg.i18n import _, format_time, ngettext
from rallyorg.services import Database, reminders
from rallyorg.services.reminder_mail import SendReport

EMAIL, SMS, WHATSAPP = "email", "sms", "whatsapp"
NAME, LANGUAGE, ADDRESS, RESULT = range(4)
FAILED_COLOUR = "#cf222e"

SendCall = Callable[..., SendReport]


class RemindDialog(QDialog):
    sent = Signal()  # reminders went out: "Last reminded" changed

    def __init__(
        self,
        context: GuiContext,
        rally: EventData,
        shift_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.rally = context, rally
        self.plan: ReminderPlan | None = None
        self.report: SendReport | None = None
        self.results: dict[int, tuple[str, bool]] = {}  # volunteer → (words, failed)
        self.sending = False
        self.task: Task | None = None  # the send running (its Cancel)
        self.child: QDialog | None = None  # the account or messages dialog last opened
        language = context.language
        self.setWindowTitle(_("Remind volunteers — {rally}").format(rally=rally.title(language)))
        layout = QVBoxLayout(self)

        choices = QHBoxLayout()
        self.scope = QComboBox()
        self.scope.setAccessibleName(_("Who"))
        self.scope.addItem(_("Every shift"), None)
        for shift in sorted(rally.shifts, key=lambda s: (s.starts_at, s.id)):
            hours = f"{format_time(shift.starts_at, language)}–{format_time(shift.ends_at, language)}"
            self.scope.addItem(f"{shift.role} ({hours})", shift.id)
        self.scope.setCurrentIndex(max(0, self.scope.findData(shift_id)))
        self.channel = QComboBox()
        self.channel.setAccessibleName(_("Send by"))
        self.channel.addItem(icon("ph.envelope-simple"), _("Email"), EMAIL)
        self.channel.addItem(icon("ph.chat-text"), _("Text messages (CSV for a texting tool)"), SMS)
        self.channel.addItem(icon("ph.whatsapp-logo"), _("WhatsApp links"), WHATSAPP)
        self.waitlist = QCheckBox(_("Include the waitlist"))
        self.edit_messages = QPushButton(icon("ph.note-pencil"), _("Edit messages…"))
        self.edit_messages.clicked.connect(self.open_templates)
        for label, widget in ((_("Who"), self.scope), (_("Send by"), self.channel)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            choices.addWidget(caption)
            choices.addWidget(widget)
        choices.addWidget(self.waitlist)
        choices.addStretch(1)
        choices.addWidget(self.edit_messages)
        layout.addLayout(choices)
        self.notice = Notice()
        layout.addWidget(self.notice)

        split = QSplitter(Qt.Orientation.Horizontal)
        people = QWidget()
        people_layout = QVBoxLayout(people)
        people_layout.setContentsMargins(0, 0, 0, 0)
        self.recipients_title = section_label(_("Recipients"))
        people_layout.addWidget(self.recipients_title)
        self.recipients = QTableWidget(0, 4)
        self.recipients.setHorizontalHeaderLabels([_("Name"), _("Language"), _("Sends to"), _("Result")])
        read_only_table(self.recipients, _("Recipients"))
        self.recipients.horizontalHeader().setStretchLastSection(True)
        self.recipients.itemSelectionChanged.connect(self._show_preview)
        people_layout.addWidget(self.recipients, 3)
        self.left_out_title = section_label(_("Left out"))
        people_layout.addWidget(self.left_out_title)
        self.left_out = QListWidget()
        self.left_out.setAccessibleName(_("Left out"))
        people_layout.addWidget(self.left_out, 2)  # the reasons are read before sending
        split.addWidget(people)
        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        self.preview_title = section_label(_("Message"))
        preview_layout.addWidget(self.preview_title)
        self.subject = QLabel()
        self.subject.setWordWrap(True)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        preview_layout.addWidget(self.subject)
        self.body = QPlainTextEdit()
        self.body.setReadOnly(True)
        self.body.setAccessibleName(_("Message"))
        preview_layout.addWidget(self.body, 1)
        split.addWidget(preview)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

        self.sms = SmsPanel(context)
        self.sms.handed_over.connect(self.sent)
        self.whatsapp = WhatsAppPanel(context)
        self.whatsapp.list.setMaximumHeight(self.whatsapp.list.fontMetrics().height() * 8)
        self.outputs: dict[str, QWidget] = {EMAIL: self._email_bar(), SMS: self.sms, WHATSAPP: self.whatsapp}
        for panel in self.outputs.values():
            layout.addWidget(panel)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.history_button = QPushButton(icon("ph.clock-counter-clockwise"), _("History…"))
        self.history_button.setToolTip(_("Who was reminded for this rally, when, how, and what came of it"))
        self.history_button.clicked.connect(self.open_history)
        buttons.addButton(self.history_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)

        self.smtp: SmtpSettings | None = context.call(reminders.get_smtp_settings)
        self._show_account()
        for combo in (self.scope, self.channel):
            combo.currentIndexChanged.connect(self.refresh)
        self.waitlist.toggled.connect(self.refresh)
        self.resize(920, 600)
        self.refresh()

    def open_history(self) -> None:
        from rallyorg.gui.reminders.history_dialog import ReminderHistoryDialog

        self.child = ReminderHistoryDialog(self.context, self.rally, self)
        self.child.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.child.open()

    def _email_bar(self) -> QWidget:
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        self.account = QLabel()
        self.account.setWordWrap(True)
        row.addWidget(self.account, 1)
        self.account_button = QPushButton(icon("ph.gear-six"), "")
        self.account_button.clicked.connect(self.open_account)
        row.addWidget(self.account_button)
        self.retry_button = QPushButton(icon("ph.arrow-clockwise"), _("Retry the failed ones"))
        self.retry_button.clicked.connect(self.retry)
        self.retry_button.hide()
        row.addWidget(self.retry_button)
        self.send_button = QPushButton(icon("ph.paper-plane-tilt"), _("Send"))
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        row.addWidget(self.send_button)
        return bar

    # --- the plan -------------------------------------------------------------------------------
    @property
    def chosen_channel(self) -> str:
        return str(self.channel.currentData())

    def refresh(self) -> None:
        """Plan again for the choices made: recipients, messages and who is left out."""
        channel = Channel.EMAIL if self.chosen_channel == EMAIL else Channel.TEXT
        self.notice.hide()
        self.results.clear()
        self.report = None
        try:
            self.plan = self.context.call(
                reminders.plan_reminders,
                self.rally.id,
                self.scope.currentData(),
                channel=channel,
                include_waitlist=self.waitlist.isChecked(),
            )
        except RallyorgError as error:
            self.plan = None
            self.notice.show_message(error.translated(_), "warning")
        for way, panel in self.outputs.items():  # hidden, a panel takes no room
            panel.setVisible(way == self.chosen_channel)
        self.recipients.setColumnHidden(RESULT, self.chosen_channel != EMAIL)
        self.sms.show_plan(self.plan)
        self.whatsapp.show_plan(self.plan if self.chosen_channel == WHATSAPP else None)
        self._show_people()
        self._update_buttons()

    def _show_people(self) -> None:
        plan = self.plan
        recipients = plan.recipients if plan else ()
        self.recipients_title.setText(_("Recipients ({n})").format(n=len(recipients)))
        self.recipients.setRowCount(len(recipients))
        for row, person in enumerate(recipients):
            name = person.name
            if person.waitlisted:
                # Translators: a recipient only on a waitlist, e.g. "Ana Souza (waitlist)".
                name = _("{name} (waitlist)").format(name=name)
            # A phone as the Volunteers screen shows it; the texting tool's CSV keeps E.164.
            reach = (
                person.email
                if plan is not None and plan.channel == Channel.EMAIL
                else format_phone(person.phone)
            )
            words, failed = self.results.get(person.volunteer_id, ("", False))
            for column, text in enumerate((name, language_words(person.language), reach, words)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, person.volunteer_id)
                if column == RESULT and failed:
                    item.setForeground(QColor(FAILED_COLOUR))
                self.recipients.setItem(row, column, item)
        self.recipients.resizeColumnsToContents()
        left = plan.left_out if plan else ()
        self.left_out_title.setText(_("Left out ({n})").format(n=len(left)))
        self.left_out.clear()
        for out in left:
            # Translators: someone left out of a reminder and why ("Dana Quiet — asked not to be contacted").
            self.left_out.addItem(_("{name} — {reason}").format(name=out.name, reason=_(out.reason)))
        if recipients and not self.recipients.selectionModel().hasSelection():
            self.recipients.selectRow(0)
        self._show_preview()

    def _show_preview(self) -> None:
        row = self.recipients.currentRow()
        plan = self.plan
        person = plan.recipients[row] if plan and 0 <= row < len(plan.recipients) else None
        if person is None:
            self.preview_title.setText(_("Message"))
            self.subject.clear()
            self.body.setPlainText(_("Nobody to remind with these choices.") if plan else "")
            return
        self.preview_title.setText(
            _("Message to {name} in {language}").format(
                name=person.name, language=language_words(person.language)
            )
        )
        self.subject.setText(_("Subject: {subject}").format(subject=person.subject))
        self.subject.setVisible(plan is not None and plan.channel == Channel.EMAIL)
        self.body.setPlainText(person.body)

    def recipient_names(self) -> list[str]:
        return [self.recipients.item(row, NAME).text() for row in range(self.recipients.rowCount())]

    def select_recipient(self, name: str) -> None:
        self.recipients.selectRow(self.recipient_names().index(name))

    # --- email ----------------------------------------------------------------------------------
    def _show_account(self) -> None:
        self.account.setText(account_words(self.smtp))
        words = _("Set up the email account…") if self.smtp is None else _("Email account…")
        self.account_button.setText(words)

    def _update_buttons(self) -> None:
        count = len(self.plan.recipients) if self.plan and self.plan.channel == Channel.EMAIL else 0
        self.send_button.setText(ngettext("Send {n} email", "Send {n} emails", count).format(n=count))
        ready = not self.sending and self.smtp is not None
        self.send_button.setEnabled(ready and count > 0 and self.report is None)
        again = self.report is not None and not self.report.ok
        self.retry_button.setVisible(again)
        self.retry_button.setEnabled(ready and again)
        for widget in (self.scope, self.channel, self.waitlist, self.account_button, self.edit_messages):
            widget.setEnabled(not self.sending)

    def open_account(self) -> None:
        dialog = AccountDialog(self.context, self)
        dialog.form.saved.connect(self._account_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.child = dialog
        dialog.open()

    def _account_saved(self, settings: SmtpSettings) -> None:
        self.smtp = settings
        self._show_account()
        self._update_buttons()

    def open_templates(self) -> None:
        dialog = TemplatesDialog(self.context, self)
        dialog.accepted.connect(self.refresh)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.child = dialog
        dialog.open()

    def send(self) -> None:
        if self.plan is not None and self.plan.recipients:
            plan = self.plan
            self._run(lambda db, *rest: reminders.send_email(db, plan, *rest))

    def retry(self) -> None:
        if self.report is not None:
            report = self.report
            self._run(lambda db, *rest: reminders.retry(db, report, *rest))

    def _run(self, send: SendCall) -> None:
        smtp = self.smtp
        if smtp is None:
            return
        db: Database = self.context.db
        # Translators: progress while reminders are sent, e.g. "Sending reminders: 3 of 12".
        words = _("Sending reminders: {done} of {total}")

        def work(task: Task) -> SendReport:
            def progress(done: int, total: int) -> None:
                # On Cancel, should_stop ends the run before the next person; the report says who is left.
                with contextlib.suppress(Cancelled):
                    task.progress(done, total, words.format(done=done, total=total))

            return send(db, smtp, password_for(smtp), progress, lambda: task.cancelled)

        self.sending = True
        self.notice.hide()
        self._update_buttons()
        self.task = run_in_background(self, _("Sending reminders…"), work, self._sent, self._failed)

    def _sent(self, report: SendReport) -> None:
        self.sending = False
        for person in report.sent:
            self.results[person.volunteer_id] = (_("Sent"), False)
        for failure in report.failed:
            self.results[failure.recipient.volunteer_id] = (
                _("Failed: {reason}").format(reason=failure.error),
                True,
            )
        for person in report.not_sent:
            self.results[person.volunteer_id] = (_("Not sent (stopped)"), True)
        self.report = report
        self._show_people()
        self._update_buttons()
        sent = sum(1 for words, failed in self.results.values() if not failed)
        said = ngettext("{n} reminder sent.", "{n} reminders sent.", sent).format(n=sent)
        trouble = len(report.failed) + len(report.not_sent)
        if trouble:
            said += " " + ngettext(
                "{n} not sent: see the list.", "{n} not sent: see the list.", trouble
            ).format(n=trouble)
        self.notice.show_message(said, "warning" if trouble else "done")
        self.context.say(said)
        if report.sent:
            self.sent.emit()

    def _failed(self, error: BaseException) -> None:
        self.sending = False
        self._update_buttons()
        if isinstance(error, RallyorgError):
            self.notice.show_message(error.translated(_), "warning")
        else:
            show_error(self, error)

    def reject(self) -> None:
        if not self.sending:  # closing half way would leave nobody to show the results
            super().reject()
