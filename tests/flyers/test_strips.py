"""The tear-off strips of ``--layout tearoff``: 8-10 strips across the bottom band of the sheet,
each with both languages' short title, day and start time, the place and the web address,
turned to read from bottom to top, with dashed cut lines a photocopier still prints."""

from __future__ import annotations

import dataclasses
import io
import itertools
import math

import pdfplumber
import pytest
from flyer_helpers import RALLY_URL, normalise
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from rallyorg.domain import fonts
from rallyorg.domain.events import EventData
from rallyorg.flyers.content import FlyerContent, build_content
from rallyorg.flyers.draw import LineDraw, TextDraw, paint
from rallyorg.flyers.fit import ELLIPSIS
from rallyorg.flyers.geometry import INCH, LETTER_HEIGHT, LETTER_WIDTH, Rect
from rallyorg.flyers.strips import StripsPlan, display_url, plan_strips
from rallyorg.flyers.style import ACCENT, INK, MIN_NOTE, MIN_TEXT, Faces

MARGIN = 0.55 * INCH
# The bottom band of a Letter sheet: full width inside the margins, a third of the height.
LETTER_BAND = Rect(MARGIN, MARGIN, LETTER_WIDTH - 2 * MARGIN, LETTER_HEIGHT / 3 - MARGIN)
WHEN = ("Tue, May 20", "mar, 20 de mayo", "3:00 PM", "3:00 p.m.")
SHORT_URL = "example.org/e/trust-act-danbury"


@pytest.fixture
def bilingual(rally: EventData) -> FlyerContent:
    return build_content(rally, ("en", "es"))


def short_titles(content: FlyerContent) -> tuple[str, ...]:
    """What the strips call the event: the headline, or the title when there is none."""
    return tuple(half.headline or half.title for half in content.languages)


def plan(content: FlyerContent, area: Rect = LETTER_BAND) -> StripsPlan:
    return plan_strips(area, content, Faces(), ACCENT)


def strip_rects(area: Rect, count: int) -> list[Rect]:
    width = area.width / count
    return [Rect(area.x + i * width, area.y, width, area.height) for i in range(count)]


def rotated_bounds(item: TextDraw) -> Rect:
    """The box of ``item``'s lines on the page, turned by ``item.angle`` about (x, top)."""
    block = item.block
    left = {"left": 0.0, "center": -block.width / 2, "right": -block.width}[item.align]
    corners = [
        (left, 0.0),
        (left + block.width, 0.0),
        (left, -block.height),
        (left + block.width, -block.height),
    ]
    angle = math.radians(item.angle)
    cos, sin = math.cos(angle), math.sin(angle)
    xs = [item.x + u * cos - v * sin for u, v in corners]
    ys = [item.top + u * sin + v * cos for u, v in corners]
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def inside(inner: Rect, outer: Rect, slack: float = 1e-6) -> bool:
    return (
        inner.x >= outer.x - slack
        and inner.right <= outer.right + slack
        and inner.y >= outer.y - slack
        and inner.top <= outer.top + slack
    )


def texts(items: tuple[object, ...]) -> list[TextDraw]:
    return [item for item in items if isinstance(item, TextDraw)]


def strip_text(items: list[TextDraw]) -> str:
    return normalise(" | ".join(line for item in items for line in item.block.lines))


def per_strip(result: StripsPlan, area: Rect) -> list[list[TextDraw]]:
    """The text of each strip, from left to right, by where each block lies."""
    rects = strip_rects(area, result.count)
    return [[t for t in texts(result.items) if rect.x <= rotated_bounds(t).x < rect.right] for rect in rects]


def luminance(color: Color) -> float:
    return float(0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue)


def test_as_many_strips_as_keep_the_text_legible(bilingual: FlyerContent) -> None:
    result = plan(bilingual)
    assert 8 <= result.count <= 10
    assert result.warnings == ()
    for item in texts(result.items):
        bold = item.block.font == fonts.BOLD
        assert item.block.size >= (MIN_TEXT if bold else MIN_NOTE) - 1e-6, item.block.lines
    # One language needs half the lines, so it gets at least as many strips.
    assert plan(dataclasses.replace(bilingual, languages=bilingual.languages[:1])).count >= result.count


def test_every_strip_says_the_same_in_both_languages(bilingual: FlyerContent) -> None:
    result = plan(bilingual)
    strips = per_strip(result, LETTER_BAND)
    assert len(strips) == result.count
    first = strip_text(strips[0])
    for strip in strips:
        text = strip_text(strip)
        assert text == first
        for words in (*short_titles(bilingual), *WHEN, "Danbury City Hall Plaza", SHORT_URL):
            assert words in text
    # The title lines are bold, everything is in ink, and nothing reads in the accent colour.
    titles = [t for t in strips[0] if t.block.font == fonts.BOLD]
    assert [normalise(t.block.lines[0]) for t in titles] == list(short_titles(bilingual))
    assert {t.color for t in texts(result.items)} == {INK}


