"""The Reports screen (issue #17) on the sample coalition: each report's table shows the figures
plain SQL counts on the same database, under a chart that is really drawn; Save PDF and Save
CSV write the report; a range without rallies says so; the headers go through the interface
language; and the screen fits the room a 1024×700 window leaves it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QFileDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from rallyorg.demo import EVENTS, load_demo
from rallyorg.domain.reports import ReportKind
from rallyorg.exchange.report_tables import ATTENDANCE_HEADERS
from rallyorg.gui.context import GuiContext
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.reports import chart_view
from rallyorg.gui.reports import screen as screen_module
from rallyorg.gui.reports.loading import last_twelve_months
from rallyorg.gui.reports.screen import ReportsScreen
from rallyorg.gui.widgets.records_model import ID_ROLE, RecordsModel
from rallyorg.i18n import translator
from rallyorg.services import reports

#: every past rally of the sample (March to October 2025), none near either end in any zone
START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
IN_RANGE = "e.status <> 'cancelled' AND e.starts_at >= '2025-01-01' AND e.starts_at < '2026-01-01'"


@pytest.fixture
def sample(gui_context: GuiContext) -> GuiContext:
    load_demo(gui_context.db)
    return gui_context


def open_screen(qtbot: QtBot, context: GuiContext, size: QSize | None = None) -> ReportsScreen:
    screen = ReportsScreen(context)
    qtbot.addWidget(screen)
    screen.resize(size or QSize(1100, 760))
    screen.show()
    screen.activate()
    qtbot.waitUntil(screen.is_ready, timeout=10_000)
    return screen


@pytest.fixture
def screen(qtbot: QtBot, sample: GuiContext) -> Iterator[ReportsScreen]:
    yield open_screen(qtbot, sample)


def show(
    qtbot: QtBot, screen: ReportsScreen, kind: ReportKind, start: dt.date = START, end: dt.date = END
) -> None:
    screen.choose(kind)
    screen.set_range(start, end)
    qtbot.waitUntil(screen.is_ready, timeout=10_000)
    assert screen.kind == kind


def sql(context: GuiContext, query: str, **params: Any) -> list[Any]:
    with context.db.engine.connect() as connection:
        return list(connection.execute(text(query), params).all())


def cells(model: RecordsModel[Any]) -> dict[Any, list[str]]:
    """The table as shown: each row's texts, by the record's id."""
    found = {}
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        found[index.data(ID_ROLE)] = [
            model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            for column in range(model.columnCount())
        ]
    return found


def figure(text: str) -> float:
    return float(text.replace(",", ""))


def headers(model: RecordsModel[Any]) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def assert_chart_drawn(screen: ReportsScreen) -> None:
    """The chart's picture is on screen, and it is a chart: bars and words in dark ink on white."""
    assert screen.chart.is_showing_chart()
    picture = screen.chart.image()
    assert picture is not None and picture.width() > 300
    painted = screen.chart.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    grey = bytes(painted.constBits())
    dark = sum(1 for level in grey if level < 110)
    light = sum(1 for level in grey if level > 240)
    assert dark > 200 and light > len(grey) // 4, (dark, light)
    assert screen.caption.isVisible() and screen.caption.text()


# --- Figures against SQL ------------------------------------------------------------------------------


def test_attendance_table_shows_what_sql_counts_with_its_chart(qtbot: QtBot, screen: ReportsScreen) -> None:
    show(qtbot, screen, ReportKind.ATTENDANCE)
    context = screen.context
    shown = cells(screen.tables.attendance)
    events = sql(
        context,
        f"SELECT e.id, t.title FROM event e JOIN event_text t ON t.event_id = e.id "
        f"AND t.language = 'en' WHERE {IN_RANGE} ORDER BY e.starts_at",
    )
    assert list(shown) == [event_id for event_id, _title in events]
    assert len(events) == 6
    planned_walk_ins = {plan.texts["en"].title: len(plan.walk_ins) for plan in EVENTS}
    for event_id, title in events:
        [(signed_up, attended)] = sql(
            context,
            "SELECT sum(s.status IN ('signed_up', 'confirmed', 'attended', 'no_show')), "
            "sum(s.status = 'attended') FROM signup s JOIN shift sh ON sh.id = s.shift_id "
            "WHERE sh.event_id = :e",
            e=event_id,
        )
        walk_ins = planned_walk_ins.get(title, 0)  # known another way: the sample's plan
        _date, event, *figures = shown[event_id]
        assert event == title
        assert [figure(f) for f in figures] == [signed_up - walk_ins, attended - walk_ins, walk_ins], title
    assert sum(figure(row[4]) for row in shown.values()) == 3  # the May Day march's walk-ins
    assert "3 walk-ins" in screen.summary.text()
    assert_chart_drawn(screen)
    # Sorted by a header click as numbers: most people signed up first.
    view = screen.tables.views[ReportKind.ATTENDANCE][0]
    view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    column = [figure(screen.tables.attendance.index(r, 2).data()) for r in range(len(shown))]
    assert column == sorted(column, reverse=True)
    assert screen.tables.attendance.headerData(
        2, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole
    )
    alignment = screen.tables.attendance.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight


