"""The filter row above the Partners list: search as you type, kind, city and tag."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker, QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from rallyorg.domain.enums import PartnerKind
from rallyorg.gui.widgets.search_field import SearchField
from rallyorg.i18n import _
from rallyorg.services.partners_queries import PartnerFilterChoices

COMBO_MAX_WIDTH = 240  # a long tag or city name is elided rather than crowding the others


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
    """Search, then kind, city and tag, then "Active only": on one line when the screen is
    wide enough for every menu to show its choice, else the search on a line of its own."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self._row)
        self.search = SearchField(_("Search groups, cities, tags, contacts…"))
        self.search.setMinimumWidth(220)
        self.search.search_changed.connect(lambda _text: self.changed.emit())
        self._row.addWidget(self.search, 2)
        self._two_lines = False  # see _arrange()

        self.kind = self._combo(_("Filter by kind"))
        self.kind.addItem(_("All kinds"), None)
        for kind in PartnerKind:
            self.kind.addItem(_(kind.label), kind)
        self.city = self._combo(_("Filter by city"))
        self.city.addItem(_("All cities"), "")
        self.tag = self._combo(_("Filter by tag"))
        self.tag.addItem(_("All tags"), "")
        self._labels: list[QLabel] = []
        for text, combo in ((_("Kind"), self.kind), (_("City"), self.city), (_("Tag"), self.tag)):
            label = QLabel(text)
            label.setBuddy(combo)
            self._labels.append(label)
            self._row.addWidget(label)
            self._row.addWidget(combo, 1)
        self.active_only = QCheckBox(_("Active only"))
        self.active_only.setAccessibleName(_("Show active groups only"))
        self.active_only.toggled.connect(lambda _on: self.changed.emit())
        self._row.addWidget(self.active_only)
        self._arrange(self.width())

    def _combo(self, accessible_name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(accessible_name)
        # As wide as the longest choice ("Todas las etiquetas"), within reason; never narrower
        # than a short word, so a cramped window still shows the start of the choice.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMinimumContentsLength(9)
        combo.setMaximumWidth(COMBO_MAX_WIDTH)
        combo.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)  # see _arrange()
        combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        return combo

    # --- one line or two ------------------------------------------------------------------
    def _filters_width(self) -> int:
        """What kind, city, tag and "Active only" need to show their choices in full."""
        widgets: list[QWidget] = [*self._labels, self.kind, self.city, self.tag, self.active_only]
        spacing = max(self._row.spacing(), 0)
        return sum(w.sizeHint().width() for w in widgets) + spacing * (len(widgets) - 1)

    def _search_width(self) -> int:
        return max(self.search.minimumWidth(), self.search.minimumSizeHint().width())

    def _fits_on_one_line(self, width: int) -> bool:
        spacing = max(self._row.spacing(), 0)
        return self._search_width() + spacing + self._filters_width() <= width

    def minimumSizeHint(self) -> QSize:
        """The two-line arrangement's minimum, so the screen may narrow down to it."""
        hint = super().minimumSizeHint()
        spacing = max(self._row.spacing(), 0)
        widgets: list[QWidget] = [*self._labels, self.kind, self.city, self.tag, self.active_only]
        filters = sum(w.minimumSizeHint().width() for w in widgets) + spacing * (len(widgets) - 1)
        return QSize(max(filters, self._search_width()), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def _arrange(self, width: int) -> None:
        two_lines = not self._fits_on_one_line(width)
        if two_lines == self._two_lines:
            return
        self._two_lines = two_lines
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        self._row.removeWidget(self.search)
        outer.removeWidget(self.search)
        # On one line the menus keep their full width and the search takes what is left;
        # on a line of their own they share it, shrinking toward a short word if need be.
        policy = QSizePolicy.Policy.Preferred if two_lines else QSizePolicy.Policy.Minimum
        for combo in (self.kind, self.city, self.tag):
            combo.setSizePolicy(policy, QSizePolicy.Policy.Fixed)
        if two_lines:
            outer.insertWidget(0, self.search)
        else:
            self._row.insertWidget(0, self.search, 2)

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
        self._arrange(self.width())  # longer choices may no longer fit on one line

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
