"""The rally editor: a header (title, status) over the tabs Details, Texts, Partners, Shifts
and Flyer, and the save bar under them (Discard changes, Save). Details, texts and partners
are one form, saved with one service call; shifts and sign-ups are saved as each action
happens.

Saving a rally with a new start asks whether its shifts move with it (by as much on the
clock, keeping their sign-ups); the answer goes into the same service call."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QToolButton, QVBoxLayout, QWidget

from rallyorg.domain.dates import wall_clock_offset
from rallyorg.domain.enums import EventKind, EventStatus, PartnerRole
from rallyorg.domain.errors import RallyorgError, ValidationError
from rallyorg.domain.events import DEFAULT_TIMEZONE, EventData, EventInput, EventPartnerData, EventTextInput
from rallyorg.domain.shifts import SignUpData
from rallyorg.gui.activity_dialog import ActivityDialog, RecordShown, open_activity
from rallyorg.gui.changes import Change, Op, Record
from rallyorg.gui.conflicts import RecordConflicts, Resolution, resolve_conflict, settle
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.rallies.conflict_fields import rally_fields, stored_input
from rallyorg.gui.rallies.details_tab import Details, DetailsTab
from rallyorg.gui.rallies.flyer_tab import FlyerTab
from rallyorg.gui.rallies.partners_tab import PartnersTab
from rallyorg.gui.rallies.shifts_tab import ShiftsTab
from rallyorg.gui.rallies.texts_tab import TextsTab
from rallyorg.gui.widgets.chips import StatusChip
from rallyorg.gui.widgets.fitting import fitting_tabs
from rallyorg.gui.widgets.forms import FieldErrors
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.save_bar import SaveBar
from rallyorg.gui.widgets.style import title_label
from rallyorg.i18n import _, format_long_date, format_time, ngettext
from rallyorg.services import Database, events, partners, venues
from rallyorg.services.events import local_datetime

DETAILS, TEXTS, PARTNERS, SHIFTS, FLYER = range(5)


def new_rally_details(db: Database, today: dt.date | None = None) -> Details:
    """Defaults for a new rally: a week from today, 3 to 5 pm in New York time."""
    day = (today or dt.date.today()) + dt.timedelta(days=7)
    return Details(
        kind=EventKind.RALLY,
        status=EventStatus.DRAFT,
        starts_at=local_datetime(day, dt.time(15, 0), DEFAULT_TIMEZONE),
        ends_at=local_datetime(day, dt.time(17, 0), DEFAULT_TIMEZONE),
        timezone=DEFAULT_TIMEZONE,
        venue_id=None,
        expected_attendance=None,
        public_url="",
    )


def last_lead(db: Database) -> tuple[EventPartnerData, ...]:
    """A new rally is led, to begin with, by the group that led the last rally planned (if it
    is still active): as the Partners tab's lead row, the one place the lead is chosen."""
    last = max(events.list_events(db), key=lambda e: e.id, default=None)
    lead = next((p for p in last.partners if p.role == PartnerRole.LEAD), None) if last else None
    if lead is None or not partners.get_group(db, lead.group_id).active:
        return ()
    return (EventPartnerData(lead.group_id, lead.group_name, PartnerRole.LEAD, ""),)


def _normalised(data: EventInput) -> EventInput:
    """Partner order does not matter when deciding whether anything changed."""
    key = lambda p: (p.group_id, PartnerRole(p.role).value)  # noqa: E731
    return replace(data, partners=tuple(sorted(data.partners or (), key=key)))


def read_event(context: GuiContext, event_id: int) -> EventData:
    """The rally as this login may see it: without who signed up for a viewer on a server."""
    return context.call(events.get_event, event_id, people=context.rights.read_people)


