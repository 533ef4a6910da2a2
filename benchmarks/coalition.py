"""How rallyorg holds up with a big coalition: 10k, 100k and 1M volunteers, one table of figures.

    make benchmarks                                   (all three sizes, 5 runs each: about 1.5 h)
    make benchmarks ARGS="--sizes 10k --runs 3"       (about 2 minutes)
    .venv/bin/python benchmarks/coalition.py [--sizes 10k,100k,1m] [--runs 5] [--only TEXT]
                                             [--cache benchmarks/.cache] [--markdown]

Generates each coalition once (fixed seed; benchmarks/coalition_data.py) and caches it in
``--cache``: the database, the same people as a CSV import file, an empty migrated database.
Then measures, at each size, the median of ``--runs`` runs (p95 where it matters) of: the
desktop app's start to a painted Volunteers list or Dashboard and its memory once every place
was visited (benchmarks/coalition_gui.py, offscreen); `rallyorg --help` and `events list`;
search as you type and sorting (``matching_ids``); importing the CSV and importing it again;
the duplicate review; CSV and vCard exports; `db backup`; `db copy` to a throwaway PostgreSQL
server (when one is installed); one and 100 flyers. Each figure is measured beside a reference
(the same work without the app, or the bare toolkit) in the same run, and judged against its
target: the verdict says by how much a figure misses. Targets are stated for 100k volunteers on
2 cores and hold at 10k too; at 1M the question is whether the app stays usable (a screen within
2 s, a process within 1 GB, a batch job within ten times its 100k time; benchmarks/
coalition_report.py). At 1M the slow process-level figures run at most 3 times (see "runs").

Processes run with a throwaway HOME and XDG folders (nothing of yours is read or written) and
`--db` on the cached database when they only read, on a copy when they write; each is started
by a small meter process that times it and reads its own peak memory (benchmarks/
coalition_run.py says why), with bytecode caching on, as for an installed app. Progress goes
to stderr, the table to stdout (``--markdown`` for the README). ``--only`` keeps the figures
whose name contains the text (e.g. ``--only import``, ``--only "sort by"``).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from coalition_data import SIZES, coalition
from coalition_figures import FIGURES as IN_PROCESS
from coalition_processes import FIGURES as PROCESSES
from coalition_report import Row, Target, table
from coalition_run import BENCHMARKS, Bench

FIGURES = [*PROCESSES[:2], *IN_PROCESS, *PROCESSES[2:]]  # the app and commands first, then the rest


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def sizes(text: str) -> list[str]:
    chosen = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [size for size in chosen if size not in SIZES]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"sizes are {', '.join(SIZES)}; not {', '.join(unknown) or text!r}")
    return chosen


def wanted(names: tuple[str, ...], only: str) -> bool:
    """Whether a group of figures may hold one named like ``only`` ("sort by name": "sort by")."""
    text = only.lower()
    return not text or any(text in name.lower() or name.lower() in text for name in names)


def measure(bench: Bench, label: str, cache: Path, only: str) -> list[Row]:
    c = coalition(label, cache, progress)
    rows: list[Row] = []
    for names, figure in FIGURES:
        if not wanted(names, only):
            continue
        progress(f"{label}: {figure.__name__}")
        try:
            found = figure(bench, c)
        except Exception as error:  # one figure's crash is a row of the table, not the end of the run
            traceback.print_exc()
            found = [Row(names[0], label, Target(), failure=f"{type(error).__name__}: {error}"[:300])]
        kept = [row for row in found if only.lower() in row.figure.lower()]
        rows.extend(kept or found)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=sizes, default=list(SIZES), help="10k, 100k, 1m (default: all)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default: 5)")
    parser.add_argument("--only", default="", metavar="TEXT", help="only figures whose name contains TEXT")
    parser.add_argument("--cache", type=Path, default=BENCHMARKS / ".cache", help="generated coalitions")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    rows: list[Row] = []
    took: dict[str, float] = {}
    with Bench(args.runs, progress) as bench:
        for label in args.sizes:
            started = time.perf_counter()
            rows.extend(measure(bench, label, args.cache, args.only))
            took[label] = time.perf_counter() - started
            progress(f"{label} done in {took[label]:.0f} s")
        notes = list(bench.notes)
    print(table(rows, markdown=args.markdown))
    print()
    for note in notes:
        print(f"- {note}" if args.markdown else note)
    walls = ", ".join(f"{label} {seconds:.0f} s" for label, seconds in took.items())
    print(f"{'- ' if args.markdown else ''}wall time (generation included when not cached): {walls}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
