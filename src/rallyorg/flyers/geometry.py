"""Where things go on the sheet: margins, language areas, footer and QR code, per layout.

Plain rectangles in PDF points (origin bottom-left). Everything scales with the paper, so a
layout looks the same on Letter, A4 and tabloid, only bigger or smaller.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rallyorg.flyers.options import FlyerOptions, Layout

INCH = 72.0
LETTER_WIDTH, LETTER_HEIGHT = 8.5 * INCH, 11 * INCH
# Printers clip up to ~0.25 in; half an inch is the least, a little more looks calmer.
MIN_MARGIN = 0.5 * INCH
# A QR code scans from arm's length at one inch or more; from a step back on a poster, 1.5 in.
MIN_QR_SIZE = 1.0 * INCH
POSTER_QR_SIZE = 1.5 * INCH
# Crop marks: this long, this far out from the bleed's edge, in the room left round the bleed.
CROP_MARK_LENGTH = 14.0
CROP_MARK_OFFSET = 3.0
CROP_MARK_ROOM = CROP_MARK_LENGTH + CROP_MARK_OFFSET + 1.0
# Tabloid's scale against Letter: the poster's sizes are set for tabloid (and A3, larger).
TABLOID_SCALE = min(11 * INCH / LETTER_WIDTH, 17 * INCH / LETTER_HEIGHT)


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width

    def inset(self, dx: float, dy: float | None = None) -> Rect:
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, self.width - 2 * dx, self.height - 2 * dy)

    def overlaps(self, other: Rect) -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.top and other.y < self.top


@dataclass(frozen=True)
class CardGeometry:
    """One complete flyer: the whole sheet, or one half of a handbill sheet."""

    frame: Rect  # inside the margins
    accent_bar: Rect  # the coloured band along the top
    panels: tuple[Rect, ...]  # one area per language, in the order chosen
    side_by_side: bool  # columns (True) or one language above the other (False)
    footer: Rect  # co-sponsors, logo, QR code: shared by the languages
    scale: float  # type scale: 1.0 is a flyer on a Letter page
    qr_size: float
    gutter: float


@dataclass(frozen=True)
class PageGeometry:
    width: float
    height: float
    cards: tuple[CardGeometry, ...]
    cut_line: float | None  # y of the dashed cutting line between handbill halves
    cut_lines: tuple[tuple[float, float, float, float], ...] = ()  # more cutting lines (x1, y1, x2, y2)
    strips: Rect | None = None  # the tear-off strips' band
    trim: Rect | None = None  # with bleed: the finished sheet inside the larger page


def _card(
    frame: Rect,
    *,
    languages: int,
    side_by_side: bool,
    scale: float,
    qr_size: float,
    bar: float = 7,
    head_room: float = 16,
    foot_room: float = 20,
) -> CardGeometry:
    bar_height = bar * scale
    accent_bar = Rect(frame.x, frame.top - bar_height, frame.width, bar_height)
    footer = Rect(frame.x, frame.y, frame.width, qr_size)
    # Room between the bar and the first line, and above the footer for its rule.
    top = accent_bar.y - head_room * scale
    bottom = footer.top + foot_room * scale
    body = Rect(frame.x, bottom, frame.width, top - bottom)
    # Narrow enough that "Manifestación" fits a Letter column at the 36-pt title floor.
    gutter = (24 if side_by_side else 30) * scale
    panels: list[Rect] = []
    if side_by_side:
        width = (body.width - gutter * (languages - 1)) / languages
        panels = [Rect(body.x + i * (width + gutter), body.y, width, body.height) for i in range(languages)]
    else:
        height = (body.height - gutter * (languages - 1)) / languages
        panels = [
            Rect(body.x, body.top - (i + 1) * height - i * gutter, body.width, height)
            for i in range(languages)
        ]
    return CardGeometry(
        frame=frame,
        accent_bar=accent_bar,
        panels=tuple(panels),
        side_by_side=side_by_side,
        footer=footer,
        scale=scale,
        qr_size=qr_size,
        gutter=gutter,
    )


def page_geometry(options: FlyerOptions) -> PageGeometry:
    """The areas of every card on the page for ``options``, with bleed around it if asked."""
    geometry = _trimmed_geometry(options)
    if options.bleed <= 0:
        return geometry
    # The sheet, then the bleed, then room for the crop marks (the "slug") all round.
    by = options.bleed + CROP_MARK_ROOM
    return PageGeometry(
        geometry.width + 2 * by,
        geometry.height + 2 * by,
        tuple(_moved_card(card, by) for card in geometry.cards),
        None if geometry.cut_line is None else geometry.cut_line + by,
        tuple((x1 + by, y1 + by, x2 + by, y2 + by) for x1, y1, x2, y2 in geometry.cut_lines),
        None if geometry.strips is None else _moved(geometry.strips, by),
        Rect(by, by, geometry.width, geometry.height),
    )


def _moved(rect: Rect, by: float) -> Rect:
    return Rect(rect.x + by, rect.y + by, rect.width, rect.height)


def _moved_card(card: CardGeometry, by: float) -> CardGeometry:
    return CardGeometry(
        frame=_moved(card.frame, by),
        accent_bar=_moved(card.accent_bar, by),
        panels=tuple(_moved(panel, by) for panel in card.panels),
        side_by_side=card.side_by_side,
        footer=_moved(card.footer, by),
        scale=card.scale,
        qr_size=card.qr_size,
        gutter=card.gutter,
    )


def poster_card(
    frame: Rect, languages: int, page_scale: float, min_qr: float = POSTER_QR_SIZE
) -> CardGeometry:
    """A poster's one card: the languages one above the other, a bold bar, a big QR code."""
    return _card(
        frame,
        languages=languages,
        side_by_side=False,
        scale=page_scale,
        qr_size=max(min_qr, 1.5 * INCH * page_scale / TABLOID_SCALE),
        bar=12,  # a poster announces itself from across the street
        head_room=9,
        foot_room=16,
    )


