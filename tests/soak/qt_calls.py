"""Tens of thousands of the Qt calls an ordinary session makes, in a fresh process: Python-side
signal emits, connects and disconnects, and void calls such as QLabel.setText. PySide6 6.12.0 on
Python 3.11 dropped a reference to True on every emit and disconnect and to None on every void
call: the process aborted ("bool_dealloc", "none_dealloc") after a few thousand.

    python qt_calls.py COUNT

Prints the reference counts of None and True before and after; exits 0 when it survives.
"""

from __future__ import annotations

import faulthandler
import json
import sys

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QApplication, QLabel

from rallyorg.gui.application import create_application, create_main_window
from rallyorg.gui.context import GuiContext
from rallyorg.services import open_database


class Counter(QObject):
    bumped = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.total = 0

    def add(self, value: int) -> None:
        self.total += value


def main() -> int:
    faulthandler.enable()
    count = int(sys.argv[1])
    db_url, settings_file = sys.argv[2], sys.argv[3]
    create_application([])
    before = {"None": sys.getrefcount(None), "True": sys.getrefcount(True)}

    counter = Counter()
    for _call in range(count):
        counter.bumped.connect(counter.add)
        counter.bumped.emit(1)
        counter.bumped.disconnect(counter.add)
    assert counter.total == count, counter.total

    label = QLabel()
    for value in range(count):
        label.setText(str(value))
    assert label.text() == str(count - 1)

    # The app's own signal behind every status-bar message, shown by the real main window.
    context = GuiContext(
        db=open_database(db_url), settings=QSettings(settings_file, QSettings.Format.IniFormat)
    )
    window = create_main_window(context)
    window.show()
    for value in range(count):
        context.say(f"Saved {value}")
    QApplication.processEvents()
    assert window.statusBar().currentMessage() == f"Saved {count - 1}"
    window._replacing = True
    window.close()
    context.db.close()

    after = {"None": sys.getrefcount(None), "True": sys.getrefcount(True)}
    print(json.dumps({"before": before, "after": after}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
