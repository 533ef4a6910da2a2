"""Dashboard: what needs attention now — upcoming events, their staffing, short shifts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.enums import EventStatus
from rallyorg.domain.events import EventData
from rallyorg.gui.context import GuiContext
from rallyorg.gui.screen import Screen
from rallyorg.gui.widgets.chips import STATUS_ROLE, StatusChipDelegate
from rallyorg.gui.widgets.empty_state import EmptyState
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.staffing import STAFFING_ROLE, StaffingDelegate
from rallyorg.gui.widgets.style import section_label, title_label
from rallyorg.gui.widgets.tables import read_only_table
from rallyorg.i18n import _, format_number, format_short_date, format_time, ngettext
from rallyorg.services import Database, attendance, events, overview
from rallyorg.services.attendance import EventAttendance
from rallyorg.services.session_rights import SessionRights

ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Overview:
    totals: overview.Totals
    upcoming: list[EventData]
    recent: list[EventAttendance]


def _overview(db: Database, rights: SessionRights) -> Overview:
    """On the database thread: everything the dashboard shows that this login may read."""
    upcoming = [e for e in events.list_events(db, upcoming_only=True) if e.status != EventStatus.CANCELLED]
    recent = attendance.recent_attendance(db) if rights.read_attendance and rights.read_people else []
    return Overview(overview.totals(db, people=rights.read_people), upcoming, recent)


#: The soonest rows of a list the dashboard shows: a coalition's 600 upcoming events and
#: 4,000 short shifts are the Rallies place's to list; here they cost seconds to lay out.
SHOWN_ROWS = 50


def _sized(heading: str, shown: int, total: int, language: str) -> str:
    """A section's heading, saying so when it shows only the soonest of its rows."""
    if shown >= total:
        return heading
    return _("{heading}: the next {shown} of {total} (Rallies lists them all)").format(
        heading=heading, shown=format_number(shown, language), total=format_number(total, language)
    )


