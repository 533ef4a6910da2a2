"""Settings ▸ Reminders: the email account reminders are sent from and the messages'
wording, each in the same dialog the Remind volunteers… window opens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from rallyorg.domain.reminders import SmtpSettings
from rallyorg.gui.context import GuiContext
from rallyorg.gui.reminders.account_form import AccountDialog
from rallyorg.gui.reminders.templates_dialog import TemplatesDialog
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import hint_label
from rallyorg.i18n import _
from rallyorg.services import reminders


def account_words(settings: SmtpSettings | None) -> str:
    if settings is None:
        return _("No email account is set up yet: reminders are sent from your own account.")
    return _("Sent from {address} through {host}").format(address=settings.from_address, host=settings.host)


class ReminderSettingsPanel(QWidget):
    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.child: QDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.account = QLabel()
        self.account.setWordWrap(True)
        layout.addWidget(self.account)
        row = QHBoxLayout()
        self.account_button = QPushButton(icon("ph.envelope-simple"), _("Email account…"))
        self.account_button.clicked.connect(self.open_account)
        self.messages_button = QPushButton(icon("ph.note-pencil"), _("Edit messages…"))
        self.messages_button.clicked.connect(self.open_templates)
        row.addWidget(self.account_button)
        row.addWidget(self.messages_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(
            hint_label(
                _(
                    "Remind volunteers… in Rallies reminds a rally's volunteers. The password "
                    "is kept in this computer's keyring, never in a file."
                )
            )
        )

    def refresh(self) -> None:
        self.context.fetch(reminders.get_smtp_settings, on_success=self._show, owner=self)

    def _show(self, settings: SmtpSettings | None) -> None:
        self.account.setText(account_words(settings))

    def open_account(self) -> None:
        dialog = AccountDialog(self.context, self)
        dialog.form.saved.connect(self._show)
        self._open(dialog)

    def open_templates(self) -> None:
        self._open(TemplatesDialog(self.context, self))

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.child = dialog
        dialog.open()
