"""Reading CSV files as real tools write them: the encoding, the delimiter, and strict
parsing that reports problems by physical line number.

Measured on real exports (see STYLE.md): a BOM check, then strict UTF-8, then Windows-1252
decodes them all, where charset detectors guess wrong; clevercsv finds the delimiter of
messy files where ``csv.Sniffer`` fails half the time; and the stdlib reader must run with
``strict=True`` or an unbalanced quote silently swallows the records after it.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from clevercsv import field_size_limit
from clevercsv.consistency import ConsistencyDetector
from clevercsv.dialect import SimpleDialect
from clevercsv.exceptions import Error as CleverCsvError

from rallyorg.domain.errors import Phrase, os_reason
from rallyorg.exchange.errors import ImportFileError
from rallyorg.i18n import N_

DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": N_("comma"), ";": N_("semicolon"), "\t": N_("tab")}
# Names shown to people and stored with an import batch.
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16",
    "windows-1252": "Windows-1252",
}
SAMPLE_CHARS = 64 * 1024  # enough rows to find the delimiter; the whole file would be slow
MAX_FILE_BYTES = 200 * 1024 * 1024
_SEP_HINT = re.compile(r"\A\ufeff?sep=(.)\r?\n", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CsvRecord:
    """One record: the physical line it starts on (1-based) and its cells."""

    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class CsvTable:
    """A whole file: how it was read, its header row and its data records (blank ones left out)."""

    encoding: str
    delimiter: str
    header_line: int
    headers: tuple[str, ...]
    records: tuple[CsvRecord, ...]

    @property
    def encoding_name(self) -> str:
        return ENCODING_NAMES.get(self.encoding, self.encoding)


def _keep_c1_controls(error: UnicodeError) -> tuple[str, int]:
    # The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode to the
    # matching C1 control characters, as browsers (WHATWG) do, so decoding never fails.
    assert isinstance(error, UnicodeDecodeError)
    return "".join(chr(b) for b in error.object[error.start : error.end]), error.end


codecs.register_error("rallyorg-c1", _keep_c1_controls)


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was in: BOM check, strict UTF-8, Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="rallyorg-c1"), "windows-1252"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as error:
        raise ImportFileError(
            N_(
                "The file starts with a {encoding} mark but is damaged at byte {offset}. "
                "Save it again from the spreadsheet (as CSV UTF-8) and import that."
            ),
            encoding=ENCODING_NAMES[encoding],
            offset=error.start,
        ) from error


def detect_delimiter(text: str) -> str:
    """Comma, semicolon or tab, chosen by clevercsv's data-consistency measure.

    Only the double quote is considered as quote character: every tool we import from uses
    it, and letting clevercsv pick ``'`` misreads cells that start with an apostrophe
    (which rallyorg's own exports use to neutralise formulas).
    """
    # clevercsv's parser stops at NUL characters; they say nothing about the delimiter.
    sample = text[:SAMPLE_CHARS].replace("\x00", "")
    if len(text) > SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n") + 1]
    dialects = [SimpleDialect(d, '"', "") for d in DELIMITERS]
    old_limit = field_size_limit(len(sample) + 1)
    try:
        scores = ConsistencyDetector(skip=False).compute_consistency_scores(sample, dialects)
        best = ConsistencyDetector.get_best_dialects(scores)
    except CleverCsvError:
        best = []
    finally:
        field_size_limit(old_limit)
    if len(best) == 1:
        return str(best[0].delimiter)
    # A tie (one column, or an empty file): the delimiter seen most in the first line wins.
    first_line = sample.split("\n", 1)[0]
    return max(DELIMITERS, key=lambda d: (first_line.count(d), d == ","))


def parse(text: str, delimiter: str) -> Iterator[CsvRecord]:
    """The records of ``text`` with the physical line each starts on; blank lines are skipped.

    Raises ``ImportFileError`` naming the line for an unbalanced quote or any other
    malformed record, instead of merging records.
    """
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=delimiter,
        quotechar='"',
        doublequote=True,
        skipinitialspace=False,
        strict=True,
    )
    previous_line = 0
    while True:
        start = previous_line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _parse_error(str(error), start, reader.line_num) from error
        previous_line = reader.line_num
        if any(cell.strip() for cell in row):
            yield CsvRecord(start, tuple(row))


def _parse_error(reason: str, start: int, end: int) -> ImportFileError:
    if "unexpected end of data" in reason:
        return ImportFileError(
            N_(
                "Line {line}: a quoted field starts here and is never closed (an unbalanced "
                "quote), so every line after it would run together. Fix the quote and import again."
            ),
            line=start,
        )
    if "expected after" in reason:
        if end > start:
            return ImportFileError(
                N_(
                    "Line {line}: unbalanced quote: a field quoted on this line runs on to line {end}, "
                    "where a quote is followed by more text. Fix the quotes and import again."
                ),
                line=start,
                end=end,
            )
        return ImportFileError(
            N_(
                "Line {line}: a closing quote is followed by more text instead of a separator "
                '(an unbalanced quote; inside quotes, write a quote as ""). Fix it and import again.'
            ),
            line=start,
        )
    if "field larger than field limit" in reason:
        return ImportFileError(
            N_(
                "Line {line}: a field is longer than {limit} characters, probably because of an "
                "unbalanced quote. Fix the quotes and import again."
            ),
            line=start,
            limit=csv.field_size_limit(),
        )
    return ImportFileError(N_("Line {line}: not readable as CSV: {reason}"), line=end, reason=reason)


# Files people pick by mistake, known by their first bytes (the CSV parser would report
# them as a broken CSV, e.g. "unbalanced quote on line 241", which helps nobody).
_NOT_CSV = (
    (b"PK\x03\x04", N_("a spreadsheet workbook (.xlsx or .ods)")),
    (b"\xd0\xcf\x11\xe0", N_("an old Excel workbook (.xls)")),
    (b"%PDF", N_("a PDF document")),
    (b"SQLite format 3\x00", N_("a database file")),
    (b"\x89PNG", N_("a picture")),
    (b"\xff\xd8\xff", N_("a picture")),
)


def refuse_non_csv(data: bytes) -> None:
    """A clear error for a workbook, PDF or picture given where a CSV file belongs."""
    for magic, kind in _NOT_CSV:
        if data.startswith(magic):
            raise ImportFileError(
                N_(
                    "This is {kind}, not a CSV file. Open it in the spreadsheet it came from and "
                    "save it as CSV (UTF-8), then import that file."
                ),
                kind=Phrase(kind),
            )
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and b"\x00" in data[:4096]:
        raise ImportFileError(
            N_("This is not a text file, so not a CSV file. Save the list as CSV (UTF-8) and import that.")
        )


def read_table(data: bytes) -> CsvTable:
    """Decode and parse a whole file; its first non-blank record is the header row."""
    refuse_non_csv(data)
    text, encoding = decode(data)
    delimiter = ""
    hint = _SEP_HINT.match(text)
    skipped_lines = 0
    if hint and hint.group(1) in DELIMITERS:
        # Excel's "sep=;" first line names the delimiter; it is not a record.
        delimiter = hint.group(1)
        text = text[hint.end() :]
        skipped_lines = 1
    delimiter = delimiter or detect_delimiter(text)
    records = [CsvRecord(record.line + skipped_lines, record.cells) for record in parse(text, delimiter)]
    if not records:
        raise ImportFileError(N_("The file is empty: no header row and no data."))
    header, *rows = records
    headers = tuple(cell.strip().lstrip("\ufeff").strip() for cell in header.cells)
    return CsvTable(
        encoding=encoding,
        delimiter=delimiter,
        header_line=header.line,
        headers=headers,
        records=tuple(rows),
    )


def read_table_file(path: Path | str) -> CsvTable:
    """``read_table`` on a file, with reading problems reported as ``ImportFileError``."""
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFileError(
                N_("{path} is too large to import ({size} MB; the limit is {limit} MB)."),
                path=str(file),
                size=size // (1024 * 1024),
                limit=MAX_FILE_BYTES // (1024 * 1024),
            )
        data = file.read_bytes()
    except OSError as error:
        raise ImportFileError(
            N_("Cannot read {path}: {reason}"), path=str(file), reason=os_reason(error, writing=False)
        ) from error
    return read_table(data)
