"""An event's roster as a printable sign-in sheet (PDF, ReportLab; no Qt).

The header gives the event in each of its languages (title, date and time written out in
that language), then a table: a box to tick, name, phone (only when the organiser asks:
everyone who signs the sheet reads it), shift and a space to sign, with the table's header
row repeated on every page; the waitlist under its own heading; and blank rows at the end
for walk-ins.
Fonts are Noto Sans, embedded: it has every accent and the narrow no-break space Babel
puts in times ("3:00 PM"); names in other scripts (Arabic, Devanagari…) are printed with
the fallback faces of ``font_fallback``. A name no font can print, or a cell cut because it
would not fit on a page, is reported (``RosterDocument.warnings``): no name vanishes silently.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from rallyorg.domain.errors import RallyorgError
from rallyorg.domain.font_fallback import FontRuns, font_runs
from rallyorg.domain.fonts import BOLD, REGULAR, register_fonts
from rallyorg.exchange.record_problems import RecordGuard, RecordProblem
from rallyorg.i18n import N_, format_long_date, format_time, translator

WALK_IN_ROWS = 20
CELL_LEADING = 11.5
# Room to write by hand: a one-line row is about a third of an inch; longer text makes it grow.
ROW_PADDING = (0.34 * inch - CELL_LEADING) / 2
BOX_SIZE = 0.16 * inch
# A cell longer than this (only an older version or another tool could store such a name)
# is cut: a cell taller than a page cannot be laid out at all.
CELL_LIMIT = 300

# Translators: roster warning; {characters} are letters (e.g. Chinese) no font of the sheet has.
NOT_PRINTABLE = N_(
    "the sheet's fonts cannot print {characters}; the row shows “{shown}”: write the name in by hand"
)
# Translators: roster warning: a name (or shift) too long for a cell of the sign-in sheet.
CELL_CUT = N_("too long for the sheet: cut after {limit} characters")
# Translators: printed on the sign-in sheet in place of a name no font of the sheet can print.
NAME_PLACEHOLDER = N_("(volunteer {id}: name cannot be printed)")


@dataclass(frozen=True)
class RosterEntry:
    name: str
    phone: str  # already formatted for people ("(203) 555-0123"), or "" to leave blank
    shift: str  # "Marshals · 3:00 PM"
    waitlisted: bool = False
    volunteer_id: int = 0  # named in the warnings


@dataclass(frozen=True)
class RosterSheet:
    titles: tuple[tuple[str, str], ...]  # (language, title) for each language that has a title
    starts_at: dt.datetime  # aware, in the event's own time zone
    ends_at: dt.datetime
    place: str
    entries: tuple[RosterEntry, ...]  # everyone expected, then the waitlist
    walk_in_rows: int = WALK_IN_ROWS
    include_phones: bool = False  # a phone column (entries without a phone leave it blank)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(language for language, _ in self.titles) or ("en",)


@dataclass(frozen=True)
class RosterDocument:
    pdf: bytes
    warnings: tuple[RecordProblem, ...]  # names printed in part, or not at all, and why


@cache
def _covered() -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(REGULAR).face.charToGlyph) & frozenset(
        pdfmetrics.getFont(BOLD).face.charToGlyph
    )


def printable(text: str) -> str:
    """Text as the font can draw it: composed accents (ReportLab does no shaping), odd spaces
    as spaces, and characters the font lacks (emoji…) left out instead of printed as boxes."""
    covered = _covered()
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char == "\n":
            out.append(" ")
        elif ord(char) in covered:
            out.append(char)
        elif unicodedata.category(char) == "Zs" or char == "\t":
            out.append(" ")
    return "".join(out)


def _runs(text: str) -> FontRuns:
    return font_runs(text, _covered())


def _paragraph(text: str | FontRuns, style: ParagraphStyle) -> Paragraph:
    """A paragraph in the sheet's font, with fallback faces where the text needs them."""
    return (_runs(text) if isinstance(text, str) else text).paragraph(style)


