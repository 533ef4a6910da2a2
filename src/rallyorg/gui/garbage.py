"""Python's cycle collector, run on the UI thread between events rather than wherever it trips.

Left automatic, the collector runs in whichever thread allocates past its threshold — often
the database thread (``gui/data_access.py``), which allocates the most. A Qt object in a
collected cycle would then be destroyed on that thread, and Qt objects must die on the thread
they live in (the same deadlock ``gui/background.py`` describes). A full collection also walks
every object the app ever made: 150–250 ms with the sample coalition loaded, a visible freeze.

So, as Anki and other PyQt/PySide apps do: automatic collection is off; a timer on the UI
thread collects the generation the interpreter would have collected, when it would have; and
what exists once the window is up (modules, widgets, catalogs) is frozen out of the walks
(``gc.freeze``), so a full collection looks only at what came after.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 250


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold, as the interpreter
        would; returns the generation collected (-1 for none)."""
        thresholds = gc.get_threshold()
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if thresholds[generation] and counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return generation
        return -1

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()


def freeze_startup_objects() -> None:
    """Once the window is up: collect, then keep what is left out of every later collection."""
    gc.collect()
    gc.freeze()
