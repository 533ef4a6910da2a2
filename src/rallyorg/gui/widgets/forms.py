"""Forms with inline validation: the service names the field, the form marks that widget,
shows the message under it and moves focus there. Typed data is never cleared on error."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from rallyorg.domain.errors import RallyorgError, ValidationError
from rallyorg.gui.error_dialog import show_error
from rallyorg.i18n import _

T = TypeVar("T")

INVALID_STYLE = "border: 2px solid #cf222e; border-radius: 3px;"


class FieldErrors:
    """Maps service field names (``email``, ``texts.es.title``) to widgets and error labels."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self._marked: list[str] = []

    def add_row(
        self, form: QFormLayout, label: str, widget: QWidget, field: str, *, required: bool = False
    ) -> QLabel:
        """Add ``widget`` to ``form`` with an error line under it; returns the label."""
        container = QWidget()
        column = QVBoxLayout(container)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel()
        error.setStyleSheet("color: #cf222e;")
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        text = f"{label} *" if required else label
        row_label = QLabel(text)
        row_label.setBuddy(widget)
        form.addRow(row_label, container)
        widget.setAccessibleName(label)
        self.register(field, widget, error)
        return row_label

    def register(self, field: str, widget: QWidget, error_label: QLabel) -> None:
        self._fields[field] = (widget, error_label)

    def show(self, error: ValidationError) -> bool:
        """Mark the field the error names; False if this form has no such field."""
        self.clear()
        entry = self._fields.get(error.field) or self._fields.get(error.field.split(".")[-1])
        if entry is None:
            return False
        widget, label = entry
        label.setText(error.translated(_))
        label.show()
        widget.setStyleSheet(INVALID_STYLE)
        widget.setAccessibleDescription(error.translated(_))
        widget.setFocus()
        self._marked.append(error.field)
        return True

    def clear(self) -> None:
        for widget, label in self._fields.values():
            if label.isVisible() or widget.styleSheet():
                label.hide()
                widget.setStyleSheet("")
                widget.setAccessibleDescription("")
        self._marked.clear()

    def attempt(self, parent: QWidget, save: Callable[[], T]) -> T | None:
        """Run a dialog's save; on a refusal mark the field it names (or, when this form has
        no such field, or for any other refusal, show the error dialog) and return None."""
        try:
            return save()
        except ValidationError as error:
            if not self.show(error):
                show_error(parent, error)
        except RallyorgError as error:
            show_error(parent, error)
        return None
