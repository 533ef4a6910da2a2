"""Event + flyer choice -> PDF bytes, deterministically (same input, same bytes).

ReportLab's ``invariant`` mode fixes the creation date and document id; font subsets are
named by counters, not at random; nothing else in the file depends on the clock or the
machine. The canvas's initial font is Noto Sans too, so not even the page preamble refers
to a base-14 font.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas

from rallyorg.domain import fonts
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.events import EventData
from rallyorg.domain.pictures import FlyerArt, StoredPicture, read_picture
from rallyorg.flyers.card import PanelsPlan, plan_panels
from rallyorg.flyers.content import FlyerContent, build_content
from rallyorg.flyers.draw import BoxDraw, DrawItem, LineDraw, paint
from rallyorg.flyers.footer import plan_footer
from rallyorg.flyers.geometry import (
    CROP_MARK_LENGTH,
    CROP_MARK_OFFSET,
    HERO_SHARES,
    CardGeometry,
    PageGeometry,
    Rect,
    page_geometry,
    with_picture_band,
)
from rallyorg.flyers.hero import hero_items
from rallyorg.flyers.options import FlyerOptions, Layout
from rallyorg.flyers.poster import plan_poster
from rallyorg.flyers.report import (
    FIELD_CUT,
    FIELD_CUT_ONE,
    FIELD_DROPPED,
    HEADLINE_USED,
    PICTURE_LEFT_OFF,
    FlyerWarning,
)
from rallyorg.flyers.style import CUT, RULE, Scale, Typography, look_style
from rallyorg.i18n import FORMAT_LOCALES, N_

_CREATOR = "rallyorg"


@dataclass(frozen=True)
class Region:
    """An area of a page that text may occupy: one language's, or the shared footer."""

    page: int
    name: str  # the language code, or "footer"
    language: str | None
    rect: Rect


@dataclass(frozen=True)
class FlyerResult:
    pdf: bytes
    warnings: tuple[FlyerWarning, ...]
    regions: tuple[Region, ...]
    title_size: float  # points; the same for every language on the flyer
    page_size: tuple[float, float]


def _bar(card: CardGeometry, page: PageGeometry, options: FlyerOptions) -> Rect:
    """The accent band along the card's top; a poster with bleed runs it off the sheet's top
    and sides, as a print shop can."""
    bar = card.accent_bar
    if page.trim is None or options.layout != Layout.POSTER:
        return bar
    left = page.trim.x - options.bleed
    return Rect(left, bar.y, page.trim.width + 2 * options.bleed, page.trim.top + options.bleed - bar.y)


def _separators(card: CardGeometry) -> list[DrawItem]:
    """A hairline between the language areas (decoration only: a photocopy may drop it)."""
    lines: list[DrawItem] = []
    if card.side_by_side:
        for left in card.panels[:-1]:
            x = left.right + card.gutter / 2
            lines.append(LineDraw(x, left.y, x, left.top, 0.8 * card.scale, RULE))
    else:
        for upper in card.panels[:-1]:
            y = upper.y - card.gutter / 2
            lines.append(LineDraw(upper.x, y, upper.right, y, 0.8 * card.scale, RULE))
    return lines


def crop_marks(trim: Rect, bleed: float) -> list[DrawItem]:
    """Short black lines at each corner, outside the bleed, along the sheet's edges."""
    marks: list[DrawItem] = []
    start = bleed + CROP_MARK_OFFSET
    for x in (trim.x, trim.right):
        for y in (trim.y, trim.top):
            out_x = -1 if x == trim.x else 1
            out_y = -1 if y == trim.y else 1
            marks.append(
                LineDraw(x + out_x * start, y, x + out_x * (start + CROP_MARK_LENGTH), y, 0.3, black)
            )
            marks.append(
                LineDraw(x, y + out_y * start, x, y + out_y * (start + CROP_MARK_LENGTH), 0.3, black)
            )
    return marks


def _set_print_boxes(canvas: Canvas, trim: Rect, bleed: float) -> None:
    """TrimBox and BleedBox, which print shops' software reads to cut and to check the bleed."""
    canvas.setTrimBox((trim.x, trim.y, trim.right, trim.top))
    canvas.setBleedBox((trim.x - bleed, trim.y - bleed, trim.right + bleed, trim.top + bleed))


def load_logo(path: Path) -> StoredPicture:
    """The picture at ``path`` (PNG, JPEG or SVG), refused with a message naming the file."""
    if not path.is_file():
        raise ValidationError("logo", N_("The image {path} does not exist."), path=str(path))
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError("logo", N_("The image {path} cannot be read."), path=str(path)) from error
    return read_picture(data, path.name, field="logo")


def render_flyer(event: EventData, options: FlyerOptions, art: FlyerArt | None = None) -> FlyerResult:
    """The flyer for ``event`` as PDF bytes, with warnings about anything missing or cut.

    ``art`` holds the event's picture and its groups' logos (services.pictures.flyer_art).
    Missing translations do not stop it (they are in the warnings); callers that must refuse
    check :func:`rallyorg.flyers.missing_translations` first.
    """
    return render_content(build_content(event, options.languages), options, art)


# Warnings that say the words did not fit as written: a picture is dropped rather than cause one.
_FIT_WARNINGS = frozenset({FIELD_CUT, FIELD_CUT_ONE, FIELD_DROPPED, HEADLINE_USED})


def _key(warning: FlyerWarning) -> tuple[object, ...]:
    return (warning.language, warning.field, warning.message, tuple(sorted(warning.params.items())))


