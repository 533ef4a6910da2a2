"""A printable list of WhatsApp reminders (issue #17): for each person their name, number and
language, the message, and a QR code of the click-to-chat link — scanned with the organizer's
phone, WhatsApp opens the chat with the message written, ready to send. For an organizer who
sends from a phone, not from this laptop; the sheet names people, so it is written 0600."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from rallyorg.domain.fonts import BOLD, REGULAR, printable, register_fonts
from rallyorg.domain.qr_code import paint_qr
from rallyorg.i18n import FORMAT_LOCALES, N_, translator

MARGIN = 0.6 * inch
WIDTH = LETTER[0] - 2 * MARGIN
QR_SIDE = 1.4 * inch  # a long message makes a dense code: big enough for a phone at arm's length
QUIET = 0.12 * inch

# Translators: the title of the printable WhatsApp reminder list, e.g. "WhatsApp reminders: Vigil".
TITLE = N_("WhatsApp reminders: {rally}")
# Translators: under the title of the printable WhatsApp reminder list.
HOW = N_("Scan a code with your phone: WhatsApp opens that person's chat with the message written.")


@dataclass(frozen=True)
class SheetEntry:
    name: str
    phone: str  # as people read it: (203) 555-0151
    language: str  # the language's name
    message: str
    url: str  # https://wa.me/…?text=…


class _Qr(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return QR_SIDE + 2 * QUIET, QR_SIDE + 2 * QUIET

    def draw(self) -> None:
        paint_qr(self.canv, self.url, QUIET, QR_SIDE + QUIET, QR_SIDE)


def whatsapp_sheet(rally: str, entries: Sequence[SheetEntry], language: str) -> bytes:
    register_fonts()
    gettext = translator(language).gettext
    title = printable(gettext(TITLE).format(rally=rally))[0]
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.5)
    name_style = ParagraphStyle("name", base, fontName=BOLD, fontSize=12, leading=15)
    story: list[Flowable] = [
        Paragraph(escape(title), ParagraphStyle("title", base, fontName=BOLD, fontSize=16, leading=20)),
        Paragraph(escape(gettext(HOW)), ParagraphStyle("how", base, spaceBefore=2, spaceAfter=10)),
    ]
    rows = []
    for entry in entries:
        words = [
            Paragraph(escape(printable(entry.name)[0]), name_style),
            Paragraph(escape(f"{entry.phone} · {entry.language}"), base),
            *(Paragraph(escape(printable(line)[0]) or "&nbsp;", base) for line in entry.message.splitlines()),
        ]
        rows.append([_Qr(entry.url), words])
    if rows:
        table = Table(rows, colWidths=[QR_SIDE + 2 * QUIET, WIDTH - QR_SIDE - 2 * QUIET])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        story.append(table)
    buffer = io.BytesIO()

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.drawRightString(LETTER[0] - MARGIN, 0.4 * inch, str(document.page))
        canvas.restoreState()

    SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=0.75 * inch,
        title=title,
        author="rallyorg",
        lang=FORMAT_LOCALES.get(language, "en").replace("_", "-"),
        invariant=1,
        initialFontName=REGULAR,  # no non-embedded Helvetica in the file
        initialFontSize=10,
    ).build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
