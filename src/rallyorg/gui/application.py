"""Starts the Qt application (placeholder window until the GUI issue lands)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def run_gui(db_url: str, ui_language_forced: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("rallyorg")
    window.setCentralWidget(QLabel("rallyorg"))
    window.resize(900, 600)
    window.show()
    return int(app.exec())
