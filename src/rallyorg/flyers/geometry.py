"""Where things go on the sheet: margins, language areas, footer and QR code, per layout.

Plain rectangles in PDF points (origin bottom-left). Everything scales with the paper, so a
layout looks the same on Letter, A4 and tabloid, only bigger or smaller.
"""

from __future__ import annotations

from dataclasses import dataclass

from rallyorg.flyers.options import FlyerOptions, Layout

INCH = 72.0
LETTER_WIDTH, LETTER_HEIGHT = 8.5 * INCH, 11 * INCH
# Printers clip up to ~0.25 in; half an inch is the least, a little more looks calmer.
MIN_MARGIN = 0.5 * INCH
# A QR code scans from arm's length at one inch or more.
MIN_QR_SIZE = 1.0 * INCH


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


def _card(
    frame: Rect, *, languages: int, side_by_side: bool, scale: float, qr_size: float, bar: float = 7
) -> CardGeometry:
    bar_height = bar * scale
    accent_bar = Rect(frame.x, frame.top - bar_height, frame.width, bar_height)
    footer = Rect(frame.x, frame.y, frame.width, qr_size)
    # Room between the bar and the first line, and above the footer for its rule.
    top = accent_bar.y - 16 * scale
    bottom = footer.top + 20 * scale
    body = Rect(frame.x, bottom, frame.width, top - bottom)
    gutter = (34 if side_by_side else 30) * scale
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
    """The areas of every card on the page for ``options``."""
    width, height = options.paper.size
    page_scale = min(width / LETTER_WIDTH, height / LETTER_HEIGHT)
    margin = max(MIN_MARGIN, 0.55 * INCH * page_scale)
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
    frame = Rect(0, 0, width, height).inset(margin)
    if options.layout == Layout.POSTER:
        card = _card(
            frame,
            languages=languages,
            side_by_side=False,
            scale=page_scale,
            qr_size=max(MIN_QR_SIZE, 1.5 * INCH * page_scale),
            bar=16,  # a poster announces itself from across the street
        )
    else:
        card = _card(
            frame,
            languages=languages,
            side_by_side=options.layout == Layout.COLUMNS,
            scale=page_scale,
            qr_size=max(MIN_QR_SIZE, 1.1 * INCH * page_scale),
        )
    return PageGeometry(width, height, (card,), cut_line=None)
