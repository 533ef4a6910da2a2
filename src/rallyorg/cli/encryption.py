"""``rallyorg db encrypt|decrypt|change-passphrase``: encryption at rest from the command line,
and the terminal's way of asking for a passphrase (every command that opens an encrypted
database asks here when neither the keyring nor RALLYORG_PASSPHRASE has it)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rallyorg.cli.context import CliContext
from rallyorg.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from rallyorg.services import encryption

# The functions below import rallyorg.services.encryption (and so SQLAlchemy) when they run,
# not at the top: see cli/__init__.py.

PASSPHRASE_ENV = "RALLYORG_PASSPHRASE"
NEW_PASSPHRASE_ENV = "RALLYORG_NEW_PASSPHRASE"  # change-passphrase in a script


def register(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    encrypt = actions.add_parser(
        "encrypt", help=_("encrypt the database file and its backups under a passphrase (SQLCipher)")
    )
    encrypt.add_argument("--yes", action="store_true", help=_("go ahead without asking"))
    encrypt.set_defaults(handler=run_encrypt)
    decrypt = actions.add_parser(
        "decrypt", help=_("store the database file and its backups unencrypted again")
    )
    decrypt.add_argument("--yes", action="store_true", help=_("go ahead without asking"))
    decrypt.set_defaults(handler=run_decrypt)
    change = actions.add_parser("change-passphrase", help=_("change the passphrase of an encrypted database"))
    change.set_defaults(handler=run_change_passphrase)


def ask_on_terminal(path: Path, wrong: bool) -> str | None:
    """The prompt every command uses for an encrypted database (set when stdin is a terminal)."""
    if wrong:
        print(_("That passphrase does not open it."), file=sys.stderr)
    try:
        return getpass.getpass(_("Passphrase for {file}: ").format(file=path))
    except EOFError:
        return None


def use_terminal_prompt() -> None:
    from rallyorg.services import encryption

    encryption.set_prompt(ask_on_terminal if sys.stdin.isatty() else None)


def _database_file(context: CliContext) -> Path:
    from rallyorg.db import parse_database_url, sqlite_file
    from rallyorg.services.encryption import EncryptionError

    url = parse_database_url(context.db_url)
    file = sqlite_file(url)
    if file is None:
        raise EncryptionError(
            N_(
                "Only a SQLite database file is encrypted by rallyorg. A server database is "
                "encrypted by its server; rallyorg connects to PostgreSQL with sslmode=verify-full."
            )
        )
    if not file.is_file():
        raise EncryptionError(N_("{file} does not exist."), file=str(file))
    return file.resolve()


def _new_passphrase(variable: str) -> str:
    """From ``variable`` (scripts), else typed twice on the terminal."""
    from rallyorg.services import encryption
    from rallyorg.services.encryption import EncryptionError

    given = os.environ.get(variable)
    if given:
        encryption.check_new_passphrase(given)
        return given
    if not sys.stdin.isatty():
        raise EncryptionError(
            N_("Give the new passphrase in the {variable} environment variable, or run this in a terminal."),
            variable=variable,
        )
    for _try in range(3):
        first = getpass.getpass(
            _("New passphrase (at least {count} characters): ").format(count=encryption.MIN_PASSPHRASE_LENGTH)
        )
        try:
            encryption.check_new_passphrase(first)
        except EncryptionError as error:
            print(error.translated(_), file=sys.stderr)
            continue
        if getpass.getpass(_("The same passphrase again: ")) == first:
            return first
        print(_("The two passphrases differ."), file=sys.stderr)
    raise EncryptionError(N_("No passphrase was set; the database is as it was."))


def _report(context: CliContext, result: encryption.Converted) -> None:
    if result.copies_converted:
        context.print(
            ngettext(
                "{count} backup beside it was converted too.",
                "{count} backups beside it were converted too.",
                result.copies_converted,
            ).format(count=result.copies_converted)
        )
    for left in result.copies_left:
        context.print(_("Not converted (under another passphrase, or damaged): {path}").format(path=left))


def _ask_for_yes(args: argparse.Namespace, file: Path, warning: str) -> None:
    """Without --yes, only the warning: what converting means, and how to go ahead."""
    from rallyorg.services.encryption import EncryptionError

    if not args.yes:
        raise EncryptionError(warning, file=str(file))


def run_encrypt(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services import encryption
    from rallyorg.services.encryption import EncryptionError

    file = _database_file(context)
    _ask_for_yes(
        args,
        file,
        N_(
            "Encrypting {file} makes it, and its backups, unreadable without the passphrase you "
            "choose. A forgotten passphrase cannot be recovered. Run again with --yes to go ahead."
        ),
    )
    if encryption.is_encrypted(file):
        raise EncryptionError(N_("{file} is already encrypted."), file=str(file))
    result = encryption.encrypt(file, _new_passphrase(PASSPHRASE_ENV))
    context.print(_("Encrypted {file}.").format(file=file))
    _say_where_the_passphrase_is(context, result)
    _report(context, result)
    return 0


def _say_where_the_passphrase_is(context: CliContext, result: encryption.Converted) -> None:
    if result.in_keyring:
        context.print(
            _("The passphrase is kept in this computer's keyring: rallyorg opens the file without asking.")
        )
    else:
        context.print(
            _(
                "This computer has no keyring to keep the passphrase: rallyorg will ask for it each "
                "time (or give it in {variable})."
            ).format(variable=PASSPHRASE_ENV)
        )
    context.print(_("Write the passphrase down somewhere safe: a forgotten passphrase cannot be recovered."))


def run_decrypt(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services import encryption

    file = _database_file(context)
    _ask_for_yes(
        args,
        file,
        N_(
            "Decrypted, {file} and its backups can be read by anyone who has them. "
            "Run again with --yes to go ahead."
        ),
    )
    result = encryption.decrypt(file)
    context.print(_("{file} is no longer encrypted.").format(file=file))
    _report(context, result)
    return 0


def run_change_passphrase(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services import encryption

    file = _database_file(context)
    result = encryption.change_passphrase(file, _new_passphrase(NEW_PASSPHRASE_ENV))
    context.print(_("The passphrase of {file} is changed.").format(file=file))
    _say_where_the_passphrase_is(context, result)
    _report(context, result)
    return 0