def test_hours_tables_show_what_sql_sums(qtbot: QtBot, screen: ReportsScreen) -> None:
    show(qtbot, screen, ReportKind.HOURS)
    context = screen.context
    attended = (
        "FROM signup s JOIN shift sh ON sh.id = s.shift_id JOIN event e ON e.id = sh.event_id "
        f"WHERE s.status = 'attended' AND {IN_RANGE}"
    )
    by_person = {
        vid: round(float(h), 2)
        for vid, h in sql(context, f"SELECT s.volunteer_id, sum(s.hours) {attended} GROUP BY s.volunteer_id")
    }
    names = dict(sql(context, "SELECT id, given_name || ' ' || family_name FROM volunteer"))
    people = cells(screen.tables.people)
    assert {vid: figure(row[1]) for vid, row in people.items()} == by_person
    assert all(row[0] == names[vid] for vid, row in people.items())
    # Months by the event's start in UTC: every sample rally is on the same day in New York.
    by_month = {
        month: round(float(h), 2)
        for month, h in sql(context, f"SELECT substr(e.starts_at, 1, 7), sum(s.hours) {attended} GROUP BY 1")
    }
    months = cells(screen.tables.months)
    assert {f"{month:%Y-%m}": figure(row[1]) for month, row in months.items()} == by_month
    assert [row[0] for row in months.values()][:2] == ["March 2025", "May 2025"]
    # Two decimals in every hours cell ("101.00" over "150.75"): the column lines up.
    shown_hours = [row[1] for row in [*months.values(), *people.values()]]
    assert all(re.fullmatch(r"[\d,]+\.\d\d", text) for text in shown_hours), shown_hours
    assert_chart_drawn(screen)


def test_partner_table_shows_what_sql_counts(qtbot: QtBot, screen: ReportsScreen) -> None:
    show(qtbot, screen, ReportKind.PARTNERS)
    context = screen.context
    events = dict(
        sql(
            context,
            "SELECT ep.group_id, count(DISTINCT ep.event_id) FROM event_partner ep "
            f"JOIN event e ON e.id = ep.event_id WHERE {IN_RANGE} GROUP BY ep.group_id",
        )
    )
    people = dict(
        sql(
            context,
            "SELECT v.group_id, count(DISTINCT s.volunteer_id) FROM signup s "
            "JOIN volunteer v ON v.id = s.volunteer_id JOIN shift sh ON sh.id = s.shift_id "
            f"JOIN event e ON e.id = sh.event_id WHERE {IN_RANGE} AND v.group_id IS NOT NULL "
            "AND s.status NOT IN ('cancelled', 'waitlisted') GROUP BY v.group_id",
        )
    )
    names = dict(sql(context, "SELECT id, name FROM partner_group"))
    shown = cells(screen.tables.partners)
    assert {group: (row[0], figure(row[1]), figure(row[2])) for group, row in shown.items()} == {
        group: (names[group], events.get(group, 0), people.get(group, 0))
        for group in set(events) | set(people)
    }
    assert len(shown) > 20  # more than the chart's 20 bars: the note under the chart says so
    assert screen.chart_note.isVisible() and str(len(shown)) in screen.chart_note.text()
    assert_chart_drawn(screen)
    # Twenty bars do not fit the room: the chart scrolls, and so is shown big enough to read
    # (its 7.5 pt group names at 1.6 px a point), not at the smallest readable size.
    chart_size = screen.chart.chart_size()
    assert chart_size is not None
    assert screen.chart_area.verticalScrollBar().maximum() > 0
    zoom = (screen.chart.height() - 2 * chart_view.MARGIN) / chart_size.height  # pixels a point
    assert screen.chart_area.width() > chart_view.SCROLLED * chart_size.width + 40  # room for it
    assert zoom == pytest.approx(chart_view.SCROLLED, abs=0.01)


