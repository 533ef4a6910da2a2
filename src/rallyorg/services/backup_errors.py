"""The error every backup, restore and backup-rewriting service raises for the user."""

from __future__ import annotations

from rallyorg.domain.errors import RallyorgError


class BackupError(RallyorgError):
    """The backup cannot be made; the message says why and what to do instead."""
