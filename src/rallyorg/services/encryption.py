"""Encrypt a database file, decrypt it, or change its passphrase — in place, safely.

The database is never changed where it lies. SQLCipher's ``sqlcipher_export`` writes every
table, index and setting into a new file in a private scratch folder beside it (same disk;
leftovers of a killed run are removed at the next start: leftovers.py), under the new
passphrase or none. The new file is checked (integrity, and the same number of rows in every
table), flushed to disk and only then renamed over the old one in one step: a crash at any
moment leaves either the old file or the new one, whole. While this runs the file is locked
exclusively; if another rallyorg has it open, nothing is done and the person is told.

The automatic backups and safety copies beside it are converted the same way afterwards, so
that they are not left readable (or under a passphrase nobody remembers). The new passphrase
is kept in the operating system's keyring when there is one (db/passphrases.py).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rallyorg.db import encryption, passphrases
from rallyorg.db.sqlite_files import passphrase_of
from rallyorg.domain.errors import RallyorgError
from rallyorg.i18n import N_
from rallyorg.services.backup import backup_folder_of
from rallyorg.services.leftovers import CONVERT_SCRATCH, scratch_folder
from rallyorg.services.restore import kept_copies

MIN_PASSPHRASE_LENGTH = 8
LOCK_WAIT_MS = 2_000

# The front ends' way of asking for a passphrase, set on this floor so the GUI needs no db.
set_prompt = passphrases.set_prompt
PassphraseAsk = passphrases.Ask


BUSY = N_("Another rallyorg has {file} open. Close it (and any command using it), then try again.")


class EncryptionError(RallyorgError):
    """The file could not be converted; it is as it was."""


@dataclass(frozen=True)
class Converted:
    path: Path
    encrypted: bool  # what the file is now
    in_keyring: bool  # the passphrase is kept in the OS keyring (False: asked at each start)
    copies_converted: int = 0  # automatic backups and safety copies
    copies_left: tuple[Path, ...] = ()  # under another passphrase, or damaged: not converted


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise EncryptionError(
            N_("Choose a passphrase of at least {count} characters; a few words are easy to remember."),
            count=MIN_PASSPHRASE_LENGTH,
        )


def is_encrypted(path: Path) -> bool:
    return encryption.is_encrypted(path)


def unlock(path: Path, ask: PassphraseAsk) -> None:
    """Find (asking with ``ask`` if need be) and remember the passphrase of ``path`` so that
    opening it later, on any thread, needs no question. Nothing for a plain file."""
    if encryption.is_encrypted(path):
        passphrases.passphrase_for(path, ask)


def encrypt(path: Path, passphrase: str, *, keep_in_keyring: bool = True) -> Converted:
    """Encrypt the plain database ``path`` (closed by this process) under ``passphrase``."""
    if encryption.is_encrypted(path):
        raise EncryptionError(N_("{file} is already encrypted."), file=str(path))
    check_new_passphrase(passphrase)
    return _convert(path, None, passphrase, keep_in_keyring)


def decrypt(path: Path) -> Converted:
    """Make the encrypted database ``path`` plain again (its passphrase must be at hand)."""
    if not encryption.is_encrypted(path):
        raise EncryptionError(N_("{file} is not encrypted."), file=str(path))
    return _convert(path, passphrases.passphrase_for(path), None, False)


def change_passphrase(path: Path, new: str, *, keep_in_keyring: bool = True) -> Converted:
    if not encryption.is_encrypted(path):
        raise EncryptionError(N_("{file} is not encrypted: encrypt it first."), file=str(path))
    check_new_passphrase(new)
    return _convert(path, passphrases.passphrase_for(path), new, keep_in_keyring)


def _convert(path: Path, old: str | None, new: str | None, keep_in_keyring: bool) -> Converted:
    path = path.resolve()
    convert_file(path, old, new, exclusive=True)
    passphrases.forget(path)
    if new is None:
        passphrases.drop_from_keyring(path)
        in_keyring = False
    else:
        passphrases.remember(path, new)
        in_keyring = keep_in_keyring and passphrases.keep_in_keyring(path, new)
        if not in_keyring:
            passphrases.drop_from_keyring(path)  # an old passphrase there would no longer open it
    done, left = _convert_copies(backup_folder_of(path), old, new)
    return Converted(path, new is not None, in_keyring, done, tuple(left))


def _convert_copies(folder: Path, old: str | None, new: str | None) -> tuple[int, list[Path]]:
    done, left = 0, []
    for copy in kept_copies(folder):
        try:
            current = _passphrase_of_copy(copy, old)
        except RallyorgError:
            left.append(copy)  # under a passphrase nobody here has
            continue
        if current == new:
            continue  # already as wanted (a run killed half-way through the copies)
        try:
            convert_file(copy, current, new)
        except (RallyorgError, OSError):
            left.append(copy)
        else:
            done += 1
    return done, left


def encrypt_plain_copies(database: Path, passphrase: str) -> int:
    """Encrypt the plain backups and safety copies beside the encrypted ``database``; how many.

    Only a ``db encrypt`` stopped between converting the database and its copies (killed,
    the power gone) leaves a plain copy there; encrypting the database again is refused, as it
    is encrypted already. The next start finishes the work (housekeeping.tidy). A copy
    that cannot be converted stays as it is, to be tried again at the next start.
    """
    done = 0
    for copy in kept_copies(backup_folder_of(database)):
        if encryption.is_encrypted(copy):
            continue
        with contextlib.suppress(RallyorgError, OSError):
            convert_file(copy, None, passphrase)
            done += 1
    return done


def _passphrase_of_copy(copy: Path, database_passphrase: str | None) -> str | None:
    """A backup is usually under its database's (old) passphrase; else one found for it."""
    if not encryption.is_encrypted(copy):
        return None
    if database_passphrase is not None and encryption.opens(copy, database_passphrase):
        return database_passphrase
    return passphrase_of(copy)


