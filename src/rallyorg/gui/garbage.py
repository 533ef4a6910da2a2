"""Python's cycle collector, run on the UI thread between events rather than wherever it trips.

Left automatic, the collector runs in whichever thread allocates past its threshold — often
the database thread (``gui/data_access.py``), which allocates the most. A Qt object in a
collected cycle would then be destroyed on that thread, and Qt objects must die on the thread
they live in (the same deadlock ``gui/background.py`` describes). A full collection also walks
every object the app ever made: 150–250 ms with the sample coalition loaded, a visible freeze.

So, as Anki and other PyQt/PySide apps do: automatic collection is off from the moment a
database thread exists (a collection there crashed the soak in shiboken's deferred deletion);
a timer on the UI
thread collects the generation the interpreter would have collected, when it would have; and
what exists once the window is up (modules, widgets, catalogs) is frozen out of the walks
(``gc.freeze``), so a full collection looks only at what came after.
"""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer

CHECK_MS = 250


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(collect_due)
        self._timer.start()


_collector: MainThreadCollector | None = None


def collect_on_the_ui_thread() -> None:
    """From the first database thread on (gui/data_access.py), for as long as the application
    lives: the timer belongs to it."""
    global _collector
    app = QCoreApplication.instance()
    if app is None or (_collector is not None and shiboken6.isValid(_collector)):
        return
    _collector = MainThreadCollector(app)


def collect_due() -> int:
    """Collect the oldest generation whose count passed its threshold, as the interpreter
    would; returns the generation collected (-1 for none)."""
    thresholds = gc.get_threshold()
    counts = gc.get_count()
    for generation in (2, 1, 0):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return generation
    return -1


def freeze_startup_objects() -> None:
    """Once the window is up: collect, then keep what is left out of every later collection.

    The young generations only: the start's garbage is there (at 100,000 volunteers, a full
    collection after them found nothing more), and a full one walks every object the start
    made — 40–50 ms before the window is painted."""
    gc.collect(1)
    gc.freeze()
