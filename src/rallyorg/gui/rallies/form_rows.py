"""Form rows with an error line under the field, for rows that carry more than the field
(a button beside it, a hint under it). Errors mark only the field itself."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from rallyorg.gui.widgets.forms import FieldErrors


def add_field_row(
    errors: FieldErrors,
    form: QFormLayout,
    label: str,
    field_widget: QWidget,
    field: str,
    *,
    beside: tuple[QWidget, ...] = (),
    hint: QLabel | None = None,
    required: bool = False,
) -> QLabel:
    container = QWidget()
    column = QVBoxLayout(container)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(field_widget, 1)
    for widget in beside:
        row.addWidget(widget)
    column.addLayout(row)
    if hint is not None:
        hint.setWordWrap(True)
        column.addWidget(hint)
    error = QLabel()
    error.setStyleSheet("color: #cf222e;")
    error.setWordWrap(True)
    error.hide()
    column.addWidget(error)
    row_label = QLabel(f"{label} *" if required else label)
    row_label.setBuddy(field_widget)
    form.addRow(row_label, container)
    field_widget.setAccessibleName(label)
    errors.register(field, field_widget, error)
    return row_label


def new_form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form
