"""Issue #16's flyer features read back from the PDF: poster and sheet size floors, the short
headline, quarter pages, tear-off strips, partner logos, the event's picture with its scrim,
bleed with crop marks, the coalition look, and the command line for the new layouts."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

import pdfplumber
import pypdfium2
import pytest
from flyer_helpers import (
    CO_SPONSORS,
    RALLY_URL,
    TEXTS,
    make_rally,
    normalise,
    pdf_font_dicts,
    pdf_text,
    read_qr_codes,
    run_flyer_cli,
)
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from rallyorg.db import Database, open_database
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.events import EventData, EventTextInput
from rallyorg.domain.look import FlyerLook, contrast_ratio
from rallyorg.domain.pictures import StoredPicture, read_picture
from rallyorg.flyers import FlyerOptions, FlyerResult, Layout, Paper, Region, build_content, render_flyer
from rallyorg.flyers.footer import STRIP_MAX_ASPECT, STRIP_MIN_ASPECT
from rallyorg.flyers.geometry import CROP_MARK_ROOM, MIN_MARGIN
from rallyorg.flyers.hero import MIN_CONTRAST, scrim_alpha
from rallyorg.flyers.options import parse_bleed
from rallyorg.flyers.report import (
    FIELD_CUT,
    FIELD_CUT_ONE,
    HEADLINE_USED,
    LOGOS_AS_NAMES,
    PICTURE_LEFT_OFF,
    TITLE_UNDER_FLOOR,
)
from rallyorg.services import pictures

POSTER_PAPERS = [Paper.TABLOID, Paper.A3]
SHEETS = [
    (layout, paper) for layout in (Layout.COLUMNS, Layout.STACKED) for paper in (Paper.LETTER, Paper.A4)
]
SPACES = {" ", "\u00a0", "\u202f", "\n", "\t"}
INCH = 72.0
# A size read back from the PDF's text matrix is off by float noise (39.99999… for 40).
PDF_NOISE = 1e-3

# --- reading a PDF back ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Glyph:
    """One character as pdfplumber reads it (y from the top of the page)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    upright: bool
    colour: tuple[float, ...]


def glyphs(pdf: bytes) -> tuple[tuple[float, float], list[Glyph]]:
    """The page's size and its characters, in the order they are drawn."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        found = [
            Glyph(
                c["text"],
                c["x0"],
                c["x1"],
                c["top"],
                c["bottom"],
                c["size"],
                c["fontname"],
                bool(c["upright"]),
                tuple(c["non_stroking_color"] or ()),
            )
            for c in page.chars
        ]
        return (float(page.width), float(page.height)), found


def runs(chars: Sequence[Glyph], text: str) -> list[list[Glyph]]:
    """Every run of characters that spells ``text`` (spaces and line breaks ignored), in the
    order the PDF draws them: a phrase wrapped over two lines is still one run."""
    inked = [c for c in chars if c.text not in SPACES]
    spelled = "".join(c.text for c in inked)
    wanted = "".join(ch for ch in text if ch not in SPACES)
    assert wanted, text
    found = []
    start = spelled.find(wanted)
    while start >= 0:
        found.append(inked[start : start + len(wanted)])
        start = spelled.find(wanted, start + 1)
    return found


def sizes_of(chars: Sequence[Glyph], text: str) -> list[float]:
    """The sizes of every character of every run of ``text``; fails when there is none."""
    found = runs(chars, text)
    assert found, f"{text!r} is not on the page"
    return [c.size for run in found for c in run]


def page_objects(pdf: bytes, kind: str) -> list[dict[str, Any]]:
    """pdfplumber's ``images``, ``lines``, ``rects`` or ``curves`` of the first page."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [dict(obj) for obj in getattr(document.pages[0], kind)]


def box_of(region: Region, page_height: float) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) in pdfplumber's top-down coordinates."""
    return region.rect.x, page_height - region.rect.top, region.rect.right, page_height - region.rect.y


def inside(obj: dict[str, Any] | Glyph, box: tuple[float, float, float, float], slack: float = 0.5) -> bool:
    x0, top, x1, bottom = box
    get = obj.__getitem__ if isinstance(obj, dict) else lambda name: getattr(obj, name)
    return bool(
        x0 - slack <= get("x0")
        and get("x1") <= x1 + slack
        and top - slack <= get("top")
        and get("bottom") <= bottom + slack
    )


def regions(result: FlyerResult, name: str) -> list[Region]:
    return [r for r in result.regions if r.name == name]


def printed_title(result: FlyerResult, event: EventData, language: str) -> str:
    """The title a language's half prints: its headline when the flyer says so."""
    text = event.texts[language]
    used = any(w.language == language and w.message == HEADLINE_USED for w in result.warnings)
    return text.headline if used else text.title


def content_stream(pdf: bytes) -> str:
    """The first page's drawing instructions, decompressed."""
    return PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]


def fill_colours(pdf: bytes) -> list[tuple[float, float, float]]:
    """Every RGB fill colour the page sets (``r g b rg``)."""
    number = r"(-?\d*\.?\d+)"
    pattern = re.compile(rf"{number}\s+{number}\s+{number}\s+rg\b")
    return [(float(r), float(g), float(b)) for r, g, b in pattern.findall(content_stream(pdf))]


