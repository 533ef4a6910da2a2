"""The Letter page the reports and the WhatsApp list are laid out on: the same margins, the
document's title and language, the same bytes for the same content, and a canvas that starts
in Noto Sans (else the PDF names a non-embedded Helvetica)."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch
from reportlab.platypus import SimpleDocTemplate

from rallyorg.domain.fonts import REGULAR
from rallyorg.i18n import FORMAT_LOCALES

MARGIN = 0.6 * inch
WIDTH = LETTER[0] - 2 * MARGIN


def letter_document(buffer: BinaryIO, title: str, language: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=0.75 * inch,
        title=title,
        author="rallyorg",
        lang=FORMAT_LOCALES.get(language, "en").replace("_", "-"),
        invariant=1,  # the same content gives the same bytes
        initialFontName=REGULAR,
        initialFontSize=10,
    )
