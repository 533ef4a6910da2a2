"""The base of the list-and-editor places (Rallies, Volunteers, Partners): the list's
selection and the editor kept in step, and the one question asked before unsaved edits would
be lost, worded and answered the same way everywhere.

A subclass gives its list view (over a RecordsModel keyed by record id), what the editor shows and how to
open a record in it, and says whether its editor holds edits, what the record is called, how
to save it and how to drop the edits. The base then:

- opens the record a person picks in the list — after asking Save/Discard/Cancel when the
  editor holds edits, and putting the selection back on the edited record on Cancel;
- selects a record from code (after a save, a reload, a search result) *quietly*: no
  question, no reload of the editor (``select_quietly``).

It also builds what the three places look alike in: the toolbar of actions (text beside the
icon, the shortcut in the tooltip, a name for screen readers) and the splitter between list and
editor, which remembers where a person left it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMessageBox, QSplitter, QToolBar, QWidget

from rallyorg.domain.errors import RallyorgError
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.screen import Screen
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.records_model import RecordsModel
from rallyorg.gui.widgets.shortcuts import with_shortcut
from rallyorg.i18n import _


class MasterDetailScreen(Screen):
    new_action: QAction  # the toolbar's New and Delete (build_toolbar)
    delete_action: QAction

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._quiet = False  # the list's selection is being set by code, not by a person

    # --- building the place ------------------------------------------------------------------
    def build_toolbar(self, name: str, *, new: tuple[str, str, str], delete: tuple[object, str]) -> QToolBar:
        """The place's action bar (``name`` is what a screen reader calls it), opening with the
        two actions every place has: ``new`` (text, icon, tooltip) and Delete (slot, tooltip),
        kept as ``new_action`` and ``delete_action``."""
        bar = QToolBar(name)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(QSize(18, 18))
        text, icon_name, tooltip = new
        self.new_action = self.add_tool(
            bar, text, icon_name, self.new_record, tooltip, QKeySequence.StandardKey.New
        )
        slot, tooltip = delete
        self.delete_action = self.add_tool(
            bar, _("Delete"), "ph.trash", slot, tooltip, QKeySequence.StandardKey.Delete
        )
        return bar

    def add_tool(
        self,
        bar: QToolBar,
        text: str,
        icon_name: str,
        slot: object,
        tooltip: str = "",
        key: QKeySequence.StandardKey | None = None,
        *,
        before: QAction | None = None,
    ) -> QAction:
        """An action on ``bar`` (at the end, or ``before`` another). The main window owns the
        shortcuts (``key`` only names one in the tooltip, so people can learn it); the button
        keeps its name for screen readers when a narrow window leaves it only the icon."""
        action = QAction(icon(icon_name), text, self)
        tip = tooltip or text
        action.setToolTip(with_shortcut(tip, key) if key is not None else tip)
        action.triggered.connect(slot)
        if before is None:
            bar.addAction(action)
        else:
            bar.insertAction(before, action)
        bar.widgetForAction(action).setAccessibleName(text.rstrip("…"))
        return action

    def build_splitter(
        self, list_side: QWidget, editor_side: QWidget, *, stretch: tuple[int, int], sizes: tuple[int, int]
    ) -> QSplitter:
        """List and editor side by side; neither side collapses, and the divider stays where a
        person dragged it (kept in the settings under the place's key)."""
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(list_side)
        splitter.addWidget(editor_side)
        for side, factor in enumerate(stretch):
            splitter.setStretchFactor(side, factor)
        splitter.setSizes(list(sizes))
        setting = f"{self.key}/splitter"
        stored = self.context.settings.value(setting)
        if isinstance(stored, QByteArray):
            splitter.restoreState(stored)
        splitter.splitterMoved.connect(
            lambda *_moved: self.context.settings.setValue(setting, splitter.saveState())
        )
        return splitter

    # --- what a subclass tells: the list (its model a RecordsModel keyed by record id) -------
    def list_view(self) -> QAbstractItemView:
        raise NotImplementedError

    def list_model(self) -> RecordsModel[Any]:
        model = self.list_view().model()
        assert isinstance(model, RecordsModel)  # every list is one (gui/widgets/records_model.py)
        return model

    def list_id_at(self, row: int) -> int | None:
        key = self.list_model().key_at(row)
        return int(key) if key is not None else None

    def list_row_of(self, record_id: int) -> int:
        """-1 when the list does not show the record (filtered out, deleted)."""
        return self.list_model().row_of(record_id)

    # --- what a subclass tells: the editor --------------------------------------------------
    def editor_record_id(self) -> int | None:
        """The saved record the editor shows (None: nothing, or a new record)."""
        raise NotImplementedError

    def read_record(self, record_id: int) -> Any:
        """The stored record, read through the context (raises RallyorgError if it is gone)."""
        raise NotImplementedError

    def show_record(self, record: Any) -> None:
        """Put a record read by ``read_record`` in the editor and show the editor."""
        raise NotImplementedError

    def start_new_record(self) -> None:
        """An empty editor for a new record, shown and focused."""
        raise NotImplementedError

    def editor_has_changes(self) -> bool:
        raise NotImplementedError

    def editor_record_name(self) -> str:
        """The record in the editor as the question names it: "“Vigil for Families”", "Ana Díaz"."""
        raise NotImplementedError

    def save_editor(self) -> bool:
        """Save the editor's record; False when it could not be saved (the editor says why)."""
        raise NotImplementedError

    def discard_editor(self) -> None:
        """Drop the editor's edits (screens that load another record right after need nothing)."""

    def list_selection_changed(self, record_id: int | None) -> None:
        """Any change of the picked row, by a person or quietly (e.g. to enable Delete)."""

    # --- the list's selection -----------------------------------------------------------------
    def watch_list_selection(self) -> None:
        """Call once the list view exists."""
        # The selection, not the current row: a mouse press moves the current row *before* it
        # selects, so an answer of Cancel made then would be overridden by the click.
        self.list_view().selectionModel().selectionChanged.connect(self._selection_changed)

    def selected_id(self) -> int | None:
        rows = self.list_view().selectionModel().selectedRows()
        return self.list_id_at(rows[0].row()) if rows else None

    @contextmanager
    def quiet_selection(self) -> Iterator[None]:
        """Selection changes made inside (by code: a reload, a sort) open nothing and ask nothing."""
        before, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = before

    def select_quietly(self, record_id: int | None) -> bool:
        """Select the record's row (None: no row) without asking or reloading the editor;
        False when the list does not show it (then no row is selected)."""
        view = self.list_view()
        selection = view.selectionModel()
        row = self.list_row_of(record_id) if record_id is not None else -1
        with self.quiet_selection():
            if row >= 0:
                index = view.model().index(row, 0)
                selection.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                view.scrollTo(index)
            else:
                selection.clearSelection()
                selection.clearCurrentIndex()
        self.list_selection_changed(record_id if row >= 0 else None)
        return row >= 0

    def _selection_changed(self) -> None:
        record_id = self.selected_id()
        self.list_selection_changed(record_id)
        if self._quiet or record_id is None or record_id == self.editor_record_id():
            return
        if not self.confirm_leave():
            # Back at once, and again once Qt has finished handling a click that moved the
            # selection (its mouse release would select the clicked row after all).
            self.select_quietly(self.editor_record_id())
            QTimer.singleShot(0, self, lambda: self.select_quietly(self.editor_record_id()))
            return
        if not self.open_in_editor(record_id):
            self.select_quietly(self.editor_record_id())

    # --- opening and new records -----------------------------------------------------------
    def open_in_editor(self, record_id: int) -> bool:
        """Show the stored record in the editor; False (and the reason said) if it could not
        be read — deleted meanwhile, or the database out of reach."""
        try:
            record = self.read_record(record_id)
        except RallyorgError as error:
            show_error(self, error)
            return False
        self.show_record(record)
        return True

    def new_record(self) -> None:
        """Ctrl+N and the toolbar's New: after the unsaved-changes question, nothing picked."""
        if not self.confirm_leave():
            return
        self.select_quietly(None)
        self.start_new_record()

    # --- unsaved edits ------------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        return self.editor_has_changes()

    def confirm_leave(self) -> bool:
        """Before the editor shows something else: save, discard or stay. True to go on."""
        if not self.editor_has_changes():
            return True
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _("Save your changes to {name} first?").format(name=self.editor_record_name()),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_editor()
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_editor()
            return True
        return False
