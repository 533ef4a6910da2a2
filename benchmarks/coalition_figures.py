"""Figures measured inside this process through the app's services: search as you type, sorting
the volunteer list, the duplicate review and flyers (the `rallyorg flyer` steps), each beside a
reference made without the app where there is one."""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from coalition_data import Coalition
from coalition_report import Row, Scale, Target, target_at
from coalition_run import Bench, timed
from sqlalchemy.dialects import sqlite

from rallyorg.db import Database, open_database
from rallyorg.services import volunteers
from rallyorg.services.volunteer_queries import matching_ids
from rallyorg.services.volunteers import VolunteerSort

TYPED = ("gonçalves", "jose", "203 55", "hartford", "@example")


@contextmanager
def opened(c: Coalition) -> Iterator[Database]:
    db = open_database(f"sqlite:///{c.database}")  # these figures only read
    try:
        yield db
    finally:
        db.close()


def keystrokes(bench: Bench, c: Coalition) -> list[Row]:
    """Each word typed one letter at a time: one search per prefix of two letters or more."""
    prefixes = [word[:n] for word in TYPED for n in range(2, len(word) + 1)]
    seconds: list[float] = []
    with opened(c) as db:
        matching_ids(db, search="warm")
        for _number in range(bench.runs):
            seconds.extend(timed(matching_ids, db, search=p) for p in prefixes)
        hits = ", ".join(f'"{word}" {len(matching_ids(db, search=word)):,}' for word in TYPED)
    bench.note(f"{c.label}: people found for each whole word: {hits}")
    target = Target(value=0.030, p95=0.060, text="median ≤ 30 ms, p95 ≤ 60 ms")
    return [
        Row(
            f"keystroke search, {len(prefixes)} prefixes of {len(TYPED)} words (matching_ids)",
            c.label,
            target_at(c.label, Scale.SCREEN, target, process=False),
            runs=bench.runs,
            values=seconds,
            p95_shown=True,
        )
    ]


def order_by(sort: VolunteerSort, descending: bool) -> str:
    """The ORDER BY of ``matching_ids``: the service's own sort keys when it still has them."""
    try:
        from rallyorg.services.volunteers import _ORDER

        keys: tuple[Any, ...] = _ORDER[sort]
    except (ImportError, KeyError):
        from rallyorg.models import Volunteer

        fallback = {
            VolunteerSort.NAME: (Volunteer.sort_name, Volunteer.id),
            VolunteerSort.CITY: (Volunteer.city, Volunteer.sort_name, Volunteer.id),
            VolunteerSort.EMAIL: (Volunteer.email, Volunteer.id),
            VolunteerSort.NEWEST: (Volunteer.id.desc(),),
        }
        keys = fallback[sort]
    flip = descending and sort != VolunteerSort.NEWEST
    return ", ".join(str((key.desc() if flip else key).compile(dialect=sqlite.dialect())) for key in keys)


def sorting(bench: Bench, c: Coalition) -> list[Row]:
    orders = [(sort, descending) for sort in VolunteerSort for descending in (False, True)]
    app: dict[tuple[VolunteerSort, bool], list[float]] = {order: [] for order in orders}
    raw: dict[tuple[VolunteerSort, bool], list[float]] = {order: [] for order in orders}
    connection = sqlite3.connect(f"file:{c.database}?mode=ro", uri=True)
    with opened(c) as db:
        matching_ids(db)
        for _number in range(bench.runs):
            for sort, descending in orders:
                query = f"SELECT id FROM volunteer ORDER BY {order_by(sort, descending)}"
                app[sort, descending].append(timed(matching_ids, db, sort=sort, descending=descending))
                raw[sort, descending].append(timed(fetch_all, connection, query))
    connection.close()
    target = target_at(c.label, Scale.SCREEN, Target(value=0.150, text="≤ 150 ms"), process=False)
    return [
        Row(
            f"sort by {sort.value} {'descending' if descending else 'ascending'} (matching_ids)",
            c.label,
            target,
            runs=bench.runs,
            values=app[sort, descending],
            reference="raw sqlite3 SELECT id … ORDER BY same keys",
            reference_value=statistics.median(raw[sort, descending]),
        )
        for sort, descending in orders
    ]


