"""Reports (issue #17): attendance, volunteer hours, partner groups and shift fill rates.

On the sample coalition, every figure is checked against counts written here in plain SQL on
the same database; the range is checked at its edges with events in several time zones; the
PDF must show the figures (and a chart of them) in embedded Noto fonts only; and the command
line writes each report as PDF and CSV and refuses what it cannot write."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
import zoneinfo
from collections import defaultdict
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject
from sqlalchemy import select, text

from conftest import make_event, make_shift, make_volunteer
from rallyorg.db import Database
from rallyorg.demo import EVENTS
from rallyorg.domain.enums import EventStatus, SignUpStatus
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.reports import DateRange, ReportKind
from rallyorg.exchange import report_charts
from rallyorg.exchange.report_pdf import report_pdf
from rallyorg.exchange.report_tables import ATTENDANCE_HEADERS, csv_files
from rallyorg.models import Shift
from rallyorg.services import attendance as attendance_service
from rallyorg.services import reports, signups

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
ALL = DateRange()


@pytest.fixture(scope="module")
def sample(sample_coalition: tuple[Database, str]) -> tuple[Database, str]:
    return sample_coalition


@pytest.fixture(scope="module")
def sample_db(sample: tuple[Database, str]) -> Database:
    return sample[0]


def sql(db: Database, query: str, **params: Any) -> list[Any]:
    with db.reading() as session:
        return list(session.execute(text(query), params).all())


def _events_not_cancelled(db: Database) -> list[int]:
    return [
        row[0] for row in sql(db, "SELECT id FROM event WHERE status <> 'cancelled' ORDER BY starts_at, id")
    ]


# --- Figures against plain SQL on the sample coalition --------------------------------------------


def test_attendance_figures_match_sql_counts(sample_db: Database) -> None:
    rows = reports.attendance(sample_db)
    assert [r.event_id for r in rows] == _events_not_cancelled(sample_db)
    planned_walk_ins = {plan.texts["en"].title: len(plan.walk_ins) for plan in EVENTS}
    cancelled = sql(sample_db, "SELECT count(*) FROM event WHERE status = 'cancelled'")[0][0]
    assert cancelled >= 1  # the sample has one, and it is left out
    for row in rows:
        [(title,)] = sql(
            sample_db, "SELECT title FROM event_text WHERE event_id = :e AND language = 'en'", e=row.event_id
        )
        [(starts_at,)] = sql(sample_db, "SELECT starts_at FROM event WHERE id = :e", e=row.event_id)
        assert row.title == title
        starts = starts_at if isinstance(starts_at, dt.datetime) else dt.datetime.fromisoformat(starts_at)
        assert row.date == starts.replace(tzinfo=dt.UTC).astimezone(NEW_YORK).date()
        # Walk-ins, known another way: from the sample's plan of each event.
        walk_ins = planned_walk_ins.get(title, 0)
        [(signed_up,)] = sql(
            sample_db,
            "SELECT count(*) FROM signup s JOIN shift sh ON sh.id = s.shift_id "
            "WHERE sh.event_id = :e AND s.status IN ('signed_up', 'confirmed', 'attended', 'no_show')",
            e=row.event_id,
        )
        [(attended,)] = sql(
            sample_db,
            "SELECT count(*) FROM signup s JOIN shift sh ON sh.id = s.shift_id "
            "WHERE sh.event_id = :e AND s.status = 'attended'",
            e=row.event_id,
        )
        assert (row.signed_up, row.checked_in, row.walk_ins) == (
            signed_up - walk_ins,
            attended - walk_ins,
            walk_ins,
        ), row.title
    assert sum(r.walk_ins for r in rows) == 3  # the May Day march's three (demo/events_past.py)
    assert all(r.checked_in <= r.signed_up for r in rows)
    assert sum(r.checked_in for r in rows) > 100


def test_hours_match_sql_sums_and_the_shifts_lengths(sample_db: Database) -> None:
    report = reports.hours(sample_db)
    by_person = {
        person: round(float(total), 2)
        for person, total in sql(
            sample_db,
            "SELECT s.volunteer_id, sum(s.hours) FROM signup s JOIN shift sh ON sh.id = s.shift_id "
            "JOIN event e ON e.id = sh.event_id "
            "WHERE s.status = 'attended' AND e.status <> 'cancelled' GROUP BY s.volunteer_id",
        )
    }
    assert {p.volunteer_id: p.hours for p in report.by_person} == by_person
    assert [p.hours for p in report.by_person] == sorted(by_person.values(), reverse=True)
    [(given, family)] = sql(
        sample_db,
        "SELECT given_name, family_name FROM volunteer WHERE id = :v",
        v=report.by_person[0].volunteer_id,
    )
    assert report.by_person[0].name == f"{given} {family}".strip()

    # By month of the event's start in New York, from each attended shift's own length.
    with sample_db.reading() as session:
        lengths = {
            shift_id: (ends - starts).total_seconds() / 3600
            for shift_id, starts, ends in session.execute(select(Shift.id, Shift.starts_at, Shift.ends_at))
        }
    months: dict[dt.date, float] = defaultdict(float)
    for shift_id, event_start in sql(
        sample_db,
        "SELECT s.shift_id, e.starts_at FROM signup s JOIN shift sh ON sh.id = s.shift_id "
        "JOIN event e ON e.id = sh.event_id WHERE s.status = 'attended' AND e.status <> 'cancelled'",
    ):
        start = (
            event_start if isinstance(event_start, dt.datetime) else dt.datetime.fromisoformat(event_start)
        )
        month = start.replace(tzinfo=dt.UTC).astimezone(NEW_YORK).date().replace(day=1)
        months[month] += lengths[shift_id]
    assert [(m.month, m.hours) for m in report.by_month] == [
        (month, round(months[month], 2)) for month in sorted(months)
    ]
    assert report.total == pytest.approx(sum(by_person.values()))


def test_partner_figures_match_sql_counts(sample_db: Database) -> None:
    rows = reports.partners(sample_db)
    events = dict(
        sql(
            sample_db,
            "SELECT ep.group_id, count(DISTINCT ep.event_id) FROM event_partner ep "
            "JOIN event e ON e.id = ep.event_id WHERE e.status <> 'cancelled' GROUP BY ep.group_id",
        )
    )
    people = dict(
        sql(
            sample_db,
            "SELECT v.group_id, count(DISTINCT s.volunteer_id) FROM signup s "
            "JOIN volunteer v ON v.id = s.volunteer_id JOIN shift sh ON sh.id = s.shift_id "
            "JOIN event e ON e.id = sh.event_id WHERE e.status <> 'cancelled' AND v.group_id IS NOT NULL "
            "AND s.status NOT IN ('cancelled', 'waitlisted') GROUP BY v.group_id",
        )
    )
    names = dict(sql(sample_db, "SELECT id, name FROM partner_group"))
    assert {r.group_id: (r.name, r.co_sponsorships, r.volunteers) for r in rows} == {
        group: (names[group], events.get(group, 0), people.get(group, 0))
        for group in set(events) | set(people)
    }
    assert [(r.co_sponsorships, r.volunteers) for r in rows] == sorted(
        ((r.co_sponsorships, r.volunteers) for r in rows), reverse=True
    )
    assert rows[0].co_sponsorships >= 3


def test_shift_figures_match_sql_counts(sample_db: Database) -> None:
    rows = reports.shifts(sample_db)
    expected = {
        shift_id: (event_id, role, capacity, filled)
        for shift_id, event_id, role, capacity, filled in sql(
            sample_db,
            "SELECT sh.id, sh.event_id, sh.role, sh.capacity, "
            "(SELECT count(*) FROM signup s WHERE s.shift_id = sh.id "
            "AND s.status IN ('signed_up', 'confirmed', 'attended')) "
            "FROM shift sh JOIN event e ON e.id = sh.event_id WHERE e.status <> 'cancelled'",
        )
    }
    assert {r.shift_id: (r.event_id, r.role, r.capacity, r.filled) for r in rows} == expected
    for row in rows:
        assert row.fill_rate == pytest.approx(row.filled / row.capacity)
    assert [r.event_id for r in rows] == sorted(
        (r.event_id for r in rows), key=_events_not_cancelled(sample_db).index
    )


# --- The range of days -----------------------------------------------------------------------------


def _at(day: str, time: str, zone: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=zoneinfo.ZoneInfo(zone))


def test_range_takes_whole_days_in_each_events_own_time_zone(db: Database) -> None:
    def event(title: str, starts_at: dt.datetime, status: EventStatus = EventStatus.CONFIRMED) -> int:
        return make_event(db, title, starts_at=starts_at, timezone=str(starts_at.tzinfo), status=status).id

    may_31 = event("Late on May 31 in New York", _at("2025-05-31", "23:30", "America/New_York"))
    june_1 = event("Just after midnight on June 1", _at("2025-06-01", "00:30", "America/New_York"))
    june_30 = event("Late on June 30 in Los Angeles", _at("2025-06-30", "23:00", "America/Los_Angeles"))
    july_1 = event("July 1 in Auckland", _at("2025-07-01", "00:00", "Pacific/Auckland"))
    event("Cancelled", _at("2025-06-15", "12:00", "America/New_York"), status=EventStatus.CANCELLED)
    # In UTC, May 31's event is on June 1, June 30's on July 1 and July 1's on June 30.

    def day(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    def ids(start: str | None, end: str | None) -> list[int]:
        return [r.event_id for r in reports.attendance(db, day(start), day(end))]

    assert ids("2025-06-01", "2025-06-30") == [june_1, june_30]
    assert ids("2025-05-31", "2025-05-31") == [may_31]
    assert ids("2025-07-01", None) == [july_1]
    assert ids(None, "2025-06-01") == [may_31, june_1]
    assert ids(None, None) == [may_31, june_1, july_1, june_30]  # by start, as instants
    assert [r.shift_id for r in reports.shifts(db, dt.date(2025, 6, 2), dt.date(2025, 6, 29))] == []
    with pytest.raises(ValidationError, match="ends"):
        reports.partners(db, dt.date(2025, 7, 1), dt.date(2025, 6, 1))


def test_who_counts_as_signed_up_checked_in_and_walk_in(db: Database) -> None:
    """Small enough to count by hand: see services/reports/figures.py for the definitions."""
    event = make_event(db, "Vigil", starts_at=dt.datetime(2025, 5, 20, 18, tzinfo=NEW_YORK))
    shift = make_shift(db, event.id, capacity=3, starts_at=event.starts_at, hours=2)
    came, stayed_home, dropped_out, waiting = (make_volunteer(db, name, "Silva") for name in "ABCD")
    for person in (came, stayed_home, dropped_out):
        signups.sign_up(db, person.id, shift.id)
    signups.sign_up(db, waiting.id, shift.id)  # full: waitlisted
    [a, b, c, d] = signups.get_shift(db, shift.id).signups
    assert d.status == SignUpStatus.WAITLISTED
    signups.check_in(db, a.id)
    # The shift is over: nobody moves up from the waitlist into the places these free.
    signups.set_signup_status(db, b.id, SignUpStatus.NO_SHOW, version=b.version)
    signups.cancel_signup(db, c.id)
    signups.walk_in(db, event.id, "Eva", "Lima", shift_id=shift.id)  # a walk-in on the shift
    attendance_service.walk_in(  # a walk-in helping without a shift, kept as a volunteer
        db, event.id, attendance_service.WalkInInput(given_name="Rui", keep_details=True)
    )
    attendance_service.count_attendee(db, event.id)  # the public: not in the report
    [row] = reports.attendance(db)
    # Signed up: A (checked in) and B (no-show); C cancelled, D waitlisted. Walk-ins: Eva and Rui.
    assert (row.signed_up, row.checked_in, row.walk_ins) == (2, 1, 2)
    hours = reports.hours(db)
    assert {p.name: p.hours for p in hours.by_person} == {"A Silva": 2.0, "Eva Lima": 2.0}
    assert [(m.month, m.hours) for m in hours.by_month] == [(dt.date(2025, 5, 1), 4.0)]
    [shift_row] = reports.shifts(db)
    assert (shift_row.capacity, shift_row.filled) == (3, 2)  # A and Eva hold places

    # Attended without a check-in time (as an import may write it): still signed up and came.
    # It compared NULL in the walk-in test, and the report dropped it from every column.
    with db.transaction() as session:
        session.execute(text("UPDATE signup SET checked_in_at = NULL WHERE id = :a"), {"a": a.id})
    [row] = reports.attendance(db)
    assert (row.signed_up, row.checked_in, row.walk_ins) == (2, 1, 2)


# --- The PDF and the CSV ---------------------------------------------------------------------------


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        words = " ".join(page.extract_text() or "" for page in document.pages)
    return " ".join(words.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_attendance_pdf_shows_each_events_figures_and_a_chart_of_them(sample_db: Database) -> None:
    rows = reports.attendance(sample_db, dt.date(2025, 3, 1), dt.date(2025, 12, 31))
    pdf = report_pdf(ReportKind.ATTENDANCE, rows, DateRange(dt.date(2025, 3, 1), dt.date(2025, 12, 31)), "en")
    words = pdf_text(pdf)
    assert words.startswith("Attendance per event From Mar 1, 2025 to Dec 31, 2025")
    for r in rows:
        assert (
            f"{r.date:%b} {r.date.day}, {r.date.year} {r.signed_up} {r.checked_in} {r.walk_ins} {r.title}"
            in words
        )
    assert "Rally: Governor, sign the TRUST Act!" in words
    total = f"Total {sum(r.signed_up for r in rows)} {sum(r.checked_in for r in rows)} 3"
    assert total in words
    # The chart: one bar per non-zero figure in each series' colour, as tall as its figure.
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        rects = document.pages[0].rects
    for colour, figures in zip(
        report_charts.SERIES_COLOURS,
        ([r.signed_up for r in rows], [r.checked_in for r in rows], [r.walk_ins for r in rows]),
        strict=True,
    ):
        wanted = tuple(round(part, 3) for part in colour.rgb())
        painted = [
            r for r in rects if r["non_stroking_color"] and _rounded(r["non_stroking_color"]) == wanted
        ]
        baseline = min(r["bottom"] for r in painted)
        bars = sorted((r for r in painted if abs(r["bottom"] - baseline) < 0.5), key=lambda r: r["x0"])
        nonzero = [figure for figure in figures if figure]
        assert len(bars) == len(nonzero)
        scale = bars[0]["height"] / nonzero[0]
        assert [round(bar["height"] / scale, 3) for bar in bars] == nonzero
        assert len(painted) == len(bars) + 1  # and its swatch in the legend


def _rounded(colour: Any) -> tuple[float, ...]:
    return tuple(round(float(part), 3) for part in colour)


def test_every_report_pdf_uses_only_embedded_noto_fonts(sample_db: Database) -> None:
    data: dict[ReportKind, Any] = {
        ReportKind.ATTENDANCE: reports.attendance(sample_db),
        ReportKind.HOURS: reports.hours(sample_db),
        ReportKind.PARTNERS: reports.partners(sample_db),
        ReportKind.SHIFTS: reports.shifts(sample_db),
    }
    for kind, figures in data.items():
        pdf = report_pdf(kind, figures, ALL, "es")
        fonts = _font_dicts(pdf)
        assert fonts, kind
        for font in fonts:
            name = str(font["/BaseFont"])
            assert name.split("+")[-1].startswith("NotoSans"), (kind, name)
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:  # a Type0 font: the descriptor is on its descendant
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), f"{kind}: {name} is not embedded"
        for base14 in (b"Helvetica", b"Times-Roman", b"Courier", b"Symbol", b"ZapfDingbats"):
            assert base14 not in pdf, kind
    # Every kind in Spanish: dates and words of the interface language.
    assert "Fecha" in pdf_text(report_pdf(ReportKind.ATTENDANCE, data[ReportKind.ATTENDANCE], ALL, "es"))
    assert "12 mar 2025" in pdf_text(
        report_pdf(ReportKind.ATTENDANCE, data[ReportKind.ATTENDANCE], ALL, "es")
    )


def _font_dicts(pdf: bytes) -> list[DictionaryObject]:
    reader = PdfReader(io.BytesIO(pdf))
    found = []
    for generation, numbers in reader.xref.items():
        for number in numbers:
            obj = reader.get_object(IndirectObject(number, generation, reader))
            if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/Font":
                found.append(obj)
    return found


def test_an_empty_range_gives_a_pdf_that_says_so(sample_db: Database) -> None:
    dates = DateRange(dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    for kind, figures in (
        (ReportKind.ATTENDANCE, reports.attendance(sample_db, dates.start, dates.end)),
        (ReportKind.HOURS, reports.hours(sample_db, dates.start, dates.end)),
    ):
        assert "Nothing to report for these days." in pdf_text(report_pdf(kind, figures, dates, "en"))


def test_attendance_csv_has_the_promised_columns_and_one_row_per_event(sample_db: Database) -> None:
    rows = reports.attendance(sample_db, dt.date(2025, 5, 1), dt.date(2025, 5, 20))
    assert [r.title for r in rows] == [
        "May Day March for Workers and Immigrants",
        "Rally: Governor, sign the TRUST Act!",
    ]
    [(suffix, data)] = csv_files(ReportKind.ATTENDANCE, rows, lambda message: message)
    assert suffix == ""
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert ",".join(table[0]) == "id,date,title,signed up,checked in,walk-ins"
    assert tuple(table[0]) == ATTENDANCE_HEADERS
    assert table[1:] == [
        [str(r.event_id), r.date.isoformat(), r.title, str(r.signed_up), str(r.checked_in), str(r.walk_ins)]
        for r in rows
    ]
    assert table[1][1:3] == ["2025-05-01", "May Day March for Workers and Immigrants"]


# --- The command line ------------------------------------------------------------------------------


def run_cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rallyorg.app", "--db", url, "--lang", "en", "report", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("kind", [kind.value for kind in ReportKind])
def test_cli_writes_each_report_as_pdf_and_csv(
    sample: tuple[Database, str], tmp_path: Path, kind: str
) -> None:
    db, url = sample
    pdf_path, csv_path = tmp_path / f"{kind}.pdf", tmp_path / f"{kind}.csv"
    done = run_cli(url, kind, "--from", "2025-05-01", "--to", "2025-06-30", "-o", str(pdf_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(pdf_path)]
    words = pdf_text(pdf_path.read_bytes())
    assert "From May 1, 2025 to Jun 30, 2025" in words
    done = run_cli(url, kind, "--from", "2025-05-01", "--to", "2025-06-30", "-o", str(csv_path))
    assert done.returncode == 0, done.stderr
    written = [Path(line) for line in done.stdout.split()]
    assert written[0] == csv_path and all(path.is_file() for path in written)
    table = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"), newline="")))
    if kind == "attendance":
        rows = reports.attendance(db, dt.date(2025, 5, 1), dt.date(2025, 6, 30))
        assert table[0] == list(ATTENDANCE_HEADERS)
        assert [line[0] for line in table[1:]] == [str(r.event_id) for r in rows]
        assert all(f"{r.signed_up} {r.checked_in} {r.walk_ins} {r.title}" in words for r in rows)
    elif kind == "hours":
        report = reports.hours(db, dt.date(2025, 5, 1), dt.date(2025, 6, 30))
        assert table[0] == ["id", "name", "hours"] and len(table) == len(report.by_person) + 1
        assert written == [csv_path, tmp_path / "hours-by-month.csv"]
        assert written[1].read_text(encoding="utf-8-sig").splitlines()[1:] == [
            f'"{m.month:%Y-%m}","{m.hours:.2f}"' for m in report.by_month
        ]
        assert oct(csv_path.stat().st_mode & 0o777) == oct(0o600)  # names people
    elif kind == "partners":
        groups = reports.partners(db, dt.date(2025, 5, 1), dt.date(2025, 6, 30))
        assert table[0] == ["id", "name", "co-sponsorships", "volunteers"]
        assert table[1:] == [
            [str(g.group_id), g.name, str(g.co_sponsorships), str(g.volunteers)] for g in groups
        ]
        assert f"{groups[0].co_sponsorships} {groups[0].volunteers} {groups[0].name}" in words
    else:
        found = reports.shifts(db, dt.date(2025, 5, 1), dt.date(2025, 6, 30))
        assert [int(line[3]) for line in table[1:]] == [s.shift_id for s in found]
        assert [int(line[7]) for line in table[1:]] == [s.filled for s in found]


def test_cli_refuses_another_format_and_a_bad_date(sample: tuple[Database, str], tmp_path: Path) -> None:
    _db, url = sample
    refused = run_cli(url, "attendance", "-o", str(tmp_path / "report.txt"))
    assert refused.returncode == 2
    assert "argument -o/--output" in refused.stderr and "report.txt" in refused.stderr
    assert "FILE.pdf or FILE.csv" in refused.stderr
    refused = run_cli(url, "hours", "--from", "2025-13-01", "-o", str(tmp_path / "hours.pdf"))
    assert refused.returncode == 2
    assert "argument --from: not a date (YYYY-MM-DD): 2025-13-01" in refused.stderr
    assert list(tmp_path.iterdir()) == []
