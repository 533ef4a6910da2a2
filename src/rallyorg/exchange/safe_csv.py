"""CSV that spreadsheets open safely and rallyorg reads back exactly.

Excel and LibreOffice run a cell as a formula when it starts with ``=`` or ``@`` (or their
full-width forms ``＝ ＠``), some also after a leading tab, CR or LF, and Excel also when it
starts with ``+`` or ``-`` and the rest parses as a formula; a contact named
``=HYPERLINK(...)`` must not become a link that leaks data. Such a cell is written with a
single quote in front, which spreadsheets show as text.

The quote is not free: LibreOffice shows it, and it stays in the value through a copy to
.xlsx and on into Google Contacts or a phone bank. So a cell is guarded only when it would
really be evaluated — the rule, on the text after any leading spaces (some spreadsheets trim
them), is in ``needs_guard``:

- ``=``, ``@``, ``＝``, ``＠``, ``＋``, ``－``, a tab, CR or LF first: always guarded.
- ``+`` or ``-`` first: guarded unless what follows is inert, i.e. one of
  - nothing (a lone ``-`` in an empty role);
  - a phone as people write it: only digits, spaces, ``-``, ``.``, ``(``, ``)``, with two
    digit groups side by side (``+55 11 91234-5678``). Two numbers side by side are not a
    formula in any spreadsheet, so the cell stays text. ``+1-203-555-0123`` has no such pair
    and Excel would subtract: it is guarded;
  - words: a letter first, then only letters, spaces and ``. , ' ’ -`` — no digit, bracket,
    quote or operator, so no function call, no cell reference (``A1``), no number and no
    reach outside the cell (``-Coletivo Zero``). At worst Excel shows such a cell as
    ``#NAME?``; nothing runs and nothing leaks. The .xlsx export has no such cells at all.
- Anything else is left as it is.
- ``-2+3``, ``+1+2``, ``+A1``, ``-SUM(A1)``, ``+12035550123`` and ``=…`` are guarded.

So that the round trip is exact, a value that itself starts with a quote is guarded the
same way, and ``restore`` removes one quote when what follows starts with any of the
characters above or a quote — a wider rule than the guard's, so files written by older
versions (which guarded every leading ``+`` and ``-``) read back exactly too:
``'=1`` -> ``=1``, ``'+55 11…`` -> ``+55 11…``, ``''x`` -> ``'x``, but ``'x`` stays ``'x``.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Collection, Iterable, Sequence
from typing import BinaryIO

from rallyorg.exchange.record_problems import writable

# What restore() looks for after a quote: every start the guard has ever been written for.
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_ALWAYS = ("=", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_SIGNS = ("+", "-")
_GUARD = "'"
GUARD = _GUARD  # restore() changes no cell that does not start with it
_SPACES = " \u00a0\u3000"
_PHONE_CHARACTERS = re.compile(r"[0-9 .()\-]+")
_SIDE_BY_SIDE = re.compile(r"[0-9)] +[(0-9]")
_WORDS = re.compile(r"[^\W\d_]+(?:[ .,'’\-]+[^\W\d_]+)*[ .,'’\-]*")
_BOOLEANS = ("TRUE", "FALSE")  # -TRUE is -1 in Excel
# A cell that may need the guard starts with one of these. In a row's cells joined with NUL,
# one search finds whether any does; nearly no row has one, and the row is written as it is
# (a look at each cell cost more than the rest of a 100,000-person export together).
_CELL_BREAK = "\x00"
_MAY_NEED_GUARD = re.compile(
    f"{_CELL_BREAK}[{re.escape(''.join(sorted({_GUARD, *_SPACES, *_ALWAYS, *_SIGNS})))}]"
)


def _inert_after_sign(rest: str) -> bool:
    """Whether a spreadsheet keeps ``+rest`` / ``-rest`` as the text it is (see the module)."""
    rest = rest.lstrip(" ")
    if not rest:
        return True
    if _PHONE_CHARACTERS.fullmatch(rest):
        return _SIDE_BY_SIDE.search(rest) is not None
    return _WORDS.fullmatch(rest) is not None and rest.rstrip(" .,'’-").upper() not in _BOOLEANS


def would_evaluate(value: str) -> bool:
    """Whether a spreadsheet opening ``value`` from a CSV would read it as a formula."""
    text = value.lstrip(_SPACES)
    if text.startswith(_ALWAYS):
        return True
    if text.startswith(_SIGNS):
        return not _inert_after_sign(text[1:])
    return False


def needs_guard(value: str) -> bool:
    """Whether ``value`` is written with the quote: it would be evaluated, or starts with the
    quote itself (so that ``restore`` gives it back exactly)."""
    return value.startswith(_GUARD) or would_evaluate(value)


def neutralise(value: str) -> str:
    """``value`` as a cell no spreadsheet runs: guarded with a leading quote when needed."""
    return _GUARD + value if needs_guard(value) else value


def _was_guarded(value: str) -> bool:
    """The wider rule ``restore`` uses: every value any version of rallyorg wrote a quote for."""
    return value.startswith((*_TRIGGERS, _GUARD)) or value.lstrip(_SPACES).startswith(_TRIGGERS)


def restore(cell: str) -> str:
    """The value ``neutralise`` was given: the exact inverse on everything it produces, and on
    what earlier versions produced."""
    if cell.startswith(_GUARD) and _was_guarded(cell[1:]):
        return cell[1:]
    return cell


def neutralised(cells: Sequence[str]) -> Sequence[str]:
    """A row's cells, each ``neutralise``d: the same cells when none needs it (nearly always)."""
    if _MAY_NEED_GUARD.search(_CELL_BREAK + _CELL_BREAK.join(cells)) is None:
        return cells
    return [neutralise(cell) for cell in cells]


def csv_bytes(
    headers: Sequence[str], rows: Iterable[Sequence[object]], *, verbatim: Collection[int] = ()
) -> bytes:
    """A whole CSV file for Excel, in memory (see ``write_csv``). ``None`` is written as an
    empty cell, anything else as its ``str``."""
    buffer = io.BytesIO()
    write_csv(buffer, headers, (_text_cells(row) for row in rows), verbatim=verbatim)
    return buffer.getvalue()


def write_csv(
    file: BinaryIO, headers: Sequence[str], rows: Iterable[Sequence[str]], *, verbatim: Collection[int] = ()
) -> int:
    """A CSV file for Excel written into ``file`` as the rows (of text, e.g. ``checked_row``)
    come, so an export of 100,000 people is never held in memory whole: UTF-8 with BOM (so
    accents survive), CRLF line ends, every field quoted and every cell neutralised. Returns
    how many rows were written (the header not counted).

    ``verbatim``: the indexes of columns written as they are, for values the caller has
    checked to be inert and that a quote would break — an E.164 phone ("+" and digits: at
    worst a spreadsheet shows a number) that a texting tool reads as the number to text."""
    file.write(codecs.BOM_UTF8)  # as "utf-8-sig" would, but "utf-8" is encoded in C, not Python
    text = io.TextIOWrapper(file, encoding="utf-8", newline="")
    kept = frozenset(verbatim)
    try:
        writer = csv.writer(text, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(neutralised([str(h) for h in headers]))
        count = 0
        for row in rows:
            if kept:
                writer.writerow([c if i in kept else neutralise(c) for i, c in enumerate(row)])
            else:
                writer.writerow(neutralised(row))
            count += 1
        text.flush()
    finally:
        text.detach()  # the caller's file stays open (and theirs to close)
    return count


def _text_cells(row: Sequence[object]) -> list[str]:
    return ["" if cell is None else str(cell) for cell in row]


def checked_row(headers: Sequence[str], row: Sequence[object]) -> list[str]:
    """One record's cells as text, each checked to be writable: ``ValidationError`` names the
    column of a cell that is not, so an export can leave that record out and go on."""
    if len(row) != len(headers):
        raise ValueError(f"{len(row)} cells for {len(headers)} columns")
    cells = _text_cells(row)
    try:
        "".join(cells).encode("utf-8")  # one check for the whole row: nearly every row passes
    except UnicodeEncodeError:
        for header, cell in zip(headers, cells, strict=True):
            writable(str(header), cell)
    return cells
