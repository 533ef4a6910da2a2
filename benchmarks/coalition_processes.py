"""Figures measured as whole processes: the desktop app's start and memory, `rallyorg` commands
(help, events list, import, exports, backup, copy to PostgreSQL), each beside a reference run
the same way in the same run. Wall time and peak memory come from the process itself."""

from __future__ import annotations

import csv
import json
import sqlite3
import statistics
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from coalition_data import Coalition
from coalition_report import GB_MB, Row, Scale, Target, amount, target_at
from coalition_run import BENCHMARKS, Bench, ProcessRun, timed

from rallyorg.db import open_database


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def summary(run: ProcessRun, *words: str) -> str:
    """The line of a command's output that sums it up (the first holding one of ``words``)."""
    if run.failure():
        return run.failure()
    for line in run.stdout.splitlines():
        if any(word in line for word in words):
            return line.strip()
    return last_line(run.stdout)


class Series:
    """One figure's runs: wall times, peak memory, the first failure."""

    def __init__(self) -> None:
        self.seconds: list[float] = []
        self.rss: list[float] = []
        self.failure = ""

    def add(self, run: ProcessRun) -> ProcessRun:
        if run.failure():
            self.failure = self.failure or run.failure()
        else:
            self.seconds.append(run.seconds)
            self.rss.append(run.rss_mb)
        return run

    def row(self, figure: str, size: str, target: Target, **fields: object) -> Row:
        return Row(
            figure,
            size,
            target,
            runs=len(self.seconds),
            values=list(self.seconds),
            rss_mb=max(self.rss) if self.rss else None,
            failure=self.failure,
            **fields,  # type: ignore[arg-type]
        )


# --- the desktop app --------------------------------------------------------------------------------


def gui(bench: Bench, c: Coalition) -> list[Row]:
    driver = [sys.executable, str(BENCHMARKS / "coalition_gui.py")]
    url = sqlite_url(c.database)  # the app only reads at start (its automatic backup is left out)
    commands = {
        "volunteers": [*driver, "app", url, "volunteers"],
        "dashboard": [*driver, "app", url, "dashboard"],
        "bare": [*driver, "bare", url],
        "tour": [*driver, "tour", url, "dashboard"],
    }
    series = {key: Series() for key in commands}
    for command in commands.values():
        bench.run(command)  # warm-up, not counted: compiled bytecode, fonts, the file in memory
    places: dict[str, list[float]] = {}
    shown = None
    for number in range(bench.runs):
        bench.progress(f"  GUI run {number + 1} of {bench.runs}")
        for key, command in commands.items():
            run = series[key].add(bench.run(command))
            if key == "volunteers" and not run.failure():
                shown = json.loads(last_line(run.stdout)).get("rows")
            if key == "tour" and not run.failure():
                for place, seconds in json.loads(last_line(run.stdout)).get("places_s", {}).items():
                    places.setdefault(place, []).append(seconds)
    if places:
        slowest = ", ".join(f"{p} {amount(statistics.median(s))}" for p, s in places.items())
        bench.note(f"{c.label}: switching to each place (median, tour): {slowest}")
    bench.note(f"{c.label}: the Volunteers list had {shown} rows when painted")
    bare = series["bare"]
    reference = "bare PySide6 + SQLAlchemy, every row in a QTableView"
    start = Target(value=1.0, ratio=2.5, text="≤ 1.0 s and ≤ 2.5× reference")
    rows = [
        series[key].row(
            f"start → painted {key.title()} (GUI)",
            c.label,
            target_at(c.label, Scale.SCREEN, start, process=True),
            reference=reference,
            reference_value=median(bare.seconds),
        )
        for key in ("volunteers", "dashboard")
    ]
    tour = series["tour"]
    memory = Target(value=300, text="≤ 300 MB")
    if c.label == "1m":
        memory = Target(value=GB_MB, text="usable: ≤ 2 s screen, ≤ 1 GB")
    rows.append(
        Row(
            "GUI peak RSS, every place visited",
            c.label,
            memory,
            runs=len(tour.rss),
            values=list(tour.rss),
            unit="MB",
            rss_mb=max(tour.rss) if tour.rss else None,
            reference="bare PySide6 process",
            reference_value=median(bare.rss),
            failure=tour.failure or bare.failure,
        )
    )
    return rows


# --- commands ---------------------------------------------------------------------------------------


