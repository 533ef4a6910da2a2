"""Reports (issue #17): a report chosen from four — attendance per rally, volunteer hours,
partner-group participation, shift fill rates — over a range of days, as its chart above its
table(s), in the interface language; Save PDF… writes the report's PDF (the same chart: see
chart_view.py) and Save CSV… its tables.

The figures are counted by ``services.reports`` on the database thread; the chart is drawn by
ReportLab and rendered by PDFium off the UI thread. A range without any rally says so, and
offers the days the rallies span."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import ValidationError
from rallyorg.domain.reports import AttendanceRow, DateRange, HoursReport, PartnerRow, ReportKind, ShiftRow
from rallyorg.exchange.report_pdf import ReportChart, report_chart
from rallyorg.exchange.report_tables import number, percent
from rallyorg.flyers.pages import PageSize
from rallyorg.gui.background import Task, run_in_background
from rallyorg.gui.changes import Record
from rallyorg.gui.context import GuiContext
from rallyorg.gui.reports.chart_view import ChartArea
from rallyorg.gui.reports.loading import Loaded, last_twelve_months, load_report
from rallyorg.gui.reports.saving import CSV, PDF, save_report
from rallyorg.gui.reports.tables import ReportTables
from rallyorg.gui.screen import Screen
from rallyorg.gui.widgets.date_field import DateField
from rallyorg.gui.widgets.empty_state import EmptyState
from rallyorg.gui.widgets.forms import INVALID_STYLE
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import hint_label, section_label, title_label
from rallyorg.i18n import N_, _, format_short_date, ngettext

# Translators: the reports offered on the Reports screen's "Report" list.
REPORTS: dict[ReportKind, str] = {
    ReportKind.ATTENDANCE: N_("Attendance"),
    ReportKind.HOURS: N_("Volunteer hours"),
    ReportKind.PARTNERS: N_("Partner groups"),
    ReportKind.SHIFTS: N_("Shift fill rates"),
}
# Translators: in place of a report's chart and table when the rallies in the range have no figures.
NOTHING = N_("Nothing to report for these days.")
# Translators: on the Reports screen's "Campaign" list: no limit to one campaign tag.
EVERY_CAMPAIGN = N_("All rallies")
CAMPAIGN_HINT = N_("Give rallies campaign tags (a rally's Details tab) to report on one campaign.")
RANGE_ENDS_BEFORE_IT_STARTS = N_("The range ends ({end}) before it starts ({start}).")  # as DateRange says
RELOAD_AFTER_MS = 300  # after the last change to a date: typing "12/31/2025" loads once


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class ReportsScreen(Screen):
    key = "reports"
    icon_name = "ph.chart-bar"
    watches = Record.ALL

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._first_answer = True  # the default range, before anyone chose one
        self._asked = 0  # the number of the last load asked for; older answers are dropped
        self._loaded: Loaded | None = None
        self._chart_pending = False
        self._chart_expected = False  # the report on show has a chart (not "Nothing to report")
        self._shown = 0  # the number of the load on show
        self._filling_campaigns = False
        self._chart_kind: ReportKind | None = None  # the report whose chart is on show
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)

        header = QHBoxLayout()
        header.addWidget(title_label(_("Reports")))
        header.addStretch(1)
        self.save_pdf_button = QPushButton(icon("ph.file-pdf"), _("Save PDF…"))
        self.save_pdf_button.setToolTip(_("Save the report, with its chart, as a PDF"))
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.save_csv_button = QPushButton(icon("ph.table"), _("Save CSV…"))
        self.save_csv_button.setToolTip(_("Save the report's table as a CSV file for a spreadsheet"))
        self.save_csv_button.clicked.connect(self.save_csv)
        for button in (self.save_pdf_button, self.save_csv_button):
            button.setEnabled(False)
            header.addWidget(button)
        layout.addLayout(header)

        controls = QHBoxLayout()
        self.chooser = QComboBox()
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for kind in self._allowed_reports():
            self.chooser.addItem(_(REPORTS[kind]), kind)
        self.chooser.currentIndexChanged.connect(lambda _index: self.refresh())
        first = last_twelve_months(dt.date.today())
        self.start_field, self.end_field = DateField(), DateField()
        self.campaign = QComboBox()
        # A long tag is elided here (whole in the list): the row of choices must fit 1024 pixels.
        self.campaign.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.campaign.setMinimumContentsLength(16)
        self.campaign.addItem(_(EVERY_CAMPAIGN), None)
        self.campaign.setEnabled(False)
        self.campaign.setToolTip(_(CAMPAIGN_HINT))
        self.campaign.currentIndexChanged.connect(self._campaign_chosen)
        rows: list[tuple[str, QWidget, dt.date | None]] = [
            # Translators: on the Reports screen, the list of reports (attendance, hours…).
            (_("&Report:"), self.chooser, None),
            # Translators: on the Reports screen, the first day a report covers.
            (_("&From:"), self.start_field, first.start),
            # Translators: on the Reports screen, the last day a report covers.
            (_("&To:"), self.end_field, first.end),
            # Translators: on the Reports screen, the campaign tag a report is limited to.
            (_("&Campaign:"), self.campaign, None),
        ]
        for text, field, day in rows:
            label = QLabel(text)
            label.setBuddy(field)
            field.setAccessibleName(text.replace("&", "").rstrip(":"))
            if isinstance(field, DateField):
                assert day is not None
                field.setDate(_qdate(day))
                # A readable new day reloads (once typing pauses); words that are not a date
                # are said to be so when the field is left, not while they are typed.
                field.dateChanged.connect(self._dates_edited)
                field.edit.editingFinished.connect(self._dates_left)
            controls.addWidget(label)
            controls.addWidget(field)
            controls.addSpacing(8)
        controls.addStretch(1)
        layout.addLayout(controls)
        self.range_error = QLabel()
        self.range_error.setStyleSheet("color: #cf222e;")
        self.range_error.setWordWrap(True)
        self.range_error.hide()
        layout.addWidget(self.range_error)

        self.chart_area = ChartArea()
        self.chart = self.chart_area.view
        self.caption = section_label("")
        self.chart_note = hint_label("")
        self.tables = ReportTables(lambda: self.context.language)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        chart_box = QWidget()
        column = QVBoxLayout(chart_box)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(self.caption)
        column.addWidget(self.chart_area, 1)
        column.addWidget(self.chart_note)
        table_box = QWidget()
        column = QVBoxLayout(table_box)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(self.tables, 1)
        column.addWidget(self.summary)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(chart_box)
        self.splitter.addWidget(table_box)
        self.splitter.setStretchFactor(0, 3)  # the chart, read at a glance, takes more
        self.splitter.setStretchFactor(1, 2)

        # Translators: the action offered when no rally falls in the days chosen for a report.
        self.empty = EmptyState("", [(_("Show every date"), self.show_every_date)])
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(RELOAD_AFTER_MS)
        self._reload.timeout.connect(self.refresh)

    def title(self) -> str:
        return _("Reports")

    def _allowed_reports(self) -> list[ReportKind]:
        """The reports this login may read: who came and who gave hours are people's data (a
        viewer on a shared server sees only the shifts' fill rates)."""
        rights = self.context.rights
        allowed = {
            ReportKind.ATTENDANCE: rights.read_people and rights.read_attendance,
            ReportKind.HOURS: rights.read_people,
            ReportKind.PARTNERS: rights.read_people,
            ReportKind.SHIFTS: True,
        }
        return [kind for kind in REPORTS if allowed[kind]]

    # --- what to show ---------------------------------------------------------------------------
    @property
    def kind(self) -> ReportKind:
        return ReportKind(self.chooser.currentData())

    @property
    def chosen_campaign(self) -> str | None:
        data = self.campaign.currentData()
        return str(data) if data else None

    def choose_campaign(self, tag: str | None) -> None:
        """Limit the report to the events of ``tag`` (None: every event); it loads at once."""
        self.campaign.setCurrentIndex(max(self.campaign.findData(tag), 0) if tag else 0)

    def _campaign_chosen(self, _index: int) -> None:
        if not self._filling_campaigns:
            self._first_answer = False  # a campaign chosen: shown as chosen, even empty
            self.refresh()

    def _fill_campaigns(self, tags: tuple[str, ...]) -> None:
        """The tags in use now (a rally may have gained or lost one), the choice kept if it still is."""
        wanted = self.chosen_campaign
        self._filling_campaigns = True
        try:
            self.campaign.clear()
            self.campaign.addItem(_(EVERY_CAMPAIGN), None)
            for tag in tags:
                self.campaign.addItem(tag, tag)
            self.campaign.setCurrentIndex(max(self.campaign.findData(wanted), 0) if wanted else 0)
        finally:
            self._filling_campaigns = False
        self.campaign.setEnabled(bool(tags))
        self.campaign.setToolTip("" if tags else _(CAMPAIGN_HINT))

    def choose(self, kind: ReportKind) -> None:
        """Show the report of ``kind`` (it loads at once)."""
        self.chooser.setCurrentIndex(self.chooser.findData(kind))

    def set_range(self, start: dt.date, end: dt.date) -> None:
        """Cover the days from ``start`` to ``end`` (it loads at once)."""
        self._first_answer = False  # a range chosen: shown as chosen, even empty
        self.start_field.setDate(_qdate(start))
        self.end_field.setDate(_qdate(end))
        self.refresh()

    def show_every_date(self) -> None:
        every_day = self._loaded.every_day if self._loaded is not None else None
        if every_day is not None and every_day.start is not None and every_day.end is not None:
            self.set_range(every_day.start, every_day.end)

    def _dates_edited(self) -> None:
        self._first_answer = False
        self._reload.start()

    def _dates_left(self) -> None:
        """A date field left: words that are not a date are marked; days that make a range
        again, after no report was on show for them, load the report (typing back the same
        day as before changes no date, so nothing else would)."""
        if self._dates() is not None and self._loaded is None and not self._reload.isActive():
            self.refresh()

    def _dates(self) -> DateRange | None:
        """The range the fields say, or None after marking what is wrong with it."""
        for field in (self.start_field, self.end_field):
            field.setStyleSheet("")
            field.setAccessibleDescription("")
        try:
            self.start_field.check("from")
            self.end_field.check("to")
            start, end = _day(self.start_field.date()), _day(self.end_field.date())
            if start > end:  # said with the days as the fields show them, not as ISO dates
                language = self.context.language
                raise ValidationError(
                    "to",
                    RANGE_ENDS_BEFORE_IT_STARTS,
                    start=format_short_date(start, language),
                    end=format_short_date(end, language),
                )
            dates = DateRange(start, end)
        except ValidationError as error:
            field = self.start_field if error.field == "from" else self.end_field
            message = error.translated(_)
            field.setStyleSheet(INVALID_STYLE)
            field.setAccessibleDescription(message)
            self.range_error.setText(message)
            self.range_error.show()
            self._show_no_report()
            return None
        self.range_error.hide()
        return dates

    # --- loading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the chosen report for the chosen days (in the background: the place stays live)."""
        self._reload.stop()
        dates = self._dates()
        if dates is None or self.chooser.currentIndex() < 0:
            return
        self._asked += 1
        asked = self._asked
        self.context.fetch(
            load_report,
            self.kind,
            dates,
            self.context.language,
            self.chosen_campaign,
            on_success=lambda loaded: self._show(asked, loaded),
            owner=self,
        )

    def is_ready(self) -> bool:
        """True once the report last asked for is on show, its chart painted (if it has one)."""
        loaded = self._loaded
        if loaded is None or self._asked != self._shown:
            return False
        return not self._chart_pending and (not self._chart_expected or self.chart.is_showing_chart())

    def _show(self, asked: int, loaded: Loaded) -> None:
        if asked != self._asked:
            return  # the user has chosen again meanwhile
        self._loaded, self._shown = loaded, asked
        self._fill_campaigns(loaded.campaigns)
        if loaded.campaign is not None and loaded.campaign not in loaded.campaigns:
            self.refresh()  # the campaign's last rally lost its tag meanwhile: report on all
            return
        has_events = loaded.events > 0
        if self._first_answer:
            self._first_answer = False
            every = loaded.every_day
            if not has_events and every is not None and every.start is not None and every.end is not None:
                # A coalition whose rallies are all older than a year (the sample's, say) would
                # first see an empty screen: start on every date up to today instead (rallies
                # still ahead, with no one checked in yet, would read as poor turnouts), or on
                # every date when none has been held yet.
                today = dt.date.today()
                if every.start <= today < every.end:
                    self.set_range(every.start, today)
                else:
                    self.show_every_date()
                return
        for button in (self.save_pdf_button, self.save_csv_button):
            button.setEnabled(has_events)
        self._chart_expected = False
        if not has_events:
            self._chart_pending = False  # a chart still being drawn is for a report gone
            self._show_empty(loaded)
            return
        self.stack.setCurrentWidget(self.splitter)
        self.tables.show_report(loaded.kind, loaded.data)
        self.summary.setText(summary(loaded))
        self._chart_pending = True
        if self._chart_kind != loaded.kind:
            # Another report's chart is not left under this one's table while this one is drawn
            # (up to a second at 100,000 volunteers); the same report's, for other days, may stay.
            self.caption.hide()
            self.chart_note.hide()
            self.chart_area.show_message(_("Drawing the chart…"))
        self._chart_kind = loaded.kind

        def work(_task: Task) -> ReportChart | None:
            return report_chart(loaded.kind, loaded.data, loaded.language)

        def failed(error: BaseException) -> None:
            if asked == self._asked:
                self._chart_pending = False
                self.chart_area.show_message(_("The chart could not be drawn."))

        run_in_background(
            self,
            "report chart",
            work,
            lambda chart: self._show_chart(asked, chart),
            failed,
            show_progress=False,
        )

    def _show_chart(self, asked: int, chart: ReportChart | None) -> None:
        if asked != self._asked:
            return
        self._chart_pending = False
        if chart is None:
            self.caption.hide()
            self.chart_note.hide()
            self.chart_area.show_message(_(NOTHING))
            return
        self._chart_expected = True
        self.caption.setText(chart.caption)
        self.caption.show()
        self.chart_note.setText(chart.note)
        self.chart_note.setVisible(bool(chart.note))
        self.chart_area.set_chart(chart.pdf, PageSize(chart.width, chart.height), chart.caption)

    def _show_no_report(self) -> None:
        """While the days make no range, no report: the last one's figures would be read as
        this range's (and saved as them)."""
        self._asked += 1  # an answer still on its way is for days no longer asked for
        self._loaded = None
        self._chart_pending = False
        for button in (self.save_pdf_button, self.save_csv_button):
            button.setEnabled(False)
        self.empty.label.setText(_("Choose the days the report covers."))
        self.empty.buttons[0].hide()
        self.stack.setCurrentWidget(self.empty)

    def _show_empty(self, loaded: Loaded) -> None:
        language = loaded.language
        start, end = loaded.dates.start, loaded.dates.end
        if loaded.every_day is None:
            message = _(
                "No rallies yet. Reports count the people at your rallies once they have taken place."
            )
        elif loaded.campaign is not None and start is not None and end is not None:
            # Translators: on the Reports screen, when no rally of the chosen campaign tag falls
            # in the days chosen.
            message = _("No rallies of the campaign {tag} between {start} and {end}.").format(
                tag=loaded.campaign,
                start=format_short_date(start, language),
                end=format_short_date(end, language),
            )
        elif start is not None and end is not None:
            # Translators: on the Reports screen, when no rally falls in the days chosen.
            message = _("No rallies between {start} and {end}.").format(
                start=format_short_date(start, language), end=format_short_date(end, language)
            )
        else:
            message = _("No rallies in these days.")
        self.empty.label.setText(message)
        self.empty.buttons[0].setVisible(loaded.every_day is not None)
        self.stack.setCurrentWidget(self.empty)

    # --- saving ---------------------------------------------------------------------------------
    def save_pdf(self) -> None:
        self._save(PDF)

    def save_csv(self) -> None:
        self._save(CSV)

    def _save(self, suffix: str) -> None:
        loaded = self._loaded
        if loaded is None or not loaded.events:
            return

        def done(paths: list[Path]) -> None:
            self.context.say(_("Saved {files}").format(files=", ".join(path.name for path in paths)))

        save_report(self, self.context.settings, loaded, suffix, done)


