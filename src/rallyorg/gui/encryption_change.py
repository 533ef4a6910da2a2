"""Encrypt, decrypt or change the passphrase of the open database from the app.

The file must be closed to be converted (services.encryption): the window asks about unsaved
edits, closes the database, converts it on a worker thread behind a dialog that cannot be
dismissed, opens it again (the passphrase is known to this process by then) and is built
again on it. When the conversion fails the file is as it was and is opened again as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QMessageBox

from rallyorg.domain.errors import RallyorgError
from rallyorg.gui.background import run_in_background
from rallyorg.gui.context import GuiContext
from rallyorg.gui.encryption import ask_new_passphrase
from rallyorg.gui.error_dialog import show_error
from rallyorg.i18n import _, ngettext
from rallyorg.services import database_files, encryption

# Builds the window again on the reopened database (application.replace_window).
Rebuild = Callable[[QMainWindow, GuiContext], QMainWindow]


def change_encryption(window: QMainWindow, context: GuiContext, action: str, rebuild: Rebuild) -> None:
    file = database_files.database_file(context.db)
    if file is None:
        return
    convert = _ask(window, file, action)
    if convert is None or not getattr(window, "confirm_discard", lambda: True)():
        return
    context.access.shutdown()
    context.db.close()

    def reopen(message: str, warning: bool) -> None:
        try:
            db = database_files.open_database_file(file)
        except RallyorgError as error:
            QMessageBox.critical(window, _("rallyorg cannot open its database"), error.translated(_))
            window.close()
            return
        replacement = rebuild(window, GuiContext(db=db, settings=context.settings))
        if warning:
            QMessageBox.warning(replacement, _("Encryption"), message)
        else:
            replacement.statusBar().showMessage(message, 12000)

    def done(result: encryption.Converted) -> None:
        reopen(
            _describe(result),
            warning=bool(result.copies_left) or (result.encrypted and not result.in_keyring),
        )

    def failed(error: BaseException) -> None:
        if isinstance(error, RallyorgError):
            reopen(error.translated(_), warning=True)
        else:
            show_error(window, error)
            reopen(_("The database was not changed."), warning=True)

    run_in_background(
        window, _("Converting the database…"), lambda _task: convert(), done, failed, cancellable=False
    )


def _ask(window: QMainWindow, file: Path, action: str) -> Callable[[], encryption.Converted] | None:
    if action == "decrypt":
        answer = QMessageBox.question(
            window,
            _("Decrypt this database"),
            _(
                "Stored without encryption, {file} and its backups can be read by anyone who has the "
                "laptop or a copy of the files. Decrypt it?"
            ).format(file=file.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return lambda: encryption.decrypt(file)
    chosen = ask_new_passphrase(window, file.name, changing=action == "change")
    if chosen is None:
        return None
    if action == "change":
        return lambda: encryption.change_passphrase(
            file, chosen.passphrase, keep_in_keyring=chosen.keep_in_keyring
        )
    return lambda: encryption.encrypt(file, chosen.passphrase, keep_in_keyring=chosen.keep_in_keyring)


def _describe(result: encryption.Converted) -> str:
    lines = [
        _("The database is encrypted.") if result.encrypted else _("The database is no longer encrypted.")
    ]
    if result.encrypted:
        lines.append(
            _("The passphrase is kept in this computer's keyring.")
            if result.in_keyring
            else _(
                "This computer has no keyring to keep the passphrase: rallyorg will ask for it at each start."
            )
        )
    if result.copies_converted:
        lines.append(
            ngettext(
                "{count} backup beside it was converted too.",
                "{count} backups beside it were converted too.",
                result.copies_converted,
            ).format(count=result.copies_converted)
        )
    if result.copies_left:
        lines.append(
            _("Not converted (under another passphrase, or damaged): {files}").format(
                files=", ".join(path.name for path in result.copies_left)
            )
        )
    return " ".join(lines)
