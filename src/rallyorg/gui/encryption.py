"""Encryption at rest in the app: the passphrase questions, and the "Encryption" row of
Settings ▸ Your data (also offered on the welcome page). The conversion itself is
services.encryption's; the window closes the database, converts it and opens it again
(application.change_encryption)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rallyorg.gui.context import GuiContext
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import hint_label
from rallyorg.i18n import N_, _
from rallyorg.services import database_files, encryption

FORGOTTEN_HINT = N_(
    "A forgotten passphrase cannot be recovered, by rallyorg or anyone else. Write it down and keep "
    "it somewhere safe, away from the laptop."
)


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    field.setMinimumWidth(field.fontMetrics().averageCharWidth() * 32)
    return field


class PassphraseDialog(QDialog):
    """Asks for the passphrase that opens an encrypted file."""

    def __init__(self, path: Path, wrong: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Encrypted database"))
        layout = QVBoxLayout(self)
        text = QLabel(_("{file} is encrypted. Type its passphrase to open it.").format(file=path.name))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.wrong = QLabel(_("That passphrase does not open it. Try again."))
        self.wrong.setObjectName("errorText")
        self.wrong.setVisible(wrong)
        layout.addWidget(self.wrong)
        self.passphrase = _password_field(_("Passphrase"))
        form = QFormLayout()
        form.addRow(_("Passphrase"), self.passphrase)
        layout.addLayout(form)
        if wrong:
            layout.addWidget(hint_label(_(FORGOTTEN_HINT)))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.setToolTip(str(path))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def ask_passphrase(path: Path, wrong: bool) -> str | None:
    """The app's prompt (services.encryption.set_prompt): a dialog, on the UI thread only; a
    database opened on a worker thread was unlocked before (``unlock``)."""
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return None
    dialog = PassphraseDialog(path, wrong, QApplication.activeWindow())
    try:
        return dialog.passphrase.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


@dataclass(frozen=True)
class NewPassphrase:
    passphrase: str
    keep_in_keyring: bool


class NewPassphraseDialog(QDialog):
    """Choose a passphrase: typed twice, at least MIN_PASSPHRASE_LENGTH characters, with the
    honest warning and the choice of keeping it in this computer's keyring."""

    def __init__(self, file_name: str, changing: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change the passphrase") if changing else _("Encrypt this database"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _("Choose a new passphrase for {file}.").format(file=file_name)
            if changing
            else _(
                "{file} and its backups will be unreadable without the passphrase: a lost or stolen "
                "laptop does not give away anyone's name or phone."
            ).format(file=file_name)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.first = _password_field(_("New passphrase"))
        self.second = _password_field(_("The same passphrase again"))
        form.addRow(_("New passphrase"), self.first)
        form.addRow(_("Again"), self.second)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setObjectName("errorText")
        layout.addWidget(self.problem)
        self.keep = QCheckBox(_("Keep it in this computer's keyring, so rallyorg opens without asking"))
        self.keep.setChecked(True)
        layout.addWidget(self.keep)
        layout.addWidget(hint_label(_(FORGOTTEN_HINT)))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            _("Change passphrase") if changing else _("Encrypt")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.first.textChanged.connect(self._check)
        self.second.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        first, second = self.first.text(), self.second.text()
        problem = ""
        if first and len(first) < encryption.MIN_PASSPHRASE_LENGTH:
            problem = _("At least {count} characters; a few words are easy to remember.").format(
                count=encryption.MIN_PASSPHRASE_LENGTH
            )
        elif second and first != second:
            problem = _("The two passphrases differ.")
        self.problem.setText(problem)
        ready = len(first) >= encryption.MIN_PASSPHRASE_LENGTH and first == second
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def chosen(self) -> NewPassphrase:
        return NewPassphrase(self.first.text(), self.keep.isChecked())


def ask_new_passphrase(parent: QWidget, file_name: str, *, changing: bool) -> NewPassphrase | None:
    dialog = NewPassphraseDialog(file_name, changing, parent)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class EncryptionPanel(QWidget):
    """Settings ▸ Your data ▸ Encryption: whether the file is encrypted, and the actions."""

    requested = Signal(str)  # "encrypt", "change" or "decrypt"

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        file = database_files.database_file(context.db)
        encrypted = context.db.is_encrypted
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.form = form = QFormLayout()
        self.status = QLabel(
            _("Encrypted with a passphrase (SQLCipher, AES-256), backups too")
            if encrypted
            else _("Not encrypted")
            if file is not None
            else _("On a server: encrypted in transit (TLS); at rest, by the server")
        )
        self.status.setWordWrap(True)
        form.addRow(_("Encryption"), self.status)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.encrypt = QPushButton(icon("ph.lock-key"), _("Encrypt…"))
        self.change = QPushButton(icon("ph.key"), _("Change passphrase…"))
        self.decrypt = QPushButton(icon("ph.lock-key-open"), _("Decrypt…"))
        for action, button in (("encrypt", self.encrypt), ("change", self.change), ("decrypt", self.decrypt)):
            button.clicked.connect(lambda _checked=False, action=action: self.requested.emit(action))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        # Once in the panel: a button shown before it has a parent is a window of its own for a
        # moment, which takes the main window's focus when Settings is built after it is up.
        self.encrypt.setVisible(file is not None and not encrypted)
        self.change.setVisible(encrypted)
        self.decrypt.setVisible(encrypted)
        if file is not None and not encrypted:
            layout.addWidget(
                hint_label(
                    _(
                        "Anyone who has this laptop, or a copy of the file or its backups, can read "
                        "everyone's details. Encrypt it with a passphrase to prevent that."
                    )
                )
            )
