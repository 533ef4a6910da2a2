"""Languages someone speaks, chosen by name: a check box per language, written in the
interface language ("Portuguese (Brazil)", "Haitian Creole"), and "Add another language…"
for the rest. Codes (``pt_BR``) stay inside: people never see or type them."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QVBoxLayout, QWidget

from rallyorg.domain.languages import language_name
from rallyorg.gui.widgets.tab_order import move_along
from rallyorg.i18n import _, format_locale

#: offered as check boxes from the start: rallyorg's three, then those most often spoken
#: beside them in the coalitions rallyorg serves
COMMON = ("en", "es", "pt_BR", "ht", "fr", "pl", "ar", "zh")
COLUMNS = 2
OPENING_KEYS = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
}


class LanguagePicker(QWidget):
    changed = Signal()

    def __init__(self, ui_language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ui = ui_language
        self.boxes: dict[str, QCheckBox] = {}
        self._order: list[str] = []  # as stored, then as ticked (the first is the one to write in)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(2)
        column.addLayout(self._grid)
        self.more = QComboBox()
        for code in COMMON:
            self._add_box(code)
        self.more.setAccessibleName(_("Add another language"))
        self.more.addItem(_("Add another language…"), "")
        names = format_locale(ui_language).languages
        others = sorted(
            (
                (language_name(code, ui_language), code)
                for code in map(str, names)
                if "_" not in code and len(code) <= 3 and code not in COMMON
            ),
            key=lambda pair: pair[0].casefold(),
        )
        for name, code in others:
            self.more.addItem(name, code)
        self.more.activated.connect(self._add_chosen)
        # Arrow keys and the mouse wheel would choose a language just by passing over the
        # closed list: they open it instead (or do nothing), and only a choice in it adds one.
        self.more.installEventFilter(self)
        column.addWidget(self.more)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.more:
            if event.type() == QEvent.Type.Wheel:
                event.ignore()  # the form under it scrolls instead
                return True
            if (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in OPENING_KEYS
            ):
                self.more.showPopup()
                return True
        return super().eventFilter(watched, event)

    def _add_box(self, code: str) -> QCheckBox:
        box = QCheckBox(language_name(code, self._ui))
        box.setAccessibleName(box.text())
        box.setToolTip(box.text())
        index = len(self.boxes)
        self._grid.addWidget(box, index // COLUMNS, index % COLUMNS)
        self.boxes[code] = box
        box.toggled.connect(lambda checked: self._ticked(code, checked))
        box.toggled.connect(self.changed)
        return box

    def _ticked(self, code: str, checked: bool) -> None:
        # A language ticked now comes after those the person already has: the first stays the
        # one they are written to in (reminders), whatever its place among the boxes.
        if checked and code not in self._order:
            self._order.append(code)
        elif not checked and code in self._order:
            self._order.remove(code)

    def _add_chosen(self, index: int) -> None:
        code = str(self.more.itemData(index) or "")
        self.more.setCurrentIndex(0)
        if not code:
            return
        box = self.boxes.get(code) or self._add_box(code)
        box.setChecked(True)
        box.setFocus()

    def codes(self) -> tuple[str, ...]:
        checked = [code for code, box in self.boxes.items() if box.isChecked()]
        return tuple([c for c in self._order if c in checked] + [c for c in checked if c not in self._order])

    def set_codes(self, codes: Iterable[str]) -> None:
        chosen = list(codes)
        self._order = list(chosen)
        self.blockSignals(True)
        try:
            for code in chosen:
                if code not in self.boxes:
                    self._add_box(code)
            for code, box in self.boxes.items():
                box.setChecked(code in chosen)
        finally:
            self.blockSignals(False)

    def focusNextPrevChild(self, next: bool) -> bool:
        return move_along(self.focus_chain(), next) or super().focusNextPrevChild(next)

    def focus_chain(self) -> list[QWidget]:
        """Its widgets in Tab order, for a form that sets its own order."""
        return [*self.boxes.values(), self.more]
