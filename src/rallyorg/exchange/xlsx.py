"""A table as an Excel workbook (.xlsx, openpyxl) whose every cell is typed text.

A CSV cell is only text until a spreadsheet guesses otherwise: ``=…`` runs, ``+55 11…`` may
be read as a formula, ``0203`` loses its zero. In an .xlsx file each cell says what it is;
these say "text" (and are formatted as text, ``@``, so an edit keeps them so). Nothing is
evaluated, nothing needs the CSV guard's apostrophe, and a value reads back exactly.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rallyorg.domain.errors import ValidationError
from rallyorg.i18n import N_

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

# openpyxl is imported where a workbook is written, not with this module: it costs ~0.12 s,
# and every command (``rallyorg --help`` too) loads the export modules.

TEXT_FORMAT = "@"
# Excel's limits: a sheet's name, and the characters a cell may hold.
_SHEET_TITLE_LIMIT = 31
_CELL_LIMIT = 32_767
_WIDEST_COLUMN = 60

# Translators: an export left a record out: one of its values cannot go in an Excel cell.
NOT_IN_A_CELL = N_("an Excel cell cannot hold it (a control character, or over 32,767 characters)")


def _text_cell(sheet: object, value: str, *, bold: bool = False) -> Cell:
    from openpyxl.cell.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value)  # checked_cells() made sure it fits
    cell.data_type = "s"  # text, even when it starts with "=" (openpyxl would make a formula)
    cell.number_format = TEXT_FORMAT
    if bold:
        cell.font = Font(bold=True)
    return cell


def checked_cells(headers: Sequence[str], row: Sequence[str]) -> list[str]:
    """The row, each value checked to fit an Excel cell: ``ValidationError`` names the column,
    so an export can leave that record out and go on."""
    from openpyxl.cell.cell import WriteOnlyCell
    from openpyxl.utils.exceptions import IllegalCharacterError

    for header, value in zip(headers, row, strict=True):
        if len(value) > _CELL_LIMIT:
            raise ValidationError(header, NOT_IN_A_CELL)
        try:
            WriteOnlyCell(None, value)
        except IllegalCharacterError as error:
            raise ValidationError(header, NOT_IN_A_CELL) from error
    return list(row)


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[str]], *, title: str = "Sheet1") -> bytes:
    """One sheet: a bold header row (frozen), then the rows, every cell text."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:_SHEET_TITLE_LIMIT] or "Sheet1")
    widths = [len(h) for h in headers]
    materialised = [list(row) for row in rows]
    for row in materialised:
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=True)]
    for index, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(width + 2, _WIDEST_COLUMN)
    sheet.freeze_panes = "A2"
    sheet.append([_text_cell(sheet, h, bold=True) for h in headers])
    for row in materialised:
        sheet.append([_text_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