class RallyEditor(QWidget):
    saved = Signal(object)  # EventData
    dirty_changed = Signal(bool)
    data_changed = Signal(object)  # a shift or sign-up changed: a Change for GuiContext.data_changed

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.rally: EventData | None = None
        self._baseline: EventInput | None = None
        self._loading = False
        self._dirty = False
        self._partner_names: dict[int, str] = {}  # (for the conflict dialog)
        self.errors = FieldErrors()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 0)  # the save bar's bottom level with the list's
        header = QHBoxLayout()
        self.heading = title_label(_("New rally"), 1.3)
        self.heading.setWordWrap(True)
        self.chip = StatusChip()
        header.addWidget(self.heading, 1)
        header.addWidget(self.chip)
        # Beside the title, not in the save bar (no room left there at 1024 px): an icon, named
        # for screen readers, so a Portuguese title still fits on its line at 1024×700.
        self.history_button = QToolButton()
        self.history_button.setIcon(icon("ph.clock-clockwise"))
        self.history_button.setAutoRaise(True)
        self.history_button.setAccessibleName(_("History…"))
        self.history_button.setToolTip(
            "\n".join((_("History…"), _("Who changed this rally, its shifts and sign-ups, and when")))
        )
        self.history_button.clicked.connect(self.show_changes)
        self.history_button.setEnabled(False)  # a rally not saved yet has none
        header.addWidget(self.history_button)
        layout.addLayout(header)

        self.tabs = fitting_tabs()  # icons alone when the titles do not fit a narrow window
        self.tabs.setDocumentMode(True)
        self.details = DetailsTab(context, self.errors)
        self.texts = TextsTab(self.errors)
        self.partners = PartnersTab(context)
        self.shifts = ShiftsTab(context)
        self.flyer = FlyerTab(context)
        self.tabs.addTab(self.details, icon("ph.calendar"), _("Details"))
        self.tabs.addTab(self.texts, icon("ph.translate"), _("Texts"))
        self.tabs.addTab(self.partners, icon("ph.handshake"), _("Partners"))
        self.tabs.addTab(self.shifts, icon("ph.users"), _("Shifts"))
        self.tabs.addTab(self.flyer, icon("ph.printer"), _("Flyer"))
        layout.addWidget(self.tabs, 1)
        # Under the tabs, as in every editor (widgets/save_bar.py).
        self.save_bar = SaveBar(discard=self.discard_changes, save=self.save)
        self.unsaved_label, self.revert_button, self.save_button = self.save_bar.parts
        layout.addWidget(self.save_bar)
        for tab in (self.details, self.texts, self.partners):
            tab.edited.connect(self._on_edited)
        self.partners.edited.connect(lambda: self.details.show_lead(self.partners.lead_name()))
        self.details.lead_requested.connect(self.choose_lead)
        self.shifts.changed.connect(self._shifts_changed)
        self.dirty_changed.connect(self.flyer.set_unsaved_changes)
        self.flyer.edit_texts_requested.connect(self.focus_text)
        self._show_dirty(False)

    # --- loading ------------------------------------------------------------------------------
    def _refresh_choices(self) -> None:
        self.details.set_choices(
            self.context.call(venues.list_venues), self.context.call(events.campaign_tags)
        )

    def load(self, event: EventData) -> None:
        self._loading = True
        try:
            self.errors.clear()
            self.rally = event
            self._refresh_choices()
            self.details.load(Details.of(event))
            self.texts.load(
                {
                    code: EventTextInput(
                        t.title, t.summary, t.call_to_action, t.accessibility_note, t.headline
                    )
                    for code, t in event.texts.items()
                },
                event.missing_texts(),
            )
            self.partners.load(event.partners)
            self.details.show_lead(self.partners.lead_name())
            self.shifts.load(event)
            self.flyer.show_event(event)
        finally:
            self._loading = False
        self._baseline = _normalised(self.collect())
        self._show_dirty(False)
        self._update_header()

    def choose_lead(self) -> None:
        """Details ▸ "Choose on the Partners tab…": the lead's row, ready to change."""
        self.tabs.setCurrentIndex(PARTNERS)
        self.partners.show_lead()

    def start_new(self, details: Details) -> None:
        self._loading = True
        try:
            self.errors.clear()
            self.rally = None
            self._refresh_choices()
            self.details.load(details)
            self.texts.load({}, None)
            self.partners.load(self.context.call(last_lead))
            self.details.show_lead(self.partners.lead_name())
            self.shifts.load(None)
            self.flyer.show_event(None)
        finally:
            self._loading = False
        self._baseline = _normalised(self.collect())
        self._show_dirty(False)
        self._update_header()
        self.tabs.setCurrentIndex(TEXTS)  # a new rally starts with its title
        self.texts.title_in(self.context.language).setFocus()

    def refresh_from(self, fresh: EventData) -> None:
        """Newer data for the rally on show: reload it unless that would drop the user's edits;
        the shifts (saved as they happen) are always brought up to date. Compared as a whole,
        not by version: editing only texts or partners leaves the event's version as it was."""
        if not self.is_dirty():
            if fresh != self.rally:
                tab = self.tabs.currentIndex()
                self.load(fresh)
                self.tabs.setCurrentIndex(tab)
            return
        self.rally = replace(self.rally, shifts=fresh.shifts) if self.rally else fresh
        self.shifts.load(self.rally)
        self.flyer.show_event(self.rally)

    # --- the form -----------------------------------------------------------------------------
    def collect(self) -> EventInput:
        d = self.details.collect()
        return EventInput(
            starts_at=d.starts_at,
            ends_at=d.ends_at,
            kind=d.kind,
            status=d.status,
            timezone=d.timezone,
            venue_id=d.venue_id,
            expected_attendance=d.expected_attendance,
            public_url=d.public_url,
            tags=d.tags,
            texts=self.texts.collect(),
            partners=self.partners.collect(),
        )

    def is_dirty(self) -> bool:
        return self._baseline is not None and _normalised(self.collect()) != self._baseline

    @property
    def is_new(self) -> bool:
        return self.rally is None

    def _on_edited(self) -> None:
        if self._loading:
            return
        self._show_dirty(self.is_dirty())
        self._update_header()

    def _show_dirty(self, dirty: bool) -> None:
        # A new rally may be saved as it is, to see what is missing.
        self.save_bar.show_state(dirty, can_save=dirty or self.rally is None)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def _update_header(self) -> None:
        language = self.context.language
        typed = self.texts.collect()
        title = next(
            (typed[c].title for c in (language, "en", *typed) if c in typed and typed[c].title),
            "",
        )
        self.heading.setText(title or (_("New rally") if self.rally is None else _("(untitled)")))
        self.history_button.setEnabled(self.rally is not None)
        self.heading.setToolTip(self.heading.text())
        self.chip.set_status(self.details.collect().status)
        missing = self.texts.missing_languages()
        self.tabs.setTabIcon(TEXTS, icon("ph.warning", color="#9a6700") if missing else icon("ph.translate"))
        self.tabs.setTabToolTip(
            TEXTS,
            _("Some languages still lack a title or summary") if missing else _("Texts in every language"),
        )

    # --- saving -------------------------------------------------------------------------------
    def save(self) -> EventData | None:
        """One service call; on a validation error the field is marked and nothing typed is lost.
        None when it was not saved (an error, or Cancel at "Move its shifts too?")."""
        data = self.collect()
        self.errors.clear()
        promoted: tuple[SignUpData, ...] = ()
        moved = 0
        try:
            self.details.check_dates()
            if self.rally is None:
                saved = self.context.call(events.create_event, data)
            else:
                move_shifts = self._ask_to_move_shifts(self.rally, data)
                if move_shifts is None:
                    return None
                change = self.context.call(
                    events.update_event_and_shifts,
                    self.rally.id,
                    data,
                    version=self.rally.version,
                    move_shifts=move_shifts,
                )
                saved, moved, promoted = change.event, change.shifts_moved, change.promotions
        except ValidationError as error:
            self.show_validation(error)
            return None
        except RallyorgError as error:
            resolution = self._resolve_conflict(error, data)
            if resolution is not None:
                return settle(resolution, self, self.save)
            show_error(self, error)
            return None
        self.load(saved)
        self.saved.emit(saved)
        if moved or promoted:
            self._say_shifts_moved(saved, moved, promoted)
        return saved

    def discard_changes(self) -> None:
        """Back to the rally as saved (read again: the shifts may have changed meanwhile), or
        to a fresh new rally; asks nothing, on the tab that was showing."""
        if self.rally is None:
            self.start_new(self.context.call(new_rally_details))
            return
        try:
            stored = read_event(self.context, self.rally.id)
        except RallyorgError as error:
            show_error(self, error)
            return
        tab = self.tabs.currentIndex()
        self.load(stored)
        self.tabs.setCurrentIndex(tab)

    def show_changes(self) -> ActivityDialog | None:
        """History…: the activity log's entries for this rally, its shifts and sign-ups."""
        if self.rally is None:
            return None
        shown = RecordShown("event", self.rally.id, self.heading.text())
        return open_activity(self, self.context, shown)

    def _ask_to_move_shifts(self, rally: EventData, data: EventInput) -> bool | None:
        """Whether the shifts move with a new start: False when it did not move or there are
        no shifts, None when the organizer chose Cancel."""
        count = len(rally.shifts)
        if not count or not wall_clock_offset(rally.starts_at, data.starts_at):
            return False
        language = self.context.language

        def when(moment: dt.datetime) -> str:
            return _("{date} at {time}").format(
                date=format_long_date(moment, language), time=format_time(moment, language)
            )

        question = ngettext(
            "The rally moves from {old} to {new}. Move its shift by as much too, keeping its sign-ups?",
            "The rally moves from {old} to {new}. "
            "Move its {n} shifts by as much too, keeping their sign-ups?",
            count,
        ).format(old=when(rally.starts_at), new=when(data.starts_at), n=count)
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            ngettext("Move the shift too?", "Move the shifts too?", count),
            question
            + "\n\n"
            + _("No leaves them on their old dates and times; Cancel goes back to the rally unsaved."),
            buttons.Yes | buttons.No | buttons.Cancel,
            buttons.Yes,
        )
        if answer == buttons.Yes:
            return True
        if answer == buttons.No:
            return False
        return None

    def _say_shifts_moved(self, saved: EventData, moved: int, promoted: tuple[SignUpData, ...]) -> None:
        """The status bar (and, for whoever moved up from a waitlist, the Shifts tab) says it."""
        sentences = [
            ngettext("Saved; its shift moved with it.", "Saved; its {n} shifts moved with it.", moved).format(
                n=moved
            )
        ]
        roles = {s.id: s.role for s in saved.shifts}
        if promoted:
            sentences.append(self.shifts.announce_promotions(promoted, roles))
        self.context.say(" ".join(sentences))

    def show_validation(self, error: ValidationError) -> None:
        field = error.field
        tab = TEXTS if field.startswith("texts.") else PARTNERS if field.startswith("partners") else DETAILS
        self.tabs.setCurrentIndex(tab)
        if not self.errors.show(error):
            show_error(self, error)

    def _shifts_changed(self) -> None:
        if self.rally is not None:
            try:
                fresh = read_event(self.context, self.rally.id)
            except RallyorgError as error:
                show_error(self, error)
                return
            self.refresh_from(fresh)
        rally_id = self.rally.id if self.rally is not None else None
        self.data_changed.emit(Change.of(Record.EVENTS | Record.SIGNUPS, Op.UPDATED, rally_id))

    def focus_first_field(self) -> None:
        first = {DETAILS: self.details.kind, TEXTS: self.texts.title_in(self.context.language)}
        widget = first.get(self.tabs.currentIndex())
        if widget is not None:
            widget.setFocus()
        else:
            self.tabs.currentWidget().setFocus()
            self.tabs.currentWidget().focusNextChild()

    def focus_text(self, language: str, field: str) -> None:
        """Show one language's field on the Texts tab (the flyer's "Edit texts")."""
        self.tabs.setCurrentIndex(TEXTS)
        column = self.texts.columns.get(language) or self.texts.columns["en"]
        widget = getattr(column, field, None) if field else None
        target = widget if isinstance(widget, QWidget) else column.title
        target.setFocus()
        self.texts.ensureWidgetVisible(target)

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    # --- someone else's change meanwhile (gui/conflicts.py) ---------------------------------
    def _resolve_conflict(
        self, error: RallyorgError, data: EventInput
    ) -> Resolution[EventInput, EventData] | None:
        if self.rally is None:
            return None
        rally_id = self.rally.id
        # Names for the partners on either side (the form's rows go when the saved rally shows).
        names = self._partner_names = {row.group_id: row.name for row in self.partners.rows}

        def read() -> EventData:
            stored = read_event(self.context, rally_id)
            names.update({p.group_id: p.group_name for p in stored.partners})
            return stored

        record = RecordConflicts(
            rally_fields(self.details._venues, names), read, stored_input, lambda stored: stored.version
        )
        return resolve_conflict(self, error, record, data, self._baseline, self.rally.version)

    def show_stored(self, stored: EventData) -> None:
        tab = self.tabs.currentIndex()
        self.load(stored)
        self.tabs.setCurrentIndex(tab)

    def put_input(self, data: EventInput) -> None:
        names = self._partner_names
        self._loading = True
        try:
            self.details.load(
                Details(
                    kind=data.kind,
                    status=data.status,
                    starts_at=data.starts_at,
                    ends_at=data.ends_at,
                    timezone=data.timezone,
                    venue_id=data.venue_id,
                    expected_attendance=data.expected_attendance,
                    public_url=data.public_url,
                    tags=data.tags or (),
                    event_id=self.rally.id if self.rally else None,
                )
            )
            self.texts.load(dict(data.texts), self.rally.missing_texts() if self.rally else None)
            self.partners.load(
                tuple(
                    EventPartnerData(p.group_id, names.get(p.group_id, ""), p.role, p.commitment)
                    for p in data.partners or ()
                )
            )
            self.details.show_lead(self.partners.lead_name())
        finally:
            self._loading = False
        self._on_edited()

    def take_theirs(self, stored: EventData) -> EventData | None:
        self.show_stored(stored)
        self.saved.emit(stored)  # the list shows the saved version too
        return None

    def save_as_new(self) -> EventData | None:
        self.rally = None
        self.shifts.load(None)  # its shifts went with it
        return self.save()

    def drop_deleted(self) -> None:
        gone = self.rally.id if self.rally else None
        self.start_new(self.context.call(new_rally_details))
        self.data_changed.emit(Change.of(Record.EVENTS | Record.SIGNUPS, Op.DELETED, gone))
