"""CSV that spreadsheets open safely and rallyorg reads back exactly.

Excel and LibreOffice run a cell as a formula when it starts with ``= + - @`` (or their
full-width forms ``＝ ＋ － ＠``), and some also after a leading tab, CR or LF; a contact
named ``=HYPERLINK(...)`` must not become a link that leaks data. Such a cell is written
with a single quote in front, which spreadsheets show as text.

So that the round trip is exact, a value that itself starts with a quote is guarded the
same way, and ``restore`` removes one quote exactly when what follows it would have been
guarded: ``'=1`` -> ``=1``, ``''x`` -> ``'x``, but ``'x`` (never written by us) stays ``'x``.
Leading spaces before a trigger are treated as part of it, because some spreadsheets trim them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from rallyorg.exchange.record_problems import writable

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_GUARD = "'"
_SPACES = " \u00a0\u3000"


def needs_guard(value: str) -> bool:
    """Whether a spreadsheet could read ``value`` as a formula (or it starts with our guard)."""
    if value.startswith((*_TRIGGERS, _GUARD)):
        return True
    stripped = value.lstrip(_SPACES)
    return stripped != value and stripped.startswith(_TRIGGERS)


def neutralise(value: str) -> str:
    """``value`` as a cell no spreadsheet runs: guarded with a leading quote when needed."""
    return _GUARD + value if needs_guard(value) else value


def restore(cell: str) -> str:
    """The value ``neutralise`` was given: the exact inverse on everything it produces."""
    if cell.startswith(_GUARD) and needs_guard(cell[1:]):
        return cell[1:]
    return cell


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A whole CSV file for Excel: UTF-8 with BOM (so accents survive), CRLF line ends,
    every field quoted and every cell neutralised. ``None`` is written as an empty cell."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([neutralise(str(h)) for h in headers])
    for row in rows:
        writer.writerow([neutralise("" if cell is None else str(cell)) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def checked_row(headers: Sequence[str], row: Sequence[object]) -> list[str]:
    """One record's cells as text, each checked to be writable: ``ValidationError`` names the
    column of a cell that is not, so an export can leave that record out and go on."""
    return [
        writable(str(header), "" if cell is None else str(cell))
        for header, cell in zip(headers, row, strict=True)
    ]