def convert_file(path: Path, old: str | None, new: str | None, *, exclusive: bool = False) -> None:
    """Rewrite ``path`` under the passphrase ``new`` (None: plain) from ``old`` (None: plain)."""
    module = encryption.sqlcipher()
    with scratch_folder(path.parent, CONVERT_SCRATCH) as scratch:
        converted = scratch / "converted.sqlite3"
        source = module.connect(str(path), isolation_level=None)
        try:
            if old is not None:
                encryption.keyed(source, old)
            counts = _export(source, path, converted, new, exclusive)
            _check(converted, new, counts, path)
            _flush(converted)
            if os.name != "nt":  # POSIX renames over an open file; the lock is held until then
                os.replace(converted, path)
        except module.Error as error:
            raise EncryptionError(
                N_("{file} was not converted, it is as it was: {reason}"), file=str(path), reason=str(error)
            ) from error
        finally:
            source.close()
        if os.name == "nt":  # Windows cannot rename over a file that is open
            os.replace(converted, path)
        _flush_folder(path.parent)


def _export(source: Any, path: Path, converted: Path, new: str | None, exclusive: bool) -> dict[str, int]:
    """Copy everything into ``converted``; the row counts of the source's tables."""
    source.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")
    try:
        # Leaving WAL needs the only connection to the file: this fails when another rallyorg
        # has it open. The file then stays whole and self-contained through the rename.
        mode = source.execute("PRAGMA journal_mode = DELETE").fetchone()
    except Exception as error:
        if "locked" in str(error).lower() or "busy" in str(error).lower():
            raise EncryptionError(BUSY, file=str(path)) from error
        raise
    if exclusive and (mode is None or str(mode[0]).lower() != "delete"):
        raise EncryptionError(BUSY, file=str(path))
    # From here to the rename nobody else reads or writes: the exclusive lock, once taken, is
    # kept until this connection closes (only for the database, not the new copy). A rallyorg
    # that opened the file in the instant before would have turned WAL back on: then stop.
    source.execute("PRAGMA main.locking_mode = EXCLUSIVE")
    source.execute("BEGIN EXCLUSIVE")
    source.execute("COMMIT")
    mode = source.execute("PRAGMA journal_mode").fetchone()
    if mode is None or str(mode[0]).lower() != "delete":
        raise EncryptionError(BUSY, file=str(path))
    tables = [row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    counts = {table: source.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}
    version = source.execute("PRAGMA user_version").fetchone()[0]
    target = str(converted).replace("'", "''")
    source.execute(f"ATTACH DATABASE '{target}' AS converted KEY {encryption.quoted(new or '')}")
    source.execute("SELECT sqlcipher_export('converted')")
    source.execute(f"PRAGMA converted.user_version = {int(version)}")
    source.execute("DETACH DATABASE converted")
    return counts


def _check(converted: Path, passphrase: str | None, counts: dict[str, int], path: Path) -> None:
    connection = encryption.connect(converted, passphrase)
    try:
        verdict = connection.execute("PRAGMA integrity_check").fetchone()
        found = {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in counts
        }
    finally:
        connection.close()
    if verdict is None or verdict[0] != "ok" or found != counts:
        raise EncryptionError(N_("{file} was not converted: the new copy did not check out."), file=str(path))
    converted.chmod(0o600)


def _flush(path: Path) -> None:
    with path.open("rb+") as stream:
        os.fsync(stream.fileno())


def _flush_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles for this)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
