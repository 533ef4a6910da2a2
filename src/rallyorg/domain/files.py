"""Write a file all at once or not at all.

The data goes to a temporary file beside the target, is flushed to disk, and is then
renamed over the target with ``os.replace`` (atomic on POSIX and Windows). If anything
fails (disk full, no permission), the temporary file is removed and whatever was at the
target before is still there, untouched. A folder of files is written the same way.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from rallyorg.domain.errors import FileWriteError, os_reason
from rallyorg.i18n import N_


@contextlib.contextmanager
def atomic_writer(target: Path | str, *, private: bool = True) -> Iterator[BinaryIO]:
    """Yield a binary file; on a clean exit it replaces ``target``, on any error it vanishes.

    ``private`` files (anything with people in it) are created readable by their owner
    only (0600); others get the usual permissions the umask allows.
    """
    path = Path(target)
    existed = path.exists()
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise _write_error(path, error, existed) from error
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if not private:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise _write_error(path, error, existed) from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_atomically(target: Path | str, data: bytes, *, private: bool = True) -> None:
    """Write ``data`` to ``target`` through ``atomic_writer``."""
    with atomic_writer(target, private=private) as handle:
        handle.write(data)


def write_folder_atomically(target: Path | str, files: Mapping[str, bytes]) -> None:
    """A new folder ``target`` holding ``files`` (name -> data), all of them or none: they are
    written into a scratch folder beside it, which then takes its name in one step. ``target``
    must not exist, or be an empty folder (the caller says so in words first); missing parent
    folders are made. The folder and its files are private: for their owner only (0700, 0600)."""
    path = Path(target)
    existed = path.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    except OSError as error:
        raise _write_error(path, error, existed) from error
    try:
        for name, data in files.items():
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            handle = os.open(scratch / name, flags, 0o600)
            with os.fdopen(handle, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
        if existed:
            path.rmdir()  # only an empty folder goes; anything else raises, and nothing is lost
        os.replace(scratch, path)
    except OSError as error:
        shutil.rmtree(scratch, ignore_errors=True)
        raise _write_error(path, error, existed) from error
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


def write_error(target: Path | str, error: OSError) -> FileWriteError:
    """The error ``atomic_writer`` gives when ``error`` stops it writing ``target`` (for work
    that fails beside the target before the writer starts, e.g. a scratch folder)."""
    path = Path(target)
    return _write_error(path, error, path.exists())


def _write_error(path: Path, error: OSError, existed: bool) -> FileWriteError:
    reason = os_reason(error, writing=True)
    if existed:
        return FileWriteError(
            N_("Could not write {path}: {reason}. The earlier file there is unchanged."),
            path=str(path),
            reason=reason,
        )
    return FileWriteError(
        N_("Could not write {path}: {reason}. No file was written."), path=str(path), reason=reason
    )
