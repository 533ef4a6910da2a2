"""Optimistic concurrency: an edit based on an old version of a record is refused.

Every service that writes values its caller chose (a form's fields, a status, an undo's
"before") takes the ``version`` of the record the caller saw, as a required keyword: there is
no "skip the check" path. Two guards make that safe with concurrent writers on any backend:

1. ``check_version`` compares it with the version loaded *inside* the service's transaction;
2. the UPDATE itself is ``... WHERE id = :id AND version = :loaded`` (SQLAlchemy's
   ``version_id_col`` on every ``Editable`` model, see models.py): of two writers that both
   passed the check on version N, the second matches no row once the first has committed
   (PostgreSQL re-checks the WHERE after waiting for the row lock), and SQLAlchemy's
   ``StaleDataError`` becomes the same ``ConflictError`` (``Database.transaction``).

Actions whose outcome is decided from the record as it is inside the transaction (check a
person in, cancel a sign-up or an event, merge two volunteers, forget someone) take no version:
they write nothing the caller read earlier. An import that updates a record changes the object
it loaded in its own transaction, so its UPDATE carries the version it read; undoing an import
checks each record's version against the one the import left. Saving a whole value that has
no parts to merge — a group's logo or an event's picture, the coalition's flyer look, the
reminder account and messages (``save_*``) — replaces it as the organizer chose it: the last
save wins, and the activity log says who saved. tests/test_versions.py keeps the list of
editing services honest.
"""

from __future__ import annotations

from rallyorg.domain.errors import ConflictError
from rallyorg.i18n import N_

STALE_RECORD = N_("Someone else changed this record while you were editing it. Reload and try again.")


def check_version(current: int, expected: int) -> None:
    """Refuse an edit made on a version of the record other than the one now stored."""
    if expected != current:
        raise ConflictError(STALE_RECORD)
