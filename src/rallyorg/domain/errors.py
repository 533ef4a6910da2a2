"""Errors the services raise; front ends translate and show them."""

from __future__ import annotations

import errno
from collections.abc import Callable, Mapping
from typing import Any

from rallyorg.i18n import N_


class Phrase(str):
    """A parameter that is itself an English phrase to translate (a reason such as "the disk is
    full"), where a plain parameter (a path, a name) is shown as it is."""


# The usual reasons a file cannot be read or written, in words the user's language has (the
# system's own, OSError.strerror, are always in English).
_NO_FOLDER = N_("the folder does not exist")
_NOT_ALLOWED = N_("you do not have permission")
_WRITE_REASONS = {
    errno.ENOENT: _NO_FOLDER,
    errno.ENOTDIR: _NO_FOLDER,
    errno.EACCES: _NOT_ALLOWED,
    errno.EPERM: _NOT_ALLOWED,
    errno.EROFS: N_("the disk or folder is read-only"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk is full"),
    errno.EISDIR: N_("it is a folder, not a file"),
}
_READ_REASONS = {
    **_WRITE_REASONS,
    errno.ENOENT: N_("the file does not exist"),
}


def os_reason(error: OSError, *, writing: bool) -> str:
    """Why a file could not be read or written, as a ``Phrase`` when rallyorg has the words."""
    known = (_WRITE_REASONS if writing else _READ_REASONS).get(error.errno or 0)
    return Phrase(known) if known else (error.strerror or str(error))


class RallyorgError(Exception):
    """Base for errors meant for the user: the message is an untranslated English sentence
    with ``{named}`` placeholders, translated by the front end with its own language."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params: Mapping[str, Any] = params

    def translated(self, gettext: Callable[[str], str] | None = None) -> str:
        if gettext is None:
            return self.message.format(**self.params)
        params = {k: gettext(v) if isinstance(v, Phrase) else v for k, v in self.params.items()}
        return gettext(self.message).format(**params)

    def __str__(self) -> str:
        return self.translated()


class ValidationError(RallyorgError):
    """Invalid input for one field; ``field`` names it, e.g. ``"email"`` or ``"texts.es.title"``."""

    def __init__(self, field: str, message: str, **params: Any) -> None:
        super().__init__(message, **params)
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.translated()}"


class NotFoundError(RallyorgError):
    """The record asked for does not exist (or no longer does)."""


class ConflictError(RallyorgError):
    """Someone else changed the record first, or the action is not allowed in its state."""


class NotAllowedError(RallyorgError):
    """The database server refused: this login's role may not read or change that (a shared
    server's rights: ``rallyorg server add-user --role``)."""


class DatabaseOpenError(RallyorgError):
    """The database could not be opened or brought up to date."""


class PassphraseError(DatabaseOpenError):
    """An encrypted database's passphrase is missing or wrong (it is never recoverable)."""


class DatabaseBusyError(RallyorgError):
    """Another process held the write lock for longer than this one would wait."""


class DatabaseUnavailableError(RallyorgError):
    """The database refused an operation (full disk, read-only file, server gone…)."""


class FileWriteError(RallyorgError):
    """An export could not be written; the message says whether an earlier file was kept."""
