"""The Flyer tab in a real window: opened on a rally of the sample coalition, it must paint a page
within 2 s, and the event loop must never stall (a 100 ms timer keeps firing) — at the size asked
for, then at every size of a sweep. Run by test_flyer_window.py in a fresh process under Xvfb with
a window manager.

    python flyer_window.py DB_PATH maximized|WxH [--sweep] [--hold SECONDS]

(--hold keeps the window open afterwards, to take a screenshot of it.)

Prints one JSON line: seconds to the first painted page, the longest gap between timer ticks, the
sizes visited, and what the screen showed. Exits 1 with a message when an expectation fails.
"""

from __future__ import annotations

import faulthandler
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from rallyorg.gui.application import create_application, create_main_window
from rallyorg.gui.context import GuiContext
from rallyorg.gui.flyer.page_view import PageView
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.rallies.editor import FLYER
from rallyorg.gui.rallies.screen import RalliesScreen
from rallyorg.services import events, open_database

FIRST_PAGE_SECONDS = 2.0
TICK_MS = 100
RALLY = "International Migrants Day Vigil"
SWEEP = [(960, 600), (1024, 700), (1100, 640), (1200, 720), (1280, 700), (1000, 740), (1366, 700)]


class Ticks:
    """A 100 ms timer and the longest time between two of its ticks: a stalled event loop."""

    def __init__(self) -> None:
        self.last = time.monotonic()
        self.longest = 0.0
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        now = time.monotonic()
        self.longest = max(self.longest, now - self.last)
        self.last = now


def fail(message: str) -> None:
    print(message, file=sys.stderr)
    sys.exit(1)


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> float:
    """Run the event loop until ``condition`` holds; the seconds it took."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > seconds:
            fail(f"not within {seconds} s: {what}")
        QApplication.processEvents()
        time.sleep(0.005)  # between polls of the condition, so the loop does not spin
    return time.monotonic() - start


def on_screen(view: PageView) -> QImage:
    """The first page as the X server shows it: grabbed from the screen, not painted for us."""
    rect = view.page_rects()[0].intersected(view.viewport().rect())
    corner = view.viewport().mapToGlobal(rect.topLeft())
    screen = view.screen()
    origin = screen.geometry().topLeft()
    picture = screen.grabWindow(
        0, corner.x() - origin.x(), corner.y() - origin.y(), rect.width(), rect.height()
    )
    return picture.toImage()


def ink(picture: QImage) -> float:
    if picture.isNull() or picture.width() < 10:
        return 0.0
    samples = [
        QColor(picture.pixel(x, y)).lightness()
        for x in range(0, picture.width(), 4)
        for y in range(0, picture.height(), 4)
    ]
    return sum(1 for lightness in samples if lightness < 140) / len(samples)


def page_shows(view: PageView) -> bool:
    return view.is_showing_page() and view.is_sharp() and ink(on_screen(view)) > 0.003


def main() -> None:
    faulthandler.enable()  # a crash prints every thread's stack (and PYTHONFAULTHANDLER is set)
    db_path, size = sys.argv[1], sys.argv[2]
    sweep = "--sweep" in sys.argv[3:]
    create_application([])
    apply_language("en")
    settings = QSettings(str(Path(db_path).with_suffix(".ini")), QSettings.Format.IniFormat)
    db = open_database(f"sqlite:///{db_path}")
    [rally] = [e for e in events.list_events(db) if e.title("en") == RALLY]
    window = create_main_window(GuiContext(db=db, settings=settings))
    ticks = Ticks()
    if size == "maximized":
        window.showMaximized()
        available = window.screen().availableGeometry().size()
        wait_for(
            lambda: (
                window.width() >= available.width() * 0.95 and window.height() >= available.height() * 0.8
            ),
            5,
            "the window manager maximizes the window",
        )
    else:
        width, height = (int(n) for n in size.split("x"))
        window.resize(width, height)
        window.show()
    wait_for(window.isVisible, 5, "the window shows")
    window.open_record("rallies", rally.id)
    screen = window.current_screen
    assert isinstance(screen, RalliesScreen)
    view = screen.editor.flyer.preview.view

    ticks.longest, ticks.last = 0.0, time.monotonic()
    screen.editor.tabs.setCurrentIndex(FLYER)
    first_page = wait_for(lambda: page_shows(view), FIRST_PAGE_SECONDS, "a painted flyer page on screen")

    visited = [window.size()]
    if sweep:
        for width, height in SWEEP:
            window.resize(width, height)
            wait_for(
                lambda w=width, h=height: window.size() == QSize(w, h), 5, f"the window at {width}x{height}"
            )
            wait_for(lambda: page_shows(view), FIRST_PAGE_SECONDS, f"a painted page at {width}x{height}")
            visited.append(window.size())
    # A last stretch of plain running: a layout that never settles shows here as a stall.
    settle_until = time.monotonic() + 1.0
    wait_for(lambda: time.monotonic() > settle_until, 3, "a second of idle running")

    rect = view.page_rects()[0]
    image = view.page_image(0)  # what the view drew: pixels at the screen's own resolution
    assert image is not None
    ratio = QGuiApplication.primaryScreen().devicePixelRatio()
    report = {
        "first_page_s": round(first_page, 3),
        "longest_stall_s": round(ticks.longest, 3),
        "sizes": [f"{s.width()}x{s.height()}" for s in visited],
        "device_pixel_ratio": ratio,
        "page_logical_width": rect.width(),
        "page_image_width": image.width(),
        "ink": round(ink(on_screen(view)), 4),
    }
    print(json.dumps(report), flush=True)
    if "--hold" in sys.argv:
        hold_until = time.monotonic() + float(sys.argv[sys.argv.index("--hold") + 1])
        wait_for(lambda: time.monotonic() > hold_until, hold_until + 1, "holding the window")
    window._replacing = True
    window.close()
    db.close()


if __name__ == "__main__":
    main()
