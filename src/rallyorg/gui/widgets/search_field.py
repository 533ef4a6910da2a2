"""A search field that filters as you type (debounced so each keystroke does not query)."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QToolButton, QWidget

from rallyorg.gui.widgets.icons import icon
from rallyorg.i18n import _


class SearchField(QLineEdit):
    search_changed = Signal(str)

    def __init__(self, placeholder: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder or _("Search…"))
        self.setAccessibleName(placeholder or _("Search"))
        self.setClearButtonEnabled(True)
        magnifier = self.addAction(icon("ph.magnifying-glass"), QLineEdit.ActionPosition.LeadingPosition)
        # The field's two icon buttons, named for screen readers (Qt leaves them nameless).
        for button in self.findChildren(QToolButton):
            is_magnifier = button.defaultAction() is magnifier
            button.setAccessibleName(_("Search") if is_magnifier else _("Clear the search"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(lambda: self.search_changed.emit(self.text()))
        self.textChanged.connect(lambda _text: self._timer.start())

    def flush(self) -> None:
        """Emit now (tests, Enter)."""
        self._timer.stop()
        self.search_changed.emit(self.text())

    def is_pending(self) -> bool:
        """Typed into, and not searched for yet (the pause after a keystroke)."""
        return self._timer.isActive()
