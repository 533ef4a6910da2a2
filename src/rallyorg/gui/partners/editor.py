"""The editor on the right of the Partners list: Details, Contacts and Events tabs over the
save bar (Discard changes, Save — Ctrl+S through the screen) and unsaved-changes tracking.
Typed data survives any error."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from rallyorg.domain.errors import NotFoundError, RallyorgError, ValidationError
from rallyorg.gui.changes import Change, Op, Record
from rallyorg.gui.conflicts import RecordConflicts, Resolution, resolve_conflict, settle
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.partners.contacts_panel import ContactsPanel
from rallyorg.gui.partners.events_panel import EventsPanel
from rallyorg.gui.partners.group_form import GroupForm, conflict_fields, stored_input
from rallyorg.gui.picture_field import PictureField, PictureWords
from rallyorg.gui.widgets.fitting import FittingScrollArea, fitting_tabs
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.save_bar import SaveBar
from rallyorg.gui.widgets.style import scaled_font
from rallyorg.gui.widgets.tab_order import move_along
from rallyorg.i18n import _
from rallyorg.services import partners, pictures
from rallyorg.services.partners import PartnerGroupData, PartnerGroupInput

DETAILS_TAB, CONTACTS_TAB, EVENTS_TAB = range(3)


class GroupEditor(QWidget):
    saved = Signal(int)  # group id
    dirty_changed = Signal(bool)
    open_event = Signal(int)

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.group: PartnerGroupData | None = None
        self.dirty = False
        self._baseline: PartnerGroupInput | None = None  # the form as loaded
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)

        self.heading = QLabel()
        self.heading.setFont(scaled_font(self.heading, 1.25, bold=True))
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)

        self.form = GroupForm(context.language)
        self.form.edited.connect(self._on_edited)
        self.form.name.returnPressed.connect(self.save)
        self.logo = PictureField(
            context,
            read=pictures.group_logo,
            write=pictures.save_group_logo,
            records=Record.PARTNERS,
            words=PictureWords(
                field="logo",
                dialog_title=_("Choose the group's logo"),
                none_yet=_("No logo yet"),
                save_first=_("Save the group first."),
                saved=_("Logo saved: {file}"),
                removed=_("Logo removed"),
                tooltip=_("Printed on the flyers of the rallies this group leads or co-sponsors"),
            ),
        )
        self.form.add_logo_row(self.logo, self.logo.focus_chain())
        scroll = FittingScrollArea()  # as wide as the form needs: never a sideways scroll
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)
        self.contacts = ContactsPanel(context)
        self.events = EventsPanel()
        self.events.open_event.connect(self.open_event)
        self.tabs = fitting_tabs()  # icons alone when the titles do not fit a narrow window
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(scroll, icon("ph.identification-card"), _("Details"))
        self.tabs.addTab(self.contacts, icon("ph.address-book"), "")
        self.tabs.addTab(self.events, icon("ph.calendar"), "")
        layout.addWidget(self.tabs, 1)

        # Under the tabs, as in every editor (widgets/save_bar.py); Tab reaches it after the fields.
        self.save_bar = SaveBar(discard=self.discard_changes, save=self.save)
        self.unsaved_label, self.revert_button, self.save_button = self.save_bar.parts
        layout.addWidget(self.save_bar)
        self.start_new()

    # --- showing ----------------------------------------------------------------------
    @property
    def group_id(self) -> int | None:
        return self.group.id if self.group else None

    def start_new(self) -> None:
        self.group = None
        self.form.load(None)
        self.logo.show_record(None)
        self.contacts.set_group(None)
        self.events.set_events([], self.context.language)
        self._after_load()
        self.tabs.setCurrentIndex(DETAILS_TAB)

    def show_group(self, group: PartnerGroupData) -> None:
        """Load ``group`` into every tab (discarding edits: callers ask first)."""
        self.group = group
        self.form.load(group)
        self.logo.show_record(group.id)
        self._load_related(group)
        self._after_load()

    def reload(self) -> bool:
        """Re-read the shown group after a change elsewhere; keeps unsaved typing.
        False when the group no longer exists."""
        if self.group is None:
            return True
        try:
            fresh = self.context.call(partners.get_group, self.group.id)
        except NotFoundError:
            return False
        if self.dirty:
            self._load_related(fresh)  # contacts and events only; the form keeps the typing
        else:
            self.show_group(fresh)
        return True

    def _load_related(self, group: PartnerGroupData) -> None:
        self.contacts.set_group(group)
        rows = self.context.call(partners.group_events, group.id, self.context.language)
        self.events.set_events(rows, self.context.language)
        count = len(group.contacts)
        self.tabs.setTabText(CONTACTS_TAB, _("Contacts ({count})").format(count=count))
        self.tabs.setTabText(EVENTS_TAB, _("Events ({count})").format(count=len(rows)))

    def _after_load(self) -> None:
        new = self.group is None
        self.heading.setText(_("New partner group") if new else self.group.name)
        self.heading.setAccessibleName(self.heading.text())
        if new:
            self.tabs.setTabText(CONTACTS_TAB, _("Contacts"))
            self.tabs.setTabText(EVENTS_TAB, _("Events"))
        for tab in (CONTACTS_TAB, EVENTS_TAB):
            self.tabs.setTabEnabled(tab, not new)
            self.tabs.setTabToolTip(tab, _("Save the group first.") if new else "")
        self._baseline = self.form.group_input()
        self._set_dirty(False)

    def _on_edited(self) -> None:
        # Typed back to what is stored: nothing to discard or save, as in every editor.
        self._set_dirty(self.form.group_input() != self._baseline)

    def _set_dirty(self, dirty: bool) -> None:
        changed = dirty != self.dirty
        self.dirty = dirty
        # Nothing to save on a group as it was loaded (a new one may be saved to see what is missing).
        self.save_bar.show_state(dirty, can_save=dirty or self.group is None)
        if changed:
            self.dirty_changed.emit(dirty)

    def focusNextPrevChild(self, next: bool) -> bool:
        # The fields in reading order, then Discard and Save (widgets/tab_order.py says why).
        chain = [*self.form.focus_chain(), *self.save_bar.focus_chain()]
        if self.tabs.currentIndex() == DETAILS_TAB and move_along(chain, next):
            return True
        return super().focusNextPrevChild(next)

    def focus_first_field(self) -> None:
        self.tabs.setCurrentIndex(DETAILS_TAB)
        self.form.name.setFocus()
        self.form.name.selectAll()

    # --- saving -----------------------------------------------------------------------
    def save(self) -> bool:
        data = self.form.group_input()
        try:
            if self.group is None:
                group = self.context.call(partners.create_group, data)
            else:
                group = self.context.call(
                    partners.update_group, self.group.id, data, version=self.group.version
                )
        except ValidationError as error:
            self.tabs.setCurrentIndex(DETAILS_TAB)
            if not self.form.errors.show(error):
                show_error(self, error)
            return False
        except RallyorgError as error:
            resolution = self._resolve_conflict(error, data)
            if resolution is not None:
                return bool(settle(resolution, self, self.save))
            show_error(self, error)
            return False
        self.show_group(group)
        self.saved.emit(group.id)
        return True

    # --- someone else's change meanwhile (gui/conflicts.py) ---------------------------------
    def _resolve_conflict(
        self, error: RallyorgError, data: PartnerGroupInput
    ) -> Resolution[PartnerGroupInput, PartnerGroupData] | None:
        if self.group is None:
            return None
        group_id = self.group.id
        record = RecordConflicts(
            conflict_fields(),
            lambda: self.context.call(partners.get_group, group_id),
            stored_input,
            lambda stored: stored.version,
        )
        return resolve_conflict(self, error, record, data, self._baseline, self.group.version)

    def show_stored(self, stored: PartnerGroupData) -> None:
        self.show_group(stored)

    def put_input(self, data: PartnerGroupInput) -> None:
        self.form.set_input(data)
        self._on_edited()

    def take_theirs(self, stored: PartnerGroupData) -> bool:
        self.show_group(stored)
        self.saved.emit(stored.id)  # the list shows the saved version too
        return False

    def save_as_new(self) -> bool:
        self.group = None
        return self.save()

    def drop_deleted(self) -> None:
        gone = self.group_id
        self.start_new()
        self.context.data_changed(
            Change.of(Record.PARTNERS | Record.VOLUNTEERS | Record.EVENTS, Op.DELETED, gone)
        )

    def discard_changes(self) -> None:
        self._set_dirty(False)
        if self.group is None or not self.reload():
            self.start_new()