def cli(bench: Bench, c: Coalition) -> list[Row]:
    url = sqlite_url(c.database)  # both only read
    help_, listing, bare = Series(), Series(), Series()
    bench.app("--help")
    bench.app("--db", url, "events", "list", "--json")
    for _number in range(bench.runs):
        help_.add(bench.app("--help"))
        run = listing.add(bench.app("--db", url, "events", "list", "--json"))
        bare.add(bench.run([sys.executable, "-c", "import sqlalchemy"]))
    if not run.failure():
        bench.note(f"{c.label}: events list --json printed {len(json.loads(run.stdout)):,} events")
    if help_.rss:
        bench.help_rss_mb = statistics.median(help_.rss)
    fields = {
        "reference": 'python -c "import sqlalchemy"',
        "reference_value": median(bare.seconds),
    }
    return [
        help_.row(
            "rallyorg --help",
            c.label,
            target_at(c.label, Scale.FIXED, Target(value=0.3, text="≤ 0.3 s"), process=True),
            **fields,
        ),
        listing.row(
            "rallyorg events list --json",
            c.label,
            target_at(c.label, Scale.SCREEN, Target(value=0.5, text="≤ 0.5 s"), process=True),
            **fields,
        ),
    ]


def volunteer_columns(connection: sqlite3.Connection) -> list[str]:
    return [row[1] for row in connection.execute("PRAGMA table_info(volunteer)") if row[1] != "id"]


def imports(bench: Bench, c: Coalition) -> list[Row]:
    """Import the coalition's file into an empty database, then again (all duplicates, skipped),
    then again with --on-duplicate update; the reference inserts the rows the app stored for the
    same people with raw sqlite3 executemany into an empty database."""
    source = sqlite3.connect(f"file:{c.database}?mode=ro", uri=True)
    columns = volunteer_columns(source)
    prepared = source.execute(f"SELECT {', '.join(columns)} FROM volunteer ORDER BY id").fetchall()
    source.close()
    statement = f"INSERT INTO volunteer ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    first, again, update, reference = Series(), Series(), Series(), Series()
    rejected = bench.path("rejected.csv")
    runs = bench.slow_runs(c.label)
    for number in range(runs):
        bench.progress(f"  import run {number + 1} of {runs}")
        target = sqlite_url(bench.copy_of(c.empty, "import.sqlite3"))
        command = ("--db", target, "import", "volunteers", str(c.csv), "--rejected", str(rejected))
        said = [
            series.add(bench.app(*command, *extra))
            for series, extra in ((first, ()), (again, ()), (update, ("--on-duplicate", "update")))
        ]
        reference.seconds.append(
            executemany(bench.copy_of(c.empty, "reference.sqlite3"), statement, prepared)
        )
    for label, run in zip(("import", "re-import", "re-import --on-duplicate update"), said, strict=True):
        bench.note(f"{c.label}: {label}: {summary(run, 'rows in file')}")
    first_median = median(first.seconds)
    base = Target(value=4.0, rss_mb=300, text="≤ 4 s, ≤ 300 MB")
    rows = [
        first.row(
            f"import {c.volunteers:,} volunteers from CSV (CLI)",
            c.label,
            target_at(c.label, Scale.BATCH, base, process=True),
            reference="raw sqlite3 executemany, same rows",
            reference_value=median(reference.seconds),
        )
    ]
    for series, figure in (
        (again, "re-import, all duplicates (skip)"),
        (update, "re-import --on-duplicate update"),
    ):
        limit = Target(value=first_median, text=f"≤ first import ({amount(first_median)})")
        if c.label == "1m":
            limit = replace(limit, rss_mb=GB_MB, text=f"{limit.text}, ≤ 1 GB")
        rows.append(
            series.row(
                f"{figure} (CLI)", c.label, limit, reference="first import", reference_value=first_median
            )
        )
    return rows


def executemany(database: Path, statement: str, rows: list[Any]) -> float:
    connection = sqlite3.connect(database)

    def insert_all() -> None:
        connection.executemany(statement, rows)
        connection.commit()

    try:
        return timed(insert_all)
    finally:
        connection.close()


def help_rss(bench: Bench) -> float:
    if bench.help_rss_mb is None:
        bench.help_rss_mb = bench.app("--help").rss_mb
    return bench.help_rss_mb