def summary(loaded: Loaded) -> str:
    """The report's totals, in a line under its table."""
    language, data = loaded.language, loaded.data

    def n(value: float) -> str:
        return number(value, language)

    if isinstance(data, HoursReport):
        people = sum(1 for row in data.by_person if row.volunteer_id is not None)
        return ngettext(
            "In all: {hours} hours, by {n} person", "In all: {hours} hours, by {n} people", people
        ).format(hours=n(data.total), n=n(people))
    rows = list(data)
    if loaded.kind == ReportKind.ATTENDANCE:
        attendance = [row for row in rows if isinstance(row, AttendanceRow)]
        return _("In all: {signed_up} signed up, {checked_in} checked in, {walk_ins} walk-ins").format(
            signed_up=n(sum(r.signed_up for r in attendance)),
            checked_in=n(sum(r.checked_in for r in attendance)),
            walk_ins=n(sum(r.walk_ins for r in attendance)),
        )
    if loaded.kind == ReportKind.PARTNERS:
        groups = len([row for row in rows if isinstance(row, PartnerRow)])
        return ngettext("{n} partner group took part", "{n} partner groups took part", groups).format(
            n=n(groups)
        )
    shifts = [row for row in rows if isinstance(row, ShiftRow)]
    capacity, filled = sum(r.capacity for r in shifts), sum(r.filled for r in shifts)
    return _("In all: {filled} of {capacity} places filled ({rate})").format(
        filled=n(filled),
        capacity=n(capacity),
        rate=percent(filled / capacity if capacity else None, language),
    )
