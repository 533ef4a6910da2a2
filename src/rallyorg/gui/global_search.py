"""Search everywhere (Ctrl+K): rallies, partner groups and volunteers in one list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from rallyorg.gui.context import GuiContext
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.search_field import SearchField
from rallyorg.i18n import _, format_short_date
from rallyorg.services import events, partners, volunteers

PLACE_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
PER_KIND = 8


class GlobalSearch(SearchField):
    record_chosen = Signal(str, int)  # place key, record id

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Search rallies, partners, volunteers (Ctrl+K)"), parent)
        self.context = context
        self.setMinimumWidth(360)
        self.popup = QFrame(self, Qt.WindowType.Popup)
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        self.results = QListWidget(self.popup)
        self.results.setAccessibleName(_("Search results"))
        QVBoxLayout(self.popup).addWidget(self.results)
        self.popup.layout().setContentsMargins(0, 0, 0, 0)
        self.results.itemActivated.connect(self._choose)
        self.results.installEventFilter(self)
        self.search_changed.connect(self._search)
        self.returnPressed.connect(self._choose_first)

    def start(self) -> None:
        self.setFocus()
        self.selectAll()

    def _search(self, text: str) -> None:
        self.results.clear()
        if len(text.strip()) < 2:
            self.popup.hide()
            return
        language, call = self.context.language, self.context.call
        for event in call(events.list_events, search=text)[:PER_KIND]:
            label = f"{event.title(language)} — {format_short_date(event.starts_at, language)}"
            self._add(label, "rallies", event.id, "ph.megaphone")
        for group in call(partners.list_groups, search=text)[:PER_KIND]:
            self._add(f"{group.name} — {group.city}", "partners", group.id, "ph.handshake")
        for person in call(volunteers.list_volunteers, search=text, limit=PER_KIND):
            self._add(f"{person.name} — {person.city}", "volunteers", person.id, "ph.user")
        if self.results.count() == 0:
            item = QListWidgetItem(_("Nothing found for “{text}”").format(text=text))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)
        self._show_popup()

    def _add(self, text: str, place: str, record_id: int, icon_name: str) -> None:
        item = QListWidgetItem(icon(icon_name), text)
        item.setData(PLACE_ROLE, place)
        item.setData(ID_ROLE, record_id)
        self.results.addItem(item)

    def _show_popup(self) -> None:
        width = max(self.width(), 420)
        rows = min(self.results.count(), 12)
        height = rows * (self.results.sizeHintForRow(0) + 2) + 8
        self.popup.setGeometry(
            self.mapToGlobal(QPoint(self.width() - width, self.height())).x(),
            self.mapToGlobal(QPoint(0, self.height())).y(),
            width,
            height,
        )
        self.popup.show()
        self.results.setCurrentRow(0)
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.popup.isVisible():
            self.results.setFocus()
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.results.setCurrentRow(
                max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            )
            return
        if event.key() == Qt.Key.Key_Escape:
            self.popup.hide()
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.results and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                current = self.results.currentItem()
                if current is not None:
                    self._choose(current)
                return True
        return super().eventFilter(watched, event)

    def _choose_first(self) -> None:
        self.flush()
        item = self.results.item(0)
        if item is not None and item.data(PLACE_ROLE):
            self._choose(item)

    def _choose(self, item: QListWidgetItem) -> None:
        place = item.data(PLACE_ROLE)
        if not place:
            return
        self.popup.hide()
        self.record_chosen.emit(str(place), int(item.data(ID_ROLE)))