class CheckBox(Flowable):  # type: ignore[misc]
    """An empty square to tick by hand."""

    def __init__(self, size: float = BOX_SIZE) -> None:
        super().__init__()
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=17, leading=21, spaceAfter=1),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=BOLD, fontSize=12.5, leading=16, textColor=colors.HexColor("#333333")
        ),
        "when": ParagraphStyle(
            "when", fontName=REGULAR, fontSize=10, leading=13, textColor=colors.HexColor("#333333")
        ),
        "place": ParagraphStyle("place", fontName=REGULAR, fontSize=10, leading=13, spaceBefore=4),
        "sheet": ParagraphStyle(
            "sheet", fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=8, spaceAfter=6
        ),
        "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=9.5, leading=CELL_LEADING),
        "head": ParagraphStyle("head", fontName=BOLD, fontSize=8.5, leading=10.5, textColor=colors.white),
        "section": ParagraphStyle("section", fontName=BOLD, fontSize=9.5, leading=CELL_LEADING),
    }


def _in_languages(message: str, languages: Sequence[str], separator: str = " / ") -> str:
    """``message`` in each language of the event (once where a translation is missing)."""
    seen: list[str] = []
    for language in languages:
        text = translator(language).gettext(message)
        if text not in seen:
            seen.append(text)
    return separator.join(seen)


def _when(sheet: RosterSheet, language: str) -> str:
    start, end = sheet.starts_at, sheet.ends_at
    times = f"{format_time(start, language)} – {format_time(end, language)}"
    if end.date() != start.date():
        times = (
            f"{format_time(start, language)} – {format_long_date(end, language)} {format_time(end, language)}"
        )
    return f"{format_long_date(start, language)} · {times}"


def _header(sheet: RosterSheet, styles: dict[str, ParagraphStyle]) -> list[Any]:
    flowables: list[Any] = []
    for index, (language, title) in enumerate(sheet.titles):
        style = styles["title"] if index == 0 else styles["subtitle"]
        flowables.append(_paragraph(title, style))
        flowables.append(_paragraph(_when(sheet, language), styles["when"]))
    if not sheet.titles:
        flowables.append(_paragraph(_when(sheet, "en"), styles["title"]))
    if sheet.place:
        flowables.append(_paragraph(sheet.place, styles["place"]))
    heading = _in_languages(N_("Sign-in sheet"), sheet.languages)
    flowables.append(_paragraph(heading, styles["sheet"]))
    return flowables


def _label(entry: RosterEntry) -> str:
    """The person as a warning names them (a name that did not fit is shortened there too)."""
    return entry.name if len(entry.name) <= 60 else f"{entry.name[:59]}…"


def _cell(entry: RosterEntry, field: str, text: str, guard: RecordGuard) -> str:
    """A cell's text, cut (and said so) when it could not fit on a page."""
    if len(text) <= CELL_LIMIT:
        return text
    guard.warn(entry.volunteer_id, _label(entry), field, CELL_CUT, limit=CELL_LIMIT)
    return f"{text[: CELL_LIMIT - 1]}…"


def _name(entry: RosterEntry, sheet: RosterSheet, guard: RecordGuard) -> FontRuns:
    """The name as the fonts can print it; what they cannot is reported, naming the person, and
    a name left with nothing to show says which volunteer the row is for."""
    runs = _runs(_cell(entry, "name", entry.name, guard))
    missing = runs.missing
    if not missing:
        return runs
    if not runs.text.strip():
        gettext = translator(sheet.languages[0]).gettext
        runs = _runs(gettext(NAME_PLACEHOLDER).format(id=entry.volunteer_id))
    shown = " ".join(runs.text.split())
    guard.warn(
        entry.volunteer_id, _label(entry), "name", NOT_PRINTABLE, characters=" ".join(missing), shown=shown
    )
    return runs


