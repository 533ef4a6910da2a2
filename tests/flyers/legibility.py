"""Legibility from afar, checked by OCR: a flyer rendered at the resolution at which a person
sees it from a distance, read back with tesseract.

UI.md: "a passer-by reads a poster from across the street (…) a letter flyer from across a
room. Check by rendering at low resolution (12 dpi for a poster, 36 dpi for a letter flyer)
and reading it." At 12 dpi a 100 pt title has capitals ~12 px tall; a 15 pt line has 2 px
capitals, a grey smudge. That difference is what these helpers measure.

Tests using them skip when tesseract or one of its languages is missing, unless
RALLYORG_REQUIRE_OCR is set (CI sets it, as it does RALLYORG_REQUIRE_BUNDLE), in which case
they fail instead: the check can never quietly disappear there.
"""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable

import pypdfium2
import pytest
from PIL import Image

from rallyorg.flyers.geometry import Rect

TESSERACT = "tesseract"
# A black-and-white office copier: scanned at 150 dpi, every pixel black or white.
COPIER_DPI = 150
THRESHOLD = 128  # 50 % grey
# Tesseract finds capitals best at 20-30 px tall. A person's eye interpolates a distant, coarse
# image into smooth shapes; smooth upscaling does the same for tesseract, and adds no detail
# that was not in the small image (every output pixel is a blend of the input's).
UPSCALE = 6
# Fully automatic page segmentation (3). Tried on the controls and on the poster and the
# letter flyer: modes 3, 4, 11 (sparse text) and 12 read the same sizes, but only 3 keeps a
# column's wrapped lines together ("martes, 20 de" / "mayo de 2025"), where sparse text
# reads each line as its own block, in any order.
PAGE_SEGMENTATION = 3
TIMEOUT = 60


def require_ocr(langs: str = "eng+spa") -> None:
    """Skip the calling test (or fail it, under RALLYORG_REQUIRE_OCR) without tesseract and
    ``langs``."""
    problem = _ocr_problem(langs)
    if problem is None:
        return
    if os.environ.get("RALLYORG_REQUIRE_OCR"):
        pytest.fail(f"RALLYORG_REQUIRE_OCR is set but {problem}")
    pytest.skip(problem)


def _ocr_problem(langs: str) -> str | None:
    if shutil.which(TESSERACT) is None:
        return "tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-spa)"
    listed = subprocess.run(
        [TESSERACT, "--list-langs"], capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    have = set(listed.stdout.split())
    missing = [lang for lang in langs.split("+") if lang not in have]
    if missing:
        return f"tesseract lacks the language data {', '.join(missing)} (tesseract-ocr-<lang>)"
    return None


def page_image(pdf: bytes, dpi: float, *, one_bit: bool = False) -> Image.Image:
    """Page 0 in greyscale at ``dpi``; with ``one_bit``, the page as a black-and-white copier
    gives it back (every pixel black or white at ``COPIER_DPI``), then seen at ``dpi``: so
    "12 dpi" still means "from across the street", of a photocopy."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        render_dpi = COPIER_DPI if one_bit else dpi
        bitmap = document[0].render(scale=render_dpi / 72, grayscale=True, fill_color=(255, 255, 255, 255))
        try:
            image: Image.Image = bitmap.to_pil().convert("L")
        finally:
            bitmap.close()
    finally:
        document.close()
    if not one_bit:
        return image
    copy = image.point(lambda value: 255 if value >= THRESHOLD else 0, mode="1")
    size = (max(1, round(image.width * dpi / COPIER_DPI)), max(1, round(image.height * dpi / COPIER_DPI)))
    # Seen from afar the black and white dots blend into greys: an area average, not sampling.
    return copy.convert("L").resize(size, Image.Resampling.BOX)


def area_image(
    image: Image.Image, dpi: float, page_height: float, area: Rect, margin: float = 6.0
) -> Image.Image:
    """The part of a page image (at ``dpi``) showing ``area`` (PDF points, origin bottom-left)
    and ``margin`` points around it: one language's column, read as a person reads it, without
    the neighbouring column's lines running into it."""
    scale = dpi / 72
    box = (
        max(0, math.floor((area.x - margin) * scale)),
        max(0, math.floor((page_height - area.top - margin) * scale)),
        min(image.width, math.ceil((area.right + margin) * scale)),
        min(image.height, math.ceil((page_height - area.y + margin) * scale)),
    )
    return image.crop(box)


def read_text(
    image: Image.Image, langs: str = "eng+spa", *, psm: int = PAGE_SEGMENTATION, upscale: int = UPSCALE
) -> str:
    """What tesseract reads in ``image``, upscaled smoothly first (see ``UPSCALE``; an image
    already at print resolution needs only enough to reach tesseract's ~300 dpi)."""
    large = image.convert("L").resize(
        (image.width * upscale, image.height * upscale), Image.Resampling.LANCZOS
    )
    buffer = io.BytesIO()
    large.save(buffer, format="PNG", dpi=(300, 300))
    result = subprocess.run(
        [TESSERACT, "stdin", "stdout", "-l", langs, "--psm", str(psm)],
        input=buffer.getvalue(),
        capture_output=True,
        timeout=TIMEOUT,
        check=True,
    )
    return result.stdout.decode("utf-8")


# Spanish's opening "¡" and "¿" come back from OCR as a letter stuck to the capital after them
# ("jLey TRUST!"): read a j, i or bar right before a word's capital as that mark.
_OPENING_MARK = re.compile(r"(?<!\w)[jiíl|!¡?¿](?=[A-ZÁÉÍÓÚÑ])")


def _normal(text: str) -> str:
    """Case folded, accents dropped, every kind of space one space, no opening "¡" or "¿".

    Accents are dropped because from a distance a reader reads "Manifestacion" as the word it
    is; what must be read is the word, not the stroke over its "o" (about a point at 36 pt)."""
    text = _OPENING_MARK.sub("", unicodedata.normalize("NFC", text)).casefold()
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    text = re.sub(r"[\s\u00a0\u202f]+", " ", text)
    return text.strip()


def _words(text: str) -> list[str]:
    """The words of ``text`` without punctuation ("Tue," is "tue", "p.m." is "pm"); a colon
    inside a time stays ("3:00")."""
    words = (word.strip(":") for word in re.findall(r"[\w:]+", re.sub(r"[.,;]", "", _normal(text))))
    return [word for word in words if word]


def _read_at(have: list[str], start: int, want: str) -> bool:
    """Whether the words of ``have`` from ``start`` on spell ``want`` (spaces ignored), ending
    at a word boundary: OCR may run two words together ("forthe") or split one ("Fa milies")."""
    spelled = ""
    for word in have[start:]:
        spelled += word
        if spelled == want:
            return True
        if not want.startswith(spelled):
            return False
    return False


def words_found(text: str, expected: Iterable[str]) -> list[str]:
    """The phrases of ``expected`` that ``text`` lacks (an empty list: all found).

    A phrase is found when consecutive words of ``text`` spell it, compared as a reader
    would: case- and accent-blind ("Manifestacion" is read), punctuation (but a time's colon)
    and the spaces between words ignored: "Tue, May 20" matches "TUE MAY 20", "3:00 PM"
    matches "3:00\u202fPM" and "3:00PM", "3:00 p.m." matches "3:00 p. m.", but not "300 PM".
    """
    have = _words(text)
    missing: list[str] = []
    for phrase in expected:
        want = "".join(_words(phrase))
        if not want or not any(_read_at(have, start, want) for start in range(len(have))):
            missing.append(phrase)
    return missing
