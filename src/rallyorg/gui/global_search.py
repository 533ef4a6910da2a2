"""Search everywhere (Ctrl+K): rallies, partner groups and volunteers in one list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QListWidget, QListWidgetItem, QWidget

from rallyorg.gui.context import GuiContext
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.search_field import SearchField
from rallyorg.i18n import _, format_short_date
from rallyorg.services import events, partners, volunteers

PLACE_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
PER_KIND = 8


def _with_city(name: str, city: str) -> str:
    return f"{name} — {city}" if city else name  # no dangling dash when the city is not known


class GlobalSearch(SearchField):
    """The results are a plain child of the window under the field, not a pop-up window: a
    Qt::Popup takes the keyboard while it is open, and letters typed slowly after the first
    results appeared went to it, not to the field ("maria" stayed "ma"). The field keeps the
    keyboard; Up and Down move through the results, Enter opens one, Escape closes them."""

    record_chosen = Signal(str, int)  # place key, record id

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Search rallies, partners, volunteers (Ctrl+K)"), parent)
        self.context = context
        self.setMinimumWidth(360)
        self.results = QListWidget()
        self.results.setObjectName("globalSearchResults")
        self.results.setAccessibleName(_("Search results"))
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the keyboard
        self.results.setFrameShape(QFrame.Shape.StyledPanel)
        self.results.hide()
        self.results.itemClicked.connect(self._choose)
        self.destroyed.connect(self.results.deleteLater)
        self.search_changed.connect(self._search)
        self.returnPressed.connect(self._choose_current)

    def start(self) -> None:
        self.setFocus()
        self.selectAll()

    def _search(self, text: str) -> None:
        self.results.clear()
        if len(text.strip()) < 2:
            self.results.hide()
            return
        language, call = self.context.language, self.context.call
        for event in call(events.list_events, search=text)[:PER_KIND]:
            label = f"{event.title(language)} — {format_short_date(event.starts_at, language)}"
            self._add(label, "rallies", event.id, "ph.megaphone")
        for group in call(partners.list_groups, search=text)[:PER_KIND]:
            self._add(_with_city(group.name, group.city), "partners", group.id, "ph.handshake")
        for person in call(volunteers.list_volunteers, search=text, limit=PER_KIND):
            self._add(_with_city(person.name, person.city), "volunteers", person.id, "ph.user")
        if self.results.count() == 0:
            item = QListWidgetItem(_("Nothing found for “{text}”").format(text=text))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)
        self._show_results()

    def _add(self, text: str, place: str, record_id: int, icon_name: str) -> None:
        item = QListWidgetItem(icon(icon_name), text)
        item.setData(PLACE_ROLE, place)
        item.setData(ID_ROLE, record_id)
        self.results.addItem(item)

    def _show_results(self) -> None:
        if not self.hasFocus():
            return  # the person has moved on: no list over what they are doing now
        window = self.window()
        if self.results.parentWidget() is not window:
            self.results.setParent(window)
            window.installEventFilter(self)  # a resized or moved window: the list closes
        width = min(max(self.width(), 420), window.width())
        rows = min(self.results.count(), 12)
        height = rows * (self.results.sizeHintForRow(0) + 2) + 2 * self.results.frameWidth() + 4
        below = self.mapTo(window, QPoint(self.width(), self.height()))
        top = below.y()
        self.results.setGeometry(max(0, below.x() - width), top, width, min(height, window.height() - top))
        self.results.setCurrentRow(0)
        self.results.raise_()
        self.results.show()

    def close_results(self) -> None:
        self.results.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.isVisible():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.results.setCurrentRow(
                max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            )
            return
        if event.key() == Qt.Key.Key_Escape and self.results.isVisible():
            self.close_results()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # A click on a result does not take the focus (NoFocus): any other focus change closes.
        self.close_results()
        super().focusOutEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window() and event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self.close_results()
        return super().eventFilter(watched, event)

    def _choose_current(self) -> None:
        if self.is_pending():  # Enter before the pause: search for what is typed first
            self.flush()
        item = self.results.currentItem() if self.results.isVisible() else None
        item = item or self.results.item(0)
        if item is not None and item.data(PLACE_ROLE):
            self._choose(item)

    def _choose(self, item: QListWidgetItem) -> None:
        place = item.data(PLACE_ROLE)
        if not place:
            return
        self.close_results()
        self.record_chosen.emit(str(place), int(item.data(ID_ROLE)))
