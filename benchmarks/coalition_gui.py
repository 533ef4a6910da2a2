"""The GUI processes benchmarks/coalition.py times (one run each, offscreen; it measures the
whole process from outside, wall time and peak memory):

    python benchmarks/coalition_gui.py app URL PLACE   the app as ``rallyorg-gui --db URL`` starts
                                                       it, last closed on PLACE; exits once the
                                                       window is painted with its data
    python benchmarks/coalition_gui.py tour URL        the same, then every place in turn
    python benchmarks/coalition_gui.py bare URL        the reference: PySide6 and SQLAlchemy alone,
                                                       one query, every row in a QTableView

``app`` runs ``rallyorg.app.main`` itself: the same imports, options, settings, language, database
opening and window as ``rallyorg-gui``. Two things differ, both after the window is shown: the
automatic backup is not started (it would write a copy of the database beside it), and instead
of ``app.exec()`` the events are processed until the database thread is idle, the window is
grabbed (a full paint) and the process ends with ``os._exit`` (no teardown). Prints one JSON line:
the seconds from the process's own start to the painted window, and per place for ``tour``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSettings, Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex


def since_start() -> float:
    """Seconds since this process started (its start time from /proc, else this module's)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            return float(uptime.read().split()[0]) - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _IMPORTED


_IMPORTED = time.perf_counter()


def settle(app: QApplication, window: Any) -> None:
    """Deliver every database call the window made (and the calls those made), then paint."""
    for _round in range(4):
        window.context.access.wait_idle()
        app.processEvents()
    window.grab()


class PaintedThenExit(QApplication):
    """The app's QApplication: its event loop replaced by "settle, paint, report, exit"."""

    mode = "app"

    def exec(self) -> int:  # type: ignore[override]
        window = self.property("mainWindow")
        settle(self, window)
        report: dict[str, Any] = {"painted_s": since_start(), "place": window.current_place()}
        model = getattr(window.current_screen, "model", None)  # the Volunteers list's
        if model is not None:
            report["rows"] = model.rowCount()
        if self.mode == "tour":
            places = {}
            for key in list(window.screens):
                started = time.perf_counter()
                window.show_place(key)
                settle(self, window)
                places[key] = time.perf_counter() - started
            report["places_s"] = places
        print(json.dumps(report), flush=True)
        os._exit(0)


def run_app(url: str, place: str, mode: str) -> None:
    app = PaintedThenExit(["rallyorg"])
    app.mode = mode
    app.setOrganizationName("rallyorg")
    app.setApplicationName("rallyorg")
    settings = QSettings()  # the same file the app reads (under the temporary XDG_CONFIG_HOME)
    settings.setValue("window/place", place)
    settings.sync()
    import rallyorg.gui.application as application

    application.start_automatic_backup = lambda *_args: None  # type: ignore[attr-defined]
    from rallyorg.app import main

    main(["--db", url, "--lang", "en"])
    raise SystemExit("the app returned without showing its window")


class RowsModel(QAbstractTableModel):
    def __init__(self, rows: list[Any], columns: int) -> None:
        super().__init__()
        self.rows, self.columns = rows, columns

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.columns

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None


def run_bare(url: str) -> None:
    app = QApplication(["bare"])
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    query = "SELECT id, given_name, family_name, email, phone, city FROM volunteer ORDER BY sort_name"
    with engine.connect() as connection:
        rows = connection.execute(text(query)).all()
    view = QTableView()
    view.setModel(RowsModel(list(rows), 6))
    window = QWidget()
    view.setParent(window)
    window.resize(1280, 800)
    view.resize(1280, 800)
    window.show()
    app.processEvents()
    window.grab()
    print(json.dumps({"painted_s": since_start(), "rows": len(rows)}), flush=True)
    os._exit(0)


if __name__ == "__main__":
    mode, url = sys.argv[1], sys.argv[2]
    if mode == "bare":
        run_bare(url)
    else:
        run_app(url, sys.argv[3] if len(sys.argv) > 3 else "volunteers", mode)
