"""The mouse wheel scrolls a form; it never changes a drop-down or a number the pointer passes.

Qt gives a wheel turn to whatever widget is under the pointer: scrolling down a rally's
Details tab switched its lead group when a drop-down passed under the mouse, and marked the
rally unsaved. Installed once on the application: a drop-down, spin box or date field takes
the wheel only when it has the keyboard focus (clicked or tabbed into); otherwise the turn
goes to the scroll area around it, as in LibreOffice and web browsers.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QComboBox | QAbstractSpinBox):
            return False
        if event.type() == QEvent.Type.Polish and watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            # Qt focuses a WheelFocus field on a wheel turn before any filter sees the turn: it
            # would then take the turn as chosen. Clicks and Tab still focus it.
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if event.type() != QEvent.Type.Wheel:
            return False
        if watched.hasFocus():
            return False
        area = _scroll_area_around(watched)
        if area is not None:
            QCoreApplication.sendEvent(area.viewport(), event)
        return True  # not for the field: it keeps its value


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent
