"""Reading CSV files as real tools write them: the encoding, the delimiter, and strict
parsing that reports problems by physical line number.

Measured on real exports (see STYLE.md): a BOM check, then strict UTF-8, then the one-byte
code page whose reading scores best as words (``rallyorg.exchange.encodings``) decode them
all, where charset detectors guess wrong; clevercsv finds the delimiter of messy files where
``csv.Sniffer`` fails half the time; and the stdlib reader must run with ``strict=True`` or an
unbalanced quote silently swallows the records after it. Line ends may be CRLF, LF or the
lone CR of classic Mac OS (Excel for Mac's "CSV (Macintosh)").
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rallyorg.domain.errors import Phrase, os_reason
from rallyorg.exchange.encodings import ENCODING_NAMES, Decoded, decode, encoding_for
from rallyorg.exchange.errors import AmbiguousEncodingError, ImportFileError
from rallyorg.i18n import N_, format_number, ui_language

__all__ = [
    "DELIMITERS",
    "DELIMITER_NAMES",
    "ENCODING_NAMES",
    "CsvRecord",
    "CsvTable",
    "Decoded",
    "decode",
    "detect_delimiter",
    "parse",
    "read_table",
    "read_table_file",
    "refuse_non_csv",
]

DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": N_("comma"), ";": N_("semicolon"), "\t": N_("tab")}
SAMPLE_CHARS = 64 * 1024  # enough rows to find the delimiter; the whole file would be slow
MAX_FILE_BYTES = 200 * 1024 * 1024
# A volunteer's longest notes run to a few thousand characters. A cell of more than
# MAX_CELL_CHARS, or a physical line of more than MAX_LINE_CHARS, is not a list of people (a
# log, a dump, a pasted document, a runaway quote), and parsing it costs seconds before
# failing anyway: it is refused before parsing, naming the line and the size.
MAX_CELL_CHARS = 100_000
MAX_LINE_CHARS = 1_000_000
_SEP_HINT = re.compile(r"\A\ufeff?sep=(.)(?:\r\n|\r|\n)", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


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


def detect_delimiter(text: str) -> str:
    """Comma, semicolon or tab, chosen by clevercsv's data-consistency measure.

    Only the double quote is considered as quote character: every tool we import from uses
    it, and letting clevercsv pick ``'`` misreads cells that start with an apostrophe
    (which rallyorg's own exports use to neutralise formulas).
    """
    # clevercsv's parser stops at NUL characters; they say nothing about the delimiter.
    sample = text[:SAMPLE_CHARS].replace("\x00", "")
    if len(text) > SAMPLE_CHARS:
        last_break = max(sample.rfind("\n"), sample.rfind("\r"))
        if last_break >= 0:
            sample = sample[: last_break + 1]
    # Imported here, not with the module: clevercsv costs ~0.13 s, paid only when a file is read.
    from clevercsv import field_size_limit
    from clevercsv.consistency import ConsistencyDetector
    from clevercsv.dialect import SimpleDialect
    from clevercsv.exceptions import Error as CleverCsvError

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
    first_line = _LINE_BREAK.split(sample, maxsplit=1)[0]
    return max(DELIMITERS, key=lambda d: (first_line.count(d), d == ","))


def parse(text: str, delimiter: str, *, name: str = "") -> Iterator[CsvRecord]:
    """The records of ``text`` with the physical line each starts on; blank lines are skipped.

    Raises ``ImportFileError`` naming the line for an unbalanced quote, a cell longer than
    MAX_CELL_CHARS or any other malformed record, instead of merging records.
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
    # One str for each different cell: a list's yes/no answers, cities and languages repeat on
    # every row (1.3 million cells where 160,000 differ): 100,000 rows held in 33 MB, not 96 MB.
    cells: dict[str, str] = {}
    same_cell = cells.setdefault
    try:
        for row in reader:
            start = previous_line + 1
            previous_line = reader.line_num
            if max(map(len, row), default=0) > MAX_CELL_CHARS:
                raise _cell_too_long(name, start, previous_line, max(map(len, row)))
            if "".join(row).strip():  # some cell is not blank (as any(cell.strip() ...), in C)
                yield CsvRecord(start, tuple(map(same_cell, row, row)))
    except csv.Error as error:  # the reader's: the record after the last one read is malformed
        raise _parse_error(str(error), previous_line + 1, reader.line_num, text, delimiter, name) from error


def _file(name: str) -> str:
    return name or Phrase(N_("The file"))


def _number(value: int) -> str:
    return format_number(value, ui_language())


def _cell_too_long(name: str, start: int, end: int, size: int) -> ImportFileError:
    if end > start:
        return ImportFileError(
            N_(
                "{file}: line {line} starts a quoted cell that runs on to line {end} and holds {size} "
                "characters; rallyorg reads cells up to {limit}. A closing quote is probably missing: "
                "fix the quotes and import again."
            ),
            line=start,
            end=end,
            file=_file(name),
            size=_number(size),
            chars=size,
            limit=_number(MAX_CELL_CHARS),
        )
    return ImportFileError(
        N_(
            "{file}: line {line} holds a cell of {size} characters; rallyorg reads cells up to "
            "{limit}. Check that this is the list you meant to import."
        ),
        line=start,
        file=_file(name),
        size=_number(size),
        chars=size,
        limit=_number(MAX_CELL_CHARS),
    )


def _parse_error(reason: str, start: int, end: int, text: str, delimiter: str, name: str) -> ImportFileError:
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
        # Past the csv module's own limit (131,072 characters).
        if end > start:
            return ImportFileError(
                N_(
                    "{file}: line {line} starts a quoted cell that is still open on line {end}, "
                    "after more than {limit} characters. A closing quote is probably missing: fix "
                    "the quotes and import again."
                ),
                line=start,
                end=end,
                file=_file(name),
                limit=_number(MAX_CELL_CHARS),
            )
        return _cell_too_long(name, start, end, _longest_cell(text, start, delimiter))
    return ImportFileError(N_("Line {line}: not readable as CSV: {reason}"), line=end, reason=reason)


def _longest_cell(text: str, line: int, delimiter: str) -> int:
    """The longest cell on physical line ``line`` of ``text``, read without the csv module's
    limit (a line is at most MAX_LINE_CHARS long, checked before)."""
    record = next(itertools.islice(io.StringIO(text, newline=""), line - 1, line), "")
    old_limit = csv.field_size_limit(len(record) + 1)
    try:
        row = next(csv.reader([record], delimiter=delimiter, quotechar='"', doublequote=True), [])
    except csv.Error:
        row = [record]
    finally:
        csv.field_size_limit(old_limit)
    return max(map(len, row), default=0)


def refuse_long_lines(text: str, *, name: str = "") -> None:
    """ImportFileError for the first physical line longer than MAX_LINE_CHARS, in well under a
    second for any file: only blocks of MAX_LINE_CHARS / 2 characters without a line break
    (which every such line holds one of) are looked at closely."""
    if len(text) <= MAX_LINE_CHARS:
        return
    step = MAX_LINE_CHARS // 2
    for block in range(0, len(text) - step + 1, step):
        if text.find("\n", block, block + step) >= 0 or text.find("\r", block, block + step) >= 0:
            continue
        line_start = max(text.rfind("\n", 0, block), text.rfind("\r", 0, block)) + 1
        ends = [i for i in (text.find("\n", block + step), text.find("\r", block + step)) if i >= 0]
        line_end = min(ends, default=len(text))
        if line_end - line_start <= MAX_LINE_CHARS:
            continue
        line = (
            text.count("\n", 0, line_start)
            + text.count("\r", 0, line_start)
            - text.count("\r\n", 0, line_start)
            + 1
        )
        if not any(d in text[line_start:line_end] for d in DELIMITERS):
            # One cell on the line: its size is the line's, without the quotes around it.
            cell = text[line_start:line_end]
            quoted = len(cell) >= 2 and cell[0] == cell[-1] == '"'
            raise _cell_too_long(name, line, line, len(cell) - 2 * quoted)
        raise ImportFileError(
            N_(
                "{file}: line {line} is {size} characters long; rallyorg reads lines up to {limit}. "
                "Check that this is the list you meant to import."
            ),
            line=line,
            file=_file(name),
            size=_number(line_end - line_start),
            chars=line_end - line_start,
            limit=_number(MAX_LINE_CHARS),
        )


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


def read_table(data: bytes, encoding: str | None = None, *, name: str = "") -> CsvTable:
    """Decode and parse a whole file; its first non-blank record is the header row.

    ``encoding`` (``utf-8``, ``utf-16``, ``cp1252``, ``latin-1``, ``mac-roman`` or any name
    ``encodings.encoding_for`` knows) reads the file in it; None finds it from the bytes, and
    raises ``AmbiguousEncodingError`` (with both readings) when two are plausible. ``name``
    (the file's name) is said in the messages that are about the file as a whole.
    """
    refuse_non_csv(data)
    decoded = decode(data, encoding, name=name)
    text = decoded.text
    refuse_long_lines(text, name=name)
    delimiter = ""
    hint = _SEP_HINT.match(text)
    skipped_lines = 0
    if hint and hint.group(1) in DELIMITERS:
        # Excel's "sep=;" first line names the delimiter; it is not a record.
        delimiter = hint.group(1)
        text = text[hint.end() :]
        skipped_lines = 1
    delimiter = delimiter or detect_delimiter(text)
    records = list(parse(text, delimiter, name=name))
    if skipped_lines:
        records = [CsvRecord(record.line + skipped_lines, record.cells) for record in records]
    if not records:
        raise ImportFileError(N_("The file is empty: no header row and no data."))
    header, *rows = records
    if not rows:
        raise ImportFileError(N_("{file} has column names but no rows of people."), file=_file(name))
    if decoded.uncertain:
        # Last, so that the question is only asked of a file that is otherwise readable.
        raise AmbiguousEncodingError(_file(name), decoded.readings)
    headers = tuple(cell.strip().lstrip("\ufeff").strip() for cell in header.cells)
    return CsvTable(
        encoding=decoded.encoding,
        delimiter=delimiter,
        header_line=header.line,
        headers=headers,
        records=tuple(rows),
    )


def read_table_file(path: Path | str, encoding: str | None = None) -> CsvTable:
    """``read_table`` on a file, with reading problems reported as ``ImportFileError``.

    A file read again with the same bytes, name and encoding while the first reading is still
    held (an import's preview, when the import reads it) is that reading: the same answer
    without decoding and parsing it again (0.6 s for 100,000 rows)."""
    file = Path(path)
    if encoding is not None:
        encoding_for(encoding)  # an unknown name is refused before the file is read
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
    key = (hashlib.sha256(data).digest(), encoding, file.name)
    table = _read_before.get(key)
    if table is None:
        table = read_table(data, encoding, name=file.name)
        _read_before[key] = table
    return table


# The tables read and still held somewhere, by (SHA-256 of the bytes, encoding, file name):
# read_table's answer depends on nothing else. An entry goes when its table does.
_read_before: weakref.WeakValueDictionary[tuple[bytes, str | None, str], CsvTable] = (
    weakref.WeakValueDictionary()
)
