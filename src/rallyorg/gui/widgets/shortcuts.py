"""Tooltips that name an action's keyboard shortcut, in the platform's own notation."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from rallyorg.i18n import _


def with_shortcut(text: str, key: QKeySequence.StandardKey | str) -> str:
    """A tooltip naming the action's keyboard shortcut in the platform's own notation."""
    sequence = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
    # Translators: a tooltip, e.g. "Save (Ctrl+S)".
    return _("{action} ({shortcut})").format(action=text, shortcut=sequence)
