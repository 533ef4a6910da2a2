"""The Reports screen's tables: one page per report (the hours report has two tables, by month
and by person), each a ``RecordsModel`` over the report's plain rows. The rows come in the
report's order (by date; most hours, most events first) until a header is clicked; numbers are
right-aligned and sort as numbers, and are written as the PDF writes them
(``exchange.report_tables``) in the interface language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QSplitter, QStackedWidget, QTableView, QVBoxLayout, QWidget

from rallyorg.domain.reports import (
    AttendanceRow,
    HoursReport,
    MonthHours,
    PartnerRow,
    PersonHours,
    ReportData,
    ReportKind,
    ShiftRow,
)
from rallyorg.exchange.report_tables import FORGOTTEN_PEOPLE, hours_figure, month_name, number, percent
from rallyorg.gui.widgets.records_model import RIGHT, Column, RecordsModel
from rallyorg.gui.widgets.style import section_label
from rallyorg.gui.widgets.tables import read_only_table
from rallyorg.i18n import _, format_short_date, format_time

Language = Callable[[], str]
Format = Callable[[float, str], str]  # a figure as text, in a language


def _figure(
    value: Callable[[Any], float], header: Callable[[], str], language: Language, shown: Format = number
) -> Column[Any]:
    return Column(header, lambda r: shown(value(r), language()), sort_key=value, align=RIGHT)


def attendance_columns(language: Language) -> list[Column[AttendanceRow]]:
    return [
        Column(
            lambda: _("Date"),
            lambda r: format_short_date(r.date, language()),
            sort_key=lambda r: (r.date, r.event_id),
        ),
        Column(lambda: _("Event"), lambda r: r.title, sort_key=lambda r: (r.title.casefold(), r.event_id)),
        _figure(lambda r: r.signed_up, lambda: _("Signed up"), language),
        _figure(lambda r: r.checked_in, lambda: _("Checked in"), language),
        _figure(lambda r: r.walk_ins, lambda: _("Walk-ins"), language),
    ]


def month_columns(language: Language) -> list[Column[MonthHours]]:
    return [
        Column(lambda: _("Month"), lambda r: month_name(r.month, language()), sort_key=lambda r: r.month),
        _figure(lambda r: r.hours, lambda: _("Hours"), language, hours_figure),
    ]


def person_name(row: PersonHours) -> str:
    return row.name if row.volunteer_id is not None else _(FORGOTTEN_PEOPLE)


def person_columns(language: Language) -> list[Column[PersonHours]]:
    return [
        Column(
            lambda: _("Name"),
            person_name,
            sort_key=lambda r: (person_name(r).casefold(), r.volunteer_id or 0),
        ),
        _figure(lambda r: r.hours, lambda: _("Hours"), language, hours_figure),
    ]


def partner_columns(language: Language) -> list[Column[PartnerRow]]:
    return [
        Column(
            lambda: _("Partner group"), lambda r: r.name, sort_key=lambda r: (r.name.casefold(), r.group_id)
        ),
        _figure(lambda r: r.co_sponsorships, lambda: _("Events"), language),
        _figure(lambda r: r.volunteers, lambda: _("Volunteers"), language),
    ]


def shift_columns(language: Language) -> list[Column[ShiftRow]]:
    return [
        Column(
            lambda: _("Date"),
            lambda r: format_short_date(r.date, language()),
            sort_key=lambda r: (r.date, r.event_id, r.starts_at, r.shift_id),
        ),
        Column(
            lambda: _("Event"),
            lambda r: r.event_title,
            sort_key=lambda r: (r.event_title.casefold(), r.event_id, r.starts_at, r.shift_id),
        ),
        Column(lambda: _("Shift"), lambda r: r.role, sort_key=lambda r: (r.role.casefold(), r.shift_id)),
        Column(
            lambda: _("Starts"),
            lambda r: format_time(r.starts_at, language()),
            sort_key=lambda r: (r.starts_at.time(), r.shift_id),
        ),
        _figure(lambda r: r.capacity, lambda: _("Capacity"), language),
        _figure(lambda r: r.filled, lambda: _("Filled"), language),
        Column(
            lambda: _("Fill rate"),
            lambda r: percent(r.fill_rate, language()),
            sort_key=lambda r: -1.0 if r.fill_rate is None else r.fill_rate,
            align=RIGHT,
        ),
    ]


def _table(model: RecordsModel[Any], name: str, words: int) -> QTableView:
    """A sortable read-only table; column ``words`` (titles, names) takes the width left over."""
    view = QTableView()
    view.setModel(model)
    read_only_table(view, name)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(words, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setMinimumSectionSize(view.fontMetrics().averageCharWidth() * 6)
    # The report's own order (by date, most hours first…) until a header is clicked.
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view


class ReportTables(QStackedWidget):
    """A page of tables per report; ``show_report`` fills the report's page and shows it."""

    def __init__(self, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attendance = RecordsModel(attendance_columns(language), lambda r: r.event_id, sort_column=None)
        self.months = RecordsModel(month_columns(language), lambda r: r.month, sort_column=None)
        self.people = RecordsModel(person_columns(language), lambda r: r.volunteer_id, sort_column=None)
        self.partners = RecordsModel(partner_columns(language), lambda r: r.group_id, sort_column=None)
        self.shifts = RecordsModel(shift_columns(language), lambda r: r.shift_id, sort_column=None)
        self.views: dict[ReportKind, list[QTableView]] = {
            ReportKind.ATTENDANCE: [_table(self.attendance, _("Attendance per event"), 1)],
            ReportKind.HOURS: [
                # Translators: heading of the volunteer-hours report's table of months.
                _table(self.months, _("By month"), 0),
                # Translators: heading of the volunteer-hours report's table of people, most hours first.
                _table(self.people, _("By person"), 0),
            ],
            ReportKind.PARTNERS: [_table(self.partners, _("Partner-group participation"), 0)],
            ReportKind.SHIFTS: [_table(self.shifts, _("Shift fill rates"), 1)],
        }
        self._pages: dict[ReportKind, QWidget] = {}
        for kind, views in self.views.items():
            page = views[0] if len(views) == 1 else self._side_by_side(views)
            self._pages[kind] = page
            self.addWidget(page)

    @staticmethod
    def _side_by_side(views: list[QTableView]) -> QWidget:
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        for view in views:
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(section_label(view.accessibleName()))
            column.addWidget(view, 1)
            splitter.addWidget(box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        return splitter

    def models(self, kind: ReportKind) -> list[RecordsModel[Any]]:
        return [view.model() for view in self.views[kind]]  # type: ignore[misc]

    def show_report(self, kind: ReportKind, data: ReportData) -> None:
        if kind == ReportKind.HOURS:
            assert isinstance(data, HoursReport)
            self.months.set_rows(data.by_month)
            self.people.set_rows(data.by_person)
        else:
            model = self.models(kind)[0]
            model.set_rows(list(_rows(data)))
        self.setCurrentWidget(self._pages[kind])


def _rows(data: ReportData) -> Sequence[Any]:
    assert not isinstance(data, HoursReport)
    return data
