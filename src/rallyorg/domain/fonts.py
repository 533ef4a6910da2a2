"""The flyers' font families (Noto Sans, Noto Serif, Noto Sans Display): registered once with
ReportLab, embedded (subset) in every PDF.

ReportLab's own fonts are the PDF base-14 (not embedded, so a print shop may substitute them)
and its bundled Vera lacks U+202F, the narrow no-break space Babel puts in "3:00 PM". Noto Sans
has it and every Spanish and Portuguese accent; so do the other two families (the same code
points, checked by tests/test_look.py). The families themselves, as plain data, are in
``rallyorg.domain.font_families``: ``family(look.font).regular`` / ``.bold`` / ``.italic``.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from rallyorg.domain.errors import RallyorgError
from rallyorg.domain.font_families import DEFAULT_FAMILY, FAMILIES, NOTO_SANS, FontFamily, family
from rallyorg.i18n import N_
from rallyorg.paths import resource

__all__ = [
    "BOLD",
    "DEFAULT_FAMILY",
    "FAMILIES",
    "FAMILY",
    "ITALIC",
    "REGULAR",
    "FontFamily",
    "ascent_descent",
    "family",
    "printable",
    "register_fonts",
    "text_width",
]

# Noto Sans, the default family, by the names the rest of the code has always used.
REGULAR = NOTO_SANS.regular  # "NotoSans"
BOLD = NOTO_SANS.bold  # "NotoSans-Bold"
ITALIC = NOTO_SANS.italic  # "NotoSans-Italic"
FAMILY = NOTO_SANS.regular  # "NotoSans"

_lock = threading.Lock()
_registered: set[str] = set()  # keys of the families registered by this process


def register_fonts(*keys: str) -> None:
    """Register the faces of the families ``keys`` (all of them when none is given) with
    ReportLab: idempotent, and safe from a background thread. An unknown key is a
    ``ValidationError``; a missing file a ``RallyorgError`` that says to reinstall."""
    chosen = [family(key) for key in keys] if keys else list(FAMILIES.values())
    with _lock:
        for wanted in chosen:
            if wanted.key not in _registered:
                _register(wanted)
                _registered.add(wanted.key)


def _register(wanted: FontFamily) -> None:
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in wanted.faces():
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
    # Named as its regular face (Noto Sans's is FAMILY, "NotoSans"), as Paragraph markup expects.
    pdfmetrics.registerFontFamily(
        wanted.regular, normal=wanted.regular, bold=wanted.bold, italic=wanted.italic, boldItalic=wanted.bold
    )


@cache
def _covered() -> frozenset[int]:
    """Code points every face can draw: text is checked once, whatever face prints it.

    Noto Sans's three faces decide it: the Serif and Sans Display faces shipped (fonts-noto-core
    20201225) cover exactly the same 2,841 code points, so what passes here prints in any family
    (tests/test_look.py fails if a family ever covers less)."""
    register_fonts(NOTO_SANS.key)
    faces = [pdfmetrics.getFont(name).face.charToGlyph for name, _file in NOTO_SANS.faces()]
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