def test_shift_table_shows_what_sql_counts(qtbot: QtBot, screen: ReportsScreen) -> None:
    show(qtbot, screen, ReportKind.SHIFTS)
    expected = {
        shift_id: (role, capacity, filled)
        for shift_id, role, capacity, filled in sql(
            screen.context,
            "SELECT sh.id, sh.role, sh.capacity, (SELECT count(*) FROM signup s WHERE s.shift_id = sh.id "
            "AND s.status IN ('signed_up', 'confirmed', 'attended')) "
            f"FROM shift sh JOIN event e ON e.id = sh.event_id WHERE {IN_RANGE}",
        )
    }
    shown = cells(screen.tables.shifts)
    assert {shift: (row[2], figure(row[4]), figure(row[5])) for shift, row in shown.items()} == expected
    for shift, row in shown.items():
        _role, capacity, filled = expected[shift]
        assert row[6] == f"{round(100 * filled / capacity)}%"
    assert_chart_drawn(screen)


# --- An empty range -------------------------------------------------------------------------------------


def test_a_range_without_rallies_says_so_and_offers_every_date(qtbot: QtBot, screen: ReportsScreen) -> None:
    # At first: the last twelve months, to today — unless no rally falls in them (the sample's
    # held rallies may all be older than a year): then every date to today, not an empty screen.
    today = dt.date.today()
    year = last_twelve_months(today)
    shown = (screen.start_field.date().toPython(), screen.end_field.date().toPython())
    first, last = dt.date(2025, 3, 12), dt.date(2027, 3, 20)  # the sample's first and last rally
    if reports.event_count(screen.context.db, year.start, year.end):
        assert shown == (year.start, year.end)
    elif first <= today < last:  # from the first rally to today: those held, not those ahead
        assert shown == (first, today)
    else:
        assert shown == (first, last)
    show(qtbot, screen, ReportKind.ATTENDANCE, dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert screen.stack.currentWidget() is screen.empty
    assert screen.empty.label.text() == "No rallies between Jan 1, 2020 and Dec 31, 2020."
    assert not screen.save_pdf_button.isEnabled() and not screen.save_csv_button.isEnabled()
    [every_date] = screen.empty.buttons
    assert every_date.isVisible()
    every_date.click()
    qtbot.waitUntil(screen.is_ready, timeout=10_000)
    assert screen.stack.currentWidget() is screen.splitter
    assert (screen.start_field.date().toPython(), screen.end_field.date().toPython()) == (
        dt.date(2025, 3, 12),
        dt.date(2027, 3, 20),
    )
    [(held,)] = sql(screen.context, "SELECT count(*) FROM event WHERE status <> 'cancelled'")
    assert screen.tables.attendance.rowCount() == held == 12


def test_a_campaign_is_chosen_from_the_tags_in_use_and_limits_every_report(
    qtbot: QtBot, screen: ReportsScreen
) -> None:
    show(qtbot, screen, ReportKind.ATTENDANCE, dt.date(2025, 1, 1), dt.date(2027, 12, 31))
    choices = [screen.campaign.itemText(i) for i in range(screen.campaign.count())]
    assert choices == ["All rallies", "Family unity", "Know Your Rights", "TRUST Act", "Workers' rights"]
    assert screen.campaign.isEnabled()
    screen.campaign.setCurrentIndex(choices.index("TRUST Act"))  # as a click in the list does
    qtbot.waitUntil(lambda: screen.is_ready() and screen.chosen_campaign == "TRUST Act", timeout=10_000)
    tagged = [
        row[0]
        for row in sql(
            screen.context,
            "SELECT id FROM event WHERE status <> 'cancelled' AND tags LIKE '%,TRUST Act,%' "
            "ORDER BY starts_at",
        )
    ]
    assert len(tagged) == 3 and list(cells(screen.tables.attendance)) == tagged
    assert_chart_drawn(screen)
    # The shifts report of the same campaign: its events' shifts only.
    show(qtbot, screen, ReportKind.SHIFTS, dt.date(2025, 1, 1), dt.date(2027, 12, 31))
    shifts = screen.tables.shifts
    shown_shifts = {shifts.index(r, 0).data(ID_ROLE) for r in range(shifts.rowCount())}
    [(count,)] = sql(
        screen.context,
        "SELECT count(*) FROM shift sh JOIN event e ON e.id = sh.event_id "
        "WHERE e.status <> 'cancelled' AND e.tags LIKE '%,TRUST Act,%'",
    )
    assert len(shown_shifts) == count
    # A range with none of the campaign's rallies says so, naming the campaign.
    show(qtbot, screen, ReportKind.ATTENDANCE, dt.date(2025, 6, 1), dt.date(2025, 12, 31))
    assert screen.empty.label.text() == (
        "No rallies of the campaign TRUST Act between Jun 1, 2025 and Dec 31, 2025."
    )
    screen.choose_campaign(None)
    qtbot.waitUntil(lambda: screen.is_ready() and screen.stack.currentWidget() is screen.splitter)


def test_typed_days_reload_and_a_wrong_range_is_marked(qtbot: QtBot, screen: ReportsScreen) -> None:
    assert screen.stack.currentWidget() is screen.splitter and screen.save_pdf_button.isEnabled()
    screen.set_range(dt.date(2025, 6, 1), dt.date(2025, 5, 1))
    assert screen.range_error.isVisible()
    assert screen.range_error.text() == "The range ends (May 1, 2025) before it starts (Jun 1, 2025)."
    assert screen.end_field.styleSheet()
    # The last report's figures are not left on show (nor to save) as if they were these days'.
    assert screen.stack.currentWidget() is screen.empty
    assert screen.empty.label.text() == "Choose the days the report covers."
    assert not screen.save_pdf_button.isEnabled() and not screen.save_csv_button.isEnabled()
    # Typed as an organizer types them: the report reloads once typing pauses.
    for field, typed in ((screen.start_field, "5/1/2025"), (screen.end_field, "6/30/2025")):
        field.edit.selectAll()
        qtbot.keyClicks(field.edit, typed)
    qtbot.waitUntil(lambda: screen.is_ready() and screen.tables.attendance.rowCount() == 3, timeout=10_000)
    assert not screen.range_error.isVisible() and not screen.end_field.styleSheet()
    assert screen.stack.currentWidget() is screen.splitter
    # Words that are not a date are said to be so when the field is left.
    screen.start_field.edit.selectAll()
    qtbot.keyClicks(screen.start_field.edit, "someday")
    screen.start_field.edit.editingFinished.emit()
    assert screen.range_error.isVisible() and screen.start_field.styleSheet()
    assert "Not a date" in screen.range_error.text()
    assert screen.stack.currentWidget() is screen.empty and not screen.save_pdf_button.isEnabled()
    # The same day typed back (no date changed): leaving the field brings the report back.
    screen.start_field.edit.selectAll()
    qtbot.keyClicks(screen.start_field.edit, "5/1/2025")
    screen.start_field.edit.editingFinished.emit()
    qtbot.waitUntil(lambda: screen.is_ready() and screen.tables.attendance.rowCount() == 3, timeout=10_000)
    assert screen.stack.currentWidget() is screen.splitter and screen.save_pdf_button.isEnabled()


# --- Saving ----------------------------------------------------------------------------------------------


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    offered: list[str] = []

    def answer(_parent: QWidget, _title: str, suggested: str, _kinds: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return offered


def pdf_words(path: Path) -> str:
    with pdfplumber.open(path) as document:
        return " ".join(" ".join(page.extract_text() or "" for page in document.pages).split())


def test_save_pdf_and_csv_write_the_report_on_show(
    qtbot: QtBot, screen: ReportsScreen, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    show(qtbot, screen, ReportKind.ATTENDANCE)
    offered = answer_save_dialog(monkeypatch, tmp_path / "attendance")  # the suffix is added
    screen.save_pdf_button.click()
    written = tmp_path / "attendance.pdf"
    qtbot.waitUntil(written.exists, timeout=10_000)
    assert Path(offered[0]).name == "attendance-2025-01-01-2025-12-31.pdf"
    words = pdf_words(written)
    assert words.startswith("Attendance per event From Jan 1, 2025 to Dec 31, 2025")
    assert "May Day March for Workers and Immigrants" in words

    answer_save_dialog(monkeypatch, tmp_path / "attendance.csv")
    screen.save_csv_button.click()
    table = tmp_path / "attendance.csv"
    qtbot.waitUntil(table.exists, timeout=10_000)
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"), newline="")))
    assert ",".join(rows[0]) == "id,date,title,signed up,checked in,walk-ins"
    assert tuple(rows[0]) == ATTENDANCE_HEADERS
    assert [int(row[0]) for row in rows[1:]] == list(cells(screen.tables.attendance))

    # The hours report's CSV is two files, as the command line writes it, for their owner only.
    show(qtbot, screen, ReportKind.HOURS)
    answer_save_dialog(monkeypatch, tmp_path / "hours.csv")
    screen.save_csv_button.click()
    months = tmp_path / "hours-by-month.csv"
    qtbot.waitUntil(months.exists, timeout=10_000)
    assert (tmp_path / "hours.csv").read_text(encoding="utf-8-sig").splitlines()[0] == '"id","name","hours"'
    assert months.read_text(encoding="utf-8-sig").splitlines()[1].startswith('"2025-03"')
    assert oct((tmp_path / "hours.csv").stat().st_mode & 0o777) == oct(0o600)


# --- Language and room -------------------------------------------------------------------------------------


ENGLISH_HEADERS = {
    "attendance": ["Date", "Event", "Signed up", "Checked in", "Walk-ins"],
    "months": ["Month", "Hours"],
    "people": ["Name", "Hours"],
    "partners": ["Partner group", "Events", "Volunteers"],
    "shifts": ["Date", "Event", "Shift", "Starts", "Capacity", "Filled", "Fill rate"],
}


def test_in_spanish_the_headers_and_words_are_the_interface_languages(
    qtbot: QtBot, sample: GuiContext
) -> None:
    apply_language("es")
    screen = open_screen(qtbot, sample)
    spanish = translator("es").gettext
    for name, english in ENGLISH_HEADERS.items():
        assert headers(getattr(screen.tables, name)) == [spanish(word) for word in english], name
    assert screen.title() == spanish("Reports")
    assert [screen.chooser.itemText(i) for i in range(screen.chooser.count())] == [
        spanish(word) for word in ("Attendance", "Volunteer hours", "Partner groups", "Shift fill rates")
    ]
    show(qtbot, screen, ReportKind.ATTENDANCE)
    first = screen.tables.attendance.index(0, 0).data()
    assert first == "12 mar 2025"  # a date in the interface language's own order
    assert_chart_drawn(screen)


@pytest.mark.parametrize("language", ["en", "es"])
def test_fits_the_room_a_1024x700_window_leaves(qtbot: QtBot, sample: GuiContext, language: str) -> None:
    """At 1024×700 the window keeps its frame, menu bar, toolbar and status bar and a compact
    rail (64 px): about 940×540 for the place. Nothing is cut off, and chart and table both
    keep room to be read (tests/gui/test_narrow_window.py checks the other places so)."""
    apply_language(language)
    room = QSize(1024 - 16 - 64, 700 - 48 - 110)
    screen = open_screen(qtbot, sample, room)
    assert screen.minimumSizeHint().width() <= room.width()
    assert screen.minimumSizeHint().height() <= room.height()
    for kind in ReportKind:
        show(qtbot, screen, kind)
        QApplication.processEvents()
        where = f"{language} {kind}"
        for widget in screen.findChildren(QWidget):
            if not isinstance(widget, QAbstractButton | QComboBox | QLabel) or not widget.isVisible():
                continue
            if widget.window() is not screen:
                continue
            corner = widget.mapTo(screen, widget.rect().bottomRight())
            assert corner.x() <= screen.width() and corner.y() <= screen.height(), (where, widget)
            if isinstance(widget, QAbstractButton) and widget.text():
                needed = widget.sizeHint().width()
                assert widget.width() >= needed, (where, widget.text(), widget.width(), needed)
        assert screen.chart_area.height() >= 150, where
        [view, *_more] = screen.tables.views[kind]
        rows = view.viewport().height() // view.verticalHeader().defaultSectionSize()
        assert rows >= 3, (where, rows)
        assert not screen.tables.views[kind][0].horizontalScrollBar().isVisible(), where
        assert screen.chart.is_showing_chart(), where


def test_another_reports_chart_is_not_left_under_a_new_table(
    qtbot: QtBot, screen: ReportsScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the hours chart is drawn (held here until released), the attendance chart is not
    shown under the hours tables; then the hours chart is."""
    show(qtbot, screen, ReportKind.ATTENDANCE)
    attendance_caption = screen.caption.text()
    release = threading.Event()
    drawing = screen_module.report_chart

    def held(*args: Any) -> Any:
        release.wait(timeout=10)
        return drawing(*args)

    monkeypatch.setattr(screen_module, "report_chart", held)
    screen.choose(ReportKind.HOURS)
    qtbot.waitUntil(lambda: screen.tables.months.rowCount() > 0)
    assert not screen.chart.is_showing_chart() and not screen.caption.isVisible()
    assert screen.chart.accessibleName() == "Drawing the chart…"
    release.set()
    qtbot.waitUntil(screen.is_ready, timeout=10_000)
    assert screen.caption.isVisible() and screen.caption.text() != attendance_caption
