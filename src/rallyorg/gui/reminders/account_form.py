"""The organizer's email account for reminders: server, port, security, user, From address.
The password goes to the operating system's keyring through the service and is never shown
back; without a usable keyring it is kept for this session only (never in a file)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import RallyorgError, ValidationError
from rallyorg.domain.reminders import DEFAULT_PORTS, Security, SmtpSettings, check_smtp_settings
from rallyorg.gui.background import Task, run_in_background
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.widgets.forms import FieldErrors
from rallyorg.gui.widgets.style import hint_label
from rallyorg.i18n import N_, _
from rallyorg.services import reminders

SECURITY_WORDS = {
    Security.NONE: N_("None"),
    Security.STARTTLS: N_("STARTTLS"),
    Security.SSL: N_("SSL/TLS"),
}

FAILED, SUCCEEDED = "#cf222e", "#1a7f37"
#: passwords given while no keyring could keep them: for this run of the app only
_session_passwords: dict[str, str] = {}


def password_for(settings: SmtpSettings) -> str | None:
    """The account's password: given this session, else the keyring's (or the environment's)."""
    return _session_passwords.get(settings.keyring_name) or reminders.smtp_password(settings)


class AccountForm(QWidget):
    """The form alone (a dialog's, or Settings'); ``save`` keeps what it shows."""

    saved = Signal(object)  # the SmtpSettings as kept

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.errors = FieldErrors()
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.host = QLineEdit()
        self.host.setPlaceholderText("smtp.example.org")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.security = QComboBox()
        for security, words in SECURITY_WORDS.items():
            self.security.addItem(_(words), security.value)
        self.security.currentIndexChanged.connect(self._security_chosen)
        self.user = QLineEdit()
        self.from_address = QLineEdit()
        self.from_address.setPlaceholderText("organizers@example.org")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors.add_row(self.form, _("Mail server"), self.host, "smtp.host", required=True)
        self.errors.add_row(self.form, _("Port"), self.port, "smtp.port", required=True)
        self.errors.add_row(self.form, _("Security"), self.security, "smtp.security")
        self.errors.add_row(self.form, _("User name"), self.user, "smtp.user")
        self.errors.add_row(self.form, _("From address"), self.from_address, "smtp.from", required=True)
        self.errors.add_row(self.form, _("Password"), self.password, "smtp.password")
        self.password_note = hint_label("")
        self.form.addRow(self.password_note)
        self.load(context.call(reminders.get_smtp_settings))

    def load(self, settings: SmtpSettings | None) -> None:
        settings = settings or SmtpSettings("", DEFAULT_PORTS[Security.STARTTLS], Security.STARTTLS, "")
        self.host.setText(settings.host)
        self.security.blockSignals(True)
        self.security.setCurrentIndex(max(0, self.security.findData(settings.security.value)))
        self.security.blockSignals(False)
        self.port.setValue(settings.port)
        self.user.setText(settings.user)
        self.from_address.setText(settings.from_address)
        self.password.clear()
        has_password = (
            bool(settings.host) and self.context.call(lambda _db: password_for(settings)) is not None
        )
        self.password.setPlaceholderText(_("(kept — type to change)") if has_password else "")
        self.password_note.setText(
            _(
                "The password is kept in this computer's keyring, never in a file. Leave it empty "
                "if the server asks for none."
            )
        )

    def _security_chosen(self) -> None:
        # The usual port follows the security chosen, unless the organizer typed another.
        if self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(DEFAULT_PORTS[Security(self.security.currentData())])

    def settings(self) -> SmtpSettings:
        return SmtpSettings(
            host=self.host.text().strip(),
            port=self.port.value(),
            security=Security(self.security.currentData()),
            from_address=self.from_address.text().strip(),
            user=self.user.text().strip(),
        )

    def save(self) -> SmtpSettings | None:
        """Keep the account (and a typed password); None, with the field marked, when refused."""
        self.errors.clear()
        try:
            kept = self.context.call(reminders.save_smtp_settings, self.settings())
        except ValidationError as error:
            self.errors.show(error)
            return None
        password = self.password.text()
        if password:
            stored = self.context.call(lambda _db: reminders.keep_smtp_password(kept, password))
            if stored:
                _session_passwords.pop(kept.keyring_name, None)
            else:
                _session_passwords[kept.keyring_name] = password
                self.context.say(
                    _("No keyring on this computer: the password is kept until rallyorg closes.")
                )
            self.password.clear()
        self.saved.emit(kept)
        self.context.say(_("Email account saved"))
        return kept


class AccountDialog(QDialog):
    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Email account for reminders"))
        layout = QVBoxLayout(self)
        intro = QLabel(_("Reminders are sent from your own email account, one message per person."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = AccountForm(context)
        self.form.host.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        layout.addWidget(self.form)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        layout.addWidget(self.outcome)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        # Translators: a button that connects to the mail server and logs in, sending nothing.
        self.test = buttons.addButton(_("Test"), QDialogButtonBox.ButtonRole.ActionRole)
        self.test.setToolTip(_("Connect and log in to the server, without sending anything"))
        self.test.clicked.connect(self.try_account)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons

    def try_account(self) -> None:
        """Connect and log in with what the form shows (in the background: a server that does
        not answer takes its time); the outcome is said under the form."""
        form = self.form
        form.errors.clear()
        try:
            settings = check_smtp_settings(form.settings())
        except ValidationError as error:
            form.errors.show(error)
            return
        typed = form.password.text()

        def work(task: Task) -> None:
            reminders.try_account(settings, typed or password_for(settings))

        def failed(error: BaseException) -> None:
            self.test.setEnabled(True)
            if isinstance(error, RallyorgError):
                self._say(error.translated(_), FAILED)
            else:
                show_error(self, error)

        def done(_nothing: None) -> None:
            self.test.setEnabled(True)
            self._say(_("The server accepted the account."), SUCCEEDED)

        self.test.setEnabled(False)
        self.outcome.hide()
        run_in_background(self, _("Trying the account…"), work, done, failed)

    def _say(self, words: str, colour: str) -> None:
        self.outcome.setText(words)
        self.outcome.setStyleSheet(f"color: {colour};")
        self.outcome.show()

    def accept(self) -> None:
        if self.form.save() is not None:
            super().accept()
