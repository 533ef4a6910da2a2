"""The Rallies place: the list of rallies on the left, the chosen rally's editor on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.enums import EventStatus
from rallyorg.domain.errors import NotFoundError, RallyorgError
from rallyorg.domain.events import EventData
from rallyorg.gui.changes import Change, Op, Record
from rallyorg.gui.context import GuiContext
from rallyorg.gui.deletion import confirm_and_delete
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.master_detail import MasterDetailScreen
from rallyorg.gui.rallies.duplicate_dialog import DuplicateDialog
from rallyorg.gui.rallies.editor import FLYER, SHIFTS, RallyEditor, new_rally_details, read_event
from rallyorg.gui.rallies.list_model import RalliesModel
from rallyorg.gui.rallies.list_view import RalliesList
from rallyorg.gui.widgets.empty_state import EmptyState
from rallyorg.gui.widgets.search_field import SearchField
from rallyorg.gui.widgets.style import title_label
from rallyorg.i18n import _, format_long_date, pgettext
from rallyorg.services import events

UPCOMING = "upcoming"
FILTERS = ("", UPCOMING, *(s.value for s in EventStatus))


class RalliesScreen(MasterDetailScreen):
    key = "rallies"
    icon_name = "ph.megaphone"
    # Every kind: the editor shows partner groups, venues, sign-ups and attendance (a check-in
    # elsewhere is a change to sign-ups: the Details tab reads its attendance again).
    watches = Record.ALL

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.dialog: DuplicateDialog | None = None  # the duplicate dialog last opened
        self._has_rallies = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 8)
        layout.addLayout(self._build_header())

        self.model = RalliesModel(context.language)
        self.list = RalliesList(self.model, self.new_record, self.show_all)
        self.table = self.list.table
        self.watch_list_selection()
        self.table.activated.connect(lambda _index: self.focus_editor())
        # Right-click or the Menu key: every toolbar action, also for keyboard users.
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions(self.toolbar.actions())
        self.editor = RallyEditor(context)
        self.editor.saved.connect(self._on_saved)
        self.editor.data_changed.connect(self.context.data_changed)
        self.editor.dirty_changed.connect(lambda _dirty: self._update_actions())
        self.hint = EmptyState(
            _("Choose a rally on the left to see and edit it, or plan a new one."),
            [(_("Plan a rally"), self.new_record)],
        )
        # With no rallies at all the list's own empty state says it all (one "Plan a rally"):
        # then the right side is blank. A page of the stack, never a widget shown on top.
        self.blank = QWidget()
        self.right = QStackedWidget()
        self.right.addWidget(self.hint)
        self.right.addWidget(self.blank)
        self.right.addWidget(self.editor)
        self.splitter = self.build_splitter(self.list, self.right, stretch=(1, 1), sizes=(560, 600))
        layout.addWidget(self.splitter, 1)
        self._update_actions()

    def title(self) -> str:
        return _("Rallies")

    # --- header and toolbar --------------------------------------------------------------------
    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        header.addWidget(title_label(_("Rallies")))
        self.toolbar = bar = self.build_toolbar(
            _("Rally actions"),
            new=(pgettext("a new rally", "New"), "ph.plus", _("Plan a new rally")),
            delete=(self.delete_rally, _("Delete")),
        )
        before = self.delete_action  # Duplicate and Cancel event sit between New and Delete
        tip = _("Copy the rally, with its shifts, to a new date")
        self.duplicate_action = self.add_tool(
            bar, _("Duplicate…"), "ph.copy", self.duplicate, tip, before=before
        )
        tip = _("Call the rally off; it stays in the list, struck through")
        self.cancel_action = self.add_tool(
            bar, _("Cancel event"), "ph.calendar-x", self.cancel_event, tip, before=before
        )
        key = QKeySequence.StandardKey.Print
        self.print_action = self.add_tool(bar, _("Print flyer"), "ph.printer", self.print_flyer, key=key)
        tip = _("Remind the volunteers on this rally's shifts, in their languages")
        self.remind_action = self.add_tool(bar, _("Remind volunteers…"), "ph.bell-ringing", self.remind, tip)
        self.remind_action.setVisible(self.context.rights.write_events)  # organizers and admins send them
        header.addWidget(self.toolbar, 1)
        self.filter = QComboBox()
        self.filter.setAccessibleName(_("Show"))
        for value, label in zip(
            FILTERS,
            (_("All"), _("Upcoming"), *(_(s.label) for s in EventStatus)),
            strict=True,
        ):
            self.filter.addItem(label, value)
        stored = str(self.context.settings.value("rallies/filter", ""))
        self.filter.setCurrentIndex(max(self.filter.findData(stored), 0))
        self.filter.currentIndexChanged.connect(self._filter_changed)
        # Translators: label before the filter of the rallies list: "Show: All / Upcoming / Draft…".
        show = QLabel(_("Show"))
        show.setBuddy(self.filter)
        header.addWidget(show)
        header.addWidget(self.filter)
        self.search = SearchField(_("Search rallies by title or place"))
        self.search.setMinimumWidth(200)
        self.search.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.search.search_changed.connect(lambda _text: self.refresh())
        self.search.returnPressed.connect(self.search.flush)
        header.addWidget(self.search)
        return header

    def _filter_changed(self) -> None:
        self.context.settings.setValue("rallies/filter", self.filter.currentData())
        self.refresh()

    def show_all(self) -> None:
        self.search.clear()
        self.search.flush()
        self.filter.setCurrentIndex(0)
        self.refresh()

    # --- the list --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload from the services, keeping the selection and any unsaved edits."""
        choice = str(self.filter.currentData() or "")
        status = EventStatus(choice) if choice and choice != UPCOMING else None
        found = self.context.call(
            events.list_events, search=self.search.text(), status=status, upcoming_only=choice == UPCOMING
        )
        shown = self.shown_event()
        keep = shown.id if shown is not None else (None if self.editor_open() else self.selected_id())
        with self.quiet_selection():
            self.model.language = self.context.language
            self.model.set_events(found)
        self.select_quietly(keep)
        filtered = bool(choice or self.search.text().strip())
        self.list.show_state(has_rows=bool(found), filtered=filtered)
        self._has_rallies = bool(found) or filtered
        if not self.editor_open():
            self._show_placeholder()
        if shown is not None:
            try:
                self.editor.refresh_from(read_event(self.context, shown.id))
            except NotFoundError:
                self._close_editor()
            else:
                # A check-in, a walk-in or a count at the door leaves the rally itself as it
                # was, so the editor may not have reloaded: its attendance is read again.
                self.editor.details.attendance_panel.reload()
        self._update_actions()

    # --- the list and the editor (MasterDetailScreen) -------------------------------------
    def list_view(self) -> QTableView:
        return self.table

    def editor_record_id(self) -> int | None:
        shown = self.shown_event()
        return shown.id if shown is not None else None

    def list_selection_changed(self, record_id: int | None) -> None:
        self._update_actions()

    def read_record(self, record_id: int) -> EventData:
        return read_event(self.context, record_id)

    def show_record(self, record: EventData) -> None:
        self.editor.load(record)
        self.right.setCurrentWidget(self.editor)
        self._update_actions()

    def _close_editor(self) -> None:
        self.editor.rally = None
        self._show_placeholder()
        self._update_actions()

    def _show_placeholder(self) -> None:
        self.right.setCurrentWidget(self.hint if self._has_rallies else self.blank)

    # --- state -----------------------------------------------------------------------------------
    def editor_open(self) -> bool:
        return self.right.currentWidget() is self.editor

    def shown_event(self) -> EventData | None:
        """The saved rally in the editor (None while nothing, or a new rally, is open)."""
        return self.editor.rally if self.editor_open() else None

    def _update_actions(self) -> None:
        event = self.shown_event()
        for action in (self.duplicate_action, self.delete_action, self.print_action, self.remind_action):
            action.setEnabled(event is not None)
        self.cancel_action.setEnabled(event is not None and event.status != EventStatus.CANCELLED)

    def editor_has_changes(self) -> bool:
        return self.editor_open() and self.editor.is_dirty()

    def editor_record_name(self) -> str:
        # Translators: a rally's title quoted inside a sentence; use your language's quotes.
        return _("“{title}”").format(title=self.editor.heading.text())

    def save_editor(self) -> bool:
        return self.editor.save() is not None

    def discard_editor(self) -> None:
        if self.editor_open():
            self.editor.discard_changes()

    def start_new_record(self) -> None:
        self.editor.start_new(self.context.call(new_rally_details))
        self.right.setCurrentWidget(self.editor)
        self._update_actions()
        self.editor.texts.title_in(self.context.language).setFocus()

    def save(self) -> None:
        if self.editor_open():
            self.editor.save()

    def _on_saved(self, event: EventData) -> None:
        self.context.say(
            _("Saved “{title}”").format(title=event.title(self.context.language) or _("(untitled)"))
        )
        self.context.data_changed(Change.of(Record.EVENTS, Op.UPDATED, event.id))  # this list too

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_editor(self) -> None:
        if self.editor_open():
            self.editor.focus_first_field()

    def open_record(self, record_id: int) -> None:
        shown = self.shown_event()
        if shown is not None and shown.id == record_id:
            return
        if not self.confirm_leave():
            return
        if self.model.row_of(record_id) < 0:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.filter.blockSignals(True)
            self.filter.setCurrentIndex(0)
            self.filter.blockSignals(False)
            self.refresh()
        self.select_quietly(record_id)
        self.open_in_editor(record_id)

    def print_flyer(self) -> None:
        if self.shown_event() is None:
            self.context.say(_("Choose a saved rally first, then print its flyer."))
            return
        # The Flyer tab shows what will print behind the system print dialog.
        self.editor.show_tab(FLYER)
        self.editor.flyer.print_flyer()

    def remind(self) -> None:
        if self.shown_event() is None:
            self.context.say(_("Choose a saved rally first, then remind its volunteers."))
            return
        # One shift only when the organizer is looking at it on the Shifts tab; from anywhere
        # else the whole rally (the Shifts tab always has a row selected, the first at least,
        # and a reminder sent to that shift alone left most people unreminded).
        on_shifts = self.editor.tabs.currentIndex() == SHIFTS
        shift = self.editor.shifts.selected_shift() if on_shifts else None
        self.editor.shifts.remind(shift.id if shift is not None else None)

    def duplicate(self) -> None:
        event = self.shown_event()
        if event is None or not self.confirm_leave():
            return
        self.dialog = DuplicateDialog(self.context, self.editor.rally or event, self)
        self.dialog.duplicated.connect(self._duplicated)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # else each one stays a hidden child
        self.dialog.open()

    def _duplicated(self, copy: EventData) -> None:
        self.editor.load(copy)
        self.right.setCurrentWidget(self.editor)
        self.context.data_changed(Change.of(Record.EVENTS, Op.INSERTED, copy.id))
        self.context.say(
            _("Copy made for {day} — a draft, ready to edit").format(
                day=format_long_date(copy.starts_at, self.context.language)
            )
        )

    def cancel_event(self) -> None:
        event = self.shown_event()
        if event is None or not self.confirm_leave():
            return
        title = event.title(self.context.language) or _("(untitled)")
        answer = QMessageBox.question(
            self,
            _("Cancel event"),
            _("Cancel “{title}”? It stays in the list, struck through, with its shifts and sign-ups.").format(
                title=title
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.context.call(events.cancel_event, event.id)
        except RallyorgError as error:
            show_error(self, error)
            return
        self.context.data_changed(Change.of(Record.EVENTS, Op.UPDATED, event.id))
        self.context.say(_("“{title}” is cancelled").format(title=title))

    def delete_selected(self) -> None:
        """The Delete key: acts on what has the focus — a sign-up, a shift, a partner group,
        or (from the list) the rally. Inside a form field it never deletes the rally."""
        focus = QApplication.focusWidget()
        if focus is not None and self.editor.isAncestorOf(focus):
            if not self.editor.shifts.delete_focused() and focus is self.editor.partners.table:
                self.editor.partners.remove_selected()
            return
        self.delete_rally()

    def delete_rally(self) -> None:
        event = self.shown_event()
        if event is None:
            return
        title = event.title(self.context.language) or _("(untitled)")
        if not confirm_and_delete(
            self,
            self.context,
            "event",
            event.id,
            title=_("Delete rally"),
            question=_(
                "Delete “{title}” with its shifts and sign-ups? You can undo this with Ctrl+Z."
            ).format(title=title),
            undo_label=_("delete rally"),
        ):
            return
        self._close_editor()
        self.context.data_changed(Change.of(Record.EVENTS | Record.SIGNUPS, Op.DELETED, event.id))
        self.context.say(_("“{title}” deleted. Undo with Ctrl+Z.").format(title=title))
