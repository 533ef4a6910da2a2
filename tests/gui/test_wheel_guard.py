"""Scrolling a form with the mouse wheel never changes the drop-down or number under the
pointer (it switched a rally's lead group once); a field with the focus still takes it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QFormLayout, QScrollArea, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from rallyorg.gui.application import create_application


def turn_wheel(widget: QWidget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),  # one notch towards the user: scroll down, or the next item
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_form_instead_of_changing_fields(qtbot: QtBot) -> None:
    create_application([])
    area = QScrollArea()
    qtbot.addWidget(area)
    form_widget = QWidget()
    form = QFormLayout(form_widget)
    choice = QComboBox()
    choice.addItems(["No lead group", "Iglesia San José", "Local 3120"])
    number = QSpinBox()
    number.setRange(0, 100_000)
    number.setValue(150)
    form.addRow("Lead group", choice)
    form.addRow("Expected", number)
    for row in range(40):
        form.addRow(f"Row {row}", QSpinBox())
    area.setWidget(form_widget)
    area.resize(300, 200)
    area.show()
    qtbot.waitExposed(area)

    # A wheel turn does not focus them either (Qt would, for its default WheelFocus policy).
    assert choice.focusPolicy() == number.focusPolicy() == Qt.FocusPolicy.StrongFocus
    turn_wheel(choice)
    turn_wheel(number)
    assert choice.currentIndex() == 0 and number.value() == 150
    assert not choice.hasFocus() and not number.hasFocus()
    assert area.verticalScrollBar().value() > 0  # the form scrolled instead

    number.setFocus()
    qtbot.waitUntil(number.hasFocus)
    turn_wheel(number)
    assert number.value() == 149  # chosen on purpose: the wheel changes it
