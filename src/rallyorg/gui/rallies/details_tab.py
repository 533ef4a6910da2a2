"""The Details tab: kind, status, when (with time zone), where, lead group (shown; chosen on
the Partners tab), size, web page, the picture for the flyers (saved as it is chosen,
``gui/picture_field.py``), and below them who came (``attendance_panel``).

The start is a day typed whole in the language's order (``widgets.date_field``: no "3202")
and a time beside it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.enums import EventKind, EventStatus
from rallyorg.domain.events import DEFAULT_TIMEZONE, EventData
from rallyorg.domain.venues import VenueData
from rallyorg.gui.changes import Record
from rallyorg.gui.context import GuiContext
from rallyorg.gui.picture_field import PictureField, PictureWords
from rallyorg.gui.rallies.attendance_panel import AttendancePanel, RallyDay
from rallyorg.gui.rallies.form_rows import add_field_row, new_form
from rallyorg.gui.rallies.labels import COMMON_TIME_ZONES, time_zone_label, use_locale_format
from rallyorg.gui.rallies.venue_dialog import VenueDialog
from rallyorg.gui.widgets.date_field import DateField
from rallyorg.gui.widgets.fitting import FittingScrollArea, compact_in_scroll_area
from rallyorg.gui.widgets.forms import FieldErrors
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.suggestions import attach_suggestions
from rallyorg.i18n import _, format_long_date, ngettext
from rallyorg.services import pictures
from rallyorg.services.events import local_datetime


@dataclass(frozen=True)
class Details:
    """What the Details tab edits, as the service takes it."""

    kind: EventKind
    status: EventStatus
    starts_at: dt.datetime  # aware, in ``timezone``
    ends_at: dt.datetime
    timezone: str
    venue_id: int | None
    expected_attendance: int | None
    public_url: str
    tags: tuple[str, ...] = ()  # campaign tags
    event_id: int | None = None  # the saved rally's (None: a new one); not edited here

    @classmethod
    def of(cls, event: EventData) -> Details:
        return cls(
            kind=event.kind,
            status=event.status,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            timezone=event.timezone,
            venue_id=event.venue.id if event.venue else None,
            expected_attendance=event.expected_attendance,
            public_url=event.public_url,
            tags=event.tags,
            event_id=event.id,
        )


def typed_tags(text: str) -> tuple[str, ...]:
    """ "TRUST Act 2027, census" as its tags (the service cleans and de-duplicates them)."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def narrow_combo(combo: QComboBox) -> QComboBox:
    """As narrow as a dozen letters when the window is (a long choice is elided, whole in the
    list); as wide as the form otherwise."""
    combo.setMinimumContentsLength(12)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


