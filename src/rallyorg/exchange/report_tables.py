"""The reports' tables: as CSV for scripts and spreadsheets, and as the cells the PDF prints.

The CSV headers are fixed English words in lower case — a contract scripts rely on
(``rallyorg report attendance -o FILE.csv`` gives ``id,date,title,signed up,checked in,
walk-ins``), so they are not translated; dates are ISO (``2025-05-20``), numbers plain. The
words inside (titles, names) are as stored, and the PDF's headers and dates are in the
language asked for. The hours report has two tables, so two CSV files: by person, and by
month (``…-by-month.csv`` beside it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from rallyorg.domain.reports import AttendanceRow, HoursReport, PartnerRow, ReportData, ReportKind, ShiftRow
from rallyorg.exchange.safe_csv import csv_bytes
from rallyorg.i18n import N_, format_locale

Translate = Callable[[str], str]
T = TypeVar("T")

ATTENDANCE_HEADERS = ("id", "date", "title", "signed up", "checked in", "walk-ins")
PERSON_HOURS_HEADERS = ("id", "name", "hours")
MONTH_HOURS_HEADERS = ("month", "hours")
PARTNER_HEADERS = ("id", "name", "co-sponsorships", "volunteers")
SHIFT_HEADERS = (
    "event id",
    "date",
    "event",
    "shift id",
    "shift",
    "starts",
    "capacity",
    "filled",
    "fill rate",
)
MONTHS_SUFFIX = "-by-month"

# Translators: in the volunteer-hours report, the hours of people whose records were deleted.
FORGOTTEN_PEOPLE = N_("People since forgotten")


def hours_text(value: float) -> str:
    return f"{value:.2f}"


def month_key(month: dt.date) -> str:
    return f"{month:%Y-%m}"


def csv_files(kind: ReportKind, data: ReportData, gettext: Translate) -> list[tuple[str, bytes]]:
    """The report's CSV files: (what to add to the file name's stem, the bytes) — one file,
    with nothing added, except for hours (its months in a second file)."""
    if kind == ReportKind.ATTENDANCE:
        rows = [
            (r.event_id, r.date.isoformat(), r.title, r.signed_up, r.checked_in, r.walk_ins)
            for r in _rows(data, AttendanceRow)
        ]
        return [("", csv_bytes(ATTENDANCE_HEADERS, rows))]
    if kind == ReportKind.HOURS:
        assert isinstance(data, HoursReport)
        people = [
            (
                p.volunteer_id,
                p.name if p.volunteer_id is not None else gettext(FORGOTTEN_PEOPLE),
                hours_text(p.hours),
            )
            for p in data.by_person
        ]
        months = [(month_key(m.month), hours_text(m.hours)) for m in data.by_month]
        return [
            ("", csv_bytes(PERSON_HOURS_HEADERS, people)),
            (MONTHS_SUFFIX, csv_bytes(MONTH_HOURS_HEADERS, months)),
        ]
    if kind == ReportKind.PARTNERS:
        groups = [(r.group_id, r.name, r.co_sponsorships, r.volunteers) for r in _rows(data, PartnerRow)]
        return [("", csv_bytes(PARTNER_HEADERS, groups))]
    shifts = [
        (
            r.event_id,
            r.date.isoformat(),
            r.event_title,
            r.shift_id,
            r.role,
            r.starts_at.isoformat(timespec="minutes"),
            r.capacity,
            r.filled,
            "" if r.fill_rate is None else f"{r.fill_rate:.3f}",
        )
        for r in _rows(data, ShiftRow)
    ]
    return [("", csv_bytes(SHIFT_HEADERS, shifts))]


def _rows(data: ReportData, row_type: type[T]) -> list[T]:
    assert not isinstance(data, HoursReport)
    rows = list(data)
    assert all(isinstance(row, row_type) for row in rows)
    return rows  # type: ignore[return-value]


# --- Numbers and dates for the PDF, in the language asked for ---------------------------------


def number(value: float, language: str) -> str:
    from babel import numbers

    return numbers.format_decimal(value, format="#,##0.##", locale=format_locale(language))


def hours_figure(value: float, language: str) -> str:
    """Hours with two decimals always ("101.00" above "150.75", not "101"): a column of them
    lines up, and quarter hours read as such."""
    from babel import numbers

    return numbers.format_decimal(value, format="#,##0.00", locale=format_locale(language))


def percent(value: float | None, language: str) -> str:
    from babel import numbers

    return "–" if value is None else numbers.format_percent(value, locale=format_locale(language))


def month_name(month: dt.date, language: str) -> str:
    """ "March 2025", "marzo de 2025"."""
    from babel import dates

    return dates.format_skeleton("yMMMM", month, locale=format_locale(language))


def short_month(month: dt.date, language: str) -> str:
    """ "Mar 2025": a chart's label."""
    from babel import dates

    return dates.format_skeleton("yMMM", month, locale=format_locale(language))
