"""A printable list of WhatsApp reminders (issue #17): for each person their name, number and
language, the message, and a QR code of the click-to-chat link — scanned with the organizer's
phone, WhatsApp opens the chat with the message written, ready to send. For an organizer who
sends from a phone, not from this laptop; the sheet names people, so it is written 0600."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from rallyorg.domain.fonts import BOLD, REGULAR, printable, register_fonts
from rallyorg.domain.qr_code import TooLongForQr, paint_qr, qr_modules
from rallyorg.exchange.letter_document import MARGIN, WIDTH, letter_document
from rallyorg.i18n import N_, translator

QR_SIDE = 1.4 * inch  # at the least: a phone reads it at arm's length
MODULE = 0.95  # points: a long message makes a dense code, drawn bigger (1 mm modules at most)
QUIET = 0.12 * inch

# Translators: the title of the printable WhatsApp reminder list, e.g. "WhatsApp reminders: Vigil".
TITLE = N_("WhatsApp reminders: {rally}")
# Translators: under the title of the printable WhatsApp reminder list.
HOW = N_("Scan a code with your phone: WhatsApp opens that person's chat with the message written.")
# Translators: on the printable WhatsApp list, in place of the QR code of a very long message.
TOO_LONG = N_("This message is too long for a QR code: shorten it (Edit messages…) or open the link.")


@dataclass(frozen=True)
class SheetEntry:
    name: str
    phone: str  # as people read it: (203) 555-0151
    language: str  # the language's name
    message: str
    url: str  # https://wa.me/…?text=…


class _Qr(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    def __init__(self, url: str, modules: int) -> None:
        super().__init__()
        self.url = url
        self.side = max(QR_SIDE, modules * MODULE)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.side + 2 * QUIET, self.side + 2 * QUIET

    def draw(self) -> None:
        paint_qr(self.canv, self.url, QUIET, self.side + QUIET, self.side)


def _code(url: str, style: ParagraphStyle, gettext: Callable[[str], str]) -> Flowable:
    try:
        modules = len(qr_modules(url))
    except TooLongForQr:
        return Paragraph(escape(gettext(TOO_LONG)), style)
    return _Qr(url, modules)


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
        rows.append([_code(entry.url, base, gettext), words])
    if rows:
        # As wide as the biggest code on the sheet: a long message's code is drawn larger.
        first = max(row[0].wrap(WIDTH, WIDTH)[0] if isinstance(row[0], _Qr) else 0 for row in rows)
        first = max(first, QR_SIDE + 2 * QUIET)
        table = Table(rows, colWidths=[first, WIDTH - first])
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

    letter_document(buffer, title, language).build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
