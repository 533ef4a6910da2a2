"""The column-mapping editor: for each column of the file, an example value and the field it
fills, chosen from a combo ("Not imported" included). Fields the import needs are marked
with *; choosing a field another column had releases that column, as ``ColumnMapping``
does, and its combo follows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from rallyorg.exchange.columns import FIELDS, ColumnMapping
from rallyorg.exchange.csv_reading import CsvRecord
from rallyorg.gui.exchange.labels import field_label, required_fields
from rallyorg.i18n import _

COLUMN, EXAMPLE, FIELD = range(3)


def example_value(records: tuple[CsvRecord, ...], index: int) -> str:
    """The first non-empty value of a column in the file's first rows."""
    for record in records:
        if index < len(record.cells) and record.cells[index].strip():
            return " ".join(record.cells[index].split())
    return ""


class MappingEditor(QTableWidget):
    mapping_changed = Signal(object)  # the new ColumnMapping

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.mapping: ColumnMapping | None = None
        self.combos: list[QComboBox] = []
        self.setHorizontalHeaderLabels([_("Column in the file"), _("Example"), _("Import as")])
        self.setAccessibleName(_("Columns of the file and what each is imported as"))
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(EXAMPLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Tab moves between the combos, not into the table's cells.
        self.setTabKeyNavigation(False)

    def load(self, mapping: ColumnMapping, sample: tuple[CsvRecord, ...]) -> None:
        self.mapping = mapping
        self.combos = []
        self.setRowCount(len(mapping.headers))
        needed = required_fields(mapping.kind)
        specs = FIELDS[mapping.kind]
        for row, header in enumerate(mapping.headers):
            name = QTableWidgetItem(header or _("(no header)"))
            name.setToolTip(header)
            self.setItem(row, COLUMN, name)
            example = example_value(sample, row)
            item = QTableWidgetItem(example)
            item.setToolTip(example)
            self.setItem(row, EXAMPLE, item)
            combo = QComboBox()
            combo.setAccessibleName(_("Import the column {header} as").format(header=header))
            combo.addItem(field_label(mapping.kind, None), None)
            for spec in specs:
                text = _(spec.label)
                combo.addItem(f"{text} *" if spec.name in needed else text, spec.name)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i, r=row: self._chosen(r))
            self.setCellWidget(row, FIELD, combo)
            self.combos.append(combo)
        self._show_fields()
        self.resizeColumnToContents(COLUMN)
        self.setColumnWidth(COLUMN, min(max(self.columnWidth(COLUMN), 120), 240))
        widest = max((c.sizeHint().width() for c in self.combos), default=160)
        self.setColumnWidth(FIELD, widest + 8)
        self.verticalHeader().setDefaultSectionSize(
            max((c.sizeHint().height() for c in self.combos), default=24) + 4
        )

    def _show_fields(self) -> None:
        assert self.mapping is not None
        for row, combo in enumerate(self.combos):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(self.mapping.fields[row]), 0))
            combo.blockSignals(False)
            imported = self.mapping.fields[row] is not None
            for column in (COLUMN, EXAMPLE):
                item = self.item(row, column)
                if item is not None:
                    font = item.font()
                    font.setItalic(not imported)
                    item.setFont(font)
                    role = QPalette.ColorRole.Text if imported else QPalette.ColorRole.PlaceholderText
                    item.setForeground(self.palette().color(role))

    def _chosen(self, row: int) -> None:
        if self.mapping is None:
            return
        field = self.combos[row].currentData()
        self.mapping = self.mapping.with_field(row, field)
        self._show_fields()
        self.mapping_changed.emit(self.mapping)
