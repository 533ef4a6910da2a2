"""Where an encrypted database's passphrase comes from, and where it is kept.

In order: one already given in this process; the operating system's keyring (Windows
Credential Manager, macOS Keychain, the Secret Service on Linux desktops), which holds it
under the service "rallyorg" and the file's full path; the ``RALLYORG_PASSPHRASE``
environment variable (for scripts); and last the person, asked by whatever front end set a
prompt (the terminal, a dialog) — three tries. The passphrase is never written to a file or
a log by rallyorg, and a forgotten one cannot be recovered: that is the point of it.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from rallyorg.db.encryption import opens
from rallyorg.domain.errors import PassphraseError, Phrase
from rallyorg.i18n import N_

log = logging.getLogger(__name__)

KEYRING_SERVICE = "rallyorg"
PASSPHRASE_ENV = "RALLYORG_PASSPHRASE"
TRIES = 3

# Asks the person for the passphrase of a file: (file, the previous try was wrong) -> the
# passphrase, or None when they gave up.
Ask = Callable[[Path, bool], "str | None"]

_known: dict[Path, str] = {}
_lock = threading.Lock()
_ask: Ask | None = None

FORGOTTEN = N_(
    "A forgotten passphrase cannot be recovered, by rallyorg or anyone else: that is what keeps "
    "the data safe on a lost laptop. If nobody has it, start a new database and import your "
    "lists again."
)


def set_prompt(ask: Ask | None) -> None:
    """How this process asks a person (the command line: on the terminal; None: never)."""
    global _ask
    _ask = ask


def remember(path: Path, passphrase: str) -> None:
    """Keep ``passphrase`` for ``path`` in this process's memory (until it ends)."""
    with _lock:
        _known[path.resolve()] = passphrase


def known(path: Path) -> str | None:
    with _lock:
        return _known.get(path.resolve())


def forget(path: Path) -> None:
    with _lock:
        _known.pop(path.resolve(), None)


def known_passphrases() -> list[str]:
    """Every passphrase given in this process (a backup is usually under one of them)."""
    with _lock:
        return list(dict.fromkeys(_known.values()))


# --- the operating system's keyring -------------------------------------------------------
# Every keyring failure (none installed, a locked one, a desktop service that is not running)
# means "not kept there": the passphrase is asked for instead.


def from_keyring(path: Path) -> str | None:
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, str(path.resolve()))
    except Exception as error:  # keyring backends raise whatever their platform raises
        log.info("no passphrase from the keyring: %s", type(error).__name__)
        return None


def keep_in_keyring(path: Path, passphrase: str) -> bool:
    """Store the passphrase in the keyring; False when there is no usable keyring."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, str(path.resolve()), passphrase)
        # Some backends accept and drop it (the "null" keyring of a server without a desktop).
        return bool(keyring.get_password(KEYRING_SERVICE, str(path.resolve())) == passphrase)
    except Exception as error:
        log.info("passphrase not kept in the keyring: %s", type(error).__name__)
        return False


def drop_from_keyring(path: Path) -> None:
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, str(path.resolve()))
    except Exception as error:  # not there, or no keyring: nothing to drop
        log.info("no keyring entry removed: %s", type(error).__name__)


# --- finding it -----------------------------------------------------------------------------


def passphrase_for(path: Path, ask: Ask | None = None) -> str:
    """The passphrase that opens the encrypted file ``path`` (remembered for this process), or
    a ``PassphraseError`` saying how to give it. ``ask`` overrides the process's prompt."""
    path = path.resolve()
    # Its own first; then those of other files in this process (a backup or a scratch copy
    # shares its database's); then the keyring's.
    candidates = [known(path), *known_passphrases(), from_keyring(path)]
    for candidate in dict.fromkeys(c for c in candidates if c is not None):
        if opens(path, candidate):
            remember(path, candidate)
            return candidate
    from_environment = os.environ.get(PASSPHRASE_ENV)
    if from_environment:
        if not opens(path, from_environment):
            raise PassphraseError(
                N_("The passphrase in {variable} does not open {file}."),
                variable=PASSPHRASE_ENV,
                file=str(path),
            )
        remember(path, from_environment)
        return from_environment
    ask = ask or _ask
    if ask is None:
        raise PassphraseError(
            N_(
                "{file} is encrypted and its passphrase is not in this computer's keyring. Give it "
                "in the {variable} environment variable, or open the file in the app to be asked."
            ),
            file=str(path),
            variable=PASSPHRASE_ENV,
        )
    wrong = False
    for _try in range(TRIES):
        given = ask(path, wrong)
        if given is None:
            raise PassphraseError(
                N_("{file} is encrypted and no passphrase was given: it was not opened."), file=str(path)
            )
        if given and opens(path, given):
            remember(path, given)
            return given
        wrong = True
    raise PassphraseError(
        N_("That passphrase does not open {file}. {forgotten}"), file=str(path), forgotten=Phrase(FORGOTTEN)
    )
