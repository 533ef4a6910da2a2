"""Fallback fonts for names in scripts Noto Sans lacks, so that a roster prints them instead of
leaving them out: Arabic (also Persian, Dari, Pashto, Urdu), Hebrew, Devanagari (Hindi, Nepali),
Bengali, Gurmukhi, Gujarati, Tamil, Ethiopic (Amharic, Tigrinya), Armenian, Georgian, Thai,
Lao, Khmer and Myanmar. Noto Sans itself has Latin (Vietnamese too), Greek and Cyrillic.

Most of these scripts join letters or reorder vowel signs: ReportLab shapes them with HarfBuzz
(``uharfbuzz``), and a face that needs shaping is used only where HarfBuzz is installed.
ReportLab lays words out left to right, so the words of a right-to-left name are put in
visual order here (HarfBuzz orders the letters within each word). What no face has (Chinese,
Korean, emoji…) is reported, never dropped silently.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from rallyorg.paths import resource


@dataclass(frozen=True)
class FallbackFace:
    name: str  # as registered with ReportLab
    file: str  # in resources/fonts
    needs_shaping: bool  # joined letters, reordered vowel signs or right to left


FALLBACK_FACES = (
    FallbackFace("NotoSansArabic", "NotoSansArabic-Regular.ttf", True),
    FallbackFace("NotoSansHebrew", "NotoSansHebrew-Regular.ttf", True),
    FallbackFace("NotoSansDevanagari", "NotoSansDevanagari-Regular.ttf", True),
    FallbackFace("NotoSansBengali", "NotoSansBengali-Regular.ttf", True),
    FallbackFace("NotoSansGurmukhi", "NotoSansGurmukhi-Regular.ttf", True),
    FallbackFace("NotoSansGujarati", "NotoSansGujarati-Regular.ttf", True),
    FallbackFace("NotoSansTamil", "NotoSansTamil-Regular.ttf", True),
    FallbackFace("NotoSansEthiopic", "NotoSansEthiopic-Regular.ttf", False),
    FallbackFace("NotoSansArmenian", "NotoSansArmenian-Regular.ttf", False),
    FallbackFace("NotoSansGeorgian", "NotoSansGeorgian-Regular.ttf", False),
    FallbackFace("NotoSansThai", "NotoSansThai-Regular.ttf", True),
    FallbackFace("NotoSansLao", "NotoSansLao-Regular.ttf", True),
    FallbackFace("NotoSansKhmer", "NotoSansKhmer-Regular.ttf", True),
    FallbackFace("NotoSansMyanmar", "NotoSansMyanmar-Regular.ttf", True),
)

_lock = threading.Lock()
_JOINERS = ("Mn", "Mc", "Me", "Cf")  # marks and joiners belong to the letter before them


def shaping_available() -> bool:
    """Whether ReportLab found HarfBuzz (``uharfbuzz``) and so can shape complex scripts."""
    try:
        import uharfbuzz  # noqa: F401 (ReportLab shapes with it as soon as it can import it)
    except ImportError:
        return False
    return getattr(ttfonts, "uharfbuzz", None) is not None  # an older ReportLab cannot shape


@cache
def fallback_faces() -> tuple[tuple[str, frozenset[int]], ...]:
    """(font name, code points) of each fallback face usable here, registered with ReportLab."""
    usable = []
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for face in FALLBACK_FACES:
            path = resource("fonts", face.file)
            if (face.needs_shaping and not shaping_available()) or not path.is_file():
                continue  # its letters are then reported as not printable
            if face.name not in registered:
                pdfmetrics.registerFont(TTFont(face.name, str(path)))
            usable.append((face.name, frozenset(pdfmetrics.getFont(face.name).face.charToGlyph)))
    return tuple(usable)


def _is_rtl_word(word: str) -> bool:
    for char in word:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def visual_word_order(text: str) -> str:
    """Words of each right-to-left stretch in the order they are seen, right to left:
    "محمد علي" (Muhammad Ali) is laid out "علي محمد" so that it reads right to left."""
    words = text.split(" ")
    rtl = [_is_rtl_word(word) for word in words]
    index = 0
    while index < len(words):
        if not rtl[index]:
            index += 1
            continue
        end = index
        while end + 1 < len(words) and rtl[end + 1]:
            end += 1
        words[index : end + 1] = reversed(words[index : end + 1])
        index = end + 1
    return " ".join(words)


@dataclass(frozen=True)
class FontRuns:
    runs: tuple[tuple[str | None, str], ...]  # (fallback face, or None for the main font; text)
    missing: str  # characters no face has, each once
    logical: str  # the text printed, in reading order (the runs are in visual order)

    def markup(self) -> str:
        """ReportLab paragraph markup: escaped text, fallback stretches in ``<font>`` tags."""
        return "".join(
            escape(text) if face is None else f'<font name="{face}">{escape(text)}</font>'
            for face, text in self.runs
        )

    @property
    def text(self) -> str:
        return "".join(text for _, text in self.runs)

    @property
    def uses_fallback(self) -> bool:
        return any(face is not None for face, _ in self.runs)

    def paragraph(self, style: ParagraphStyle) -> Paragraph:
        """A ReportLab paragraph of these runs; shaped (joined Arabic letters, Devanagari vowel
        signs in place) and carrying its text in reading order when a fallback face is used."""
        if not self.uses_fallback:
            return Paragraph(self.markup(), style)
        shaped = ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)
        return TextParagraph(self.markup(), shaped, actual_text=self.logical)


class TextParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph whose text PDF readers extract as written (a PDF ActualText span): shaped
    glyphs alone do not say which letters they are (pdftotext lost the "र्" of "शर्मा")."""

    def __init__(
        self, text: Any, style: Any = None, *args: Any, actual_text: str = "", **kwargs: Any
    ) -> None:
        super().__init__(text, style, *args, **kwargs)
        self.actual_text = actual_text  # a part split off to another page has none

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        if not self.actual_text:
            super().drawOn(canvas, x, y, _sW)
            return
        utf16 = ("\ufeff" + self.actual_text).encode("utf-16-be").hex().upper()
        canvas.addLiteral(f"/Span <</ActualText <{utf16}>>> BDC")
        super().drawOn(canvas, x, y, _sW)
        canvas.addLiteral("EMC")