class DashboardScreen(Screen):
    key = "dashboard"
    icon_name = "ph.squares-four"

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        header = QHBoxLayout()
        header.addWidget(title_label(_("Dashboard")))
        header.addStretch(1)
        rights = context.rights  # a viewer or a partner on a shared server may not plan rallies
        for text, icon_name, slot, allowed in (
            (_("New rally"), "ph.plus", self._new_rally, rights.write_events),
            (_("Print flyer"), "ph.printer", self._print_flyer, True),
            (_("Import sign-ups"), "ph.download-simple", self._import_signups, rights.write_people),
        ):
            if not allowed:
                continue
            button = QPushButton(icon(icon_name), text)
            button.clicked.connect(slot)
            header.addWidget(button)
        layout.addLayout(header)
        self.totals = QLabel()
        layout.addWidget(self.totals)

        self.upcoming = self._table(
            _("Upcoming events"),
            [_("Date"), _("Time"), _("Event"), _("Place"), _("Status"), _("Staffing"), _("Partners")],
        )
        self.upcoming.setItemDelegateForColumn(4, StatusChipDelegate(self.upcoming))
        self.upcoming.setItemDelegateForColumn(5, StaffingDelegate(self.upcoming))
        columns = self.upcoming.horizontalHeader()
        columns.setStretchLastSection(False)
        columns.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        columns.setSectionResizeMode(5, QHeaderView.ResizeMode.Fixed)
        self.upcoming.setColumnWidth(5, 140)
        self.upcoming.itemActivated.connect(lambda item: self._open(item.row(), self.upcoming))
        short_columns = [_("Event"), _("Shift"), _("Date"), _("Time"), _("Needed")]
        self.short = self._table(_("Shifts still short of people"), short_columns)
        self.short.itemActivated.connect(lambda item: self._open(item.row(), self.short))

        upcoming_box = QWidget()
        box = QVBoxLayout(upcoming_box)
        box.setContentsMargins(0, 8, 0, 0)
        self.upcoming_label = section_label(_("Upcoming events"))
        box.addWidget(self.upcoming_label)
        self.upcoming_stack = QStackedWidget()
        self.upcoming_stack.addWidget(self.upcoming)
        self.upcoming_stack.addWidget(
            EmptyState(
                _("No upcoming events. Plan the next rally and it will show here."),
                [(_("New rally"), self._new_rally)],
            )
        )
        box.addWidget(self.upcoming_stack)
        short_box = QWidget()
        box = QVBoxLayout(short_box)
        box.setContentsMargins(0, 8, 0, 0)
        self.short_label = section_label(_("Shifts still short of people"))
        box.addWidget(self.short_label)
        box.addWidget(self.short)
        self.attendance = self._table(
            _("Attendance at recent events"),
            [_("Date"), _("Event"), _("On shifts"), _("Walk-ins"), _("At the door"), _("In all")],
        )
        attendance_columns = self.attendance.horizontalHeader()
        attendance_columns.setStretchLastSection(False)
        attendance_columns.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the event's title
        self.attendance.itemActivated.connect(lambda item: self._open(item.row(), self.attendance))
        attendance_box = QWidget()
        box = QVBoxLayout(attendance_box)
        box.setContentsMargins(0, 8, 0, 0)
        box.addWidget(section_label(_("Attendance at recent events")))
        box.addWidget(self.attendance)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upcoming_box)
        splitter.addWidget(short_box)
        splitter.addWidget(attendance_box)
        # Who came is people's data: not shown to a login that may not read it (a viewer).
        attendance_box.setVisible(context.rights.read_people and context.rights.read_attendance)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 2)
        layout.addWidget(splitter, 1)

    def title(self) -> str:
        return _("Dashboard")

    @staticmethod
    def _table(name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        read_only_table(table, name)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setWordWrap(False)
        return table

    def refresh(self) -> None:
        """Loaded in the background (with 100,000 volunteers it takes a while): the place
        stays usable and shows the figures when they come."""
        self.context.fetch(_overview, self.context.rights, on_success=self._show, owner=self)

    def _show(self, seen: Overview) -> None:
        language = self.context.language
        totals, upcoming = seen.totals, seen.upcoming
        parts = [
            ngettext("{n} partner group", "{n} partner groups", totals.groups).format(
                n=format_number(totals.groups, language)
            ),
            ngettext("{n} volunteer", "{n} volunteers", totals.volunteers).format(
                n=format_number(totals.volunteers, language)
            ),
            ngettext("{n} upcoming event", "{n} upcoming events", len(upcoming)).format(
                n=format_number(len(upcoming), language)
            ),
        ]
        if not self.context.rights.read_people:
            del parts[1]  # not this login's to know (a viewer)
        self.totals.setText(" · ".join(parts))
        self._fill_upcoming(upcoming, language)
        self._fill_short(upcoming, language)
        self._fill_attendance(seen.recent, language)

    def _fill_upcoming(self, upcoming: list[EventData], language: str) -> None:
        table = self.upcoming
        shown = upcoming[:SHOWN_ROWS]
        self.upcoming_label.setText(_sized(_("Upcoming events"), len(shown), len(upcoming), language))
        table.setRowCount(len(shown))
        for row, event in enumerate(shown):
            cells = [
                format_short_date(event.starts_at, language),
                format_time(event.starts_at, language),
                event.title(language),
                event.venue.name if event.venue else "",
                "",
                "",
                str(len(event.partners)),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, event.id)
                item.setToolTip(text)
                table.setItem(row, column, item)
            table.item(row, 4).setData(STATUS_ROLE, event.status.value)
            table.item(row, 4).setText(_(event.status.label))
            table.item(row, 5).setData(STAFFING_ROLE, (event.places_filled, event.places_needed))
            table.item(row, 5).setText(f"{event.places_filled} / {event.places_needed}")
            table.item(row, 6).setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.upcoming_stack.setCurrentIndex(0 if upcoming else 1)

    def _fill_short(self, upcoming: list[EventData], language: str) -> None:
        rows = [(event, shift) for event in upcoming for shift in event.shifts if shift.short_by > 0]
        shown = rows[:SHOWN_ROWS]
        self.short_label.setText(_sized(_("Shifts still short of people"), len(shown), len(rows), language))
        table = self.short
        table.setRowCount(len(shown))
        for row, (event, shift) in enumerate(shown):
            cells = [
                event.title(language),
                shift.role,
                format_short_date(shift.starts_at, language),
                format_time(shift.starts_at, language),
                ngettext("{n} more person", "{n} more people", shift.short_by).format(n=shift.short_by),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, event.id)
                item.setToolTip(text)
                table.setItem(row, column, item)

    def _fill_attendance(self, recent: list[EventAttendance], language: str) -> None:
        table = self.attendance
        table.setRowCount(len(recent))
        for row, event in enumerate(recent):
            tally = event.tally
            cells = [
                format_short_date(event.starts_at, language),
                event.title(language),
                *(
                    format_number(n, language)
                    for n in (tally.on_shifts, tally.walk_ins, tally.public, tally.total)
                ),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, event.event_id)
                item.setToolTip(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)

    def _open(self, row: int, table: QTableWidget) -> None:
        item = table.item(row, 0)
        if item is not None:
            self._main_window_open("rallies", int(item.data(ID_ROLE)))

    def _main_window_open(self, place: str, record_id: int | None = None) -> Screen | None:
        window = self.window()
        if hasattr(window, "show_place"):
            screen: Screen = window.show_place(place)
            if record_id is not None:
                screen.open_record(record_id)
            return screen
        return None

    def selected_event_id(self) -> int | None:
        item = self.upcoming.item(self.upcoming.currentRow(), 0) if self.upcoming.currentRow() >= 0 else None
        return int(item.data(ID_ROLE)) if item is not None else None

    def new_record(self) -> None:
        """Ctrl+N here plans a new rally, as the New rally button does."""
        self._new_rally()

    def print_flyer(self) -> None:
        """Ctrl+P: the selected upcoming rally's flyer, else the next one's."""
        self._print_flyer()

    def _new_rally(self) -> None:
        screen = self._main_window_open("rallies")
        if screen is not None:
            screen.new_record()

    def _print_flyer(self) -> None:
        event_id = self.selected_event_id()
        if event_id is None and self.upcoming.rowCount():
            event_id = int(self.upcoming.item(0, 0).data(ID_ROLE))
        screen = self._main_window_open("rallies", event_id)
        if screen is not None:
            screen.print_flyer()

    def _import_signups(self) -> None:
        window = self.window()
        start_import = getattr(window, "import_signups", None)
        if start_import is not None:
            start_import()
        else:
            self.context.say(_("Importing is not available yet."))
