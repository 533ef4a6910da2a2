"""Partners: the coalition's partner groups, filterable, with an editor beside the list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from rallyorg.gui.changes import Change, Op, Record
from rallyorg.gui.context import GuiContext
from rallyorg.gui.deletion import confirm_and_delete
from rallyorg.gui.master_detail import MasterDetailScreen
from rallyorg.gui.partners.editor import GroupEditor
from rallyorg.gui.partners.filters import FilterBar
from rallyorg.gui.partners.list_model import ACTIVE, CITY, CONTACTS, KIND, NAME, GroupListModel
from rallyorg.gui.widgets.empty_state import EmptyState
from rallyorg.gui.widgets.style import title_label
from rallyorg.gui.widgets.tables import read_only_table
from rallyorg.i18n import _, ngettext
from rallyorg.services import partners, partners_queries
from rallyorg.services.partners import PartnerGroupData

LIST_PAGE, EMPTY_PAGE, NO_MATCH_PAGE = range(3)
PLACEHOLDER_PAGE, EDITOR_PAGE = range(2)
# In a narrow window the name column keeps this much; kind and city shrink, to this at least.
NAME_MIN_WIDTH = 170
SHRUNK_MIN_WIDTH = 70


class PartnersScreen(MasterDetailScreen):
    key = "partners"
    watches = Record.PARTNERS | Record.EVENTS  # groups, contacts, and the rallies a group is in
    icon_name = "ph.handshake"

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 8)
        header = QHBoxLayout()
        header.addWidget(title_label(_("Partners")))
        header.addStretch(1)
        header.addWidget(self._build_toolbar())
        layout.addLayout(header)
        self.filters = FilterBar()
        self.filters.changed.connect(self.refresh)
        layout.addWidget(self.filters)

        self.model = GroupListModel()
        self.table = self._build_table()
        self.watch_list_selection()
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.empty = EmptyState(
            _("No partner groups yet. The churches, unions and community groups you work with belong here."),
            [(_("Add a partner group"), self.new_record), (_("Import from CSV"), self.import_groups)],
        )
        self.list_stack.addWidget(self.empty)
        self.list_stack.addWidget(
            EmptyState(
                _("No partner group matches these filters."), [(_("Show all groups"), self.filters.clear)]
            )
        )

        self.editor = GroupEditor(context)
        self.editor.saved.connect(self._on_saved)
        self.editor.open_event.connect(self._open_event)
        self.editor_stack = QStackedWidget()
        choose = QLabel(_("Choose a partner group on the left to see its details, contacts and events."))
        choose.setAlignment(Qt.AlignmentFlag.AlignCenter)
        choose.setWordWrap(True)
        self.editor_stack.addWidget(choose)
        self.editor_stack.addWidget(self.editor)

        # The list first: the editor keeps at least what its tabs need (its minimum), and the
        # list takes the rest of a narrow window; extra room is shared.
        self.splitter = self.build_splitter(
            self.list_stack, self.editor_stack, stretch=(3, 2), sizes=(640, 460)
        )
        layout.addWidget(self.splitter, 1)
        self.count_label = QLabel()
        layout.addWidget(self.count_label)

        self.editor_stack.currentChanged.connect(lambda _index: self._update_actions())
        self._update_actions()
        self.setTabOrder(self.filters.search, self.filters.kind)
        self.setTabOrder(self.filters.active_only, self.table)
        self.setTabOrder(self.table, self.editor.form.name)

    def title(self) -> str:
        return _("Partners")

    def _build_toolbar(self) -> QToolBar:
        bar = self.build_toolbar(
            _("Partner actions"),
            new=(_("New group"), "ph.plus", _("Add a partner group")),
            delete=(self.delete_selected, _("Delete the selected group")),
        )
        # Arrows as in File > Import / Export: into the tray to import, out of it to export.
        self.import_action = self.add_tool(
            bar, _("Import from CSV"), "ph.download-simple", self.import_groups
        )
        tip = _("Export partner contacts for a phone bank or an address book")
        self.export_action = self.add_tool(bar, _("Export…"), "ph.upload-simple", self.export_contacts, tip)
        return bar

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        read_only_table(table, _("Partner groups"))
        table.setSortingEnabled(True)
        table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._column_resized_by_hand)
        self._fitting_columns = False
        self._columns_fitted = True  # until someone drags a column border
        table.viewport().installEventFilter(self)  # its width changes with the scroll bar
        table.activated.connect(lambda _index: self.editor.focus_first_field())
        return table

    # --- column widths ----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        table = getattr(self, "table", None)
        if event.type() == QEvent.Type.Resize and table is not None and watched is table.viewport():
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _column_resized_by_hand(self, *_args: object) -> None:
        if not self._fitting_columns:
            self._columns_fitted = False

    def _fit_columns(self) -> None:
        """Kind, city, contacts and status as wide as their contents, the name the rest; in a
        narrow window the name keeps a readable width and kind and city give way instead."""
        if not self._columns_fitted:
            return
        table = self.table
        header = table.horizontalHeader()
        others = (KIND, CITY, CONTACTS, ACTIVE)
        natural = {c: max(header.sectionSizeHint(c), table.sizeHintForColumn(c)) for c in others}
        room = table.viewport().width()
        name = room - sum(natural.values())
        if name < NAME_MIN_WIDTH:
            missing = NAME_MIN_WIDTH - name
            for column in (KIND, CITY):  # elided before the name is
                give = min(missing, natural[column] - min(natural[column], SHRUNK_MIN_WIDTH))
                natural[column] -= give
                missing -= give
            name = max(NAME_MIN_WIDTH, room - sum(natural.values()))
        self._fitting_columns = True
        try:
            table.setColumnWidth(NAME, name)
            for column, width in natural.items():
                table.setColumnWidth(column, width)
        finally:
            self._fitting_columns = False

    # --- loading ----------------------------------------------------------------------
    def refresh(self) -> None:
        choices = self.context.call(partners_queries.filter_choices)
        self.filters.set_choices(choices)
        self.editor.form.set_cities(choices.cities)
        chosen = self.filters.value()
        rows = self.context.call(
            partners.list_groups,
            search=chosen.search,
            kind=chosen.kind,
            city=chosen.city,
            tag=chosen.tag,
            active_only=chosen.active_only,
        )
        with self.quiet_selection():
            self.model.set_rows(rows)
            self._fit_columns()
        self.select_quietly(self.editor.group_id)
        if rows:
            self.list_stack.setCurrentIndex(LIST_PAGE)
        else:
            self.list_stack.setCurrentIndex(NO_MATCH_PAGE if chosen.narrows else EMPTY_PAGE)
        self.count_label.setText(
            ngettext("{n} partner group shown", "{n} partner groups shown", len(rows)).format(n=len(rows))
        )
        if self.editor.group is not None and not self.editor.reload():
            self._show_nothing()  # deleted elsewhere

    def _update_actions(self) -> None:
        showing = self.editor_stack.currentIndex() == EDITOR_PAGE and self.editor.group is not None
        self.delete_action.setEnabled(showing)

    def _show_nothing(self) -> None:
        self.editor.start_new()
        self.editor_stack.setCurrentIndex(PLACEHOLDER_PAGE)
        self._update_actions()

    # --- the list and the editor (MasterDetailScreen) -------------------------------------
    def list_view(self) -> QTableView:
        return self.table

    def editor_record_id(self) -> int | None:
        return self.editor.group_id

    def read_record(self, record_id: int) -> PartnerGroupData:
        return self.context.call(partners.get_group, record_id)

    def show_record(self, record: PartnerGroupData) -> None:
        self.editor.show_group(record)
        self.editor_stack.setCurrentIndex(EDITOR_PAGE)
        self._update_actions()

    def editor_has_changes(self) -> bool:
        return bool(self.editor.dirty)

    def editor_record_name(self) -> str:
        return self.editor.form.name.text().strip() or _("the new partner group")

    def save_editor(self) -> bool:
        return bool(self.editor.save())

    def discard_editor(self) -> None:
        self.editor.discard_changes()

    # --- actions ----------------------------------------------------------------------
    def start_new_record(self) -> None:
        self.editor.start_new()
        self.editor_stack.setCurrentIndex(EDITOR_PAGE)
        self._update_actions()
        self.editor.focus_first_field()

    def save(self) -> None:
        if self.editor_stack.currentIndex() == EDITOR_PAGE:
            self.editor.save()

    def _on_saved(self, group_id: int) -> None:
        self._update_actions()
        self.context.data_changed(Change.of(Record.PARTNERS, Op.UPDATED, group_id))  # this list too
        self.select_quietly(group_id)
        self.context.say(_("Saved {name}").format(name=self.editor.group.name if self.editor.group else ""))

    def delete_selected(self) -> None:
        if self.editor.contacts.table.hasFocus():
            self.editor.contacts.remove_contact()
            return
        group = self.editor.group
        if group is None or self.editor_stack.currentIndex() != EDITOR_PAGE:
            return
        contacts = len(group.contacts)
        question = _("Delete {name}?").format(name=group.name)
        if contacts:
            question += " " + ngettext(
                "Its {n} contact will be deleted too.", "Its {n} contacts will be deleted too.", contacts
            ).format(n=contacts)
        question += " " + _("You can undo this with Ctrl+Z until you close rallyorg.")
        if not confirm_and_delete(
            self,
            self.context,
            "partner_group",
            group.id,
            title=_("Delete partner group"),
            question=question,
            undo_label=_("delete partner group"),
        ):
            return
        self._show_nothing()
        # Volunteers lose the group, rallies the partner.
        self.context.data_changed(
            Change.of(Record.PARTNERS | Record.VOLUNTEERS | Record.EVENTS, Op.DELETED, group.id)
        )
        self.context.say(_("{name} deleted. Undo with Ctrl+Z.").format(name=group.name))
        self.table.setFocus()

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def open_record(self, record_id: int) -> None:
        if record_id != self.editor.group_id and not self.confirm_leave():
            return
        if not self.open_in_editor(record_id):
            return
        if self.model.row_of(record_id) < 0 and self.filters.value().narrows:
            self.filters.clear()  # refreshes; the group must be visible in the list
        else:
            self.refresh()

    def import_groups(self) -> None:
        if not self.ask_window("import_partners"):
            self.context.say(_("Importing partner groups is not available yet."))

    def export_contacts(self) -> None:
        self.ask_window("export_dialog", "contacts-csv")

    def _open_event(self, event_id: int) -> None:
        self.ask_window("open_record", "rallies", event_id)
