"""Encodings, delimiters and strict parsing with physical line numbers."""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest

from exchange.conftest import FIXTURES
from rallyorg.exchange.csv_reading import (
    MAX_CELL_CHARS,
    Decoded,
    decode,
    detect_delimiter,
    parse,
    read_table,
    read_table_file,
)
from rallyorg.exchange.errors import ImportFileError


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "first_cell"),
    [
        ("volunteers_utf8.csv", "utf-8", ",", "Ana"),
        ("volunteers_bom_es_semicolon.csv", "utf-8-sig", ";", "María José"),
        ("volunteers_excel_unicode.txt", "utf-16", "\t", "Nguyễn"),
        ("volunteers_cp1252.csv", "windows-1252", ",", "José Gonçalves"),
        ("volunteers_pt.csv", "utf-8", ";", "João"),
        ("google_forms.csv", "utf-8", ",", "2025/04/02 10:14:33 AM EST"),
        ("mobilize.csv", "utf-8", ",", "4821"),
        ("partners_es.csv", "utf-8-sig", ",", "Iglesia San José"),
    ],
)
def test_each_fixture_is_read_with_its_encoding_and_delimiter(
    name: str, encoding: str, delimiter: str, first_cell: str
) -> None:
    table = read_table_file(FIXTURES / name)
    assert table.encoding == encoding
    assert table.delimiter == delimiter
    assert table.records[0].cells[0] == first_cell
    assert table.headers[0] and "\ufeff" not in table.headers[0]
    assert all(len(r.cells) >= 1 for r in table.records)


def test_quoted_newlines_stay_in_their_field_and_lines_are_physical() -> None:
    table = read_table_file(FIXTURES / "volunteers_utf8.csv")
    assert [r.line for r in table.records] == [2, 3, 5, 6, 7, 8, 9, 10, 11, 13]
    pedro = table.records[1]
    assert pedro.cells[6] == "Drives a van.\nCan take 6 people."
    assert table.records[8].cells[5] == "English\nSpanish"


def test_excel_unicode_text_keeps_quotes_and_newlines() -> None:
    table = read_table_file(FIXTURES / "volunteers_excel_unicode.txt")
    assert [r.line for r in table.records] == [2, 3, 5]
    assert table.records[1].cells[5] == "Speaks Kreyòl;\r\nhas a car"
    assert table.records[2].cells[5] == 'She said "hi"'


def test_windows_1252_accents_and_dash() -> None:
    table = read_table_file(FIXTURES / "volunteers_cp1252.csv")
    assert [r.cells[0] for r in table.records] == [
        "José Gonçalves",
        "Núñez, María",
        "François Côté",
        "Søren Ærø",
    ]
    assert table.records[3].cells[3] == "Stamford — Cove"


def test_unbalanced_quote_names_the_line_where_it_opens() -> None:
    with pytest.raises(ImportFileError) as caught:
        read_table_file(FIXTURES / "unbalanced_quote.csv")
    assert caught.value.line == 3
    assert "Line 3" in str(caught.value)
    assert "never closed" in str(caught.value)


def test_text_after_a_closing_quote_names_its_line() -> None:
    with pytest.raises(ImportFileError) as caught:
        read_table_file(FIXTURES / "stray_quote.csv")
    assert caught.value.line == 4


def test_a_quote_that_runs_over_lines_names_both() -> None:
    text = 'a,b\n1,2\n"x,y\nq,w\n"r",t\n'
    with pytest.raises(ImportFileError) as caught:
        list(parse(text, ","))
    assert caught.value.line == 3
    assert caught.value.params["end"] == 5


def test_bom_check_before_utf8_before_one_byte_code_pages() -> None:
    assert decode(codecs.BOM_UTF8 + "é".encode()) == Decoded("é", "utf-8-sig")
    assert decode(codecs.BOM_UTF16_BE + "é".encode("utf-16-be")) == Decoded("é", "utf-16")
    assert decode(codecs.BOM_UTF16_LE + "é".encode("utf-16-le")) == Decoded("é", "utf-16")
    assert decode("é".encode()) == Decoded("é", "utf-8")
    assert decode("Café".encode("cp1252")) == Decoded("Café", "windows-1252")
    assert decode("Café".encode("mac_roman")) == Decoded("Café", "mac-roman")
    # The five bytes Windows-1252 leaves undefined still decode (as C1 controls), never fail.
    assert decode(b"\x81\x8d\x8f\x90\x9d", "cp1252").text == "\x81\x8d\x8f\x90\x9d"


def test_damaged_utf16_is_a_file_error() -> None:
    with pytest.raises(ImportFileError, match="UTF-16"):
        decode(codecs.BOM_UTF16_LE + b"a\x00b")  # odd number of bytes


def test_excel_sep_hint_line_sets_the_delimiter_and_keeps_line_numbers() -> None:
    table = read_table(b"sep=;\nName;City\nAna, Maria;Danbury\n")
    assert table.delimiter == ";"
    assert table.headers == ("Name", "City")
    assert table.records[0].line == 3
    assert table.records[0].cells == ("Ana, Maria", "Danbury")