def exports(bench: Bench, c: Coalition) -> list[Row]:
    copy = bench.copy_of(c.database, "exports.sqlite3")  # an export is recorded in the database
    url, runs = sqlite_url(copy), bench.slow_runs(c.label)
    volunteers, contacts, reference = Series(), Series(), Series()
    output = bench.path("volunteers.csv")
    for _number in range(runs):
        run = volunteers.add(bench.app("--db", url, "export", "volunteers", "-o", output))
        reference.seconds.append(timed(csv_from_sqlite, copy, bench.path("reference.csv")))
        vcf = bench.path("contacts.vcf")
        cards = contacts.add(bench.app("--db", url, "export", "contacts", "--format", "vcard", "-o", vcf))
    bench.note(f"{c.label}: export volunteers: {summary(run, 'Wrote')}")
    bench.note(f"{c.label}: export contacts (vCard): {summary(cards, 'Wrote')}")
    flat = help_rss(bench) + 100
    target = target_at(c.label, Scale.BATCH, Target(value=1.5, rss_mb=flat, text="≤ 1.5 s"), process=True)
    target = replace(
        target, rss_mb=flat, text=f"{target.text}; flat memory (≤ --help's {flat - 100:.0f} MB + 100 MB)"
    )
    vcard = target_at(c.label, Scale.BATCH, Target(value=1.5, text="≤ 1.5 s"), process=True)
    return [
        volunteers.row(
            "export volunteers CSV (CLI)",
            c.label,
            target,
            reference="csv module over raw sqlite3",
            reference_value=median(reference.seconds),
        ),
        contacts.row(f"export contacts vCard, {c.contacts:,} contacts (CLI)", c.label, vcard),
    ]


def csv_from_sqlite(database: Path, output: Path) -> None:
    """The export's rows and order, written by the csv module straight from a query."""
    query = (
        "SELECT v.given_name, v.family_name, v.email, v.phone, v.city, v.languages, v.skills, g.name, "
        "v.may_email, v.may_text, v.may_call, v.may_share, v.source FROM volunteer v "
        "LEFT JOIN partner_group g ON g.id = v.group_id WHERE v.do_not_contact = 0 "
        "ORDER BY v.family_name, v.given_name, v.id"
    )
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        with output.open("w", encoding="utf-8", newline="") as stream:
            csv.writer(stream).writerows(connection.execute(query))
    finally:
        connection.close()


def backup(bench: Bench, c: Coalition) -> list[Row]:
    app, reference = Series(), Series()
    copy = bench.path("backup.sqlite3")
    for _number in range(bench.slow_runs(c.label)):
        app.add(bench.app("--db", sqlite_url(c.database), "db", "backup", copy))
        copy.unlink(missing_ok=True)
        reference.add(bench.run([sys.executable, "-c", SQLITE_BACKUP, str(c.database), str(copy)]))
        copy.unlink(missing_ok=True)
    target = Target(ratio=2.0, text="≤ 2× reference")
    return [
        app.row(
            "db backup (CLI)",
            c.label,
            target_at(c.label, Scale.FIXED, target, process=True),
            reference="sqlite3 backup API (a python process)",
            reference_value=median(reference.seconds),
        )
    ]


# The reference runs as a process too, so that both sides pay for starting one.
SQLITE_BACKUP = "import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))"


def copy_to_postgres(bench: Bench, c: Coalition) -> list[Row]:
    figure = "db copy to PostgreSQL (CLI)"
    target = target_at(c.label, Scale.FIXED, Target(ratio=2.0, text="≤ 2× reference"), process=True)
    if not bench.postgres.available():
        return [Row(figure, c.label, target, failure=f"{bench.postgres.missing}", skipped=True)]
    app, reference = Series(), Series()
    for number in range(bench.slow_runs(c.label)):
        name = f"copy_{c.label}_{number}"
        app.add(bench.app("--db", sqlite_url(c.database), "db", "copy", bench.postgres.create(name)))
        bench.postgres.drop(name)
        name = f"reference_{c.label}_{number}"
        open_database(bench.postgres.create(name)).close()  # the schema, not timed
        conninfo = bench.postgres.conninfo(name)
        reference.seconds.append(timed(copy_with_psycopg, c.database, conninfo))
        bench.postgres.drop(name)
    return [
        app.row(
            figure,
            c.label,
            target,
            reference="psycopg COPY of the same tables",
            reference_value=median(reference.seconds),
        )
    ]


def copy_with_psycopg(database: Path, conninfo: str) -> None:
    import psycopg

    from rallyorg.models import Base

    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        with psycopg.connect(conninfo) as target, target.cursor() as cursor:
            for table in Base.metadata.sorted_tables:
                names = ", ".join(column.name for column in table.columns)
                with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
                    for row in source.execute(f"SELECT {names} FROM {table.name}"):
                        copy.write_row(row)
    finally:
        source.close()


FIGURES: list[tuple[tuple[str, ...], Callable[[Bench, Coalition], list[Row]]]] = [
    (("start → painted", "gui", "rss"), gui),
    (("rallyorg --help", "events list"), cli),
    (("import", "re-import"), imports),
    (("export volunteers", "export contacts", "vcard"), exports),
    (("db backup",), backup),
    (("db copy", "postgresql"), copy_to_postgres),
]
