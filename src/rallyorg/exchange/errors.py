"""Errors about files being read or written; front ends show them as one sentence."""

from __future__ import annotations

from typing import Any

from rallyorg.domain.errors import RallyorgError


class ImportFileError(RallyorgError):
    """The file as a whole cannot be imported (unreadable, unbalanced quote, no usable
    columns…). ``line`` is the physical line in the file when one is to blame."""

    def __init__(self, message: str, *, line: int | None = None, **params: Any) -> None:
        super().__init__(message, line=line, **params)
        self.line = line


class ImportCancelled(RallyorgError):
    """The user stopped the import; nothing was written."""
