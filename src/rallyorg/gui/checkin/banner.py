"""The confirmation line of Check-in: "✓ Ana Souza checked in", large, then it fades.

It keeps its space when faded so nothing on the screen jumps while people are tapping."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPropertyAnimation, QSequentialAnimationGroup, Qt
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QWidget

from rallyorg.gui.widgets.style import scaled_font

HOLD_MS = 3000  # fully visible: long enough to read from a step away
FADE_MS = 1500

STYLES = {
    "done": "background: #1a7f37; color: white; border-radius: 6px; padding: 6px 14px;",
    "undone": "background: #6e7781; color: white; border-radius: 6px; padding: 6px 14px;",
    "problem": "background: #9a6700; color: white; border-radius: 6px; padding: 6px 14px;",
}


class FadingBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(scaled_font(self, 1.5, bold=True))
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setMinimumHeight(self.fontMetrics().height() + 16)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._effect = QGraphicsOpacityEffect(self)
        self._effect.setOpacity(0.0)
        self.setGraphicsEffect(self._effect)
        self._fade = QPropertyAnimation(self._effect, b"opacity", self)
        self._fade.setDuration(FADE_MS)
        self._fade.setStartValue(1.0)
        self._fade.setEndValue(0.0)
        self._fade.setEasingCurve(QEasingCurve.Type.InQuad)
        self._sequence = QSequentialAnimationGroup(self)
        self._sequence.addPause(HOLD_MS)
        self._sequence.addAnimation(self._fade)

    def show_message(self, text: str, kind: str = "done") -> None:
        """Show ``text`` at full strength, then fade it out. ``kind``: done, undone, problem."""
        self._sequence.stop()
        self.setText(text)
        self.setAccessibleName(text)
        self.setStyleSheet(STYLES.get(kind, STYLES["done"]))
        self._effect.setOpacity(1.0)
        self._sequence.start()

    @property
    def opacity(self) -> float:
        return float(self._effect.opacity())

    def is_fading_out(self) -> bool:
        return self._sequence.state() == QSequentialAnimationGroup.State.Running
