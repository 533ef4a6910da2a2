"""Writing a flyer to disk: all or nothing, so a crash never leaves half a PDF behind."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def save_pdf(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file beside it, then a rename.

    The temporary file is created with the usual permissions (mode 0666 less the umask), so
    the flyer ends up shareable like any other document the user saves.
    """
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
