"""50,000 volunteers in one file (generated here, never committed): fast, exact accounting,
and nobody added twice."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from types import ModuleType

from exchange.conftest import counts
from rallyorg.db import Database
from rallyorg.exchange.columns import ImportKind
from rallyorg.services.imports import RowFate, run_import

ROWS = 50_000
BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_import.py"


def _benchmark() -> ModuleType:
    # The generator lives with the benchmark, so the test and the benchmark use the same file.
    spec = importlib.util.spec_from_file_location("bench_import", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _line_of_row(index: int) -> int:
    """Physical line of data row ``index``: the header is line 1, and every seventh row's notes
    hold a newline, so it takes two lines."""
    multi_line_before = (index + 6) // 7  # rows 0, 7, 14… before this one
    return 2 + index + multi_line_before


def test_fifty_thousand_rows(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "volunteers.csv"
    path.write_bytes(_benchmark().volunteer_file(ROWS))
    started = time.perf_counter()
    report = run_import(db, path, ImportKind.VOLUNTEERS)
    elapsed = time.perf_counter() - started
    assert elapsed < 60, f"{ROWS} rows took {elapsed:.1f} s"
    assert (report.rows_in_file, report.created, report.skipped, report.rejected) == (ROWS, 49_000, 500, 500)
    assert report.balanced and counts(db)["volunteer"] == 49_000
    rejected = [o.line for o in report.outcomes if o.fate == RowFate.REJECTED]
    assert rejected == [_line_of_row(i) for i in range(99, ROWS, 100)]
    duplicates = [(o.line, o.reason.params["other"]) for o in report.outcomes if o.fate == RowFate.DUPLICATE]  # type: ignore[union-attr]
    assert duplicates == [
        (_line_of_row(i), _line_of_row(i - 1)) for i in range(49, ROWS, 50) if i % 100 != 99
    ]
    again = run_import(db, path, ImportKind.VOLUNTEERS)
    assert again.created == 0 and counts(db)["volunteer"] == 49_000
