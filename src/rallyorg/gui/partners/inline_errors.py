"""FieldErrors that can also mark a field while the person is typing elsewhere."""

from __future__ import annotations

from rallyorg.domain.errors import ValidationError
from rallyorg.gui.widgets.forms import INVALID_STYLE, FieldErrors
from rallyorg.i18n import _


class InlineFieldErrors(FieldErrors):
    def mark(self, error: ValidationError) -> bool:
        """Like ``show`` but leaves focus where it is: used when a field is checked as the
        person leaves it, so Tab still takes them to the next field."""
        self.clear()
        entry = self._fields.get(error.field)
        if entry is None:
            return False
        widget, label = entry
        message = error.translated(_)
        label.setText(message)
        label.show()
        widget.setStyleSheet(INVALID_STYLE)
        widget.setAccessibleDescription(message)
        return True
