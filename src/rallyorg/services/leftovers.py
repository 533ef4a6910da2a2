"""Private scratch folders for backups, restores and backup rewrites, and the removal of those
a killed rallyorg left behind (each can hold a full copy of everyone's details).

A scratch folder is made beside the file being written (same disk, same privacy) and holds a
lock file, locked (``flock`` / ``msvcrt.locking``) for as long as the work runs; the lock goes
with the process, however it ends. When the app or a command opens a database,
``backup.remove_leftovers`` calls ``remove_leftovers_in`` on the backups folder and the
database's own: it removes the scratch folders nobody holds and, in the backups folder, the
atomic writer's temporary files (``.rallyorg-….tmp``, which never outlive their scratch
folder), and leaves alone whatever another rallyorg is working on right now. A folder with no
lock file is a leftover of an older rallyorg when it holds files; an empty one may be a
brand-new folder whose lock is being made (it holds nothing anyway), unless it is older than
a lock takes to make: then a rallyorg was killed in that instant, and it goes too.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

BACKUP_SCRATCH = ".rallyorg-backup-"
RESTORE_SCRATCH = ".rallyorg-restore-"
REWRITE_SCRATCH = ".rallyorg-forget-"
CONVERT_SCRATCH = ".rallyorg-convert-"  # encrypting or decrypting a database: services/encryption.py
SCRATCH_PREFIXES = (BACKUP_SCRATCH, RESTORE_SCRATCH, REWRITE_SCRATCH, CONVERT_SCRATCH)
TEMP_FILE_PREFIX = ".rallyorg-"  # atomic_writer's ".<target name>.<random>.tmp" for rallyorg-* files
LOCK_NAME = ".in-use"
STARTING_SECONDS = 30.0  # an empty scratch folder older than this gets no lock any more


def _try_lock(fd: int) -> bool:
    """Lock ``fd`` without waiting; False when another process (or open file) holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextlib.contextmanager
def scratch_folder(parent: Path, prefix: str) -> Iterator[Path]:
    """A private folder in ``parent``, locked while in use and removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix, dir=parent) as name:
        folder = Path(name)
        fd = os.open(folder / LOCK_NAME, os.O_CREAT | os.O_RDWR, 0o600)
        try:
            # A new file: no one else holds it. Where the file system cannot lock at all, the
            # cleaner cannot lock it either and so takes the folder for work in progress.
            _try_lock(fd)
            yield folder
        finally:
            os.close(fd)  # releases the lock (before the folder goes: Windows needs it closed)


def _state(folder: Path) -> str:
    """The folder's state: "held" (work in progress), "starting" (no lock yet, nothing in it)
    or "abandoned"."""
    lock = folder / LOCK_NAME
    if not lock.exists():
        # See the module's docstring. A folder still "starting" has no temporary file yet.
        if any(folder.iterdir()):
            return "abandoned"
        age = time.time() - folder.stat().st_mtime
        return "starting" if age < STARTING_SECONDS else "abandoned"
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return "held"  # removed meanwhile by its owner, or not ours to open
    try:
        return "abandoned" if _try_lock(fd) else "held"
    finally:
        os.close(fd)


def remove_leftovers_in(folder: Path, *, temp_files: bool = True) -> int:
    """Remove abandoned scratch folders (and ``temp_files``) in ``folder``; how many."""
    if not folder.is_dir():
        return 0
    removed, busy = 0, False
    scratch = [p for p in folder.iterdir() if p.name.startswith(SCRATCH_PREFIXES) and p.is_dir()]
    for entry in scratch:
        state = _state(entry)
        busy = busy or state == "held"
        if state != "abandoned":
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed += 0 if entry.exists() else 1
    if busy or not temp_files:
        return removed  # a temporary file may belong to the work in progress
    for entry in folder.glob(f"{TEMP_FILE_PREFIX}*.tmp"):
        with contextlib.suppress(OSError):  # gone meanwhile, or still open (Windows)
            entry.unlink()
            removed += 1
    return removed
