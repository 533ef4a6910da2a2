"""The Volunteers place: a list that stays fast with 100,000 people (filtered and sorted in
SQL), the selected volunteer's editor beside it, and the review of likely duplicates."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.text import fold
from rallyorg.gui.changes import Change, Op, Record
from rallyorg.gui.context import GuiContext
from rallyorg.gui.deletion import confirm_and_delete
from rallyorg.gui.master_detail import MasterDetailScreen
from rallyorg.gui.volunteers.duplicates import DuplicatesDialog
from rallyorg.gui.volunteers.editor import VolunteerEditor
from rallyorg.gui.volunteers.filter_bar import FilterBar
from rallyorg.gui.volunteers.list_model import ListQuery, VolunteerListModel
from rallyorg.gui.volunteers.table_view import VolunteerTable
from rallyorg.gui.widgets.empty_state import EmptyState
from rallyorg.gui.widgets.style import title_label
from rallyorg.i18n import _, format_number, ngettext
from rallyorg.services import partners, volunteer_queries, volunteers
from rallyorg.services.volunteers import VolunteerData, VolunteerSort

TABLE, NO_VOLUNTEERS, NO_MATCHES = range(3)


class VolunteersScreen(MasterDetailScreen):
    key = "volunteers"
    icon_name = "ph.users-three"

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.duplicates_dialog: DuplicatesDialog | None = None
        self._total = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 8)

        header = QHBoxLayout()
        header.addWidget(title_label(_("Volunteers")))
        header.addStretch(1)
        self.count_label = QLabel()
        header.addWidget(self.count_label)
        layout.addLayout(header)
        self.filters = FilterBar(context.language)
        self.filters.changed.connect(self._filters_changed)
        self.filters.typed.connect(self._search_typed)
        actions = QHBoxLayout()
        self.toolbar = self._build_toolbar()
        actions.addWidget(self.toolbar)
        actions.addStretch(1)
        actions.addWidget(self.filters.search, 6)
        self.filters.search.setMaximumWidth(460)
        layout.addLayout(actions)
        layout.addWidget(self.filters)

        self.model = VolunteerListModel(context.access, context.language)
        self.table = self._build_table()
        self.watch_list_selection()
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.empty = EmptyState(
            _(
                "No volunteers yet. Add the people who help at your rallies, "
                "or import them from a spreadsheet saved as CSV."
            ),
            [(_("Add a volunteer"), self.new_record), (_("Import from CSV"), self._import)],
        )
        self.list_stack.addWidget(self.empty)
        self.no_matches = EmptyState(
            _("No volunteers match these filters."), [(_("Clear filters"), self.filters.clear)]
        )
        self.list_stack.addWidget(self.no_matches)

        self.editor = VolunteerEditor(context)
        self._groups_offered = False  # the editor's partner groups are current
        self.editor.before_editing = self._offer_groups
        self.editor.saved.connect(self._saved)
        self.editor.forgotten.connect(self._forgotten)
        self.editor.event_chosen.connect(self._open_event)
        # The list is what people scan, so it gets about two thirds; the editor narrows
        # gracefully (wrapping check boxes, skills in one column) rather than the list losing
        # its columns at 1024 pixels wide.
        self.splitter = self.build_splitter(self.list_stack, self.editor, stretch=(2, 1), sizes=(770, 380))
        layout.addWidget(self.splitter, 1)
        for before, after in itertools.pairwise([*self.filters.reading_order(), self.table, self.editor]):
            self.setTabOrder(before, after)

    def title(self) -> str:
        return _("Volunteers")

    # --- building -------------------------------------------------------------------------
    def _build_toolbar(self) -> QToolBar:
        bar = self.build_toolbar(
            _("Volunteer actions"),
            new=(_("New volunteer"), "ph.user-plus", _("Add a volunteer")),
            delete=(self.delete_selected, _("Delete the selected volunteer")),
        )
        bar.addSeparator()
        self.duplicates_action = self.add_tool(
            bar, _("Review duplicates…"), "ph.users", self.review_duplicates
        )
        tip = _("Import volunteers from a CSV file")
        self.import_action = self.add_tool(bar, _("Import…"), "ph.download-simple", self._import, tip)
        tip = _("Export volunteers to a CSV file")
        self.export_action = self.add_tool(bar, _("Export…"), "ph.upload-simple", self._export, tip)
        return bar

    def _build_table(self) -> VolunteerTable:
        table = VolunteerTable(self.model)
        table.sort_requested.connect(self._sort_requested)
        table.activated.connect(lambda _index: self.editor.focus_first_field())
        return table

    # --- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read everything, keeping the selection and any unsaved typing."""
        self._load_choices()
        self._groups_changed()
        self._reload()
        if not self.editor.is_dirty() and self.editor.volunteer_id is not None:
            self.editor.load(self.editor.volunteer_id)

    def _load_choices(self) -> None:
        """The cities and languages the filters (and the editor's City) offer."""
        call = self.context.call
        # "Danbury" and "danbury" are one city to the filter: one spelling is offered.
        spellings: dict[str, str] = {}
        for city in call(volunteers.list_cities):
            spellings.setdefault(fold(city), city.strip())
        cities = sorted(spellings.values(), key=fold)
        self.filters.set_choices(call(volunteer_queries.list_languages), cities)
        self.editor.form.set_cities(cities)

    def _groups_changed(self) -> None:
        """The partner groups the editor offers are read again now if someone is shown, else
        when someone is (at 100,000 volunteers and 2,000 groups, ~40 ms the list's first
        showing need not wait for)."""
        self._groups_offered = False
        if self.editor.is_editing():
            self._offer_groups()

    def _offer_groups(self) -> None:
        if self._groups_offered:
            return
        groups = self.context.call(partners.list_groups)
        self.editor.form.set_groups([(g.id, g.name) for g in groups])
        self._groups_offered = True

    def refresh_for(self, change: Change) -> None:
        if change.touches(Record.VOLUNTEERS):
            if not self._update_in_place(change):
                self.refresh()
            return
        # Sign-ups, rallies or partner groups changed: the list shows none of them; the
        # editor shows the person's history and groups.
        if change.touches(Record.PARTNERS):
            self._groups_changed()
        if not self.editor.is_dirty() and self.editor.volunteer_id is not None:
            self.editor.load(self.editor.volunteer_id)

    def _update_in_place(self, change: Change) -> bool:
        """People edited (not added or removed) who are all in the list: their rows are read
        again and repainted where they stand, instead of the whole list re-queried. False
        when a full reload is needed (see VolunteerListModel.update_rows)."""
        if change.op != Op.UPDATED or not change.ids or change.records != Record.VOLUNTEERS:
            return False
        if any(self.model.row_of(volunteer_id) < 0 for volunteer_id in change.ids):
            return False
        found = self.context.call(volunteer_queries.rows_by_id, sorted(change.ids))
        if found.keys() != change.ids:
            return False  # deleted meanwhile
        before = {volunteer_id: self.model.row_for(volunteer_id) for volunteer_id in change.ids}
        if not self.model.update_rows(found):
            return False
        if any(
            old is None
            or (old.city, old.languages) != (found[volunteer_id].city, found[volunteer_id].languages)
            for volunteer_id, old in before.items()
        ):
            self._load_choices()  # a new city or language is offered by the filters too
        if not self.editor.is_dirty() and self.editor.volunteer_id in change.ids:
            self.editor.load(self.editor.volunteer_id)
        return True

    def _query(self) -> ListQuery:
        sort = self.model.query.sort
        descending = self.model.query.descending
        f = self.filters
        return ListQuery(
            search=f.search_text(),
            language=f.language_code(),
            skill=f.skill_code(),
            city=f.city_name(),
            consent=f.consent_value(),
            sort=sort,
            descending=descending,
        )

    def _reload(self, query: ListQuery | None = None) -> None:
        selected = self.selected_id()
        self.model.load(query or self._query())
        self._loaded(selected)

    def _loaded(self, selected: int | None) -> None:
        """The count line, the empty-list pages and the selection after the list changed."""
        self._total = self.model.total
        shown = self.model.rowCount()
        language = self.context.language
        if self.model.query.is_filtered:
            text = ngettext("{shown} of {total} volunteer", "{shown} of {total} volunteers", self._total)
        else:
            text = ngettext("{total} volunteer", "{total} volunteers", self._total)
        self.count_label.setText(
            text.format(shown=format_number(shown, language), total=format_number(self._total, language))
        )
        self.list_stack.setCurrentIndex(TABLE if shown else NO_VOLUNTEERS if not self._total else NO_MATCHES)
        self.delete_action.setEnabled(False)
        if selected is not None:
            self.select_quietly(selected)

    def _filters_changed(self) -> None:
        self._reload()

    def _search_typed(self) -> None:
        def arrived(show: Callable[[], None]) -> None:
            selected = self.selected_id()
            show()
            self._loaded(selected)

        self.model.load_soon(self._query(), self, arrived)

    def _sort_requested(self, sort: VolunteerSort, descending: bool) -> None:
        self.model.query = replace(self.model.query, sort=sort, descending=descending)
        self._reload()

    # --- the list and the editor (MasterDetailScreen) -------------------------------------
    def list_view(self) -> VolunteerTable:
        return self.table

    def editor_record_id(self) -> int | None:
        return self.editor.volunteer_id

    def open_in_editor(self, record_id: int) -> bool:
        return self.editor.load(record_id)  # the editor reads the person in the UI language

    def list_selection_changed(self, record_id: int | None) -> None:
        self.delete_action.setEnabled(record_id is not None)

    def editor_has_changes(self) -> bool:
        return self.editor.is_dirty()

    def editor_record_name(self) -> str:
        return self.editor.heading.text() or _("this volunteer")

    def save_editor(self) -> bool:
        return self.editor.save() is not None

    # --- actions --------------------------------------------------------------------------
    def start_new_record(self) -> None:
        self.editor.show_new()

    def save(self) -> None:
        self.editor.save()

    def _saved(self, data: VolunteerData) -> None:
        self.context.say(_("Saved {name}").format(name=data.name))
        self.context.data_changed(Change.of(Record.VOLUNTEERS, Op.UPDATED, data.id))  # this list too
        if not self.select_quietly(data.id):
            self.context.say(
                _("Saved {name}. The current filters hide this volunteer in the list.").format(name=data.name)
            )

    def delete_selected(self) -> None:
        volunteer_id = self.selected_id()
        row = self.model.row_at(self.table.currentIndex().row()) if volunteer_id is not None else None
        if volunteer_id is None or row is None:
            self.context.say(_("Choose a volunteer to delete."))
            return
        next_id = self.model.id_at(self.table.currentIndex().row() + 1) or self.model.id_at(
            self.table.currentIndex().row() - 1
        )
        if not confirm_and_delete(
            self,
            self.context,
            "volunteer",
            volunteer_id,
            title=_("Delete volunteer"),
            question=_(
                "Delete {name} and their sign-ups? You can undo this (Ctrl+Z) until you close rallyorg."
            ).format(name=row.name),
            undo_label=_("delete volunteer"),
        ):
            return
        if self.editor.volunteer_id == volunteer_id:
            self.editor.show_nothing()
        self.context.data_changed(Change.of(Record.VOLUNTEERS | Record.SIGNUPS, Op.DELETED, volunteer_id))
        self.context.say(_("Deleted {name}.").format(name=row.name))
        if next_id is not None and self.select_quietly(next_id):
            self.editor.load(next_id)

    def _forgotten(self, volunteer_id: int) -> None:
        self.context.data_changed(Change.of(Record.VOLUNTEERS | Record.SIGNUPS, Op.DELETED, volunteer_id))
        self.context.say(_("The volunteer was forgotten."))

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def open_record(self, record_id: int) -> None:
        """Show one volunteer (from global search, a rally's sign-ups…)."""
        if not self.confirm_leave():
            return
        if self.model.row_of(record_id) < 0 and self.filters.is_filtered():
            self.filters.clear()
        if not self.editor.load(record_id):
            self.context.say(_("This volunteer no longer exists."))
            return
        self.select_quietly(record_id)

    def review_duplicates(self) -> DuplicatesDialog:
        dialog = DuplicatesDialog(self.context, self)
        dialog.merged.connect(self._merged)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.duplicates_dialog = dialog
        dialog.destroyed.connect(lambda: setattr(self, "duplicates_dialog", None))
        dialog.open()
        dialog.load_pairs()
        return dialog

    def _merged(self, kept_id: int, removed_id: int) -> None:
        if self.editor.volunteer_id in (None, kept_id, removed_id) and not self.editor.is_dirty():
            self.editor.load(kept_id)
            self.select_quietly(kept_id)

    def _import(self) -> None:
        if not self.ask_window("import_volunteers"):
            self.context.say(_("Importing volunteers arrives with the import feature."))

    def _export(self) -> None:
        if not self.ask_window("export_dialog", "volunteers-csv"):
            self.context.say(_("Exporting volunteers arrives with the export feature."))

    def _open_event(self, event_id: int) -> None:
        self.ask_window("open_record", "rallies", event_id)