def close(a: Sequence[float], b: Sequence[float], tolerance: float = 2e-3) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def hex_rgb(colour: str) -> tuple[float, float, float]:
    return int(colour[1:3], 16) / 255, int(colour[3:5], 16) / 255, int(colour[5:7], 16) / 255


# --- pictures ---------------------------------------------------------------------------------------


def png(width: int, height: int, colour: tuple[int, int, int]) -> StoredPicture:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return read_picture(buffer.getvalue(), f"logo-{width}x{height}.png", field="logo")


SVG_BLUE = (0x1F / 255, 0x6F / 255, 0xEB / 255)
SVG_LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 80">'
    b'<rect x="0" y="0" width="160" height="80" fill="#1f6feb"/></svg>'
)


def photo(width: int = 1600, height: int = 900) -> StoredPicture:
    """A colour gradient with no white anywhere, as a JPEG."""
    red = Image.linear_gradient("L").resize((width, height)).point(lambda v: 40 + v * 160 // 255)
    green = Image.new("L", (width, height), 90)
    blue = Image.linear_gradient("L").rotate(90).resize((width, height)).point(lambda v: 60 + v // 3)
    buffer = io.BytesIO()
    Image.merge("RGB", (red, green, blue)).save(buffer, "JPEG", quality=80)
    return read_picture(buffer.getvalue(), "march.jpg")


def render_page(pdf: bytes, dpi: int) -> Image.Image:
    document = pypdfium2.PdfDocument(pdf)
    try:
        image: Image.Image = document[0].render(scale=dpi / 72).to_pil().convert("RGB")
        return image
    finally:
        document.close()


# === 1. size floors ===============================================================================


@pytest.mark.parametrize("paper", POSTER_PAPERS, ids=str)
def test_poster_floors_title_date_time_place_and_qr_code(rally: EventData, paper: Paper) -> None:
    content = build_content(rally, ("en", "es"))
    result = render_flyer(rally, FlyerOptions(languages=("en", "es"), layout=Layout.POSTER, paper=paper))
    _, chars = glyphs(result.pdf)
    largest = max(c.size for c in chars)
    for half in content.languages:
        title = printed_title(result, rally, half.language)
        title_chars = [c for run in runs(chars, title) for c in run]
        assert title_chars, title
        assert all("Bold" in c.font for c in title_chars), title
        assert min(c.size for c in title_chars) >= 96 - PDF_NOISE, (title, {c.size for c in title_chars})
        assert max(c.size for c in title_chars) == pytest.approx(largest)  # the biggest text there is
        # The day and date with the month written out, or shortened when that would not fit.
        date = half.short_date if runs(chars, half.short_date) else half.shorter_date
        for text in (date, half.start_time):
            assert min(sizes_of(chars, text)) >= 72 - PDF_NOISE, (half.language, text)
    assert min(sizes_of(chars, content.languages[0].venue_name)) >= 40 - PDF_NOISE
    codes = read_qr_codes(result.pdf)
    assert [text for text, _ in codes] == [RALLY_URL]
    assert codes[0][1] >= 1.5 - 1 / 150  # a pixel of rendering


@pytest.mark.parametrize(("layout", "paper"), SHEETS, ids=lambda v: str(v))
def test_sheet_floors_title_date_and_time_in_both_languages(
    rally: EventData, layout: Layout, paper: Paper
) -> None:
    content = build_content(rally, ("en", "es"))
    result = render_flyer(rally, FlyerOptions(languages=("en", "es"), layout=layout, paper=paper))
    _, chars = glyphs(result.pdf)
    for half in content.languages:
        title = printed_title(result, rally, half.language)
        assert min(sizes_of(chars, title)) >= 36 - PDF_NOISE, title
        assert min(sizes_of(chars, half.date)) >= 24 - PDF_NOISE, half.date
        assert min(sizes_of(chars, half.time)) >= 24 - PDF_NOISE, half.time
    assert result.title_size >= 36 - PDF_NOISE


# === 2. the short headline =========================================================================

LONG_TITLES = {
    "en": "The Great Community Rally for the Immediate Passage of the Connecticut TRUST Act and "
    "Dignity for All Immigrant Families",
    "es": "Gran manifestación comunitaria por la aprobación inmediata de la Ley TRUST de Connecticut "
    "y la dignidad de todas las familias",
}


def long_titled(db: Database, headlines: dict[str, str]) -> EventData:
    texts = {
        code: EventTextInput(
            title=LONG_TITLES[code],
            summary=TEXTS[code].summary,
            call_to_action=TEXTS[code].call_to_action,
            headline=headlines.get(code, ""),
        )
        for code in ("en", "es")
    }
    return make_rally(db, texts)


def assert_headlines_big(result: FlyerResult, headlines: dict[str, str]) -> None:
    used = [(w.language, w.field) for w in result.warnings if w.message == HEADLINE_USED]
    assert sorted(used) == [("en", "title"), ("es", "title")]
    _, chars = glyphs(result.pdf)
    for headline in headlines.values():
        assert min(sizes_of(chars, headline)) >= 96 - PDF_NOISE, headline
    text = pdf_text(result.pdf)
    assert "Great Community Rally" not in text and "Gran manifestación" not in text


@pytest.mark.parametrize("paper", POSTER_PAPERS, ids=str)
def test_poster_prints_the_headlines_big_when_the_titles_are_too_long(
    flyer_db: Database, paper: Paper
) -> None:
    headlines = {"en": "TRUST Act!", "es": "¡Ley TRUST!"}
    event = long_titled(flyer_db, headlines)
    assert_headlines_big(render_flyer(event, FlyerOptions(layout=Layout.POSTER, paper=paper)), headlines)


@pytest.mark.parametrize(
    "paper",
    [
        Paper.TABLOID,
        Paper.A3,
    ],
    ids=str,
)
def test_poster_prints_longer_headlines_big_on_every_poster_paper(flyer_db: Database, paper: Paper) -> None:
    headlines = {"en": "TRUST Act now!", "es": "¡Ley TRUST ya!"}
    event = long_titled(flyer_db, headlines)
    assert_headlines_big(render_flyer(event, FlyerOptions(layout=Layout.POSTER, paper=paper)), headlines)


@pytest.mark.parametrize("paper", POSTER_PAPERS, ids=str)
def test_without_headlines_the_title_goes_under_its_floor_and_says_so(
    flyer_db: Database, paper: Paper
) -> None:
    texts = {code: replace(TEXTS[code], headline="") for code in ("en", "es")}
    event = make_rally(flyer_db, texts)
    result = render_flyer(event, FlyerOptions(layout=Layout.POSTER, paper=paper))
    under = sorted(w.language or "" for w in result.warnings if w.message == TITLE_UNDER_FLOOR)
    assert under == ["en", "es"]
    _, chars = glyphs(result.pdf)
    for code in ("en", "es"):
        sizes = sizes_of(chars, texts[code].title)  # the whole title, not cut
        assert max(sizes) < 96.0 * (paper.size[0] / Paper.TABLOID.size[0]) + 1e-6
        assert {round(s, 2) for s in sizes} == {round(result.title_size, 2)}


@pytest.mark.parametrize("paper", POSTER_PAPERS, ids=str)
def test_a_title_too_long_even_under_its_floor_is_never_cut_silently(
    flyer_db: Database, paper: Paper
) -> None:
    event = long_titled(flyer_db, {})
    result = render_flyer(event, FlyerOptions(layout=Layout.POSTER, paper=paper))
    assert result.title_size < 96.0
    for code in ("en", "es"):
        assert any(w.language == code and w.field == "title" for w in result.warnings), result.warnings


# === 3. quarter pages ==============================================================================


@pytest.mark.parametrize("paper", [Paper.LETTER, Paper.A4], ids=str)
def test_quarter_pages_four_handouts_with_cut_lines(rally: EventData, paper: Paper) -> None:
    result = render_flyer(rally, FlyerOptions(layout=Layout.QUARTER, paper=paper))
    (width, height), chars = glyphs(result.pdf)
    assert (width, height) == pytest.approx(paper.size)
    assert [text for text, _ in read_qr_codes(result.pdf)] == [RALLY_URL] * 4
    for code in ("en", "es"):
        title = printed_title(result, rally, code)
        assert len(runs(chars, title)) == 4, title
        areas = regions(result, code)
        assert len(areas) == 4
        with pdfplumber.open(io.BytesIO(result.pdf)) as document:
            page = document.pages[0]
            for area in areas:
                x0, top, x1, bottom = box_of(area, height)
                words = normalise(
                    page.within_bbox((x0 - 0.5, top - 0.5, x1 + 0.5, bottom + 0.5)).extract_text()
                )
                assert title.split(":")[0] in words
    # Dashed cutting lines through the middle of the sheet, both ways, edge to edge.
    dashed = [line for line in page_objects(result.pdf, "lines") if line.get("dash") and line["dash"][0]]
    across = [
        ln for ln in dashed if abs(ln["top"] - height / 2) < 0.5 and abs(ln["bottom"] - height / 2) < 0.5
    ]
    down = [ln for ln in dashed if abs(ln["x0"] - width / 2) < 0.5 and abs(ln["x1"] - width / 2) < 0.5]
    assert len(across) == 1 and len(down) == 1, dashed
    assert across[0]["x0"] <= 0.5 and across[0]["x1"] >= width - 0.5
    assert down[0]["top"] <= 0.5 and down[0]["bottom"] >= height - 0.5
    # Every character inside the sheet's margins and clear of the cuts.
    for c in chars:
        assert c.x0 >= MIN_MARGIN - 0.5 and c.x1 <= width - MIN_MARGIN + 0.5, c
        assert c.top >= MIN_MARGIN - 0.5 and c.bottom <= height - MIN_MARGIN + 0.5, c
        assert c.x1 <= width / 2 - 0.25 * INCH or c.x0 >= width / 2 + 0.25 * INCH, c
        assert c.bottom <= height / 2 - 0.25 * INCH or c.top >= height / 2 + 0.25 * INCH, c


# === 4. tear-off strips =============================================================================


def strip_texts(chars: Sequence[Glyph], strips: tuple[float, float, float, float], count: int) -> list[str]:
    """The turned words of each strip, read bottom to top, line by line from the left."""
    x0, _, x1, _ = strips
    width = (x1 - x0) / count
    texts = []
    for number in range(count):
        left, right = x0 + number * width, x0 + (number + 1) * width
        mine = [c for c in chars if not c.upright and left <= (c.x0 + c.x1) / 2 < right]
        lines: dict[float, list[Glyph]] = {}
        for c in mine:
            lines.setdefault(round(c.x0, 0), []).append(c)
        ordered = [sorted(line, key=lambda c: -c.bottom) for _, line in sorted(lines.items())]
        texts.append(normalise(" ".join("".join(c.text for c in line) for line in ordered)))
    return texts


def test_tearoff_flyer_on_top_and_turned_strips_below(rally: EventData) -> None:
    content = build_content(rally, ("en", "es"))
    result = render_flyer(rally, FlyerOptions(layout=Layout.TEAROFF, paper=Paper.LETTER))
    (_, height), chars = glyphs(result.pdf)
    third = height / 3  # from the bottom; pdfplumber measures from the top
    (strips,) = regions(result, "strips")
    assert strips.rect.top <= third + 0.5
    for area in result.regions:
        if area.name != "strips":
            assert area.rect.y >= third, area
    upright = [c for c in chars if c.upright]
    turned = [c for c in chars if not c.upright]
    assert turned
    assert all(c.bottom <= height - third + 0.5 for c in upright)  # the flyer: the top two thirds
    assert all(c.top >= height - third - 0.5 for c in turned)  # the strips: below a third
    for half in content.languages:
        assert runs(upright, printed_title(result, rally, half.language))
        assert runs(upright, half.date)
    # 8 to 10 strips, between dashed vertical cut lines.
    box = box_of(strips, height)
    cuts = [
        ln
        for ln in page_objects(result.pdf, "lines")
        if ln.get("dash")
        and ln["dash"][0]
        and abs(ln["x0"] - ln["x1"]) < 0.1
        and inside(ln, box, 1.0)
        and box[0] + 1 < ln["x0"] < box[2] - 1
    ]
    count = len(cuts) + 1
    assert 8 <= count <= 10
    texts = strip_texts(turned, box, count)
    for text in texts:
        for half in content.languages:
            assert (half.headline or half.title) in text, text
        assert "example.org/e/trust-act-danbury" in text


# === 5. partner logos ===============================================================================

WIDE, SQUARE, TALL = (400, 100), (200, 200), (100, 200)  # 4:1, 1:1, 1:2 pixels


def with_logos(db: Database, sponsors: Sequence[str]) -> tuple[EventData, dict[str, int]]:
    event = make_rally(db, co_sponsors=sponsors)
    ids = {p.group_name: p.group_id for p in event.partners}
    return event, ids


def strip_box_height(image: dict[str, Any]) -> float:
    """The height of the strip box a drawn logo was fitted into: its own height, unless it is
    wider than the strip allows (then it fills the box's width and is lower)."""
    aspect = image["width"] / image["height"]
    return float(image["width"] / STRIP_MAX_ASPECT if aspect > STRIP_MAX_ASPECT else image["height"])


def images_by_size(pdf: bytes) -> dict[tuple[int, int], list[dict[str, Any]]]:
    found: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for image in page_objects(pdf, "images"):
        size = tuple(int(v) for v in image["srcsize"])
        found.setdefault((size[0], size[1]), []).append(image)
    return found


@pytest.mark.parametrize(
    ("layout", "paper"), [(Layout.COLUMNS, Paper.LETTER), (Layout.POSTER, Paper.TABLOID)], ids=str
)
def test_logos_in_the_footer_at_one_height_keeping_their_shape(
    flyer_db: Database, layout: Layout, paper: Paper
) -> None:
    sponsors = (*CO_SPONSORS, "Wide Union", "Tall Tenants Network")
    event, ids = with_logos(flyer_db, sponsors)
    assert event.lead_group_id is not None
    pictures.save_group_logo(flyer_db, event.lead_group_id, png(300, 300, (170, 20, 20)))
    pictures.save_group_logo(flyer_db, ids["Wide Union"], png(*WIDE, (20, 120, 20)))
    pictures.save_group_logo(flyer_db, ids["Iglesia San José"], png(*SQUARE, (20, 20, 140)))
    pictures.save_group_logo(flyer_db, ids["Tall Tenants Network"], png(*TALL, (140, 120, 0)))
    pictures.save_group_logo(
        flyer_db, ids["Maple Street Workers Center"], read_picture(SVG_LOGO, "maple.svg")
    )
    art = pictures.flyer_art(flyer_db, event.id)
    result = render_flyer(event, FlyerOptions(layout=layout, paper=paper), art)
    assert LOGOS_AS_NAMES not in {w.message for w in result.warnings}
    _, height = result.page_size
    (footer,) = regions(result, "footer")
    box = box_of(footer, height)
    found = images_by_size(result.pdf)
    assert sorted(found) == sorted([(300, 300), WIDE, SQUARE, TALL])
    assert all(len(images) == 1 for images in found.values())
    for images in found.values():
        assert inside(images[0], box), images[0]
    # The lead group's logo keeps its shape.
    lead = found[(300, 300)][0]
    assert lead["width"] / lead["height"] == pytest.approx(1.0, rel=0.02)
    # The co-sponsors' strip: one height for every logo whose shape is inside the clamp.
    square, tall, wide = found[SQUARE][0], found[TALL][0], found[WIDE][0]
    svg = [
        r
        for r in page_objects(result.pdf, "rects") + page_objects(result.pdf, "curves")
        if r.get("fill") and close(tuple(r["non_stroking_color"] or ()), SVG_BLUE)
    ]
    assert len(svg) == 1, "the SVG logo is drawn as vector shapes"
    common = square["height"]
    for logo in (tall, svg[0]):
        assert logo["height"] == pytest.approx(common, abs=0.5)
        assert inside(logo, box)
    assert STRIP_MIN_ASPECT <= 0.5 and STRIP_MAX_ASPECT < 4
    assert square["width"] / square["height"] == pytest.approx(1.0, rel=0.02)
    assert tall["width"] / tall["height"] == pytest.approx(0.5, rel=0.02)
    assert svg[0]["width"] / svg[0]["height"] == pytest.approx(2.0, rel=0.02)
    # The 4:1 banner goes into a box STRIP_MAX_ASPECT times the height wide: still 4:1, so lower,
    # and centred on the same line as the others.
    assert wide["width"] / wide["height"] == pytest.approx(4.0, rel=0.02)
    assert wide["width"] == pytest.approx(common * STRIP_MAX_ASPECT, abs=0.5)
    assert wide["height"] == pytest.approx(common * STRIP_MAX_ASPECT / 4, abs=0.5)
    middle = (square["top"] + square["bottom"]) / 2
    assert (wide["top"] + wide["bottom"]) / 2 == pytest.approx(middle, abs=0.5)
    # The groups without a logo are named, in the footer.
    with pdfplumber.open(io.BytesIO(result.pdf)) as document:
        words = normalise(document.pages[0].within_bbox(box).extract_text())
    assert "Centro Comunitário Brasileiro" in words
    for name in ("Wide Union", "Tall Tenants Network", "Iglesia San José", "Maple Street Workers Center"):
        assert name not in words, f"{name} has a logo and is named too"


@pytest.mark.parametrize(
    "shapes", [(WIDE, SQUARE, TALL, (300, 150)), ((300, 100),)], ids=["mixed", "all-3-to-1"]
)
def test_a_dozen_co_sponsors_logos_all_fit_a_letter_flyer(
    flyer_db: Database, shapes: tuple[tuple[int, int], ...]
) -> None:
    sponsors = [f"Coalition Member {number}" for number in range(12)]
    event, ids = with_logos(flyer_db, sponsors)
    for number, name in enumerate(sponsors):
        width, height = shapes[number % len(shapes)]
        # One pixel more per group: each logo is told apart by its size in pixels.
        pictures.save_group_logo(flyer_db, ids[name], png(width + number, height, (30 + 15 * number, 60, 90)))
    art = pictures.flyer_art(flyer_db, event.id)
    result = render_flyer(event, FlyerOptions(layout=Layout.COLUMNS, paper=Paper.LETTER), art)
    assert LOGOS_AS_NAMES not in {w.message for w in result.warnings}
    images = page_objects(result.pdf, "images")
    assert len(images) == 12
    (footer,) = regions(result, "footer")
    box = box_of(footer, result.page_size[1])
    assert all(inside(image, box) for image in images)
    boxes = [strip_box_height(image) for image in images]  # one strip height for every logo
    assert max(boxes) - min(boxes) <= 0.5, boxes
    for image in images:
        pixels = image["srcsize"]
        assert image["width"] / image["height"] == pytest.approx(pixels[0] / pixels[1], rel=0.02)


def test_thirty_co_sponsors_logos_give_way_to_their_names(flyer_db: Database) -> None:
    sponsors = [f"Coalition Member {number}" for number in range(30)]
    event, ids = with_logos(flyer_db, sponsors)
    for number, name in enumerate(sponsors):
        pictures.save_group_logo(flyer_db, ids[name], png(300 + number, 100, (30, 60, 90)))
    art = pictures.flyer_art(flyer_db, event.id)
    result = render_flyer(event, FlyerOptions(layout=Layout.COLUMNS, paper=Paper.LETTER), art)
    assert (None, "co_sponsors", LOGOS_AS_NAMES) in {
        (w.language, w.field, w.message) for w in result.warnings
    }
    assert page_objects(result.pdf, "images") == []
    (footer,) = regions(result, "footer")
    with pdfplumber.open(io.BytesIO(result.pdf)) as document:
        words = normalise(document.pages[0].within_bbox(box_of(footer, result.page_size[1])).extract_text())
    assert "Coalition Member 0" in words and "Coalition Member 1 " in words


# === 6. the event's picture ==========================================================================

SHORT_TEXTS = {
    "en": EventTextInput(
        title="Rally for the TRUST Act",
        summary="Join neighbors to demand that Connecticut strengthen the TRUST Act.",
        call_to_action="Bring a friend.",
    ),
    "es": EventTextInput(
        title="Manifestación por la Ley TRUST",
        summary="Únete a vecinos para exigir que Connecticut fortalezca la Ley TRUST.",
        call_to_action="Trae a un amigo.",
    ),
}


def pictured(db: Database, texts: dict[str, EventTextInput]) -> tuple[EventData, Any]:
    event = make_rally(db, texts)
    pictures.save_event_picture(db, event.id, photo())
    return event, pictures.flyer_art(db, event.id)


def scrim_alphas(pdf: bytes) -> list[float]:
    """The fill opacities (``/ca``) of the page's graphics states under 1."""
    resources = cast(DictionaryObject, PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"].get_object())
    states = cast(DictionaryObject, resources.get("/ExtGState", DictionaryObject()).get_object())
    values = [float(cast(DictionaryObject, state.get_object()).get("/ca", 1)) for state in states.values()]
    return [value for value in values if value < 1]


def assert_picture_band(result: FlyerResult, kinds: str) -> None:
    (_, height), chars = glyphs(result.pdf)
    (band,) = regions(result, "picture")
    box = box_of(band, height)
    images = page_objects(result.pdf, "images")
    assert len(images) == 1
    image = images[0]
    assert tuple(image["srcsize"]) == (1600, 900)
    # It covers the band (cropped by a clip, never stretched): as wide or as tall, centred.
    assert image["x0"] <= box[0] + 0.5 and image["x1"] >= box[2] - 0.5
    assert image["top"] <= box[1] + 0.5 and image["bottom"] >= box[3] - 0.5
    assert image["width"] / image["height"] == pytest.approx(16 / 9, rel=0.02)
    assert (image["x0"] + image["x1"]) / 2 == pytest.approx((box[0] + box[2]) / 2, abs=0.5)
    # Above the language areas.
    for area in result.regions:
        if area.language is not None:
            assert area.rect.top <= band.rect.y + 0.5, area
    # Nothing of the picture shows outside its band (the overflow is clipped).
    dpi = 36
    image_px = render_page(result.pdf, dpi)
    scale = dpi / 72

    def pixel(x: float, y: float) -> tuple[int, ...]:
        value = image_px.getpixel((int(x * scale), int(y * scale)))
        assert isinstance(value, tuple)
        return value

    xs = [box[0] + (box[2] - box[0]) * share for share in (0.05, 0.3, 0.5, 0.7, 0.95)]
    assert all(max(pixel(x, (box[1] + box[3]) / 2)) < 235 for x in xs)  # the picture is there
    for y in (box[1] - 4, box[3] + 4):  # just above and just below the band: white paper
        assert all(min(pixel(x, y)) >= 235 for x in xs), y
    # The scrim: black, see-through, along the band's bottom, full width.
    scrims = [
        s
        for s in page_objects(result.pdf, "rects") + page_objects(result.pdf, "curves")
        if s.get("fill") and close(tuple(s["non_stroking_color"] or ()), (0, 0, 0)) and s["width"] > 100
    ]
    assert len(scrims) == 1, scrims
    scrim = scrims[0]
    assert scrim["x0"] == pytest.approx(box[0], abs=0.5) and scrim["x1"] == pytest.approx(box[2], abs=0.5)
    assert scrim["bottom"] == pytest.approx(box[3], abs=0.5) and scrim["top"] > box[1]
    alphas = scrim_alphas(result.pdf)
    assert alphas and min(alphas) >= scrim_alpha()
    # The white words on it, inside the band and on the scrim.
    white = [c for c in chars if close(c.colour, (1, 1, 1)) and inside(c, box)]
    found = runs(white, kinds)
    assert len(found) == 1, kinds
    for c in found[0]:
        assert inside(c, (scrim["x0"], scrim["top"], scrim["x1"], scrim["bottom"]))


def test_picture_above_the_languages_of_a_letter_flyer_with_its_scrim(flyer_db: Database) -> None:
    event, art = pictured(flyer_db, SHORT_TEXTS)
    result = render_flyer(event, FlyerOptions(layout=Layout.COLUMNS, paper=Paper.LETTER), art)
    assert result.warnings == ()
    assert_picture_band(result, "RALLY · MANIFESTACIÓN")
    texts = {code: t.title for code, t in SHORT_TEXTS.items()}
    (_, height), chars = glyphs(result.pdf)
    for code, title in texts.items():
        (area,) = regions(result, code)
        assert all(inside(c, box_of(area, height)) for c in runs(chars, title)[0])


@pytest.mark.parametrize("paper", POSTER_PAPERS, ids=str)
def test_picture_on_a_one_language_poster(flyer_db: Database, paper: Paper) -> None:
    short = {"es": EventTextInput(title="¡Ley TRUST ya!", summary="Ven.", call_to_action="Trae a un amigo.")}
    event, art = pictured(flyer_db, short)
    result = render_flyer(event, FlyerOptions(languages=("es",), layout=Layout.POSTER, paper=paper), art)
    assert result.title_size >= 96 - PDF_NOISE
    assert PICTURE_LEFT_OFF not in {w.message for w in result.warnings}
    assert_picture_band(result, "MANIFESTACIÓN")


def test_picture_on_a_two_language_poster(flyer_db: Database) -> None:
    short = {
        "en": EventTextInput(title="TRUST", summary="Be there."),
        "es": EventTextInput(title="TRUST", summary="Ven."),
    }
    event, art = pictured(flyer_db, short)
    result = render_flyer(event, FlyerOptions(layout=Layout.POSTER, paper=Paper.TABLOID), art)
    assert PICTURE_LEFT_OFF not in {w.message for w in result.warnings}
    assert_picture_band(result, "RALLY · MANIFESTACIÓN")


def test_the_scrim_keeps_white_words_readable_over_a_white_sky() -> None:
    alpha = scrim_alpha()
    assert 0 < alpha < 1
    grey = round(255 * (1 - alpha))
    assert contrast_ratio("#FFFFFF", f"#{grey:02X}{grey:02X}{grey:02X}") >= MIN_CONTRAST >= 4.5
    lighter = round(255 * (1 - (alpha - 0.01)))
    assert contrast_ratio("#FFFFFF", f"#{lighter:02X}{lighter:02X}{lighter:02X}") < 4.5  # the least


def summary_of(sentences: int) -> dict[str, EventTextInput]:
    sentence = "We march together for the families of Connecticut. "
    return {
        "en": EventTextInput(title="Rally for the TRUST Act", summary=sentence * sentences),
        "es": EventTextInput(title="Manifestación por la Ley TRUST", summary=sentence * sentences),
    }


@pytest.mark.parametrize("sentences", [20, 30], ids=["fits-without", "cut-anyway"])
def test_picture_left_off_rather_than_cutting_more(flyer_db: Database, sentences: int) -> None:
    event, art = pictured(flyer_db, summary_of(sentences))
    options = FlyerOptions(layout=Layout.COLUMNS, paper=Paper.LETTER)
    with_art = render_flyer(event, options, art)
    without = render_flyer(event, options)
    assert (None, "picture", PICTURE_LEFT_OFF) in {
        (w.language, w.field, w.message) for w in with_art.warnings
    }
    assert [w for w in with_art.warnings if w.message != PICTURE_LEFT_OFF] == list(without.warnings)
    assert page_objects(with_art.pdf, "images") == []
    assert regions(with_art, "picture") == []
    cuts = {w.message for w in without.warnings} & {FIELD_CUT, FIELD_CUT_ONE}
    assert bool(cuts) == (sentences == 30)


# === 7. bleed ======================================================================================

BLEED_3MM = 3 * 72 / 25.4


def test_poster_with_bleed_has_print_boxes_crop_marks_and_a_bar_to_the_edge(rally: EventData) -> None:
    bleed = parse_bleed("3mm")
    assert bleed == pytest.approx(BLEED_3MM)
    result = render_flyer(rally, FlyerOptions(layout=Layout.POSTER, paper=Paper.TABLOID, bleed=bleed))
    trim_w, trim_h = Paper.TABLOID.size
    by = bleed + CROP_MARK_ROOM
    width, height = trim_w + 2 * by, trim_h + 2 * by
    assert result.page_size == pytest.approx((width, height))
    page = PdfReader(io.BytesIO(result.pdf)).pages[0]
    assert [float(v) for v in page.mediabox] == pytest.approx([0, 0, width, height])
    assert [float(v) for v in page.trimbox] == pytest.approx([by, by, by + trim_w, by + trim_h])
    assert [float(v) for v in page.bleedbox] == pytest.approx(
        [by - bleed, by - bleed, by + trim_w + bleed, by + trim_h + bleed]
    )
    # Eight crop marks, thin black lines, all outside the bleed (pdfplumber: y from the top).
    left, right = by - bleed, by + trim_w + bleed
    top, bottom = height - (by + trim_h + bleed), height - (by - bleed)
    marks = [
        ln
        for ln in page_objects(result.pdf, "lines")
        if close(tuple(ln["stroking_color"] or ()), (0, 0, 0)) and ln["linewidth"] < 1
    ]
    assert len(marks) == 8, marks
    for ln in marks:
        outside = ln["x1"] <= left or ln["x0"] >= right or ln["bottom"] <= top or ln["top"] >= bottom
        assert outside, ln
        assert ln["x0"] >= -0.01 and ln["x1"] <= width + 0.01
    assert {round(ln["x0"] if ln["x0"] == ln["x1"] else ln["top"], 2) for ln in marks} == {
        round(v, 2) for v in (by, by + trim_w, height - by, height - by - trim_h)
    }
    # The accent bar runs into the bleed at the top and at both sides.
    accent = hex_rgb(FlyerLook().accent)
    bars = [
        r
        for r in page_objects(result.pdf, "rects") + page_objects(result.pdf, "curves")
        if r.get("fill") and close(tuple(r["non_stroking_color"] or ()), accent) and r["width"] > trim_w / 2
    ]
    assert len(bars) == 1, bars
    assert bars[0]["top"] == pytest.approx(top, abs=0.05)
    assert bars[0]["x0"] == pytest.approx(left, abs=0.05) and bars[0]["x1"] == pytest.approx(right, abs=0.05)
    # The words stay inside the trimmed sheet.
    _, chars = glyphs(result.pdf)
    for c in chars:
        assert (
            by <= c.x0 and c.x1 <= by + trim_w and height - by - trim_h <= c.top and c.bottom <= height - by
        )


@pytest.mark.parametrize(("text", "points"), [("3mm", BLEED_3MM), ("0.125in", 9.0), ("9pt", 9.0), ("0", 0.0)])
def test_bleed_lengths_accepted(text: str, points: float) -> None:
    assert parse_bleed(text) == pytest.approx(points)


@pytest.mark.parametrize(
    "text",
    [
        "3",
        "-1",
        "-1mm",
        "2in",
        "abc",
    ],
)
def test_bleed_lengths_refused(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_bleed(text)
    assert caught.value.field == "bleed"
    assert text in caught.value.translated()


# === 8. the coalition look ============================================================================


def test_the_coalition_look_sets_the_font_and_the_colours(rally: EventData) -> None:
    look = FlyerLook(accent="#1F5F3A", second="#5B2A86", font="noto-serif")
    result = render_flyer(rally, FlyerOptions(look=look))
    fonts = pdf_font_dicts(result.pdf)
    assert fonts
    for font in fonts:
        name = str(font["/BaseFont"])
        assert re.fullmatch(r"/?[A-Z]{6}\+NotoSerif-[A-Za-z]+", name), name
        descriptor = font.get("/FontDescriptor")
        if descriptor is None:
            descendants = cast(ArrayObject, font["/DescendantFonts"].get_object())
            descriptor = cast(DictionaryObject, descendants[0].get_object())["/FontDescriptor"]
        assert "/FontFile2" in cast(DictionaryObject, descriptor.get_object()), f"{name} is not embedded"
    _, chars = glyphs(result.pdf)
    assert all("NotoSerif" in c.font for c in chars)
    accent, second = hex_rgb(look.accent), hex_rgb(look.second)
    fills = fill_colours(result.pdf)
    assert any(close(fill, accent) for fill in fills)
    assert any(close(fill, second) for fill in fills)  # the call to action
    assert not any(close(fill, hex_rgb(FlyerLook().accent)) for fill in fills)  # not the default red
    for label in ("WHEN", "CUÁNDO"):
        (run,) = runs(chars, label)
        assert all(close(c.colour, accent) for c in run), label
    (cta,) = runs(chars, "Bring a sign, bring a friend.")
    assert all(close(c.colour, second) for c in cta)


# === 7, 9. the command line ============================================================================


@pytest.fixture
def cli_rally(tmp_path: Path) -> Iterator[tuple[str, EventData]]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    db = open_database(url)
    try:
        event = make_rally(db)
    finally:
        db.close()
    yield url, event


def test_cli_poster_with_bleed(cli_rally: tuple[str, EventData], tmp_path: Path) -> None:
    url, event = cli_rally
    target = tmp_path / "poster.pdf"
    done = run_flyer_cli(url, str(event.id), "--layout", "poster", "--bleed", "3mm", "-o", str(target))
    assert done.returncode == 0, done.stderr
    page = PdfReader(io.BytesIO(target.read_bytes())).pages[0]
    by = BLEED_3MM + CROP_MARK_ROOM
    assert [float(v) for v in page.trimbox] == pytest.approx(
        [by, by, by + Paper.TABLOID.size[0], by + Paper.TABLOID.size[1]]
    )
    refused = tmp_path / "refused.pdf"
    wrong = run_flyer_cli(url, str(event.id), "--layout", "poster", "--bleed", "2in", "-o", str(refused))
    assert wrong.returncode != 0
    assert "2in is not a bleed" in wrong.stderr
    assert not refused.exists()


@pytest.mark.parametrize("layout", ["tearoff", "quarter"])
def test_cli_new_layouts_print_both_languages(
    cli_rally: tuple[str, EventData], tmp_path: Path, layout: str
) -> None:
    url, event = cli_rally
    target = tmp_path / f"{layout}.pdf"
    done = run_flyer_cli(url, str(event.id), "--langs", "en,es", "--layout", layout, "-o", str(target))
    assert done.returncode == 0, done.stderr
    _, chars = glyphs(target.read_bytes())
    upright = [c for c in chars if c.upright]
    content = build_content(event, ("en", "es"))
    for half in content.languages:
        for phrase in (half.labels.kind.upper(), half.labels.when.upper(), half.date, half.time):
            assert runs(upright, phrase), phrase
    assert runs(upright, "Bring a sign, bring a friend.") and runs(
        upright, "Trae un cartel, trae a un amigo."
    )
