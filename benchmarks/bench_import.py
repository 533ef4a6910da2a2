"""Import a generated 50,000-row volunteer file into a fresh SQLite database and print how
long each part takes; then import it again (every row a duplicate) and undo the first import.

    python benchmarks/bench_import.py [ROWS]

The file mixes what real sign-up exports hold: accents, a shared family email every tenth
row, a duplicate phone every 50th row, a bad email every 100th row, quoted commas and newlines.
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
import time
from pathlib import Path

from rallyorg.db import open_database
from rallyorg.exchange.columns import ImportKind
from rallyorg.services.imports import run_import, undo_import

GIVEN = ["José", "María", "Ana", "João", "Nguyễn", "Fátima", "Wilmer", "Zoë", "Jean-Baptiste", "Lucía"]
FAMILY = ["Gonçalves", "Núñez", "Souza", "da Silva", "Thị Minh", "Çelik", "Ajú Tzoc", "O'Brien", "Étienne"]
CITIES = ["Danbury", "Hartford", "New Haven", "Stamford", "Bridgeport", "São Paulo"]
LANGUAGES = ["Español, English", "Português", "English", "Kreyòl ayisyen, English", "es; pt"]


def volunteer_file(rows: int) -> bytes:
    """A CSV like a big Mobilize/Google Forms export: UTF-8 with BOM, comma-separated."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["First name", "Last name", "Email", "Phone", "City", "Languages", "Notes"])
    for i in range(rows):
        # Every 50th row is the row before sent again (same name and phone): a duplicate.
        person = i - 1 if i % 50 == 49 else i
        phone = f"(203) {200 + (person // 10000) % 700:03d}-{person % 10000:04d}"
        email = f"person{i}@example.org" if i % 10 else f"family{i // 100}@example.org"
        given = GIVEN[person % len(GIVEN)]
        if i % 100 == 99:
            # Every 100th row has no first name (rejected) and a broken email (a warning only).
            given, email = "", f"broken{i}@"
        notes = "Has a car, can drive 4\nSpeaks at rallies" if i % 7 == 0 else ""
        writer.writerow(
            [given, f"{FAMILY[person % len(FAMILY)]} {person}", email, phone,
             CITIES[i % len(CITIES)], LANGUAGES[i % len(LANGUAGES)], notes]
        )  # fmt: skip
    return buffer.getvalue().encode("utf-8-sig")


def main(rows: int = 50_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "volunteers.csv"
        started = time.perf_counter()
        path.write_bytes(volunteer_file(rows))
        size = path.stat().st_size / 1e6
        print(f"generated {rows:,} rows ({size:.1f} MB) in {time.perf_counter() - started:.2f} s")
        db = open_database(f"sqlite:///{Path(folder) / 'bench.db'}")
        for label, kwargs in (("dry run", {"dry_run": True}), ("import", {}), ("same file again", {})):
            started = time.perf_counter()
            report = run_import(db, path, ImportKind.VOLUNTEERS, **kwargs)  # type: ignore[arg-type]
            elapsed = time.perf_counter() - started
            print(
                f"{label:>16}: {elapsed:6.2f} s  ({report.rows_in_file:,} rows = {report.created:,} created"
                f" + {report.updated:,} updated + {report.skipped:,} skipped + {report.rejected:,} rejected)"
            )
            if label == "import":
                first = report
        started = time.perf_counter()
        undone = undo_import(db, first.batch_id or 0)
        print(f"{'undo':>16}: {time.perf_counter() - started:6.2f} s  ({undone.deleted:,} removed)")
        db.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
