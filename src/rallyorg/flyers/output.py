"""Writing a flyer to disk: all or nothing, so a crash never leaves half a PDF behind."""

from __future__ import annotations

from pathlib import Path

from rallyorg.domain.files import write_atomically


def save_pdf(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` through the atomic writer (a temporary file beside it, then a
    rename). A flyer is meant to be shared, so it gets the usual permissions, not 0600.

    Raises ``FileWriteError`` with one sentence (no such folder, disk full…) that says whether
    an earlier file there was kept.
    """
    write_atomically(path, data, private=False)
