"""Optimistic concurrency: an edit based on an old version of a record is refused."""

from __future__ import annotations

from rallyorg.domain.errors import ConflictError
from rallyorg.i18n import N_


def check_version(current: int, expected: int | None) -> None:
    if expected is not None and expected != current:
        raise ConflictError(
            N_("Someone else changed this record while you were editing it. Reload and try again.")
        )
