"""How fast volunteer search, filters and sorting are at 100,000 volunteers.

Run:  python benchmarks/bench_search.py [--count 100000] [--keep PATH]

Builds a temporary SQLite database through the normal open path (migrations, PRAGMAs), bulk-inserts
volunteers with accented names (validated by ``prepare_volunteer``), then times the queries the
Volunteers screen and ``rallyorg volunteers list`` run. Prints milliseconds (best of several runs).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert

from rallyorg.db import open_database
from rallyorg.domain.enums import Skill
from rallyorg.domain.volunteers import VolunteerInput, prepare_volunteer
from rallyorg.models import Volunteer
from rallyorg.services import volunteers
from rallyorg.services.volunteers import Consent, VolunteerSort

GIVEN = [
    "José", "Jose", "João", "Joaquín", "María", "Maria", "Ana", "Ángel", "Luis", "Lucía", "Pedro",
    "Paulo", "Carmen", "Fernanda", "Tomás", "Inês", "Beatriz", "Raúl", "Sofía", "Daniel", "Wilson",
    "Guerline", "Jean", "Fabiola", "Kevin", "Emily", "Yesenia", "Héctor", "Rosa", "Thiago",
]  # fmt: skip
FAMILY = [
    "Gonçalves", "Goncalves", "González", "Núñez", "Nunez", "Pérez", "Souza", "Oliveira", "Rodríguez",
    "Ramírez", "Santos", "Lima", "Peña", "Hernández", "Castillo", "Cruz", "Pierre", "Jean-Baptiste",
    "Smith", "O'Brien", "Muñoz", "Araújo", "Conceição", "Flores", "Díaz", "Morales", "Reyes",
]  # fmt: skip
CITIES = ["Danbury", "Hartford", "New Haven", "Bridgeport", "Stamford", "Waterbury", "Norwalk", "Meriden"]
LANGUAGES = [("es",), ("pt",), ("en",), ("es", "en"), ("pt", "en"), ("ht", "fr", "en"), ("es", "pt")]
SKILLS = list(Skill)


def make_rows(count: int, seed: int = 2025) -> list[dict[str, object]]:
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        data = VolunteerInput(
            given_name=given,
            family_name=family,
            # Every fifth person gives no email; families share one now and then.
            email="" if index % 5 == 0 else f"v{index // 2 if index % 7 == 0 else index}@example.org",
            # 203-555-01xx style fictional numbers (valid for phonenumbers), unique per person.
            phone=f"+1 203 {200 + index // 10_000:03d} {index % 10_000:04d}" if index % 3 else "",
            languages=rng.choice(LANGUAGES),
            skills=tuple(rng.sample(SKILLS, rng.randint(0, 2))),
            city=rng.choice(CITIES),
            may_email=rng.random() < 0.7,
            may_text=rng.random() < 0.5,
            do_not_contact=rng.random() < 0.03,
        )
        rows.append(prepare_volunteer(data))
    return rows


def timed(label: str, action: Callable[[], list[volunteers.VolunteerRow]], repeat: int = 5) -> float:
    timings = []
    found = 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = len(action())
        timings.append((time.perf_counter() - start) * 1000)
    best, median = min(timings), statistics.median(timings)
    print(f"{label:<48} {best:8.1f} ms best {median:8.1f} ms median  {found:>7,} rows")
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="write the database here instead of a temporary file")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "bench.db"
        db = open_database(f"sqlite:///{path}")
        try:
            start = time.perf_counter()
            rows = make_rows(args.count)
            prepared = time.perf_counter()
            with db.transaction() as session:
                session.execute(insert(Volunteer), rows)
            inserted = time.perf_counter()
            with db.engine.connect() as connection:
                connection.exec_driver_sql("ANALYZE")
            print(f"{args.count:,} volunteers: prepare_volunteer {prepared - start:.2f} s, "
                  f"bulk insert {inserted - prepared:.2f} s")  # fmt: skip
            print()
            results = {
                'search="jose"': timed(
                    'list_volunteers(search="jose")', lambda: volunteers.list_volunteers(db, search="jose")
                ),
                'search="GONCALVES"': timed(
                    'list_volunteers(search="GONCALVES")',
                    lambda: volunteers.list_volunteers(db, search="GONCALVES"),
                ),
                'search="núñez"': timed(
                    'list_volunteers(search="núñez")', lambda: volunteers.list_volunteers(db, search="núñez")
                ),
                'search="jose gon", limit 200': timed(
                    'list_volunteers(search="jose gon", limit=200)',
                    lambda: volunteers.list_volunteers(db, search="jose gon", limit=200),
                ),
                "search no match": timed(
                    'list_volunteers(search="zzzz")', lambda: volunteers.list_volunteers(db, search="zzzz")
                ),
                "language=pt": timed(
                    'list_volunteers(language="pt")', lambda: volunteers.list_volunteers(db, language="pt")
                ),
                "skill=interpreter": timed(
                    'list_volunteers(skill="interpreter")',
                    lambda: volunteers.list_volunteers(db, skill="interpreter"),
                ),
                "language+skill+consent": timed(
                    'language="es", skill="medic", consent=may_text',
                    lambda: volunteers.list_volunteers(
                        db, language="es", skill="medic", consent=Consent.MAY_TEXT
                    ),
                ),
                "sorted full list": timed(
                    "list_volunteers() sorted by name", lambda: volunteers.list_volunteers(db)
                ),
                "sorted by city, descending": timed(
                    "list_volunteers(sort=city, descending)",
                    lambda: volunteers.list_volunteers(db, sort=VolunteerSort.CITY, descending=True),
                ),
                "first page": timed(
                    "list_volunteers(limit=100) (first screen)",
                    lambda: volunteers.list_volunteers(db, limit=100),
                ),
            }
            start = time.perf_counter()
            pairs = volunteers.find_duplicates(db)
            results["find_duplicates"] = (time.perf_counter() - start) * 1000
            took = results["find_duplicates"]
            print(f"{'find_duplicates()':<48} {took:8.1f} ms once {len(pairs):>26,} pairs")
        finally:
            db.close()
    slow = {name: ms for name, ms in results.items() if ms > 150}
    if slow:
        print(f"\nslower than 150 ms: {', '.join(slow)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