def _quarter_frame(cell: Rect, width: float, height: float, *, outer: float, inner: float) -> Rect:
    """A quarter sheet inside its margins: the sheet's own margin along the sheet's edges,
    a narrower one along the cuts."""
    left = outer if cell.x <= 0 else inner
    right = outer if cell.right >= width else inner
    bottom = outer if cell.y <= 0 else inner
    top = outer if cell.top >= height else inner
    return Rect(cell.x + left, cell.y + bottom, cell.width - left - right, cell.height - bottom - top)


def _trimmed_geometry(options: FlyerOptions) -> PageGeometry:
    width, height = options.paper.size
    page_scale = min(width / LETTER_WIDTH, height / LETTER_HEIGHT)
    margin = max(MIN_MARGIN, 0.5 * INCH * page_scale)
    languages = len(options.languages)
    if options.layout == Layout.HANDBILL:
        # Two identical half-page flyers, each with full margins so the cut edge has one too.
        half = height / 2
        scale = page_scale * 0.8
        qr_size = max(MIN_QR_SIZE, 1.0 * INCH * page_scale)
        cards = tuple(
            _card(
                Rect(0, y, width, half).inset(MIN_MARGIN * page_scale if page_scale > 1 else MIN_MARGIN),
                languages=languages,
                side_by_side=True,
                scale=scale,
                qr_size=qr_size,
            )
            for y in (half, 0.0)
        )
        return PageGeometry(width, height, cards, cut_line=half)
    if options.layout == Layout.QUARTER:
        # Four handouts, two across and two down; each keeps a margin on every side so the
        # cuts along the middle lines leave no text at an edge.
        half_w, half_h = width / 2, height / 2
        inner = 0.3 * INCH * page_scale
        cards = tuple(
            _card(
                _quarter_frame(Rect(x, y, half_w, half_h), width, height, outer=margin, inner=inner),
                languages=languages,
                side_by_side=False,
                scale=page_scale * 0.56,
                qr_size=max(0.8 * INCH, 0.8 * INCH * page_scale),
                bar=9,
            )
            for y in (half_h, 0.0)
            for x in (0.0, half_w)
        )
        lines = ((half_w, 0.0, half_w, height), (0.0, half_h, width, half_h))
        return PageGeometry(width, height, cards, cut_line=None, cut_lines=lines)
    frame = Rect(0, 0, width, height).inset(margin)
    if options.layout == Layout.POSTER:
        # A poster needs every point for type; printers still keep a quarter inch clear.
        frame = Rect(0, 0, width, height).inset(max(MIN_MARGIN, 0.4 * INCH * page_scale))
    if options.layout == Layout.TEAROFF:
        # The flyer in the top two thirds; the strips below, down to a narrow bottom margin
        # (they are torn, not read at the edge).
        strips_top = height / 3
        strips = Rect(frame.x, 0.3 * INCH * page_scale, frame.width, strips_top - 0.3 * INCH * page_scale)
        top_frame = Rect(
            frame.x,
            strips_top + 0.3 * INCH * page_scale,
            frame.width,
            frame.top - strips_top - 0.3 * INCH * page_scale,
        )
        card = _card(
            top_frame,
            languages=languages,
            side_by_side=True,
            scale=page_scale,
            qr_size=max(MIN_QR_SIZE, 1.0 * INCH * page_scale),
        )
        return PageGeometry(width, height, (card,), cut_line=None, strips=strips)
    if options.layout == Layout.POSTER:
        card = poster_card(frame, languages, page_scale)
    else:
        card = _card(
            frame,
            languages=languages,
            side_by_side=options.layout == Layout.COLUMNS,
            scale=page_scale,
            qr_size=max(MIN_QR_SIZE, 1.1 * INCH * page_scale),
        )
    return PageGeometry(width, height, (card,), cut_line=None)


# The shares of a letter flyer's language areas an event's picture may take, above them,
# largest first: a long text gets a lower band rather than none.
HERO_SHARES = (0.3, 0.22, 0.15)


def with_picture_band(card: CardGeometry, share: float) -> tuple[CardGeometry, Rect]:
    """``card`` with its language areas lowered under a band for the picture, and the band."""
    panels = card.panels
    top = max(p.top for p in panels)
    bottom = min(p.y for p in panels)
    height = (top - bottom) * share
    gap = 14 * card.scale
    band = Rect(card.frame.x, top - height, card.frame.width, height)
    lowered = []
    for panel in panels:
        if card.side_by_side:
            lowered.append(Rect(panel.x, panel.y, panel.width, panel.height - height - gap))
        else:
            # One above the other: the areas share what is left, in order.
            each = (band.y - gap - bottom - card.gutter * (len(panels) - 1)) / len(panels)
            index = panels.index(panel)
            lowered.append(
                Rect(panel.x, band.y - gap - (index + 1) * each - index * card.gutter, panel.width, each)
            )
    return replace(card, panels=tuple(lowered)), band
