"""Render every main screen on the sample coalition to PNG files, in English and Spanish.

    python -m rallyorg.gui.screenshots [OUTPUT_DIR]     (default: docs/screenshots)

Runs offscreen; uses a throwaway database and settings, so nothing of yours is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from rallyorg.gui.application import create_application, create_main_window
from rallyorg.gui.context import GuiContext
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.rallies.editor import FLYER
from rallyorg.gui.rallies.screen import RalliesScreen
from rallyorg.services import events, open_database

PLACES = ("dashboard", "rallies", "flyer", "partners", "volunteers", "checkin", "reports", "settings")
LANGUAGES = ("en", "es")
SIZE = (1280, 800)


def _settle(app: QApplication) -> None:
    for _round in range(5):
        app.processEvents()


def _show_flyer(app: QApplication, screen: RalliesScreen) -> None:
    """The rally's Flyer tab, once the preview has drawn its page (on a worker thread)."""
    screen.editor.tabs.setCurrentIndex(FLYER)
    preview = screen.editor.flyer.preview
    deadline = time.monotonic() + 10
    while not (preview.is_showing_page() and preview.view.is_sharp()) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)  # between checks of the condition above


def render_all(output: Path) -> list[Path]:
    from rallyorg.demo import load_demo

    output.mkdir(parents=True, exist_ok=True)
    app = create_application([])
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch:
        db = open_database(f"sqlite:///{Path(scratch) / 'sample.db'}")
        load_demo(db)
        flagship = next(e for e in events.list_events(db) if "TRUST" in e.title("en"))
        for language in LANGUAGES:
            apply_language(language)
            settings = QSettings(str(Path(scratch) / f"{language}.ini"), QSettings.Format.IniFormat)
            window = create_main_window(GuiContext(db=db, settings=settings))
            window.resize(*SIZE)
            window.show()
            for place in PLACES:
                screen = window.show_place("rallies" if place == "flyer" else place)
                if place in ("rallies", "flyer", "checkin"):
                    screen.open_record(flagship.id)
                if isinstance(screen, RalliesScreen):
                    screen.editor.tabs.setCurrentIndex(0)
                    if place == "flyer":
                        _show_flyer(app, screen)
                _settle(app)
                path = output / f"{place}-{language}.png"
                window.grab().save(str(path))
                written.append(path)
            window._replacing = True
            window.close()
        db.close()
    apply_language("en")
    return written


def main() -> int:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    for path in render_all(output):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
