"""The right-hand side of the Volunteers place: one volunteer's details and sign-up history,
over the save bar (Forget this person…, Discard changes, Save — Ctrl+S) and unsaved-changes
tracking. Typed data is never lost on an error."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import RallyorgError, ValidationError
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.gui.activity_dialog import ActivityDialog, RecordShown, open_activity
from rallyorg.gui.changes import Change, Op, Record
from rallyorg.gui.conflicts import RecordConflicts, Resolution, resolve_conflict, settle
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.volunteers.form import VolunteerForm, volunteer_input
from rallyorg.gui.volunteers.history import HistoryPanel, hours_text
from rallyorg.gui.widgets.fitting import FittingScrollArea
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.save_bar import SaveBar
from rallyorg.gui.widgets.style import title_label
from rallyorg.gui.widgets.tab_order import move_along
from rallyorg.i18n import _, format_short_date
from rallyorg.services import volunteers
from rallyorg.services.volunteers import VolunteerData

NOTHING, EDITING = range(2)


class VolunteerEditor(QStackedWidget):
    saved = Signal(object)  # the VolunteerData as stored
    forgotten = Signal(int)  # the id of the volunteer just forgotten (gui/forget.py)
    dirty_changed = Signal(bool)
    event_chosen = Signal(int)

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.volunteer_id: int | None = None
        self._version: int | None = None
        self._baseline: VolunteerInput | None = None
        self._dirty = False
        #: called before a volunteer (or a new one) is shown: the list reads the partner groups
        #: offered here then, not at start (VolunteersScreen._offer_groups)
        self.before_editing: Callable[[], None] = lambda: None
        language = context.language

        nothing = QLabel(_("Choose a volunteer in the list to see their details, or add a new one."))
        nothing.setWordWrap(True)
        nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nothing.setMargin(24)
        self.addWidget(nothing)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 0, 0, 0)
        self.heading = title_label("", 1.25)
        self.heading.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(self.heading, 1)
        # Beside the name, not in the save bar: that bar has no room left in Spanish at 910 px.
        self.history_button = QPushButton(icon("ph.clock-clockwise"), _("History…"))
        self.history_button.setToolTip(_("Who created and changed this record, and when"))
        self.history_button.clicked.connect(self.show_changes)
        header.addWidget(self.history_button)
        layout.addLayout(header)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        layout.addWidget(self.subtitle)

        self.form = VolunteerForm(language)
        self.form.changed.connect(self._update_dirty)
        scroll = FittingScrollArea()  # as wide as the form needs: never a sideways scroll
        scroll.setWidget(self.form)
        scroll.setFrameShape(FittingScrollArea.Shape.NoFrame)
        self.history = HistoryPanel(language)
        self.history.event_chosen.connect(self.event_chosen)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, _("Details"))
        self.tabs.addTab(self.history, _("Sign-ups"))
        layout.addWidget(self.tabs, 1)

        # Under the tabs, as in every editor (widgets/save_bar.py); Forget on its left.
        self.forget_button = QPushButton(icon("ph.eraser"), _("Forget this person…"))
        self.forget_button.setToolTip(
            _(
                "Remove this volunteer from rallyorg and its backups for good; "
                "sign-ups stay as anonymous counts"
            )
        )
        self.forget_button.clicked.connect(self.forget_person)
        self.save_bar = SaveBar(discard=self.revert, save=self.save, extra_buttons=[self.forget_button])
        self.unsaved_label, self.revert_button, self.save_button = self.save_bar.parts
        layout.addWidget(self.save_bar)
        self.addWidget(page)
        self.setCurrentIndex(NOTHING)
        self._update_dirty()

    # --- what is shown --------------------------------------------------------------------
    def show_nothing(self) -> None:
        self.volunteer_id, self._version = None, None
        self.form.set_value(None)
        self.history.set_volunteer(None)
        self.setCurrentIndex(NOTHING)
        self._set_baseline()

    def show_new(self) -> None:
        self.before_editing()
        self.volunteer_id, self._version = None, None
        self.form.set_value(None)
        self.history.set_volunteer(None)
        self.heading.setText(_("New volunteer"))
        self.subtitle.setText(_("Fields marked * are required."))
        self.tabs.setTabText(1, _("Sign-ups"))
        self.tabs.setTabEnabled(1, False)
        self.tabs.setCurrentIndex(0)
        self.setCurrentIndex(EDITING)
        self._set_baseline()
        self.form.given_name.setFocus()

    def show_volunteer(self, data: VolunteerData) -> None:
        self.before_editing()
        self.volunteer_id, self._version = data.id, data.version
        self.form.set_value(data)
        self.history.set_volunteer(data)
        language = self.context.language
        self.heading.setText(data.name)
        parts = [_("Added {date}").format(date=format_short_date(data.created_at.astimezone(), language))]
        if data.history:
            parts.append(_("{hours} given").format(hours=hours_text(data.total_hours, language)))
        if data.do_not_contact:
            parts.append(_("Do not contact"))
        self.subtitle.setText(" · ".join(parts))
        self.tabs.setTabEnabled(1, True)
        self.tabs.setTabText(1, _("Sign-ups ({n})").format(n=len(data.history)))
        self.setCurrentIndex(EDITING)
        self._set_baseline()

    def load(self, volunteer_id: int) -> bool:
        """Show the stored volunteer; False (and nothing shown) if it no longer exists."""
        try:
            data = self.context.call(volunteers.get_volunteer, volunteer_id, self.context.language)
        except RallyorgError:
            self.show_nothing()
            return False
        self.show_volunteer(data)
        return True

    def is_editing(self) -> bool:
        return self.currentIndex() == EDITING

    def focusNextPrevChild(self, next: bool) -> bool:
        # The fields in reading order, then the save bar's buttons (widgets/tab_order.py says why).
        chain = [*self.form.focus_chain(), *self.save_bar.focus_chain()]
        if self.currentIndex() == EDITING and self.tabs.currentIndex() == 0 and move_along(chain, next):
            return True
        return super().focusNextPrevChild(next)

    def focus_first_field(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.form.given_name.setFocus()

    # --- unsaved changes ------------------------------------------------------------------
    def _set_baseline(self) -> None:
        self._baseline = self.form.value()
        self._update_dirty()

    def _update_dirty(self) -> None:
        dirty = self.currentIndex() == EDITING and self.form.value() != self._baseline
        self.save_bar.show_state(dirty)
        stored = self.currentIndex() == EDITING and self.volunteer_id is not None
        self.forget_button.setEnabled(stored)
        self.history_button.setEnabled(stored)  # a volunteer not saved yet has none
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def is_dirty(self) -> bool:
        return self._dirty

    def revert(self) -> None:
        if self.volunteer_id is None:
            self.show_new()
        else:
            self.load(self.volunteer_id)

    def forget_person(self) -> None:
        """Forget the volunteer shown, after the question (unsaved typing goes with them)."""
        volunteer_id = self.volunteer_id
        if volunteer_id is None:
            return
        # Imported on first use: the forgetting services cost the start ~20 ms of imports.
        from rallyorg.gui.forget import confirm_and_forget

        if confirm_and_forget(self, self.context, "volunteer", volunteer_id) is None:
            return
        self.show_nothing()
        self.forgotten.emit(volunteer_id)

    def show_changes(self) -> ActivityDialog | None:
        """History…: the activity log's entries for this volunteer, newest first."""
        if self.volunteer_id is None:
            return None
        shown = RecordShown("volunteer", self.volunteer_id, self.heading.text())
        return open_activity(self, self.context, shown)

    # --- saving ---------------------------------------------------------------------------
    def save(self) -> VolunteerData | None:
        """Save what is typed; on an error the form keeps it and marks the field."""
        if self.currentIndex() != EDITING:
            return None
        data = self.form.value()
        self.form.errors.clear()
        call = self.context.call
        try:
            if self.volunteer_id is None:
                stored = call(volunteers.create_volunteer, data)
            else:
                stored = call(volunteers.update_volunteer, self.volunteer_id, data, version=self._version)
        except ValidationError as error:
            self.tabs.setCurrentIndex(0)
            if not self.form.errors.show(error):
                show_error(self, error)
            return None
        except RallyorgError as error:
            resolution = self._resolve_conflict(error, data)
            if resolution is not None:
                return settle(resolution, self, self.save)
            show_error(self, error)
            return None
        # Read back in the interface language (event titles in the history).
        stored = call(volunteers.get_volunteer, stored.id, self.context.language)
        self.show_volunteer(stored)
        self.saved.emit(stored)
        return stored

    # --- someone else's change meanwhile (gui/conflicts.py) ---------------------------------
    def _resolve_conflict(
        self, error: RallyorgError, data: VolunteerInput
    ) -> Resolution[VolunteerInput, VolunteerData] | None:
        volunteer_id, version = self.volunteer_id, self._version
        if volunteer_id is None or version is None:
            return None
        record = RecordConflicts(
            self.form.conflict_fields(),
            lambda: self.context.call(volunteers.get_volunteer, volunteer_id, self.context.language),
            volunteer_input,
            lambda stored: stored.version,
        )
        return resolve_conflict(self, error, record, data, self._baseline, version)

    def show_stored(self, stored: VolunteerData) -> None:
        self.show_volunteer(stored)

    def put_input(self, data: VolunteerInput) -> None:
        self.form.set_input(data)
        self._update_dirty()

    def take_theirs(self, stored: VolunteerData) -> VolunteerData | None:
        self.show_volunteer(stored)
        self.saved.emit(stored)  # the list shows the saved version too
        return None

    def save_as_new(self) -> VolunteerData | None:
        self.volunteer_id, self._version = None, None
        return self.save()

    def drop_deleted(self) -> None:
        gone = self.volunteer_id
        self.show_nothing()
        self.context.data_changed(Change.of(Record.VOLUNTEERS | Record.SIGNUPS, Op.DELETED, gone))
