"""The real app (``run_gui``) with its UI thread blocked on purpose, to see what the watchdog
writes. Run by test_watchdog.py in a fresh process with a private HOME.

    python frozen_window.py DB_URL BLOCK_SECONDS
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

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
    # Once the window is up and the event loop runs: block it, then close the app.
    QTimer.singleShot(300, lambda: block_the_ui_thread(seconds))
    QTimer.singleShot(600, QApplication.closeAllWindows)
    QTimer.singleShot(700, app.quit)
    return run_gui(db_url, ui_language_forced="en")


if __name__ == "__main__":
    sys.exit(main())
