"""How the Flyer tab reaches the rally editor around it, without importing it (the editor
imports the tab): the enclosing QTabWidget's "Texts" tab, and whether edits are unsaved.

Both are looked up by walking up the parent widgets, and both degrade to doing nothing when
the tab stands alone (as in tests or another host).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget

from rallyorg.i18n import _


def find_texts_tab(widget: QWidget) -> tuple[QTabWidget | None, int]:
    """The nearest enclosing QTabWidget with a tab named "Texts" (in the interface language)."""
    ancestor = widget.parentWidget()
    while ancestor is not None:
        if isinstance(ancestor, QTabWidget):
            for index in range(ancestor.count()):
                if ancestor.tabText(index).replace("&", "") == _("Texts"):
                    return ancestor, index
        ancestor = ancestor.parentWidget()
    return None, -1


def open_texts(widget: QWidget, language: str, field: str) -> bool:
    """Switch to the Texts tab and, if it has a column per language with a widget per field
    (the rallies Texts tab does), put the cursor in that field. False if there is no such tab."""
    tabs, index = find_texts_tab(widget)
    if tabs is None:
        return False
    tabs.setCurrentIndex(index)
    page = tabs.widget(index)
    columns = getattr(page, "columns", None)
    column = columns.get(language) if isinstance(columns, dict) else None
    target = getattr(column, field, None)
    if isinstance(target, QWidget):
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        ensure_visible = getattr(page, "ensureWidgetVisible", None)
        if callable(ensure_visible):
            ensure_visible(target)
    return True


def editor_has_unsaved_changes(widget: QWidget) -> bool | None:
    """Ask the nearest ancestor with ``is_dirty()`` (the rally editor); None if there is none."""
    ancestor = widget.parentWidget()
    while ancestor is not None:
        is_dirty = getattr(ancestor, "is_dirty", None)
        if callable(is_dirty):
            return bool(is_dirty())
        ancestor = ancestor.parentWidget()
    return None
