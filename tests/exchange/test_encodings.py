"""Telling encodings apart: the same Spanish and Portuguese names saved as Excel for Mac,
older Excel for Windows, ISO-8859-1, UTF-16 and UTF-8 with a BOM each read back exactly; two
plausible readings are never chosen silently.

The ``names_*`` fixtures are written by this module (``python tests/exchange/test_encodings.py``)
and a test checks that the committed bytes still match their recipe.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from rallyorg.exchange.csv_reading import read_table, read_table_file
from rallyorg.exchange.encodings import ENCODING_OPTIONS, decode, decode_as, encoding_for, option_for
from rallyorg.exchange.errors import AmbiguousEncodingError, ImportFileError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NAMES = [
    "José Núñez",
    "João Gonçalves",
    "Maria da Conceição",
    "Ángela Muñoz",
    "François Côté",
    "Inês Araújo",
]
CITIES = ["Danbury", "São Paulo", "Bogotá", "Norwalk", "Montréal", "Braga"]
NOTES = "Can’t drive – has a bike"  # curly apostrophe and en dash: not in ISO-8859-1
NOTES_LATIN1 = "Can't drive - has a bike"


def _names_file(delimiter: str, end: str, notes: str) -> str:
    lines = [delimiter.join(["Name", "Email", "City", "Notes"])]
    for i, (name, city) in enumerate(zip(NAMES, CITIES, strict=True)):
        lines.append(delimiter.join([name, f"person{i}@example.org", city, notes if i == 1 else ""]))
    return end.join(lines) + end


# name: (bytes, what rallyorg calls the encoding, delimiter, notes)
RECIPES: dict[str, tuple[bytes, str, str, str]] = {
    # Excel for Mac "CSV (Macintosh)": Mac Roman, commas, classic Mac CR line ends.
    "names_mac_roman.csv": (_names_file(",", "\r", NOTES).encode("mac_roman"), "mac-roman", ",", NOTES),
    # Excel for Windows "CSV (Comma delimited)": Windows-1252, CRLF.
    "names_cp1252.csv": (_names_file(",", "\r\n", NOTES).encode("cp1252"), "windows-1252", ",", NOTES),
    # An older Unix tool: ISO-8859-1, semicolons, LF. It reads exactly as Windows-1252 does (the
    # two differ only in 0x80-0x9F, which ISO-8859-1 leaves to control characters), so it is
    # named Windows-1252.
    "names_latin1.csv": (
        _names_file(";", "\n", NOTES_LATIN1).encode("latin-1"),
        "windows-1252",
        ";",
        NOTES_LATIN1,
    ),
    # Excel "Unicode text": UTF-16 LE with a BOM, tabs, CRLF; and the big-endian kind.
    "names_utf16le_bom.txt": (
        codecs.BOM_UTF16_LE + _names_file("\t", "\r\n", NOTES).encode("utf-16-le"),
        "utf-16",
        "\t",
        NOTES,
    ),
    "names_utf16be_bom.txt": (
        codecs.BOM_UTF16_BE + _names_file("\t", "\r\n", NOTES).encode("utf-16-be"),
        "utf-16",
        "\t",
        NOTES,
    ),
    # Excel "CSV UTF-8": a BOM, commas, CRLF.
    "names_utf8_bom.csv": (
        codecs.BOM_UTF8 + _names_file(",", "\r\n", NOTES).encode("utf-8"),
        "utf-8-sig",
        ",",
        NOTES,
    ),
}


def test_the_fixtures_match_their_recipes() -> None:
    for name, (data, *_rest) in RECIPES.items():
        assert (FIXTURES / name).read_bytes() == data, name


@pytest.mark.parametrize("name", list(RECIPES))
def test_each_encoding_reads_back_the_exact_names(name: str) -> None:
    _data, encoding, delimiter, notes = RECIPES[name]
    table = read_table_file(FIXTURES / name)
    assert table.encoding == encoding
    assert table.delimiter == delimiter
    assert table.headers == ("Name", "Email", "City", "Notes")
    assert [r.cells[0] for r in table.records] == NAMES
    assert [r.cells[2] for r in table.records] == CITIES
    assert table.records[1].cells[3] == notes
    assert [r.line for r in table.records] == [2, 3, 4, 5, 6, 7]


def test_the_mac_file_of_the_report_reads_as_mac_roman_without_a_question() -> None:
    data = (FIXTURES / "names_mac_roman.csv").read_bytes()
    # What rallyorg used to store: the same bytes read as Windows-1252.
    assert decode_as(data, "cp1252").split("\r")[1].startswith("JosŽ Nœ–ez,")
    decoded = decode(data)
    assert (decoded.encoding, decoded.readings) == ("mac-roman", ())
    assert decoded.text.split("\r")[1].startswith("José Núñez,")


def test_an_explicit_encoding_is_used_as_given() -> None:
    mac = FIXTURES / "names_mac_roman.csv"
    as_windows = read_table_file(mac, "cp1252")
    assert as_windows.encoding == "windows-1252"
    assert as_windows.records[0].cells[0] == "JosŽ Nœ–ez"
    latin1 = read_table_file(FIXTURES / "names_latin1.csv", "latin-1")
    assert latin1.encoding == "iso-8859-1"
    assert [r.cells[0] for r in latin1.records] == NAMES
    utf8 = read_table_file(FIXTURES / "names_utf8_bom.csv", "utf-8")
    assert utf8.headers[0] == "Name" and utf8.records[0].cells[0] == "José Núñez"


@pytest.mark.parametrize(
    "word", ["Müller", "café", "Peña", "Gonçalves", "O’Brien", "¿Puede?", "Conceição", "Ibáñez", "JOSÉ PÉREZ"]
)
@pytest.mark.parametrize(("codec", "encoding"), [("cp1252", "windows-1252"), ("mac_roman", "mac-roman")])
def test_one_accented_word_is_enough_to_tell_windows_from_mac(word: str, codec: str, encoding: str) -> None:
    decoded = decode(f"Name,City\n{word},Danbury\n".encode(codec))
    assert (decoded.encoding, decoded.readings) == (encoding, ())
    assert decoded.text == f"Name,City\n{word},Danbury\n"


def test_two_close_readings_are_both_given_and_never_chosen() -> None:
    # A name in capitals ending in É: JOSÉ in Windows-1252 reads JOS… in Mac Roman, and a
    # word can end in an ellipsis.
    data = "Name,City\nJOSÉ,Danbury\n".encode("cp1252")
    with pytest.raises(AmbiguousEncodingError) as caught:
        read_table(data, name="old_list.csv")
    error = caught.value
    assert [(r.encoding, r.name, r.example, r.line) for r in error.readings] == [
        ("windows-1252", "Windows-1252", "JOSÉ", 2),
        ("mac-roman", "Mac Roman", "JOS…", 2),
    ]
    assert isinstance(error, ImportFileError) and error.line == 2
    assert str(error) == (
        "old_list.csv could be read two ways, and rallyorg cannot tell which is right: line 2 reads "
        "“JOSÉ” in Windows-1252 but “JOS…” in Mac Roman. Choose the encoding to read it in, or save "
        "it again as CSV UTF-8."
    )
    # Either reading, once chosen, is read without a question.
    assert read_table(data, "cp1252").records[0].cells[0] == "JOSÉ"
    assert read_table(data, error.readings[1].encoding).records[0].cells[0] == "JOS…"


def test_names_garbled_in_every_reading_are_never_read_silently() -> None:
    # UTF-8 names pasted into a Windows-1252 file: no one encoding reads it all.
    data = b"Name,City\nJos\xc3\xa9 Garc\xc3\xada,Danbury\nMar\xeda,Norwalk\n"
    with pytest.raises(AmbiguousEncodingError) as caught:
        read_table(data)
    examples = [r.example for r in caught.value.readings]
    assert examples == ["JosÃ© GarcÃ\xada", "Jos√© Garc√≠a"]


def test_the_example_is_a_data_row_rather_than_a_column_name() -> None:
    # A UTF-8 column name in a Windows-1252 file: garbled either way, so asked.
    data = b"Tel\xc3\xa9fono,Name\n203,Mar\xeda\n"
    with pytest.raises(AmbiguousEncodingError) as caught:
        read_table(data)
    assert [(r.example, r.line) for r in caught.value.readings] == [("María", 2), ("MarÌa", 2)]


def test_control_characters_and_symbols_inside_words_lose() -> None:
    # 0x8E 0x9C 0x96 are é ú ñ in Mac Roman but Ž œ – in Windows-1252, and controls in ISO-8859-1.
    decoded = decode(b"Name\nJos\x8e N\x9c\x96ez\n")
    assert (decoded.encoding, decoded.text) == ("mac-roman", "Name\nJosé Núñez\n")


def test_the_encodings_the_command_line_offers() -> None:
    assert ENCODING_OPTIONS == ("utf-8", "utf-16", "cp1252", "latin-1", "mac-roman")
    assert [encoding_for(o) for o in ENCODING_OPTIONS] == [
        "utf-8",
        "utf-16",
        "windows-1252",
        "iso-8859-1",
        "mac-roman",
    ]
    assert [option_for(encoding_for(o)) for o in ENCODING_OPTIONS] == list(ENCODING_OPTIONS)
    assert (encoding_for("MacRoman"), encoding_for("Windows-1252")) == ("mac-roman", "windows-1252")
    with pytest.raises(ImportFileError, match="does not read the koi8-r encoding; choose one of: utf-8"):
        encoding_for("koi8-r")


def test_bytes_that_are_not_in_the_chosen_encoding_name_their_line() -> None:
    data = "Name\nAna\nJosé\n".encode("cp1252")
    with pytest.raises(ImportFileError) as caught:
        read_table(data, "utf-8", name="list.csv")
    assert caught.value.line == 3
    assert str(caught.value).startswith("list.csv is not in UTF-8: line 3 has bytes that UTF-8 cannot read.")


def test_classic_mac_line_ends_with_an_excel_sep_line() -> None:
    table = read_table("sep=;\rName;City\rJosé;Bogotá\r".encode("mac_roman"))
    assert (table.encoding, table.delimiter, table.headers) == ("mac-roman", ";", ("Name", "City"))
    assert [(r.line, r.cells) for r in table.records] == [(3, ("José", "Bogotá"))]


def test_a_large_one_byte_file_is_scored_on_a_sample() -> None:
    rows = "".join(f"{name},{city}\r" for name, city in zip(NAMES, CITIES, strict=True)) * 20_000
    data = ("Name,City\r" + rows).encode("mac_roman")
    table = read_table(data)
    assert table.encoding == "mac-roman" and len(table.records) == 120_000


if __name__ == "__main__":
    for fixture, (content, *_details) in RECIPES.items():
        (FIXTURES / fixture).write_bytes(content)
        print(fixture, len(content), "bytes")
