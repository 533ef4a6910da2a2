"""The Partners tab: the groups co-sponsoring the rally, each with its role and commitment.
Changes are part of the rally's form and saved with it (one transaction).

This is the one place the lead group is chosen: the row whose role is Lead (the Details tab
and the flyer show it). A group may appear once per role (it leads and provides marshals);
making a group the lead makes the previous lead a co-sponsor."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
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
from rallyorg.gui.widgets.fitting import compact_in
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.tables import read_only_table
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
        self.compact_buttons = compact_in(self, (self.add_button, self.remove_button))  # a narrow window

        self.table = QTableWidget(0, 3)
        role = pgettext("partner group in a rally", "Role")
        self.table.setHorizontalHeaderLabels([_("Partner group"), role, _("Commitment")])
        read_only_table(self.table, _("Partner groups of this rally"))
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
        # Every group is offered: one already here may take another role.
        self.dialog = PartnerPicker(self.context, set(), self)
        self.dialog.chosen.connect(self.add_partners)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # else each one stays a hidden child
        self.dialog.open()

    def add_partners(self, picked: list[tuple[int, str]], role: PartnerRole) -> None:
        known = {(r.group_id, r.role) for r in self.rows}
        added = [
            PartnerRow(group_id, name, role, "") for group_id, name in picked if (group_id, role) not in known
        ]
        if role == PartnerRole.LEAD and added:
            # One lead: the first group picked; the others (and the lead before) co-sponsor.
            self._demote_lead()
            added = [added[0], *(replace(r, role=PartnerRole.CO_SPONSOR) for r in added[1:])]
        self.rows.extend(added)
        self._fill(select=self.rows.index(added[-1]) if added else None)
        self.edited.emit()
        self.context.say(
            ngettext(
                "{n} partner group added — save to keep it",
                "{n} partner groups added — save to keep them",
                len(added),
            ).format(n=len(added))
        )

    def lead_name(self) -> str:
        """The group leading the rally as the form stands (not saved yet, maybe); "" for none."""
        return next((r.name for r in self.rows if r.role == PartnerRole.LEAD), "")

    def show_lead(self) -> None:
        """Select the lead's row (or nothing) and put the cursor on the role, to change it."""
        leads = [i for i, r in enumerate(self.rows) if r.role == PartnerRole.LEAD]
        if leads:
            self.table.selectRow(leads[0])
        self.role.setFocus() if leads else self.add_button.setFocus()

    def _demote_lead(self, keep: PartnerRow | None = None) -> None:
        """Every lead row but ``keep`` becomes a co-sponsor (gone where that group co-sponsors
        already)."""
        kept: list[PartnerRow] = []
        for row in self.rows:
            if row.role == PartnerRole.LEAD and row is not keep:
                row = replace(row, role=PartnerRole.CO_SPONSOR)
            if all((r.group_id, r.role) != (row.group_id, row.role) for r in kept):
                kept.append(row)
        self.rows[:] = kept

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
        """Show the rows; select row ``select`` (default: the one selected before)."""
        selected = select if select is not None else self.table.currentRow()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            self._set_row(index, row)
        self.table.blockSignals(False)
        self.stack.setCurrentWidget(self.table if self.rows else self.empty)
        if self.rows:
            self.table.selectRow(min(max(selected, 0), len(self.rows) - 1))
        self._show_selected()

    def _set_row(self, index: int, row: PartnerRow) -> None:
        for column, text in enumerate((row.name, _(row.role.label), row.commitment)):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(index, column, item)

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
        index = self.table.currentRow()
        if not 0 <= index < len(self.rows):
            return
        current, role = self.rows[index], PartnerRole(self.role.currentData())
        if role != current.role and any((r.group_id, r.role) == (current.group_id, role) for r in self.rows):
            self.context.say(_("{name} already has this role in the rally").format(name=current.name))
            self._show_selected()  # the role as it was
            return
        edited = replace(current, role=role, commitment=self.commitment.text())
        self.rows[index] = edited
        if role == PartnerRole.LEAD and current.role != PartnerRole.LEAD:
            self._demote_lead(keep=edited)
            self._fill(select=self.rows.index(edited))
        else:
            self._set_row(index, edited)
        self.edited.emit()
