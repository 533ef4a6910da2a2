"""The real app (``run_gui``) with its UI thread blocked on purpose, to see what the watchdog
writes. Run by test_watchdog.py in a fresh process with a private HOME.

    python frozen_window.py DB_URL BLOCK_SECONDS
"""

from __future__ import annotations

import sys
import time
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from rallyorg.gui import application, watchdog
from rallyorg.gui.application import create_application, run_gui


def block_the_ui_thread(seconds: float) -> None:
    # A local a careless log might print: it must not reach hangs.log.
    volunteer_phone = "+1 203 555 0142 María Gonçalves"
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        len(volunteer_phone)  # busy, holding the GIL, as a runaway loop would


def main() -> int:
    db_url, seconds = sys.argv[1], float(sys.argv[2])
    app = create_application([])

    def block_then_close() -> None:
        block_the_ui_thread(seconds)
        QTimer.singleShot(100, QApplication.closeAllWindows)
        QTimer.singleShot(200, app.quit)

    # Once the watchdog watches (start-up runs local event loops while it loads the screens, so
    # a timer set here could fire before), then 300 ms of idle running, so the block alone is
    # what the watchdog sees.
    class ArmedWatchdog(watchdog.HangWatchdog):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            QTimer.singleShot(300, block_then_close)

    application.HangWatchdog = ArmedWatchdog  # type: ignore[misc]
    return run_gui(db_url, ui_language_forced="en")


if __name__ == "__main__":
    sys.exit(main())
