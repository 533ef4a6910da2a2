"""PySide6 6.12.0 drops a reference to None on every Qt call that returns nothing; without the
guard in rallyorg.gui a fresh process aborts ("none_dealloc") after a few thousand such calls."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
import rallyorg.gui
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for number in range(50_000):
    label.setText(str(number))
print(label.text())
"""


def test_fifty_thousand_qt_calls_do_not_abort_the_app() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "49999"
