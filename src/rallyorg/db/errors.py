"""What a driver's error means to a person: one sentence, never a driver's message alone.

SQLite and PostgreSQL report trouble as ``OperationalError`` with the driver's own words
("database is locked", "disk I/O error", "connection refused"). The services raise these
as rallyorg errors, so the app's error dialog and the command line say what happened and
what to do, in the interface language.
"""

from __future__ import annotations

from sqlalchemy import exc

from rallyorg.domain.errors import (
    ConflictError,
    DatabaseBusyError,
    DatabaseUnavailableError,
    NotAllowedError,
    RallyorgError,
)
from rallyorg.i18n import N_

BUSY_WORDS = ("database is locked", "database is busy", "database table is locked")

_EXPLAINED: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("database or disk is full", "no space left", "disk full"),
        N_("The disk is full: nothing was saved. Free some space and try again."),
    ),
    (
        ("readonly database", "read-only", "attempt to write a readonly"),
        N_("The database file cannot be written (it is read-only): nothing was saved."),
    ),
    (
        ("file is not a database", "file is encrypted"),
        N_("This file is not a rallyorg database, or it is encrypted with another passphrase."),
    ),
    (
        ("database disk image is malformed", "disk i/o error"),
        N_(
            "The database file is damaged or the disk failed. Restore a backup "
            "(Settings ▸ Your data ▸ Restore from a backup…)."
        ),
    ),
    (
        ("unable to open database file",),
        N_("The database file cannot be opened: check that its folder exists and can be written."),
    ),
    (
        (
            "connection refused",
            "could not connect",
            "server closed the connection",
            "connection timed out",
            "timeout expired",  # libpq's words when connect_timeout runs out
        ),
        N_("The database server cannot be reached: check the network, or ask whoever runs the server."),
    ),
    (
        ("password authentication failed", "no password supplied"),
        N_("The database server refused the user name or password."),
    ),
)


def is_busy(error: BaseException) -> bool:
    return any(words in str(error).lower() for words in BUSY_WORDS)


def busy_error() -> DatabaseBusyError:
    return DatabaseBusyError(
        N_(
            "Another rallyorg is still writing to this database (an import, perhaps): nothing "
            "was saved. Try again when it has finished."
        )
    )


def explain(error: exc.DBAPIError) -> RallyorgError:
    """The rallyorg error to raise in place of a driver's ``OperationalError``."""
    reason = str(error.orig if error.orig is not None else error).lower()
    if is_busy(error.orig if error.orig is not None else error):
        return busy_error()
    for words, message in _EXPLAINED:
        if any(word in reason for word in words):
            return DatabaseUnavailableError(message)
    first_line = str(error.orig if error.orig is not None else error).splitlines()[0]
    return DatabaseUnavailableError(N_("The database could not do this: {reason}"), reason=first_line)


# PostgreSQL's codes (SQLSTATE) for a refusal by the server's rights, its row-level security
# included, and for the capacity guard of ``rallyorg server init`` (services/server_access.py).
INSUFFICIENT_PRIVILEGE = "42501"
_CHECK_VIOLATION = "23514"


def explain_refusal(error: exc.DBAPIError) -> RallyorgError | None:
    """A shared server's refusal in words (None: not one). The driver's message names the
    table, which says what was refused; it holds no row's values."""
    code = getattr(error.orig, "sqlstate", None)
    reason = str(error.orig).splitlines()[0] if error.orig is not None else ""
    if code == INSUFFICIENT_PRIVILEGE:
        return NotAllowedError(
            N_(
                "Your login on the coalition's server may not do this ({reason}). Nothing was "
                "changed; a coalition admin can change your role."
            ),
            reason=reason,
        )
    if code == _CHECK_VIOLATION and "is full" in reason:
        return ConflictError(
            N_("This shift filled up meanwhile (someone else signed up): nothing was changed. Reload.")
        )
    return None