class DetailsTab(FittingScrollArea):
    """As wide as its fields need (the splitter beside it makes room); in a narrow window its
    buttons show their icons alone and long choices are elided: it never scrolls sideways."""

    edited = Signal()
    lead_requested = Signal()  # "Choose on the Partners tab…"

    def __init__(self, context: GuiContext, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setFrameShape(FittingScrollArea.Shape.NoFrame)
        page = QWidget()
        outer = QVBoxLayout(page)
        form = new_form()
        outer.addLayout(form)
        outer.addSpacing(12)
        self.attendance_panel = AttendancePanel(context)
        outer.addWidget(self.attendance_panel)
        outer.addStretch(1)
        self.setWidget(page)
        self._event_id: int | None = None
        self._end_day_offset = 0
        self._venues: list[VenueData] = []
        self.dialog: VenueDialog | None = None  # the venue dialog last opened

        self.kind = narrow_combo(QComboBox())
        for kind in EventKind:
            self.kind.addItem(_(kind.label), kind.value)
        add_field_row(errors, form, _("Kind"), self.kind, "kind")
        self.status = narrow_combo(QComboBox())
        for status in EventStatus:
            self.status.addItem(_(status.label), status.value)
        add_field_row(errors, form, _("Status"), self.status, "status")

        self.start_day = DateField()
        self.start_time = QTimeEdit()
        use_locale_format(self.start_time, date=False)
        self.start_time.setAccessibleName(_("Start time"))
        self.weekday = QLabel()
        add_field_row(
            errors,
            form,
            _("Starts"),
            self.start_day,
            "starts_at",
            beside=(self.start_time,),
            hint=self.weekday,
            required=True,
        )
        self.ends = QTimeEdit()
        self.next_day = QLabel()
        add_field_row(errors, form, _("Ends"), self.ends, "ends_at", beside=(self.next_day,), required=True)
        self.timezone = narrow_combo(QComboBox())
        for zone, _label in COMMON_TIME_ZONES:
            self.timezone.addItem(time_zone_label(zone), zone)
        add_field_row(errors, form, _("Time zone"), self.timezone, "timezone", required=True)

        self.venue = narrow_combo(QComboBox())
        self.new_venue = QPushButton(icon("ph.map-pin"), _("New venue…"))
        self.new_venue.setToolTip(_("Add a place that is not in the list yet"))
        self.new_venue.clicked.connect(self.create_venue)
        self.venue_address = QLabel()
        add_field_row(
            errors,
            form,
            _("Venue"),
            self.venue,
            "venue_id",
            beside=(self.new_venue,),
            hint=self.venue_address,
        )
        # Shown, not edited, here: the lead is the Partners tab's row with the role Lead (two
        # places to choose it once disagreed, and the flyer followed only one of them).
        self.lead_group = QLabel()
        self.lead_group.setWordWrap(True)  # a long name in a narrow window
        self.lead_group.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_lead = QPushButton(icon("ph.handshake"), _("Choose on the Partners tab…"))
        self.change_lead.setToolTip(_("The lead group is the partner group whose role is Lead"))
        self.change_lead.clicked.connect(self.lead_requested)
        add_field_row(
            errors, form, _("Lead partner group"), self.lead_group, "lead_group", beside=(self.change_lead,)
        )
        self.attendance = QSpinBox()
        self.attendance.setRange(0, 1_000_000)
        self.attendance.setGroupSeparatorShown(True)
        self.attendance.setSpecialValueText(_("Not estimated"))
        add_field_row(errors, form, _("Expected attendance"), self.attendance, "expected_attendance")
        self.public_url = QLineEdit()
        self.public_url.setPlaceholderText("https://")
        add_field_row(errors, form, _("Public web page"), self.public_url, "public_url")
        self.tags = QLineEdit()
        # Translators: example campaign tags, in the rally's Details tab (comma-separated).
        self.tags.setPlaceholderText(_("e.g. TRUST Act 2027, Census"))
        self.tags.setToolTip(
            _("The campaigns this rally belongs to, separated by commas: reports can show one")
        )
        self.tag_suggestions = attach_suggestions(self.tags, separator=",")
        add_field_row(errors, form, _("Campaign tags"), self.tags, "tags")
        self.picture = PictureField(
            context,
            read=pictures.event_picture,
            write=pictures.save_event_picture,
            records=Record.EVENTS,
            words=PictureWords(
                field="picture",
                dialog_title=_("Choose the rally's picture"),
                none_yet=_("No picture yet"),
                save_first=_("Save the rally first."),
                saved=_("Picture saved: {file}"),
                removed=_("Picture removed"),
                tooltip=_("A photo or illustration for the poster and letter flyers"),
            ),
        )
        picture_label = QLabel(_("Picture"))
        picture_label.setBuddy(self.picture.choose_button)
        form.addRow(picture_label, self.picture)

        for signal in (
            self.kind.currentIndexChanged,
            self.status.currentIndexChanged,
            self.start_day.dateChanged,
            self.start_time.timeChanged,
            self.ends.timeChanged,
            self.timezone.currentIndexChanged,
            self.venue.currentIndexChanged,
            self.attendance.valueChanged,
            self.public_url.textChanged,
            self.tags.textChanged,
        ):
            signal.connect(self.edited)
        self.buttons = compact_in_scroll_area(
            self,
            (
                self.new_venue,
                self.change_lead,
                self.picture.choose_button,
                self.picture.remove_button,
                self.attendance_panel.open_button,
            ),
        )
        self.start_day.edited.connect(self._show_weekday)
        self.attendance.valueChanged.connect(lambda value: self.attendance_panel.set_expected(value or None))
        self.venue.currentIndexChanged.connect(self._show_venue_address)

    # --- choices ----------------------------------------------------------------------------
    def set_choices(self, venues: list[VenueData], campaigns: list[str] | None = None) -> None:
        self._venues = venues
        if campaigns is not None:
            self.tag_suggestions.set_words(campaigns)
        self._fill_venues(self.venue.currentData())

    def show_lead(self, name: str) -> None:
        """The lead group as the Partners tab has it now (saved or not)."""
        self.lead_group.setText(name or _("None yet"))
        self.lead_group.setEnabled(bool(name))  # greyed: a hint, not a value

    def _fill_venues(self, selected: int | None) -> None:
        self.venue.blockSignals(True)
        self.venue.clear()
        self.venue.addItem(_("No venue yet"), None)
        for venue in self._venues:
            self.venue.addItem(venue.name, venue.id)
            self.venue.setItemData(
                self.venue.count() - 1, venue.address or venue.name, Qt.ItemDataRole.ToolTipRole
            )
        self._select(self.venue, selected)
        self.venue.blockSignals(False)
        self._show_venue_address()

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    # --- load / collect -----------------------------------------------------------------------
    def load(self, details: Details) -> None:
        self._select(self.kind, details.kind.value)
        self._select(self.status, details.status.value)
        # From the wall-clock parts: an aware datetime would be shifted to the machine's zone.
        start = details.starts_at
        self.start_day.setDate(QDate(start.year, start.month, start.day))
        self.start_time.setTime(QTime(start.hour, start.minute))
        self.ends.setTime(QTime(details.ends_at.hour, details.ends_at.minute))
        self._end_day_offset = max((details.ends_at.date() - details.starts_at.date()).days, 0)
        self.next_day.setText(
            ngettext("+{n} day", "+{n} days", self._end_day_offset).format(n=self._end_day_offset)
            if self._end_day_offset
            else ""
        )
        if self.timezone.findData(details.timezone) < 0:
            self.timezone.addItem(details.timezone, details.timezone)
        self._select(self.timezone, details.timezone)
        self._select(self.venue, details.venue_id)
        self.attendance.setValue(details.expected_attendance or 0)
        self.public_url.setText(details.public_url)
        self.tags.setText(", ".join(details.tags))
        self._show_weekday()
        self._show_venue_address()
        self._event_id = details.event_id
        self.picture.show_record(details.event_id)
        # Who came: by the saved start and status, not by edits not saved yet.
        self.attendance_panel.show_rally(
            RallyDay(details.event_id, details.starts_at, details.status), details.expected_attendance
        )

    def collect(self) -> Details:
        zone = str(self.timezone.currentData() or DEFAULT_TIMEZONE)
        day: dt.date = self.start_day.date().toPython()  # type: ignore[assignment]
        start_time: dt.time = self.start_time.time().toPython()  # type: ignore[assignment]
        end_time: dt.time = self.ends.time().toPython()  # type: ignore[assignment]
        return Details(
            kind=EventKind(self.kind.currentData()),
            status=EventStatus(self.status.currentData()),
            starts_at=local_datetime(day, start_time.replace(second=0, microsecond=0), zone),
            ends_at=local_datetime(
                day + dt.timedelta(days=self._end_day_offset), end_time.replace(second=0, microsecond=0), zone
            ),
            timezone=zone,
            venue_id=self.venue.currentData(),
            expected_attendance=self.attendance.value() or None,
            public_url=self.public_url.text().strip(),
            tags=typed_tags(self.tags.text()),
            event_id=self._event_id,
        )

    def check_dates(self) -> None:
        """Raise a ValidationError for the start's day if what was typed there is not a date."""
        self.start_day.check("starts_at")

    # --- helpers ------------------------------------------------------------------------------
    def _show_weekday(self) -> None:
        if not self.start_day.is_readable():
            self.weekday.setText(self.start_day.format_hint())
            return
        day = self.start_day.date().toPython()
        self.weekday.setText(format_long_date(day, self.context.language))  # type: ignore[arg-type]

    def _show_venue_address(self) -> None:
        venue = next((v for v in self._venues if v.id == self.venue.currentData()), None)
        lines = [venue.address] if venue and venue.address else []
        if venue and venue.accessibility_notes:
            lines.append(_("Access: {notes}").format(notes=venue.accessibility_notes))
        self.venue_address.setText("\n".join(lines))
        self.venue_address.setVisible(bool(lines))

    def create_venue(self) -> None:
        """Add a venue in a small dialog; it becomes this rally's venue."""
        self.dialog = VenueDialog(self.context, self)
        self.dialog.created.connect(self._venue_created)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # else each one stays a hidden child
        self.dialog.open()

    def _venue_created(self, venue: VenueData) -> None:
        self._venues = sorted([*self._venues, venue], key=lambda v: v.name.casefold())
        self._fill_venues(venue.id)
        self.edited.emit()
        self.context.say(_("Venue “{name}” added").format(name=venue.name))