def _table(sheet: RosterSheet, styles: dict[str, ParagraphStyle], width: float, guard: RecordGuard) -> Table:
    languages = sheet.languages
    phones = sheet.include_phones
    headers = [
        "",
        _in_languages(N_("Name"), languages),
        *([_in_languages(N_("Phone"), languages)] if phones else []),
        _in_languages(N_("Shift"), languages),
        _in_languages(N_("Signature"), languages),
    ]
    rows: list[list[Any]] = [[_paragraph(h, styles["head"]) for h in headers]]
    headings: list[int] = []
    for entry in sheet.entries:
        if entry.waitlisted and not headings:
            headings.append(len(rows))
            # Translators: heading on the sign-in sheet above the people waiting for a place.
            heading = _in_languages(N_("Waitlist: sign in if there is room"), languages)
            rows.append([_paragraph(heading, styles["section"])] + [""] * (len(headers) - 1))
        phone = [_paragraph(_cell(entry, "phone", entry.phone, guard), styles["cell"])] if phones else []
        rows.append(
            [
                CheckBox(),
                _paragraph(_name(entry, sheet, guard), styles["cell"]),
                *phone,
                _paragraph(_cell(entry, "shift", entry.shift, guard), styles["cell"]),
                "",
            ]
        )
    first_blank = len(rows)
    rows.extend([CheckBox()] + [""] * (len(headers) - 1) for _ in range(sheet.walk_in_rows))
    phone_width = 1.35 * inch if phones else 0
    fixed = 0.4 * inch + phone_width + 1.9 * inch
    widths = [
        0.4 * inch,
        (width - fixed) * 0.55,
        *([phone_width] if phones else []),
        1.9 * inch,
        (width - fixed) * 0.45,
    ]
    table = Table(rows, colWidths=widths, repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        # Blank cells are plain strings: without this they would pull in a non-embedded Helvetica.
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#2f3b52")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#9aa3b2")),
        ("BOX", (0, 0), (-1, -1), 0.8, colors.HexColor("#2f3b52")),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, 0), 5),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
        # Blank cells are sized like a line of text, so walk-in rows are as tall as the others.
        ("FONTSIZE", (0, 1), (-1, -1), 9.5),
        ("LEADING", (0, 1), (-1, -1), CELL_LEADING),
        ("TOPPADDING", (0, 1), (-1, -1), ROW_PADDING),
        ("BOTTOMPADDING", (0, 1), (-1, -1), ROW_PADDING),
    ]
    for index in range(1, first_blank):
        if index in headings:
            commands.append(("SPAN", (0, index), (-1, index)))
            commands.append(("ALIGN", (0, index), (-1, index), "LEFT"))
            commands.append(("BACKGROUND", (0, index), (-1, index), colors.HexColor("#dde2ec")))
        elif index % 2 == 0:
            commands.append(("BACKGROUND", (0, index), (-1, index), colors.HexColor("#f1f3f7")))
    if first_blank < len(rows):
        # A heavier rule where the walk-in rows begin.
        commands.append(("LINEABOVE", (0, first_blank), (-1, first_blank), 1.2, colors.HexColor("#2f3b52")))
    table.setStyle(TableStyle(commands))
    return table


def roster_pdf(sheet: RosterSheet) -> bytes:
    """The sign-in sheet as a letter-size PDF with embedded fonts."""
    return roster_document(sheet).pdf


def roster_document(sheet: RosterSheet) -> RosterDocument:
    """The sign-in sheet as a letter-size PDF with embedded fonts, and what it could not print."""
    register_fonts()
    guard = RecordGuard("volunteer")
    styles = _styles()
    buffer = io.BytesIO()
    margin = 0.6 * inch
    footer_title = printable(sheet.titles[0][1]) if sheet.titles else ""
    page_word: Callable[[str], str] = translator(sheet.languages[0]).gettext

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(margin, 0.4 * inch, footer_title[:90])
        canvas.drawRightString(
            LETTER[0] - margin,
            0.4 * inch,
            printable(page_word(N_("Page {number}")).format(number=document.page)),
        )
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=0.75 * inch,
        title=footer_title,
        author="rallyorg",
        # The canvas starts in Noto Sans too: otherwise the PDF lists a non-embedded Helvetica.
        initialFontName=REGULAR,
        initialFontSize=10,
    )
    story = [*_header(sheet, styles), Spacer(1, 2), _table(sheet, styles, LETTER[0] - 2 * margin, guard)]
    try:
        document.build(story, onFirstPage=footer, onLaterPages=footer)
    except LayoutError as error:  # a single cell taller than a page: should not happen with Paragraphs
        raise RallyorgError(N_("The roster could not be laid out: {reason}"), reason=str(error)) from error
    return RosterDocument(buffer.getvalue(), tuple(guard.problems))
