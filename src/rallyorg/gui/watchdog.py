"""A watchdog for a frozen window: when the UI thread is blocked for more than 2 s, every
thread's Python stack goes to ``hangs.log`` in the log folder, so a hang a user reports can be
diagnosed from the file they send.

``faulthandler.dump_traceback_later`` does the watching from a C thread of its own, which runs
even when the blocked thread holds the GIL or spins inside Qt. A timer on the UI thread re-arms
it every 250 ms; only a UI thread that stops running its timers lets it fire, once per stall.
faulthandler writes file names, line numbers and function names — no values, so nothing a
person typed reaches the file.
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import os
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QObject, QTimer

from rallyorg import __version__, paths

BLOCKED_SECONDS = 2.0
REARM_MS = 250
MAX_LOG_BYTES = 1_000_000  # then the old file becomes hangs.log.1 and a new one starts


class HangWatchdog(QObject):
    def __init__(self, log_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if log_file.exists() and log_file.stat().st_size > MAX_LOG_BYTES:
            log_file.replace(log_file.with_name(log_file.name + ".1"))
        # Kept open for the whole session: faulthandler writes to its descriptor from its thread.
        self._file: TextIO | None = open(paths.private_file(log_file), "a", encoding="utf-8")  # noqa: SIM115
        started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        self._file.write(f"rallyorg {__version__} started {started}, process {os.getpid()}\n")
        self._file.flush()
        self._timer = QTimer(self)
        self._timer.setInterval(REARM_MS)
        self._timer.timeout.connect(self._rearm)
        self._timer.start()
        self._rearm()

    def _rearm(self) -> None:
        if self._file is not None:
            # Counted from the last re-arm, which is at most REARM_MS before the stall began.
            timeout = BLOCKED_SECONDS + REARM_MS / 1000
            faulthandler.dump_traceback_later(timeout, repeat=False, file=self._file)

    def stop(self) -> None:
        self._timer.stop()
        faulthandler.cancel_dump_traceback_later()
        if self._file is not None:
            self._file.close()
            self._file = None
