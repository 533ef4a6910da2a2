"""The filter row above the Partners list: search as you type, kind, city and tag."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from rallyorg.enums import PartnerKind
from rallyorg.gui.widgets.search_field import SearchField
from rallyorg.i18n import _
from rallyorg.services.partners_queries import PartnerFilterChoices


@dataclass(frozen=True)
class GroupFilter:
    search: str = ""
    kind: PartnerKind | None = None
    city: str = ""
    tag: str = ""
    active_only: bool = False

    @property
    def narrows(self) -> bool:
        return bool(self.search.strip() or self.kind or self.city or self.tag or self.active_only)


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.search = SearchField(_("Search groups, cities, tags, contacts…"))
        self.search.setMinimumWidth(220)
        self.search.search_changed.connect(lambda _text: self.changed.emit())
        row.addWidget(self.search, 2)

        self.kind = self._combo(_("Filter by kind"))
        self.kind.addItem(_("All kinds"), None)
        for kind in PartnerKind:
            self.kind.addItem(_(kind.label), kind)
        self.city = self._combo(_("Filter by city"))
        self.city.addItem(_("All cities"), "")
        self.tag = self._combo(_("Filter by tag"))
        self.tag.addItem(_("All tags"), "")
        for text, combo in ((_("Kind"), self.kind), (_("City"), self.city), (_("Tag"), self.tag)):
            label = QLabel(text)
            label.setBuddy(combo)
            row.addWidget(label)
            row.addWidget(combo, 1)
        self.active_only = QCheckBox(_("Active only"))
        self.active_only.setAccessibleName(_("Show active groups only"))
        self.active_only.toggled.connect(lambda _on: self.changed.emit())
        row.addWidget(self.active_only)

    def _combo(self, accessible_name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(accessible_name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(9)
        combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        return combo

    def set_choices(self, choices: PartnerFilterChoices) -> None:
        """Refill the city and tag menus, keeping what is chosen (even if no longer used)."""
        for combo, values in ((self.city, choices.cities), (self.tag, choices.tags)):
            chosen = str(combo.currentData() or "")
            with QSignalBlocker(combo):
                while combo.count() > 1:
                    combo.removeItem(1)
                for value in values:
                    combo.addItem(value, value)
                if chosen and combo.findData(chosen) < 0:
                    combo.addItem(chosen, chosen)
                combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)

    def value(self) -> GroupFilter:
        return GroupFilter(
            search=self.search.text(),
            kind=self.kind.currentData(),
            city=str(self.city.currentData() or ""),
            tag=str(self.tag.currentData() or ""),
            active_only=self.active_only.isChecked(),
        )

    def clear(self) -> None:
        """Show every group again (one ``changed`` at the end)."""
        widgets = (self.search, self.kind, self.city, self.tag, self.active_only)
        blockers = [QSignalBlocker(w) for w in widgets]
        self.search.clear()
        for combo in (self.kind, self.city, self.tag):
            combo.setCurrentIndex(0)
        self.active_only.setChecked(False)
        for blocker in blockers:
            blocker.unblock()
        self.changed.emit()