def _scale(layout: Layout) -> Scale:
    if layout == Layout.POSTER:
        return Scale.POSTER
    if layout in (Layout.COLUMNS, Layout.STACKED, Layout.TEAROFF):
        return Scale.SHEET
    return Scale.HANDOUT


def _plan_sheet(
    card: CardGeometry,
    content: FlyerContent,
    options: FlyerOptions,
    typo: Typography,
    picture: StoredPicture | None,
) -> tuple[PanelsPlan, CardGeometry, list[DrawItem], list[Rect]]:
    """The language areas of a card, with the event's picture above them when the words
    still fit as written beside it (else without it, and a warning)."""

    def plan(on: CardGeometry) -> PanelsPlan:
        return plan_panels(on, content.languages, scale=typo.scale, faces=typo.faces, palette=typo.palette)

    plain = plan(card)
    if picture is None or options.layout not in (Layout.COLUMNS, Layout.STACKED):
        return plain, card, [], []
    allowed = {_key(w) for w in plain.warnings}
    kinds = [half.labels.kind for half in content.languages]
    for share in HERO_SHARES:
        shorter, band = with_picture_band(card, share)
        with_picture = plan(shorter)
        # The picture only when it costs no words: every cut or headline it brings, the
        # flyer without it would have had too. A smaller band is tried before none.
        if {_key(w) for w in with_picture.warnings if w.message in _FIT_WARNINGS} <= allowed:
            return with_picture, shorter, hero_items(picture, band, kinds, typo, typo.label * 1.3), [band]
    left_off = FlyerWarning(None, "picture", PICTURE_LEFT_OFF)
    return replace(plain, warnings=(*plain.warnings, left_off)), card, [], []


def render_content(
    content: FlyerContent,
    options: FlyerOptions,
    art: FlyerArt | None = None,
    page: PageGeometry | None = None,
) -> FlyerResult:
    """``page`` replaces the paper's geometry (a phone's screen, see flyers/phone.py)."""
    fonts.register_fonts()
    art = art or FlyerArt()
    faces, palette = look_style(options.look)
    if options.logo is not None:
        logo: StoredPicture | None = load_logo(options.logo)
    else:
        logo = art.logos.get(content.organizer_id) if content.organizer_id is not None else None
    page = page or page_geometry(options)
    scale = _scale(options.layout)
    items: list[DrawItem] = []
    warnings: list[FlyerWarning] = list(content.warnings)
    regions: list[Region] = []
    title_size = 0.0
    for index, card in enumerate(page.cards):
        typo = Typography(card.scale, 1.0, scale, faces, palette)
        items.append(BoxDraw(_bar(card, page, options), palette.accent))
        card_warnings: list[FlyerWarning] = []
        if options.layout == Layout.POSTER:
            poster = plan_poster(card, content.languages, typo, art.picture)
            items.extend(poster.items)
            card_warnings.extend(poster.warnings)
            size = poster.title_size
        else:
            panels, card, hero, bands = _plan_sheet(card, content, options, typo, art.picture)
            items.extend(hero)
            items.extend(_separators(card))
            items.extend(panels.items)
            card_warnings.extend(panels.warnings)
            typo, size = panels.typography, panels.title_size
        footer = plan_footer(card, content, typo, logo, art.logos)
        items.extend(footer.items)
        if index == 0:  # a handbill's other copies say the same; report once
            warnings.extend(card_warnings)
            warnings.extend(footer.warnings)
            title_size = size
        if options.layout == Layout.POSTER:
            codes = {half.language for half in content.languages}
            regions.extend(
                Region(0, name, name if name in codes else None, area) for name, area in poster.areas
            )
        else:
            regions.extend(
                Region(0, half.language, half.language, area)
                for half, area in zip(content.languages, card.panels, strict=True)
            )
            regions.extend(Region(0, "picture", None, band) for band in bands)
        regions.append(Region(0, "footer", None, card.footer))
    if page.strips is not None:
        from rallyorg.flyers.strips import plan_strips

        strips = plan_strips(page.strips, content, faces, palette.accent, scale=page.cards[0].scale)
        items.extend(strips.items)
        warnings.extend(strips.warnings)
        regions.append(Region(0, "strips", None, page.strips))
    if page.cut_line is not None:
        items.append(LineDraw(0, page.cut_line, page.width, page.cut_line, 0.5, CUT, dash=(4, 4)))
    for x1, y1, x2, y2 in page.cut_lines:
        items.append(LineDraw(x1, y1, x2, y2, 0.5, CUT, dash=(4, 4)))
    if page.trim is not None:
        items.extend(crop_marks(page.trim, options.bleed))

    buffer = io.BytesIO()
    # invariant=1: the creation date is pinned (2000-01-01) and the document id derives from
    # the content, which is what "same input, same bytes" needs.
    canvas = Canvas(
        buffer,
        pagesize=(page.width, page.height),
        invariant=1,
        initialFontName=fonts.REGULAR,
        initialFontSize=10,
        lang=FORMAT_LOCALES.get(content.languages[0].language, "en").replace("_", "-"),
    )
    canvas.setTitle(" / ".join(dict.fromkeys(half.title for half in content.languages if half.title)))
    canvas.setAuthor(content.organizer)
    canvas.setCreator(_CREATOR)
    canvas.setSubject(content.url)
    if page.trim is not None:
        _set_print_boxes(canvas, page.trim, options.bleed)
    paint(canvas, items)
    canvas.showPage()
    canvas.save()
    return FlyerResult(
        pdf=buffer.getvalue(),
        warnings=tuple(warnings),
        regions=tuple(regions),
        title_size=title_size,
        page_size=(page.width, page.height),
    )
