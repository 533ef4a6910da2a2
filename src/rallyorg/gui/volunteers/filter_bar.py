"""The volunteer list's filters: search as you type, language, skill, city, consent, and a
way back to everyone. The combos form this widget's row; the search field (``search``) is
placed by the screen beside its actions, where there is room for it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from rallyorg.domain.enums import Skill
from rallyorg.domain.languages import language_name
from rallyorg.gui.volunteers.labels import consent_filter_labels
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.search_field import SearchField
from rallyorg.i18n import _
from rallyorg.services.volunteers import Consent


def _combo(accessible_name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    combo.setToolTip(accessible_name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    return combo


class FilterBar(QWidget):
    changed = Signal()  # a filter chosen or cleared: one action, the list follows at once
    typed = Signal()  # the search text, after a pause in typing: the list follows when it can

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.search = SearchField(_("Search name, email, phone or city…"))
        self.search.setAccessibleName(_("Search volunteers"))
        self.search.setMinimumWidth(260)
        self.search.search_changed.connect(lambda _text: self.typed.emit())

        self.language = _combo(_("Language"))
        self.language.addItem(_("All languages"), "")
        self.skill = _combo(_("Skill"))
        self.skill.addItem(_("Any skill"), "")
        for skill in Skill:
            self.skill.addItem(_(skill.label), skill.value)
        self.city = _combo(_("City"))
        self.city.addItem(_("All cities"), "")
        self.consent = _combo(_("Consent"))
        self.consent.addItem(_("Any consent"), None)
        for text, consent in consent_filter_labels():
            self.consent.addItem(text, consent)
        for combo in (self.language, self.skill, self.city, self.consent):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            row.addWidget(combo, 1)

        self.clear_button = QPushButton(icon("ph.x-circle"), _("Clear filters"))
        self.clear_button.setAccessibleName(_("Clear filters"))
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.clear_button)

    def reading_order(self) -> list[QWidget]:
        """The controls in the order the eye meets them, for the screen's tab order."""
        return [self.search, self.language, self.skill, self.city, self.consent, self.clear_button]

    # --- values -------------------------------------------------------------------------
    def search_text(self) -> str:
        return self.search.text()

    def language_code(self) -> str:
        return str(self.language.currentData() or "")

    def skill_code(self) -> str:
        return str(self.skill.currentData() or "")

    def city_name(self) -> str:
        return str(self.city.currentData() or "")

    def consent_value(self) -> Consent | None:
        value = self.consent.currentData()
        return Consent(value) if value else None

    # --- changes ------------------------------------------------------------------------
    def set_choices(self, languages: list[str], cities: list[str]) -> None:
        """Refill the language and city menus, keeping what is chosen (if still there)."""
        self._refill(self.language, [(language_name(c, self._language), c) for c in languages])
        self._refill(self.city, [(c, c) for c in cities])

    def _refill(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for text, value in items:
                combo.addItem(text, value)
            index = combo.findData(chosen) if chosen else 0
            combo.setCurrentIndex(max(index, 0))
        finally:
            combo.blockSignals(False)
        if chosen and combo.currentData() != chosen:
            self.changed.emit()  # the chosen value vanished: the list must follow

    def clear(self) -> None:
        """Show everyone again (one re-query, not one per control)."""
        widgets = (self.search, self.language, self.skill, self.city, self.consent)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search.clear()
            for combo in (self.language, self.skill, self.city, self.consent):
                combo.setCurrentIndex(0)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self.changed.emit()

    def is_filtered(self) -> bool:
        return bool(
            self.search_text().strip()
            or self.language_code()
            or self.skill_code()
            or self.city_name()
            or self.consent_value()
        )
