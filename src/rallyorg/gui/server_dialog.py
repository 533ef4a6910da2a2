"""Settings ▸ Database ▸ Connect to a server…: the address of a coalition's shared PostgreSQL
server, how the connection is protected (TLS), the password and whether this computer's keyring
keeps it; "Test connection" and "Connect" try it off the UI thread. Also the password question
at start when the keyring does not hold it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import RallyorgError, ValidationError
from rallyorg.gui.background import Task, run_in_background
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import hint_label
from rallyorg.i18n import N_, _
from rallyorg.services.server_connection import (
    DEFAULT_PORT,
    DEFAULT_SSL_MODE,
    SSL_MODES,
    ConnectionCheck,
    ServerAddress,
    check_connection,
)

# Each TLS mode (libpq's sslmode) in plain words, safest first.
TLS_LABELS = {
    "verify-full": N_("Encrypted, and the server's identity checked (recommended)"),
    "verify-ca": N_("Encrypted, certificate checked but not the server's name"),
    "require": N_("Encrypted, the server's identity not checked"),
    "prefer": N_("Encrypted only if the server offers it"),
    "disable": N_("Not encrypted"),
}
# Said under the choice when it is weaker than the default: what can go wrong.
TLS_WARNINGS = {
    "verify-ca": N_("Any server with a certificate from the same authority could pretend to be this one."),
    "require": N_("A machine on the network could pretend to be the server and read everything sent to it."),
    "prefer": N_(
        "If the server does not offer encryption, names and phones cross the network readable by "
        "anyone on it."
    ),
    "disable": N_(
        "Names, phones and the password cross the network readable by anyone on it. Only on a "
        "network you fully trust."
    ),
}
# Short, for the status bar and Settings.
TLS_SHORT = {
    "verify-full": N_("TLS, identity checked"),
    "verify-ca": N_("TLS, certificate checked"),
    "require": N_("TLS, identity not checked"),
    "prefer": N_("TLS if offered"),
    "disable": N_("not encrypted"),
}


@dataclass(frozen=True)
class ServerChoice:
    address: ServerAddress
    password: str
    keep_password: bool


class ServerDialog(QDialog):
    def __init__(self, address: ServerAddress | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Connect to a server"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "A coalition's shared PostgreSQL server (set up with rallyorg server init). Whoever "
                    "runs it gives you these details and your login."
                )
            )
        )
        self.form = form = QFormLayout()
        self.host = self._line(_("Server"), "db.example.org")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setAccessibleName(_("Port"))
        self.database = self._line(_("Database"), "coalition")
        self.user = self._line(_("User name"), "")
        self.password = self._line(_("Password"), "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.tls = QComboBox()
        self.tls.setAccessibleName(_("Encryption (TLS)"))
        for mode in SSL_MODES:
            self.tls.addItem(_(TLS_LABELS[mode]), mode)
        self.tls_warning = hint_label("")
        self.tls_warning.setObjectName("errorText")
        self.ca_file = self._line(_("CA certificate"), _("the system's certificates"))
        choose = QPushButton(icon("ph.folder-open"), _("Choose…"))
        choose.clicked.connect(self._choose_ca_file)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(choose)
        form.addRow(_("Server"), self.host)
        form.addRow(_("Port"), self.port)
        form.addRow(_("Database"), self.database)
        form.addRow(_("User name"), self.user)
        form.addRow(_("Password"), self.password)
        form.addRow(_("Encryption (TLS)"), self.tls)
        form.addRow("", self.tls_warning)
        form.addRow(_("CA certificate"), ca_row)
        layout.addLayout(form)
        self.keep = QCheckBox(_("Remember the password on this computer (system keyring)"))
        self.keep.setChecked(True)
        layout.addWidget(self.keep)
        layout.addWidget(hint_label(_("Otherwise rallyorg asks for it each time it starts.")))
        self.address_text = QLabel()
        self.address_text.setWordWrap(True)
        self.address_text.setForegroundRole(self.tls_warning.foregroundRole())
        layout.addWidget(self.address_text)
        result_row = QHBoxLayout()
        self.test_button = QPushButton(icon("ph.link"), _("Test connection"))
        self.test_button.clicked.connect(self.test)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedWidth(80)
        self.busy.setAccessibleName(_("Connecting…"))
        self.busy.hide()
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        result_row.addWidget(self.test_button)
        result_row.addWidget(self.busy)
        result_row.addWidget(self.outcome, 1)
        layout.addLayout(result_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(_("Connect"))
        self.buttons.accepted.connect(self.connect_to_server)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        self._working = False
        if address is not None:
            self.host.setText(address.host)
            self.port.setValue(address.port)
            self.database.setText(address.database)
            self.user.setText(address.user)
            self.ca_file.setText(address.ca_file)
        self.tls.setCurrentIndex(max(0, self.tls.findData(address.sslmode if address else DEFAULT_SSL_MODE)))
        self.tls.currentIndexChanged.connect(self._show_address)
        for field in (self.host, self.database, self.user, self.ca_file):
            field.textChanged.connect(self._show_address)
        self.port.valueChanged.connect(self._show_address)
        self._show_address()

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        field = QLineEdit()
        field.setAccessibleName(name)
        field.setPlaceholderText(placeholder)
        field.setMinimumWidth(field.fontMetrics().averageCharWidth() * 32)
        return field

    def address(self) -> ServerAddress:
        return ServerAddress(
            host=self.host.text().strip(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            port=self.port.value(),
            sslmode=str(self.tls.currentData()),
            ca_file=self.ca_file.text().strip(),
        )

    def chosen(self) -> ServerChoice:
        return ServerChoice(self.address(), self.password.text(), self.keep.isChecked())

    def _show_address(self) -> None:
        mode = str(self.tls.currentData())
        self.tls_warning.setText(_(TLS_WARNINGS[mode]) if mode in TLS_WARNINGS else "")
        self.tls_warning.setVisible(mode in TLS_WARNINGS)
        # The address as libpq gets it, for whoever runs the server; never the password.
        self.address_text.setText(_("Address: {address}").format(address=self.address().shown()))
        self.outcome.clear()

    def _choose_ca_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("CA certificate"),
            self.ca_file.text(),
            _("Certificates (*.crt *.pem *.cer);;All files (*)"),
        )
        if chosen:
            self.ca_file.setText(chosen)

    # --- trying it ------------------------------------------------------------------------
    def test(self) -> None:
        self._try(connect_after=False)

    def connect_to_server(self) -> None:
        self._try(connect_after=True)

    def _try(self, *, connect_after: bool) -> None:
        if self._working:
            return
        address = self.address()
        try:
            address.check()
        except ValidationError as error:
            self._say_problem(error.translated(_))
            field = {"ca_file": self.ca_file, "port": self.port, "sslmode": self.tls}.get(
                error.field, getattr(self, error.field, None)
            )
            if isinstance(field, QWidget):
                field.setFocus()
            return
        password = self.password.text()
        self._set_working(True)

        def work(_task: Task) -> ConnectionCheck:
            return check_connection(address, password)

        run_in_background(
            self,
            _("Connecting…"),
            work,
            lambda check: self._succeeded(check, connect_after),
            self._failed,
            show_progress=False,  # the dialog's own bar: the person stays in the dialog
        )

    def _set_working(self, working: bool) -> None:
        self._working = working
        self.busy.setVisible(working)
        self.test_button.setEnabled(not working)
        self.connect_button.setEnabled(not working)
        if working:
            self.outcome.setObjectName("")
            self.outcome.setText(_("Connecting…"))

    def _succeeded(self, check: ConnectionCheck, connect_after: bool) -> None:
        self._set_working(False)
        if check.encrypted is False:
            words = _("Connected as {user} (PostgreSQL {version}), not encrypted.")
        elif check.encrypted:
            words = _("Connected as {user} (PostgreSQL {version}), encrypted.")
        else:
            words = _("Connected as {user} (PostgreSQL {version}).")
        self.outcome.setText(words.format(user=check.user, version=check.server_version))
        if connect_after:
            self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_working(False)
        if isinstance(error, RallyorgError):
            self._say_problem(error.translated(_))
        else:
            self._say_problem(_("The connection failed: {reason}").format(reason=type(error).__name__))

    def _say_problem(self, text: str) -> None:
        self.outcome.setObjectName("errorText")
        self.outcome.setText(text)


def ask_server_choice(parent: QWidget | None, address: ServerAddress | None) -> ServerChoice | None:
    dialog = ServerDialog(address, parent)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class ServerPasswordDialog(QDialog):
    """At start, when the keyring does not hold the server's password (or it was refused)."""

    def __init__(self, address: ServerAddress, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Password for the server"))
        layout = QVBoxLayout(self)
        text = QLabel(
            _("Type the password of {user} on {host} (database {database}).").format(
                user=address.user, host=address.host, database=address.database
            )
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.problem = QLabel(problem)
        self.problem.setObjectName("errorText")
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(problem))
        layout.addWidget(self.problem)
        form = QFormLayout()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Password"))
        form.addRow(_("Password"), self.password)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Connect"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)


def ask_server_password(address: ServerAddress, problem: str = "") -> str | None:
    dialog = ServerPasswordDialog(address, problem)
    try:
        return dialog.password.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
