"""How fast the Volunteers screen's list is with 100,000 volunteers.

Run:  python benchmarks/bench_volunteer_list.py [--count 100000]

Builds a temporary database (normal open path: migrations, PRAGMAs), bulk-inserts volunteers
with accented names, then times, offscreen:
- populating the list model (ids in display order) and painting its first screen,
- a search / filter / header-click sort (query + model reset + first screen painted),
- jumping to the end of the list, and the whole screen's refresh;
and, for comparison, the two designs not chosen: every row loaded as objects up front, and
LIMIT/OFFSET pages (cheap at the top, slower the deeper they go).
Prints milliseconds, best of several runs.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert

from rallyorg.db import open_database
from rallyorg.domain.enums import Skill
from rallyorg.domain.volunteers import VolunteerInput, prepare_volunteer
from rallyorg.gui.context import GuiContext
from rallyorg.gui.volunteers.list_model import ListQuery, VolunteerListModel
from rallyorg.gui.volunteers.screen import VolunteersScreen
from rallyorg.gui.volunteers.table_view import VolunteerTable
from rallyorg.models import Volunteer
from rallyorg.services import volunteers
from rallyorg.services.volunteers import Consent, VolunteerSort

GIVEN = ["José", "Jose", "María José", "Ana", "Luis", "Lucía", "Pedro", "Guerline", "Thiago", "Emily", "Raúl"]
FAMILY = ["Núñez", "Nunez", "Gonçalves", "Souza", "Pierre", "Smith", "Pérez", "Lima", "Oliveira", "Díaz"]
CITIES = ["Danbury", "Hartford", "New Haven", "Bridgeport", "Stamford", "Waterbury", "Norwalk"]
LANGUAGES = [("es",), ("pt_BR",), ("en",), ("es", "en"), ("pt_BR", "en"), ("ht", "fr", "en")]


def make_rows(count: int) -> list[dict[str, object]]:
    """A few thousand distinct people validated by the service, repeated up to ``count``,
    each with a unique email and phone (already normalised, as the service would store them)."""
    rng = random.Random(2025)
    people = [
        prepare_volunteer(
            VolunteerInput(
                given,
                family,
                city=city,
                languages=rng.choice(LANGUAGES),
                skills=tuple(rng.sample(list(Skill), rng.randint(0, 2))),
                may_email=rng.random() < 0.7,
                may_text=rng.random() < 0.5,
                do_not_contact=rng.random() < 0.03,
            )
        )
        for given, family, city in itertools.product(GIVEN, FAMILY, CITIES)
    ]
    rows = []
    for index in range(count):
        row = dict(people[index % len(people)])
        row["email"] = f"v{index}@example.org" if index % 5 else ""
        row["phone"] = f"+1203{200 + index // 10_000:03d}{index % 10_000:04d}" if index % 3 else ""
        row["search_text"] = f"{row['search_text']} {row['email']} {row['phone']}".strip()
        rows.append(row)
    return rows


def timed(label: str, action: Callable[[], object], repeat: int = 5) -> float:
    timings = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        timings.append((time.perf_counter() - start) * 1000)
    extra = f"{result:>9,} rows" if isinstance(result, int) and not isinstance(result, bool) else ""
    print(f"{label:<58} {min(timings):8.1f} ms best {statistics.median(timings):8.1f} ms median {extra}")
    return min(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'bench.db'}")
        try:
            start = time.perf_counter()
            rows = make_rows(args.count)
            with db.transaction() as session:
                session.execute(insert(Volunteer), rows)
            with db.engine.connect() as connection:
                connection.exec_driver_sql("ANALYZE")
            print(
                f"{args.count:,} volunteers generated and inserted in {time.perf_counter() - start:.2f} s\n"
            )

            model = VolunteerListModel(db, "en")
            table = VolunteerTable(model)
            table.resize(900, 700)
            table.show()

            def show(query: ListQuery) -> int:
                """What the user waits for: the query, the reset, the first screen painted."""
                model.load(query)
                table.viewport().repaint()
                app.processEvents()
                return model.rowCount()

            print("The chosen design: ids in display order, rows fetched per block as painted")
            timed("populate the model with everyone, first screen painted", lambda: show(ListQuery()))
            timed('search "jose"', lambda: show(ListQuery(search="jose")))
            timed('search "jose nunez" (accent-free)', lambda: show(ListQuery(search="jose nunez")))
            timed('search "GONÇALVES"', lambda: show(ListQuery(search="GONÇALVES")))
            timed('search "zzzz" (nothing)', lambda: show(ListQuery(search="zzzz")))
            timed('filter language "pt_BR"', lambda: show(ListQuery(language="pt_BR")))
            timed('filter skill "interpreter"', lambda: show(ListQuery(skill="interpreter")))
            timed(
                "language es + skill medic + may text",
                lambda: show(ListQuery(language="es", skill="medic", consent=Consent.MAY_TEXT)),
            )
            timed(
                "sort by city, descending (header click)",
                lambda: show(ListQuery(sort=VolunteerSort.CITY, descending=True)),
            )
            timed("sort by email", lambda: show(ListQuery(sort=VolunteerSort.EMAIL)))

            show(ListQuery())

            def jump_to_end() -> int:
                model.load()
                table.scrollToBottom()
                table.viewport().repaint()
                app.processEvents()
                return model.rowCount()

            timed("everyone, then jump to the end (Ctrl+End)", jump_to_end)

            context = GuiContext(
                db=db, settings=QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
            )
            screen = VolunteersScreen(context)
            screen.resize(1180, 720)
            screen.show()
            timed(
                "whole Volunteers screen refresh (choices, list, count)",
                lambda: (screen.refresh(), app.processEvents()),
            )

            print("\nDesigns not chosen")
            timed(
                "every row as objects up front (list_volunteers())",
                lambda: len(volunteers.list_volunteers(db)),
                3,
            )
            deep = max(args.count - 500, 0)
            city = VolunteerSort.CITY
            for label, sort, offset in (
                ("LIMIT 500 page by name at the top", VolunteerSort.NAME, 0),
                (f"LIMIT 500 page by name at offset {deep:,} (indexed)", VolunteerSort.NAME, deep),
                ("LIMIT 500 page by city at the top", city, 0),
                (f"LIMIT 500 page by city at offset {deep:,} (sorted per page)", city, deep),
            ):
                timed(
                    label,
                    lambda s=sort, o=offset: len(volunteers.list_volunteers(db, sort=s, limit=500, offset=o)),
                )
            print("  (pages also leave the row count and the scroll bar unknown until a COUNT query)")
            print("\nElsewhere on the screen")
            timed(
                "find_duplicates (Review duplicates…, runs in the background)",
                lambda: len(volunteers.find_duplicates(db)),
                1,
            )
            for widget in (table, screen):
                widget.close()
                widget.deleteLater()
            app.processEvents()
        finally:
            db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
