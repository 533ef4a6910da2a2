"""The Partners tab: the groups co-sponsoring the rally, each with its role and commitment.
Changes are part of the rally's form and saved with it (one transaction)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.enums import PartnerRole
from rallyorg.domain.events import EventPartnerData, EventPartnerInput
from rallyorg.gui.context import GuiContext
from rallyorg.gui.rallies.partner_picker import PartnerPicker
from rallyorg.gui.widgets.empty_state import EmptyState
from rallyorg.gui.widgets.icons import icon
from rallyorg.i18n import _, ngettext, pgettext


@dataclass(frozen=True)
class PartnerRow:
    group_id: int
    name: str
    role: PartnerRole
    commitment: str


class PartnersTab(QWidget):
    edited = Signal()

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.rows: list[PartnerRow] = []
        self.dialog: PartnerPicker | None = None  # the picker last opened
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(icon("ph.handshake"), _("Add partner groups…"))
        self.add_button.clicked.connect(self.pick_partners)
        self.remove_button = QPushButton(icon("ph.minus-circle"), _("Remove"))
        self.remove_button.setToolTip(_("Take the selected group off this rally"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.table = QTableWidget(0, 3)
        role = pgettext("partner group in a rally", "Role")
        self.table.setHorizontalHeaderLabels([_("Partner group"), role, _("Commitment")])
        self.table.setAccessibleName(_("Partner groups of this rally"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.empty = EmptyState(
            _(
                "No partner groups on this rally yet. Add the groups that co-sponsor it, "
                "lend marshals or interpret."
            ),
            [(_("Add partner groups…"), self.pick_partners)],
        )
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

        form = QFormLayout()
        self.role = QComboBox()
        for role in PartnerRole:
            self.role.addItem(_(role.label), role.value)
        self.role.setAccessibleName(_("Role of the selected group"))
        self.commitment = QLineEdit()
        self.commitment.setPlaceholderText(_("e.g. 6 marshals and the sound system"))
        self.commitment.setAccessibleName(_("Commitment of the selected group"))
        form.addRow(pgettext("partner group in a rally", "Role"), self.role)
        form.addRow(_("Commitment"), self.commitment)
        self.details = QWidget()
        self.details.setLayout(form)
        layout.addWidget(self.details)
        self.role.currentIndexChanged.connect(self._edit_selected)
        self.commitment.textEdited.connect(self._edit_selected)
        self._fill()

    # --- load / collect -----------------------------------------------------------------------
    def load(self, partners: tuple[EventPartnerData, ...]) -> None:
        self.rows = [PartnerRow(p.group_id, p.group_name, p.role, p.commitment) for p in partners]
        self._fill()

    def collect(self) -> tuple[EventPartnerInput, ...]:
        return tuple(EventPartnerInput(r.group_id, r.role, r.commitment.strip()) for r in self.rows)

    # --- actions ------------------------------------------------------------------------------
    def pick_partners(self) -> None:
        self.dialog = PartnerPicker(self.context, {r.group_id for r in self.rows}, self)
        self.dialog.chosen.connect(self.add_partners)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # else each one stays a hidden child
        self.dialog.open()

    def add_partners(self, picked: list[tuple[int, str]], role: PartnerRole) -> None:
        known = {r.group_id for r in self.rows}
        added = [PartnerRow(group_id, name, role, "") for group_id, name in picked if group_id not in known]
        self.rows.extend(added)
        self._fill(select=added[-1].group_id if added else None)
        self.edited.emit()
        self.context.say(
            ngettext(
                "{n} partner group added — save to keep it",
                "{n} partner groups added — save to keep them",
                len(added),
            ).format(n=len(added))
        )

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return
        removed = self.rows.pop(row)
        self._fill()
        if self.rows:
            self.table.selectRow(min(row, len(self.rows) - 1))
        self.edited.emit()
        self.context.say(_("{name} taken off this rally — save to keep the change").format(name=removed.name))

    def set_role(self, role: PartnerRole) -> None:
        self.role.setCurrentIndex(self.role.findData(role.value))

    # --- internals ----------------------------------------------------------------------------
    def _fill(self, select: int | None = None) -> None:
        selected = select if select is not None else self._selected_id()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            self._set_row(index, row)
        self.table.blockSignals(False)
        self.stack.setCurrentWidget(self.table if self.rows else self.empty)
        ids = [r.group_id for r in self.rows]
        if selected in ids:
            self.table.selectRow(ids.index(selected))
        elif self.rows:
            self.table.selectRow(0)
        self._show_selected()

    def _set_row(self, index: int, row: PartnerRow) -> None:
        for column, text in enumerate((row.name, _(row.role.label), row.commitment)):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(index, column, item)

    def _selected_id(self) -> int | None:
        row = self.table.currentRow()
        return self.rows[row].group_id if 0 <= row < len(self.rows) else None

    def _show_selected(self) -> None:
        row = self.table.currentRow()
        has = 0 <= row < len(self.rows)
        self.details.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.role.blockSignals(True)
        self.commitment.blockSignals(True)
        if has:
            self.role.setCurrentIndex(self.role.findData(self.rows[row].role.value))
            self.commitment.setText(self.rows[row].commitment)
        else:
            self.commitment.clear()
        self.role.blockSignals(False)
        self.commitment.blockSignals(False)

    def _edit_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return
        self.rows[row] = replace(
            self.rows[row], role=PartnerRole(self.role.currentData()), commitment=self.commitment.text()
        )
        self._set_row(row, self.rows[row])
        self.edited.emit()