def test_text_is_turned_and_stays_inside_its_strip(bilingual: FlyerContent) -> None:
    result = plan(bilingual)
    for rect, strip in zip(
        strip_rects(LETTER_BAND, result.count), per_strip(result, LETTER_BAND), strict=True
    ):
        assert strip
        for item in strip:
            assert item.angle == 90
            # Clear of the cut lines by a couple of points: scissors wander.
            assert inside(rotated_bounds(item), rect.inset(2.0)), (
                item.block.lines,
                rotated_bounds(item),
                rect,
            )
        # Line after line across the strip, a line's height apart (their boxes, which include
        # room for accents and descenders, may touch; the letters do not).
        ordered = sorted(strip, key=lambda item: item.x)
        for before, after in itertools.pairwise(ordered):
            assert after.x - before.x >= 1.15 * before.block.size - 1e-6


def test_dashed_cut_lines_between_the_strips_and_along_their_top(bilingual: FlyerContent) -> None:
    result = plan(bilingual)
    lines = [item for item in result.items if isinstance(item, LineDraw) and item.dash]
    width = LETTER_BAND.width / result.count
    verticals = sorted(line.x1 for line in lines if line.x1 == line.x2)
    assert verticals == pytest.approx([LETTER_BAND.x + i * width for i in range(1, result.count)])
    for line in lines:
        if line.x1 == line.x2:
            assert sorted((line.y1, line.y2)) == pytest.approx([LETTER_BAND.y, LETTER_BAND.top])
    (top,) = [line for line in lines if line.y1 == line.y2]
    assert [top.y1, *sorted((top.x1, top.x2))] == pytest.approx(
        [LETTER_BAND.top, LETTER_BAND.x, LETTER_BAND.right]
    )
    for line in lines:
        # A hairline a black-and-white copier still prints: not a pale grey.
        assert 0.5 <= line.width <= 0.75
        assert luminance(line.color) <= 0.45
    # The accent marks at most thin rules, never a cut line.
    accents = [i for i in result.items if isinstance(i, LineDraw) and i.color == ACCENT]
    assert all(not rule.dash and rule.width <= 1.0 for rule in accents)


def test_headline_replaces_the_title_and_a_long_one_is_cut_with_an_ellipsis(bilingual: FlyerContent) -> None:
    english, spanish = bilingual.languages
    long_title = (
        "Rally for the TRUST Act and for every family in Danbury, Bethel, Brookfield and New Fairfield"
    )
    content = dataclasses.replace(
        bilingual,
        languages=(
            dataclasses.replace(english, headline="", title=long_title),
            dataclasses.replace(spanish, headline="¡Ley TRUST ya!"),
        ),
    )
    result = plan(content)
    text = strip_text(per_strip(result, LETTER_BAND)[0])
    assert "¡Ley TRUST ya!" in text
    assert spanish.title not in text
    (cut,) = [
        t
        for t in texts(result.items)[: len(per_strip(result, LETTER_BAND)[0])]
        if ELLIPSIS in t.block.lines[0]
    ]
    assert cut.block.size == MIN_TEXT
    assert long_title.startswith(cut.block.lines[0].removesuffix(ELLIPSIS))
    assert [(w.language, w.field) for w in result.warnings] == [("en", "title")]


def test_no_web_address_no_line_for_it(bilingual: FlyerContent) -> None:
    result = plan(dataclasses.replace(bilingual, url=""))
    text = strip_text(per_strip(result, LETTER_BAND)[0])
    assert "example.org" not in text
    assert "Danbury City Hall Plaza" in text
    assert result.count >= plan(bilingual).count


def test_web_address_is_printed_as_people_type_it() -> None:
    assert display_url(RALLY_URL) == SHORT_URL
    assert display_url("http://example.org/") == "example.org"
    assert display_url("example.org/x") == "example.org/x"


def test_strips_read_back_from_the_pdf_turned_and_inside_the_band(bilingual: FlyerContent) -> None:
    fonts.register_fonts()
    result = plan(bilingual)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(LETTER_WIDTH, LETTER_HEIGHT), initialFontName=fonts.REGULAR)
    paint(canvas, result.items)
    canvas.showPage()
    canvas.save()
    with pdfplumber.open(io.BytesIO(buffer.getvalue())) as document:
        page = document.pages[0]
        chars = list(page.chars)
    assert chars
    assert not any(c["upright"] for c in chars)
    band_top = LETTER_HEIGHT - LETTER_BAND.top  # pdfplumber measures from the top of the page
    band_bottom = LETTER_HEIGHT - LETTER_BAND.y
    for c in chars:
        assert LETTER_BAND.x - 0.5 <= c["x0"] <= c["x1"] <= LETTER_BAND.right + 0.5, c
        assert band_top - 0.5 <= c["top"] <= c["bottom"] <= band_bottom + 0.5, c
    # Read in drawing order, every strip's lines are whole words in both languages.
    drawn = normalise("".join(c["text"] for c in chars))
    titles = short_titles(bilingual)
    for words in (*titles, *WHEN, SHORT_URL):
        assert drawn.count(words) == result.count, words
    # Bottom to top: along the first line each letter sits above the one before.
    first_line = chars[: len(titles[0])]
    assert "".join(c["text"] for c in first_line) == titles[0]
    tops = [c["top"] for c in first_line]
    assert tops == sorted(tops, reverse=True)
