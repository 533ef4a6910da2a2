"""Choose partner groups for a rally: type to search, pick one or several."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.enums import PartnerRole
from rallyorg.gui.context import GuiContext
from rallyorg.gui.widgets.search_field import SearchField
from rallyorg.gui.widgets.search_list import pick_with_keys
from rallyorg.i18n import _, pgettext
from rallyorg.services import partners

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class PartnerPicker(QDialog):
    #: chosen (group id, group name) pairs and the role to give them
    chosen = Signal(list, object)

    def __init__(self, context: GuiContext, exclude: set[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.exclude = exclude
        self.setWindowTitle(_("Add partner groups"))
        self.resize(480, 520)
        layout = QVBoxLayout(self)
        self.search = SearchField(_("Search groups by name, city or tag"))
        self.search.search_changed.connect(self.fill)
        layout.addWidget(self.search)
        self.results = QListWidget()
        self.results.setAccessibleName(_("Partner groups"))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.results, 1)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        form = QFormLayout()
        self.role = QComboBox()
        for role in PartnerRole:
            self.role.addItem(_(role.label), role.value)
        self.role.setCurrentIndex(self.role.findData(PartnerRole.CO_SPONSOR.value))
        form.addRow(pgettext("partner group in a rally", "Role"), self.role)
        self.role.setAccessibleName(pgettext("partner group in a rally", "Role"))
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText(_("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.results.itemSelectionChanged.connect(
            lambda: self.add_button.setEnabled(bool(self.results.selectedItems()))
        )
        # Up/Down move through the groups and Enter adds the highlighted one, from the search.
        self._searched: str | None = None
        pick_with_keys(self.search, self.results, self.accept, self._search_if_pending)
        self.fill("")
        self.search.setFocus()

    def _search_if_pending(self) -> None:
        if self.search.text() != self._searched:
            self.search.flush()

    def fill(self, text: str) -> None:
        self._searched = text
        self.results.clear()
        # Only active groups: the partner form promises an inactive one is left out of pickers.
        found = self.context.call(partners.list_groups, search=text, active_only=True)
        groups = [g for g in found if g.id not in self.exclude]
        for group in groups:
            details = " · ".join(p for p in (_(group.kind.label), group.city) if p)
            item = QListWidgetItem(f"{group.name}\n{details}")
            item.setData(ID_ROLE, (group.id, group.name))
            item.setToolTip(group.name)
            self.results.addItem(item)
        if groups:
            self.results.setCurrentRow(0)
        if groups:
            self.empty.setText("")
        elif text.strip():
            self.empty.setText(_("No partner group matches “{text}”.").format(text=text))
        elif found:
            self.empty.setText(_("Every active partner group is in this rally already."))
        else:
            self.empty.setText(_("No active partner groups yet. Add them in Partners."))
        self.empty.setVisible(not groups)
        self.add_button.setEnabled(bool(groups))

    def accept(self) -> None:
        picked = [item.data(ID_ROLE) for item in self.results.selectedItems()]
        if not picked:
            return
        self.chosen.emit([tuple(p) for p in picked], PartnerRole(self.role.currentData()))
        super().accept()
