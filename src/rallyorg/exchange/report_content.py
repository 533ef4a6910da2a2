"""What each report's PDF shows: its chart (report_charts.py) and its tables, as cells
already written in the language asked for; report_pdf.py lays them out on the page.

A table longer than ``MAX_PDF_ROWS`` (the people of the hours report: ``MAX_PDF_PEOPLE``) is
cut in the PDF with a note — the CSV has every row: the PDF is for reading, and ReportLab
would take minutes to lay out a table of 100,000 rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.graphics.shapes import Drawing

from rallyorg.domain.reports import AttendanceRow, HoursReport, PartnerRow, ReportData, ReportKind, ShiftRow
from rallyorg.exchange import report_charts as charts
from rallyorg.exchange.report_tables import (
    FORGOTTEN_PEOPLE,
    hours_figure,
    month_name,
    number,
    percent,
    short_month,
)
from rallyorg.i18n import N_, format_short_date, format_time

Gettext = Callable[[str], str]

MAX_PDF_ROWS = 1000
MAX_PDF_PEOPLE = 200

# Translators: under a report's chart that shows only some of its events or groups (the latest, or the first).
CHART_PART = N_("The chart shows {shown} of {count}; the table lists them all.")
# Translators: under a report's table cut short in the PDF; the CSV export has every row.
TABLE_PART = N_("{shown} of {count} rows shown; the CSV file has them all.")
# Translators: the last row of a report's table, adding up the rows above.
TOTAL = N_("Total")
# Translators: caption of the attendance report's chart.
ATTENDANCE_CAPTION = N_("People signed up, checked in and walked in, per event")
# Translators: heading of the volunteer-hours report's table of months.
BY_MONTH = N_("By month")
# Translators: heading of the volunteer-hours report's table of people, most hours first.
BY_PERSON = N_("By person")
# Translators: caption of the volunteer-hours report's chart.
HOURS_CAPTION = N_("Hours checked in, per month")
# Translators: caption of the partner report's chart: events a group was a partner of
# (in any role) and its volunteers who signed up for them.
PARTNERS_CAPTION = N_("Events as a partner, and volunteers signed up, per group")
# Translators: a series of the shift report's chart: filled places over capacity, in %.
PLACES_FILLED = N_("Places filled")
# Translators: caption of the shift report's chart: each event's filled places over its capacity.
SHIFTS_CAPTION = N_("Places filled per event")
# Translators: a column of the shift report: how many people a shift needs.
CAPACITY = N_("Capacity")
# Translators: a column of the shift report: places taken on a shift.
FILLED = N_("Filled")
# Translators: a column of the shift report: filled places over capacity, in %.
FILL_RATE = N_("Fill rate")


@dataclass(frozen=True)
class PdfTable:
    headers: tuple[str, ...]  # translated
    rows: list[tuple[str, ...]]
    wide: int  # the column of words (title, name): it wraps and takes the width left over
    right: frozenset[int]  # columns of numbers, right-aligned
    heading: str = ""
    total: tuple[str, ...] | None = None
    sections: frozenset[int] = frozenset()  # rows that head a part of the table (an event)
    note: str = ""


@dataclass(frozen=True)
class ReportContent:
    chart: Drawing | None
    chart_caption: str
    tables: list[PdfTable] = field(default_factory=list)
    chart_note: str = ""


def _cut(rows: Sequence[Any], limit: int, gettext: Gettext) -> tuple[Sequence[Any], str]:
    if len(rows) <= limit:
        return rows, ""
    return rows[:limit], gettext(TABLE_PART).format(shown=limit, count=len(rows))


def _chart_note(count: int, shown: int, gettext: Gettext) -> str:
    return gettext(CHART_PART).format(shown=shown, count=count) if count > shown else ""


def _attendance(data: ReportData, language: str, gettext: Gettext, width: float) -> ReportContent:
    rows: Sequence[AttendanceRow] = data  # type: ignore[assignment]
    if not rows:
        return ReportContent(None, "")
    series = [
        charts.Series(gettext(N_("Signed up")), [r.signed_up for r in rows]),
        charts.Series(gettext(N_("Checked in")), [r.checked_in for r in rows]),
        charts.Series(gettext(N_("Walk-ins")), [r.walk_ins for r in rows]),
    ]
    chart = charts.bar_chart([format_short_date(r.date, language) for r in rows], series, width=width)
    shown, note = _cut(rows, MAX_PDF_ROWS, gettext)

    def n(value: float) -> str:
        return number(value, language)

    table = PdfTable(
        headers=(
            gettext(N_("Date")),
            gettext(N_("Signed up")),
            gettext(N_("Checked in")),
            gettext(N_("Walk-ins")),
            gettext(N_("Event")),
        ),
        rows=[
            (format_short_date(r.date, language), n(r.signed_up), n(r.checked_in), n(r.walk_ins), r.title)
            for r in shown
        ],
        wide=4,
        right=frozenset({1, 2, 3}),
        total=(
            gettext(TOTAL),
            n(sum(r.signed_up for r in rows)),
            n(sum(r.checked_in for r in rows)),
            n(sum(r.walk_ins for r in rows)),
            "",
        ),
        note=note,
    )
    return ReportContent(
        chart,
        gettext(ATTENDANCE_CAPTION),
        [table],
        _chart_note(len(rows), charts.MAX_GROUPS, gettext),
    )


def _hours(data: ReportData, language: str, gettext: Gettext, width: float) -> ReportContent:
    assert isinstance(data, HoursReport)
    if not data.by_month:
        return ReportContent(None, "")
    hours_word = gettext(N_("Hours"))
    chart = charts.bar_chart(
        [short_month(m.month, language) for m in data.by_month],
        [charts.Series(hours_word, [m.hours for m in data.by_month])],
        width=width,
        height=220,
        value_format=lambda value: number(value, language),
        bar_labels=True,
    )
    months = PdfTable(
        headers=(gettext(N_("Month")), hours_word),
        rows=[(month_name(m.month, language), hours_figure(m.hours, language)) for m in data.by_month],
        wide=0,
        right=frozenset({1}),
        heading=gettext(BY_MONTH),
        total=(gettext(N_("Total")), number(data.total, language)),
    )
    people, note = _cut(data.by_person, MAX_PDF_PEOPLE, gettext)
    forgotten = gettext(FORGOTTEN_PEOPLE)
    by_person = PdfTable(
        headers=(gettext(N_("Name")), hours_word),
        rows=[
            (p.name if p.volunteer_id is not None else forgotten, hours_figure(p.hours, language))
            for p in people
        ],
        wide=0,
        right=frozenset({1}),
        heading=gettext(BY_PERSON),
        note=note,
    )
    return ReportContent(chart, gettext(HOURS_CAPTION), [months, by_person])


def _partners(data: ReportData, language: str, gettext: Gettext, width: float) -> ReportContent:
    rows: Sequence[PartnerRow] = data  # type: ignore[assignment]
    if not rows:
        return ReportContent(None, "")
    events_word, volunteers_word = gettext(N_("Events")), gettext(N_("Volunteers"))
    chart = charts.horizontal_bar_chart(
        [r.name for r in rows],
        [
            charts.Series(events_word, [r.co_sponsorships for r in rows]),
            charts.Series(volunteers_word, [r.volunteers for r in rows]),
        ],
        width=width,
    )
    shown, note = _cut(rows, MAX_PDF_ROWS, gettext)
    table = PdfTable(
        headers=(events_word, volunteers_word, gettext(N_("Partner group"))),
        rows=[(number(r.co_sponsorships, language), number(r.volunteers, language), r.name) for r in shown],
        wide=2,
        right=frozenset({0, 1}),
        note=note,
    )
    return ReportContent(
        chart,
        gettext(PARTNERS_CAPTION),
        [table],
        _chart_note(len(rows), charts.MAX_GROUP_BARS, gettext),
    )


def _shifts(data: ReportData, language: str, gettext: Gettext, width: float) -> ReportContent:
    rows: Sequence[ShiftRow] = data  # type: ignore[assignment]
    if not rows:
        return ReportContent(None, "")
    events: dict[int, tuple[str, int, int]] = {}
    for r in rows:
        label, capacity, filled = events.get(r.event_id, (format_short_date(r.date, language), 0, 0))
        events[r.event_id] = (label, capacity + r.capacity, filled + r.filled)
    chart = charts.bar_chart(
        [label for label, _capacity, _filled in events.values()],
        [charts.Series(gettext(PLACES_FILLED), [100 * f / c if c else 0 for _l, c, f in events.values()])],
        width=width,
        height=220,
        value_format=lambda value: percent(value / 100, language),
        bar_labels=True,
    )
    shown, note = _cut(rows, MAX_PDF_ROWS, gettext)
    cells: list[tuple[str, ...]] = []
    sections: set[int] = set()
    last_event: int | None = None
    for r in shown:
        if r.event_id != last_event:
            sections.add(len(cells))
            cells.append((f"{format_short_date(r.date, language)} · {r.event_title}", "", "", "", ""))
            last_event = r.event_id
        cells.append(
            (
                format_time(r.starts_at, language),
                number(r.capacity, language),
                number(r.filled, language),
                percent(r.fill_rate, language),
                r.role,
            )
        )
    table = PdfTable(
        headers=(
            gettext(N_("Starts")),
            gettext(CAPACITY),
            gettext(FILLED),
            gettext(FILL_RATE),
            gettext(N_("Shift")),
        ),
        rows=cells,
        wide=4,
        right=frozenset({1, 2, 3}),
        sections=frozenset(sections),
        note=note,
    )
    return ReportContent(
        chart,
        gettext(SHIFTS_CAPTION),
        [table],
        _chart_note(len(events), charts.MAX_GROUPS, gettext),
    )


_CONTENT: dict[ReportKind, Callable[[ReportData, str, Gettext, float], ReportContent]] = {
    ReportKind.ATTENDANCE: _attendance,
    ReportKind.HOURS: _hours,
    ReportKind.PARTNERS: _partners,
    ReportKind.SHIFTS: _shifts,
}


def report_content(
    kind: ReportKind, data: ReportData, language: str, gettext: Gettext, width: float
) -> ReportContent:
    """The chart and tables of a report of ``kind``; the chart ``width`` points wide."""
    return _CONTENT[kind](data, language, gettext, width)