def duplicates(bench: Bench, c: Coalition) -> list[Row]:
    seconds: list[float] = []
    with opened(c) as db:
        for _number in range(bench.runs):
            started = time.perf_counter()
            pairs = volunteers.find_duplicates(db)
            seconds.append(time.perf_counter() - started)
    by_reason: dict[str, int] = {}
    for pair in pairs:
        by_reason[pair.reason] = by_reason.get(pair.reason, 0) + 1
    bench.note(
        f"{c.label}: find_duplicates found {len(pairs):,} pairs {by_reason} (2% of people are entered twice)"
    )
    target = target_at(c.label, Scale.SCREEN, Target(value=2.0, text="≤ 2 s"), process=False)
    return [Row("duplicate review (find_duplicates)", c.label, target, runs=bench.runs, values=seconds)]


def flyers(bench: Bench, c: Coalition) -> list[Row]:
    """``rallyorg flyer ID --langs en,es -o x.pdf`` without the process: read the event, check
    its texts, render, save; the reference draws the same words on a bare ReportLab page."""
    from rallyorg.flyers import FlyerOptions, missing_translations, parse_languages, render_flyer, save_pdf
    from rallyorg.services import events

    options = FlyerOptions(languages=parse_languages("en,es"))
    output = bench.path("flyer.pdf")
    with opened(c) as db:

        def flyer(*event_ids: int) -> None:
            for event_id in event_ids:
                event = events.get_event(db, event_id)
                if missing_translations(event, options.languages):
                    raise RuntimeError(f"event {event_id} lacks a text")
                save_pdf(output, render_flyer(event, options).pdf)

        loaded = [events.get_event(db, event_id) for event_id in range(1, 101)]
        batch = list(range(1, 101))
        one, hundred, bare_one, bare_hundred = [], [], [], []
        flyer(1)  # warm-up: fonts, images, imports
        bare_pages(output, loaded[0])
        for _number in range(bench.runs):
            one.append(timed(flyer, 1))
            bare_one.append(timed(bare_pages, output, loaded[0]))
            hundred.append(timed(flyer, *batch))
            bare_hundred.append(timed(bare_pages, output, *loaded))
    reference = "bare ReportLab page, same title/date/place"
    return [
        Row(
            "one flyer en+es (flyers API)",
            c.label,
            target_at(c.label, Scale.FIXED, Target(value=0.060, text="≤ 60 ms"), process=False),
            runs=bench.runs,
            values=one,
            reference=reference,
            reference_value=statistics.median(bare_one),
        ),
        Row(
            "100 flyers en+es (flyers API)",
            c.label,
            target_at(c.label, Scale.FIXED, Target(value=6.0, text="≤ 6 s"), process=False),
            runs=bench.runs,
            values=hundred,
            reference=f"100 × {reference}",
            reference_value=statistics.median(bare_hundred),
        ),
    ]


def bare_pages(output: Path, *loaded: Any) -> None:
    """Each event's titles, date and place on a plain ReportLab page, one PDF each."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    height = letter[1]
    for event in loaded:
        page = canvas.Canvas(str(output), pagesize=letter)
        page.setFont("Helvetica-Bold", 26)
        page.drawString(54, height - 90, event.title("en"))
        page.drawString(54, height - 130, event.title("es"))
        page.setFont("Helvetica", 16)
        page.drawString(54, height - 180, event.starts_at.strftime("%A %d %B %Y, %H:%M"))
        page.drawString(54, height - 205, event.venue.name if event.venue else "")
        page.showPage()
        page.save()


def fetch_all(connection: sqlite3.Connection, query: str) -> None:
    connection.execute(query).fetchall()


FIGURES: list[tuple[tuple[str, ...], Callable[[Bench, Coalition], list[Row]]]] = [
    (("keystroke search",), keystrokes),
    (("sort by",), sorting),
    (("duplicate review",), duplicates),
    (("flyer",), flyers),
]
