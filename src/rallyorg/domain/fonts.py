"""Noto Sans for flyers: registered once with ReportLab, embedded (subset) in every PDF.

ReportLab's own fonts are the PDF base-14 (not embedded, so a print shop may substitute them)
and its bundled Vera lacks U+202F, the narrow no-break space Babel puts in "3:00 PM". Noto Sans
has it and every Spanish and Portuguese accent.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from rallyorg.domain.errors import RallyorgError
from rallyorg.i18n import N_
from rallyorg.paths import resource

REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"
ITALIC = "NotoSans-Italic"
FAMILY = "NotoSans"

_FILES = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    ITALIC: "NotoSans-Italic.ttf",
}

_lock = threading.Lock()


def register_fonts() -> None:
    """Register the faces with ReportLab (idempotent; safe from a background thread)."""
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in _FILES.items():
            if name in registered:
                continue
            path = resource("fonts", filename)
            if not path.is_file():
                raise RallyorgError(
                    N_("The font {file} is missing from {folder}; reinstall rallyorg."),
                    file=filename,
                    folder=str(path.parent),
                )
            pdfmetrics.registerFont(TTFont(name, str(path)))
        # Flyers set no bold italic; the family maps it to bold rather than ship another face.
        pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD)


@cache
def _covered() -> frozenset[int]:
    """Code points every face can draw: text is checked once, whatever face prints it."""
    register_fonts()
    faces = [pdfmetrics.getFont(name).face.charToGlyph for name in _FILES]
    common = set(faces[0])
    for face in faces[1:]:
        common &= set(face)
    return frozenset(common)


def ascent_descent(font: str, size: float) -> tuple[float, float]:
    """Ascent above and depth below the baseline (both positive) at ``size``."""
    ascent, descent = pdfmetrics.getAscentDescent(font, size)
    return float(ascent), float(-descent)


def text_width(text: str, font: str, size: float, char_space: float = 0.0) -> float:
    return float(pdfmetrics.stringWidth(text, font, size)) + char_space * len(text)


def printable(text: str) -> tuple[str, str]:
    """``text`` as the fonts can draw it, and the characters that had to be left out.

    Text is NFC-normalised first: ReportLab does no glyph shaping, so an "e" followed by a
    combining accent (as some keyboards and macOS file names produce) would print the accent
    beside the letter instead of over it.
    Spaces the font lacks become ordinary spaces (Noto Sans has U+202F, so Babel's times keep
    their narrow no-break space); anything else it lacks (emoji, say) is dropped and reported,
    because ReportLab would print an empty box.
    """
    covered = _covered()
    kept: list[str] = []
    dropped: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if ord(char) in covered or char in "\n":
            kept.append(char)
        elif unicodedata.category(char) == "Zs" or char == "\t":
            kept.append(" ")
        elif unicodedata.category(char) in ("Cf", "Cc") or 0xFE00 <= ord(char) <= 0xFE0F:
            continue  # zero-width joiners, controls, emoji variation selectors: invisible anyway
        elif char not in dropped:
            dropped.append(char)
    return "".join(kept), "".join(dropped)