def font_runs(text: str, main: frozenset[int]) -> FontRuns:
    """``text`` (NFC) split into stretches each drawn by one face: the main font (whose code
    points are ``main``) where it can, else the first fallback face that has the letter.
    Odd spaces and line breaks become spaces; a mark or joiner stays with its letter."""
    text = unicodedata.normalize("NFC", text)
    faces = fallback_faces()
    run_faces: list[str | None] = []
    run_texts: list[str] = []
    missing: list[str] = []
    for char in visual_word_order(text):
        current = run_faces[-1] if run_faces else None
        face: str | None
        if unicodedata.category(char) in ("Zs", "Zl", "Zp") or char in "\t\n":
            char, face = " ", current
        elif unicodedata.category(char) in _JOINERS and run_faces:
            face = current
        elif ord(char) in main:
            face = None
        else:
            face = next((name for name, points in faces if ord(char) in points), None)
            if face is None:
                if unicodedata.category(char) not in ("Cf", "Cc") and char not in missing:
                    missing.append(char)  # invisible joiners and controls need no report
                continue
        if run_faces and run_faces[-1] == face:
            run_texts[-1] += char
        else:
            run_faces.append(face)
            run_texts.append(char)
    logical = "".join(
        " " if unicodedata.category(char) in ("Zs", "Zl", "Zp") or char in "\t\n" else char
        for char in text
        if char not in missing and unicodedata.category(char) != "Cc"
    )
    return FontRuns(tuple(zip(run_faces, run_texts, strict=True)), "".join(missing), logical)
