"""The quicker ways a large import reads its file and rows give exactly what the plain ways
give: reading a file once for the preview and the import, one str per different cell, mapping
cells, spotting lost letters, lists read once, and the cycle collector paused meanwhile."""

from __future__ import annotations

import csv
import gc
import io
import re
import weakref
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rallyorg.domain import validation as v
from rallyorg.domain.enums import Skill
from rallyorg.domain.text import fold, fold_cached, volunteer_keys
from rallyorg.exchange import values as cells
from rallyorg.exchange.columns import ColumnMapping, ImportKind, propose_mapping
from rallyorg.exchange.csv_reading import CsvRecord, parse, read_table_file
from rallyorg.exchange.duplicates import update_changes
from rallyorg.exchange.rows import MappedRow, RecordMapper, RowRejected, map_record
from rallyorg.exchange.safe_csv import restore
from rallyorg.services.import_run import paused_gc
from rallyorg.services.imports import preview_import

# Cells as files bring them: the guard's quote, formula starts, CR and CRLF inside, spaces.
cell_text = st.text(alphabet="ab é'=+-@ \t\r\n?\ufffd,\"", max_size=8)


def _plain_map(record: CsvRecord, mapping: ColumnMapping) -> MappedRow | None:
    """map_record as it was written before RecordMapper: the reference (None: a cell too many)."""
    width = len(mapping.headers)
    if any(cell.strip() for cell in record.cells[width:]):
        return None
    found = {}
    for index, name in enumerate(mapping.fields):
        if name is None or index >= len(record.cells):
            continue
        text = cells.clean_cell(restore(record.cells[index]))
        if text:
            found[name] = text
    return MappedRow(record.line, found, record.cells)


@settings(max_examples=400, deadline=None)
@given(row=st.lists(cell_text, min_size=0, max_size=7))
def test_mapped_cells_are_the_plain_mapping(row: list[str]) -> None:
    headers = ("First name", "Last name", "Email", "Ignored", "City")
    mapping = propose_mapping(headers, ImportKind.VOLUNTEERS)
    record = CsvRecord(7, tuple(row))
    expected = _plain_map(record, mapping)
    if expected is None:
        with pytest.raises(RowRejected) as refused:
            RecordMapper(mapping).map(record)
        assert refused.value.notice.params == {"count": len(row), "expected": len(headers)}
        return
    for mapped in (RecordMapper(mapping).map(record), map_record(record, mapping)):
        assert (mapped.line, mapped.values, mapped.cells) == (expected.line, expected.values, expected.cells)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.lists(cell_text, min_size=1, max_size=4), min_size=1, max_size=6))
def test_parsed_records_are_the_csv_modules(rows: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    text = buffer.getvalue()
    expected = [
        r for r in csv.reader(io.StringIO(text, newline=""), strict=True) if any(c.strip() for c in r)
    ]
    parsed = list(parse(text, ","))
    assert [list(record.cells) for record in parsed] == expected
    assert all(isinstance(record.cells, tuple) for record in parsed)


def test_a_repeated_cell_is_one_str() -> None:
    records = list(parse("a,Yes,New Haven\r\nb,Yes,New Haven\r\n", ","))
    assert records[0].cells[1] is records[1].cells[1] and records[0].cells[2] is records[1].cells[2]
    assert [record.line for record in records] == [1, 2]


def test_a_file_is_read_once_while_its_preview_is_held(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("First name,Email\nAna,ana@example.org\n", encoding="utf-8")
    preview = preview_import(path, ImportKind.VOLUNTEERS)
    assert read_table_file(path) is preview.table
    assert read_table_file(path, "cp1252") is not preview.table  # another reading of the bytes
    path.write_text("First name,Email\nAna,ana@example.org\nJosé,jose@example.org\n", encoding="utf-8")
    changed = read_table_file(path)
    assert changed is not preview.table and len(changed.records) == 2
    renamed = tmp_path / "other.csv"
    renamed.write_bytes(path.read_bytes())
    assert read_table_file(renamed) is not changed  # the name is in its messages


def test_a_reading_nobody_holds_is_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("First name\nAna\n", encoding="utf-8")
    first = weakref.ref(read_table_file(path))
    gc.collect()
    assert first() is None


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="ab?\ufffd é1_ .-", max_size=10))
def test_lost_letters_are_found_as_before(text: str) -> None:
    assert cells.looks_garbled(text) == ("\ufffd" in text or re.search(r"\w\?|\?\w", text) is not None)


def test_lists_read_once_are_given_as_new_lists() -> None:
    skills, unknown = cells.parse_skills("Marshal, juggling")
    skills.append(Skill.MEDIC)
    unknown.clear()
    assert cells.parse_skills("Marshal, juggling") == ([Skill.MARSHAL], ["juggling"])
    codes = v.language_codes("languages", ["pt", "es"])
    codes.append("xx")
    assert v.language_codes("languages", ("pt", "es")) == ["pt_BR", "es"]


def test_folding_once_gives_the_same_keys() -> None:
    for name in ("José", "GONÇALVES", "  Ngọc  Anh ", "", "O'Brien"):
        assert fold_cached(name) == fold(name)
    assert volunteer_keys("José", "Gonçalves", "J@X.org", "+12035550123", "São Paulo") == {
        "name_key": "jose goncalves",
        "sort_name": "goncalves jose",
        "search_text": "jose goncalves j@x.org +12035550123 sao paulo",
    }


def test_an_unchanged_name_is_no_change() -> None:
    current = {"given_name": "José", "city": "New Haven", "may_email": True}
    assert update_changes(current, dict(current), {"given_name", "city", "may_email"}) == {}
    assert update_changes(current, {"given_name": "Jose"}, {"given_name"}) == {}  # fewer accents lose
    assert update_changes({"given_name": "Jose"}, {"given_name": "José"}, {"given_name"}) == {
        "given_name": "José"
    }


def test_the_collector_is_paused_and_given_back() -> None:
    was_enabled = gc.isenabled()  # GUI tests turn it off for the rest of a run (gui/garbage.py)
    try:
        gc.enable()
        with paused_gc():
            assert not gc.isenabled()
        assert gc.isenabled()
        gc.disable()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # turned off by someone else (the GUI): stays off
    finally:
        (gc.enable if was_enabled else gc.disable)()
