"""Controls for the OCR legibility harness (legibility.py): plain pages whose answer is known.

Type of the sizes UI.md asks of a poster (a title near 100 pt, the date near 72 pt) is read at
12 dpi, in colour and from a black-and-white copy; the same words at 15 pt are not, so a flyer
test that passes means big type, not a lenient reader.

Measured with tesseract 5.3 (Noto Sans Bold, 12 dpi, x6 upscale, --psm 3): from 60 pt every
word and time reads; at 48 pt the words do but "3:00" may lose its colon; at 30-36 pt some
words come back garbled; at 24 pt and below nothing does.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest
from legibility import page_image, read_text, require_ocr, words_found
from reportlab.pdfgen.canvas import Canvas

from rallyorg.domain import fonts
from rallyorg.flyers.options import Paper

TITLE = ("Rally for", "Families")  # "Rally for Families" at 100 pt is wider than the sheet
DATE = "Tue, May 20"


@pytest.fixture(autouse=True)
def _ocr() -> None:
    require_ocr("eng+spa")


def tabloid_page(lines: Sequence[tuple[str, float]]) -> bytes:
    """``lines`` of (text, size) in Noto Sans Bold from the top of a tabloid sheet."""
    fonts.register_fonts()
    width, height = Paper.TABLOID.size
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), initialFontName=fonts.REGULAR)
    y = height - 72
    for text, size in lines:
        y -= size
        canvas.setFont(fonts.BOLD, size)
        canvas.drawString(54, y, text)
        y -= size * 0.4
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def poster_sized() -> bytes:
    return tabloid_page([(TITLE[0], 100), (TITLE[1], 100), (DATE, 72)])


@pytest.mark.parametrize("one_bit", [False, True], ids=["colour", "one-bit"])
def test_poster_sizes_are_read_at_12_dpi(one_bit: bool) -> None:
    text = read_text(page_image(poster_sized(), 12, one_bit=one_bit))
    assert words_found(text, [*TITLE, DATE]) == [], text


@pytest.mark.parametrize("one_bit", [False, True], ids=["colour", "one-bit"])
def test_small_type_is_not_read_at_12_dpi(one_bit: bool) -> None:
    """The negative control: the harness can fail."""
    pdf = tabloid_page([(TITLE[0], 15), (TITLE[1], 15), (DATE, 15)])
    text = read_text(page_image(pdf, 12, one_bit=one_bit))
    assert words_found(text, [*TITLE, DATE]) == [*TITLE, DATE], text
    # ...while the very same page close up (150 dpi) is read: it is the size that fails.
    assert words_found(read_text(page_image(pdf, 150, one_bit=one_bit)), [*TITLE, DATE]) == []


def test_page_image_sizes_and_the_black_and_white_copy() -> None:
    width, height = Paper.TABLOID.size
    pdf = poster_sized()
    grey = page_image(pdf, 12)
    assert grey.mode == "L"
    assert grey.size == (round(width / 6), round(height / 6))
    copy = page_image(pdf, 12, one_bit=True)
    assert copy.size == grey.size
    # A one-bit copy seen from afar: only black and white dots, averaged; at its own
    # resolution (150 dpi) every pixel is black or white.
    close = page_image(pdf, 150, one_bit=True)
    assert sum(close.histogram()[1:255]) == 0


def test_words_found_compares_as_a_reader_would() -> None:
    # As OCR gives it back: words run together or apart, odd spaces, "¡" read as "j".
    text = "RALLY FORTHE\n\nFa milies\nTue,  May 20\nmar, 20 de mayo\n3:00\u202fp. m.\n3:00PM\n300 AM\n"
    text += "jLey TRUST!"
    found = ["Rally for the", "families", "tue, may 20", "20 de mayo", "3:00 p.m.", "3:00 PM", "¡Ley TRUST!"]
    # A word read without its accent is the word read: "Fámilies" was read as "Fa milies".
    found.append("Fámilies")
    assert words_found(text, found) == []
    # The colon of a time counts, words must be read in order and whole.
    missing = ["20 de junio", "3:00 AM", "4:00 PM", "Families Rally", "Rally for", "mayo 3"]
    assert words_found(text, missing) == missing


def test_missing_ocr_skips_and_fails_under_require(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RALLYORG_REQUIRE_OCR", raising=False)
    with pytest.raises(pytest.skip.Exception, match="tlh"):
        require_ocr("eng+tlh")
    monkeypatch.setenv("RALLYORG_REQUIRE_OCR", "1")
    with pytest.raises(pytest.fail.Exception, match=r"RALLYORG_REQUIRE_OCR.*tlh"):
        require_ocr("eng+tlh")
    require_ocr("eng+spa")  # installed: neither