def test_blank_lines_are_skipped_but_counted() -> None:
    table = read_table(b"Name,City\n\nAna,Danbury\n,\nBia,Hartford\n")
    assert [(r.line, r.cells[0]) for r in table.records] == [(3, "Ana"), (5, "Bia")]


def test_semicolons_inside_a_comma_file() -> None:
    text = 'name,notes\n"Ana","hi; there"\n"Bob","x;y;z"\n'
    assert detect_delimiter(text) == ","


def test_mac_classic_cr_line_ends() -> None:
    table = read_table(b"Name,City\rAna,Danbury\rBia,Hartford\r")
    assert [(r.line, r.cells) for r in table.records] == [(2, ("Ana", "Danbury")), (3, ("Bia", "Hartford"))]


def test_empty_file() -> None:
    with pytest.raises(ImportFileError, match="empty"):
        read_table(b"")


@pytest.mark.parametrize(
    "data", [b"Name,City\n", b"Name,City", b"Name,City\r\n\r\n\r\n", b"Name,City\n,\n \n,,\n"]
)
def test_column_names_without_rows_are_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "volunteers.csv"
    path.write_bytes(data)
    with pytest.raises(ImportFileError) as caught:
        read_table_file(path)
    assert str(caught.value) == "volunteers.csv has column names but no rows of people."


def test_a_50_mb_cell_is_refused_at_once_naming_its_line_and_size(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b"Notes\n" + b"x" * (50 * 1024 * 1024) + b"\n")
    started = time.perf_counter()
    with pytest.raises(ImportFileError) as caught:
        read_table_file(path)
    assert time.perf_counter() - started < 3  # generous: about 0.2 s; it used to take 3-4 s
    assert caught.value.line == 2
    assert str(caught.value) == (
        "export.csv: line 2 holds a cell of 52,428,800 characters; rallyorg reads cells up to "
        "100,000. Check that this is the list you meant to import."
    )
    assert "quote" not in str(caught.value)


def test_a_line_of_many_cells_longer_than_a_million_characters_is_refused() -> None:
    data = b"Name,Notes\nAna,ok\n" + b"Bob,note;" * 200_000 + b"\n"
    with pytest.raises(ImportFileError) as caught:
        read_table(data, name="x.csv")
    assert caught.value.line == 3
    assert str(caught.value).startswith(
        "x.csv: line 3 is 1,800,000 characters long; rallyorg reads lines up to 1,000,000."
    )


@pytest.mark.parametrize("size", [MAX_CELL_CHARS + 1, 200_000])
def test_a_cell_longer_than_the_limit_is_refused_with_its_size(size: int) -> None:
    data = b"Name,Notes\nAna,ok\nBob," + b"z" * size + b"\nCid,ok\n"
    with pytest.raises(ImportFileError) as caught:
        read_table(data, name="x.csv")
    assert caught.value.line == 3
    assert str(caught.value).startswith(f"x.csv: line 3 holds a cell of {size:,} characters;")


def test_a_cell_of_exactly_the_limit_is_read() -> None:
    table = read_table(b"Name,Notes\nAna," + b"z" * MAX_CELL_CHARS + b"\n")
    assert len(table.records[0].cells[1]) == MAX_CELL_CHARS


def test_a_runaway_quote_past_the_limit_names_where_it_starts() -> None:
    data = b'Name,Notes\nAna,ok\nBob,"' + (b"z" * 999 + b"\n") * 300
    with pytest.raises(ImportFileError) as caught:
        read_table(data, name="x.csv")
    assert caught.value.line == 3
    assert "line 3 starts a quoted cell that is still open on line" in str(caught.value)


def test_missing_file_is_a_file_error(tmp_path: object) -> None:
    with pytest.raises(ImportFileError, match="Cannot read"):
        read_table_file("/nonexistent/volunteers.csv")


@pytest.mark.parametrize(
    ("start", "kind"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "a spreadsheet workbook (.xlsx or .ods)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel workbook (.xls)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n", "a picture"),
    ],
)
def test_a_workbook_pdf_or_picture_is_named_not_parsed(tmp_path: Path, start: bytes, kind: str) -> None:
    path = tmp_path / "volunteers.xlsx"
    path.write_bytes(start + b'"unbalanced, quote\n' * 300)
    with pytest.raises(ImportFileError) as caught:
        read_table_file(path)
    assert str(caught.value) == (
        f"This is {kind}, not a CSV file. Open it in the spreadsheet it came from and save it as CSV "
        "(UTF-8), then import that file."
    )
    assert caught.value.line is None


def test_binary_data_is_not_a_csv_file() -> None:
    with pytest.raises(ImportFileError, match="This is not a text file"):
        read_table(b"Name,Phone\nAna\x00\x01\x02,203\n")
