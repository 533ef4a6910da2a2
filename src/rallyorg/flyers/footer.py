"""The footer every language shares: who organises, who co-sponsors, the QR code in the corner.

Headings are given in every language of the flyer ("CO-SPONSORED BY · COPATROCINADO POR");
group names are proper names and are printed once. Groups with a logo show it: the lead
group's at the left, as tall as the footer; the co-sponsors' in a strip at one common height
under the names of the co-sponsors that have none, so a coalition of a dozen groups reads as
a row of equals. When even the smallest strip would not hold them, the co-sponsors fall back to
a line of names (and the flyer says so).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from reportlab.lib.colors import Color

from rallyorg.domain.fonts import text_width
from rallyorg.domain.pictures import StoredPicture
from rallyorg.flyers.card import cut_warning
from rallyorg.flyers.content import FlyerContent
from rallyorg.flyers.draw import DrawItem, ImageDraw, LineDraw, QrDraw, TextDraw
from rallyorg.flyers.fit import TextBlock, cut_to_height, layout_text
from rallyorg.flyers.geometry import INCH, CardGeometry, Rect
from rallyorg.flyers.report import LOGOS_AS_NAMES, FlyerWarning
from rallyorg.flyers.style import INK, RULE, Typography

NBSP = "\u00a0"
# Narrow enough to leave the groups room: "Escanea para más información" takes two lines.
MAX_CAPTION_WIDTH = 1.15 * INCH
MAX_LOGO_ASPECT = 2.2
# The lead group's logo: at most this share of the footer's height, so it leads without
# crowding out the co-sponsors.
LEAD_LOGO_SHARE = 0.8
# A logo in the strip is never wider than this many times its height (a long banner shrinks
# instead), nor narrower than half its height (a thin tower keeps some presence).
STRIP_MAX_ASPECT = 2.6
STRIP_MIN_ASPECT = 0.5
# Tallest and shortest strip, in points on Letter (scaled with the card).
STRIP_MAX_HEIGHT = 34.0
STRIP_MIN_HEIGHT = 16.0


@dataclass(frozen=True)
class FooterPlan:
    items: tuple[DrawItem, ...]
    warnings: tuple[FlyerWarning, ...]


Credit = tuple[TextBlock, Color, float, str]  # block, colour, gap above, field


def _heading(labels: Sequence[str]) -> str:
    return " · ".join(dict.fromkeys(labels)).upper()


def _heading_block(text: str, typo: Typography, size: float, width: float) -> TextBlock:
    label = size * 0.76
    return layout_text(text, typo.faces.bold, label, width, char_space=0.1 * label)


def _names_block(names: Sequence[str], typo: Typography, size: float, width: float) -> TextBlock:
    regular = typo.faces.regular
    text = " ".join(f"{_unbreakable(name, regular, size, width)}{NBSP}·" for name in names[:-1])
    text = f"{text} {_unbreakable(names[-1], regular, size, width)}".strip()
    return layout_text(text, regular, size, width, leading_ratio=1.3)


def _credits(
    content: FlyerContent, typo: Typography, width: float, size: float, *, sponsors: bool = True
) -> list[Credit]:
    """The organiser and co-sponsor lines, each under its heading."""
    pieces: list[Credit] = []
    labels = [half.labels for half in content.languages]
    organizer: tuple[str, ...] = (content.organizer,) if content.organizer else ()
    sections = [(_heading([lab.organized_by for lab in labels]), organizer)]
    if sponsors:
        sections.append((_heading([lab.co_sponsored_by for lab in labels]), content.co_sponsors))
    for heading, names in sections:
        if not names:
            continue
        gap = size * 0.55 if pieces else 0.0
        pieces.append((_heading_block(heading, typo, size, width), typo.palette.accent, gap, "co_sponsors"))
        pieces.append((_names_block(names, typo, size, width), INK, size * 0.2, "co_sponsors"))
    return pieces


def _unbreakable(name: str, font: str, size: float, width: float) -> str:
    """A group's name kept on one line when it fits one: a name split over two lines reads as
    two groups. Lines then break only between names (the dot stays with the name before)."""
    joined = name.replace(" ", NBSP)
    return joined if text_width(joined, font, size) <= width else name


def _stack_height(pieces: Sequence[Credit]) -> float:
    return sum(block.height + gap for block, _, gap, _ in pieces)


@dataclass(frozen=True)
class _Tile:
    """One co-sponsor's logo in the strip, as wide as it is at the strip's height."""

    width: float
    logo: StoredPicture


def _tiles(content: FlyerContent, logos: Mapping[int, StoredPicture], height: float) -> list[_Tile]:
    found = (logos.get(group_id) for group_id in content.co_sponsor_ids)
    return [
        _Tile(height * min(max(logo.aspect, STRIP_MIN_ASPECT), STRIP_MAX_ASPECT), logo)
        for logo in found
        if logo is not None
    ]


def _rows(tiles: Sequence[_Tile], width: float, gap: float) -> list[list[_Tile]] | None:
    """Tiles flowed left to right into rows of ``width``; None when one alone is too wide."""
    rows: list[list[_Tile]] = [[]]
    used = 0.0
    for tile in tiles:
        if tile.width > width:
            return None
        needed = tile.width + (gap if rows[-1] else 0.0)
        if used + needed > width and rows[-1]:
            rows.append([])
            needed, used = tile.width, 0.0
        rows[-1].append(tile)
        used += needed
    return rows


def _strip(
    content: FlyerContent, logos: Mapping[int, StoredPicture], typo: Typography, box: Rect
) -> list[DrawItem] | None:
    """The co-sponsors' logos as a strip filling ``box`` from the top, at the largest common
    height that holds them all; None when none holds them."""
    scale = typo.card
    height = min(STRIP_MAX_HEIGHT * scale, box.height)
    while height >= STRIP_MIN_HEIGHT * scale - 1e-6:
        gap = height * 0.45
        rows = _rows(_tiles(content, logos, height), box.width, gap)
        if rows is not None and len(rows) * height + (len(rows) - 1) * gap * 0.6 <= box.height + 1e-6:
            items: list[DrawItem] = []
            top = box.top
            for row in rows:
                x = box.x
                for tile in row:
                    items.append(
                        ImageDraw(tile.logo, _fitted(tile.logo, Rect(x, top - height, tile.width, height)))
                    )
                    x += tile.width + gap
                top -= height + gap * 0.6
            return items
        height -= 2 * scale
    return None


def _fitted(picture: StoredPicture, box: Rect) -> Rect:
    """``picture`` as large as fits in ``box`` without distortion, centred in it."""
    width = min(box.width, box.height * picture.aspect)
    height = width / picture.aspect
    return Rect(box.x + (box.width - width) / 2, box.y + (box.height - height) / 2, width, height)


def _place_qr(card: CardGeometry, content: FlyerContent, typo: Typography, items: list[DrawItem]) -> float:
    """The QR code in the corner with its caption beside it; returns the room left of them."""
    footer = card.footer
    qr = Rect(footer.right - card.qr_size, footer.y, card.qr_size, card.qr_size)
    items.append(QrDraw(content.url, qr))
    captions = [half.labels.scan_for_details for half in content.languages]
    caption_width = min(MAX_CAPTION_WIDTH * card.scale, footer.width * 0.3)
    blocks = [
        layout_text(text, typo.faces.regular, typo.caption, caption_width, leading_ratio=1.25)
        for text in dict.fromkeys(captions)
    ]
    gap = typo.caption * 0.3
    height = sum(b.height for b in blocks) + gap * (len(blocks) - 1)
    # Beside the code and centred on it, so eye and phone find both together.
    top = qr.y + (qr.height + min(height, qr.height)) / 2
    x = qr.x - 0.18 * INCH * card.scale  # clear of the code's quiet zone
    for block in blocks:
        items.append(TextDraw(block, x, top, INK, align="right"))
        top -= block.height + gap
    return x - max(b.width for b in blocks) - 0.3 * INCH * card.scale


def plan_footer(
    card: CardGeometry,
    content: FlyerContent,
    typo: Typography,
    logo: StoredPicture | None,
    logos: Mapping[int, StoredPicture] | None = None,
) -> FooterPlan:
    """``logo`` is the lead group's (or the one chosen for this flyer); ``logos`` the event's
    groups' logos by group id."""
    footer = card.footer
    logos = logos or {}
    items: list[DrawItem] = []
    warnings: list[FlyerWarning] = []
    rule_y = footer.top + 10 * card.scale
    items.append(LineDraw(footer.x, rule_y, footer.right, rule_y, 0.6 * card.scale, RULE))
    left = footer.x
    right = _place_qr(card, content, typo, items) if content.url else footer.right
    if logo is not None:
        height = footer.height * LEAD_LOGO_SHARE
        width = min(height * logo.aspect, height * MAX_LOGO_ASPECT)
        box = Rect(footer.x, footer.top - height, width, height)  # level with the credits' top
        items.append(ImageDraw(logo, _fitted(logo, box)))
        left = footer.x + width + 0.25 * INCH * card.scale
    width = right - left
    if width <= 0:
        return FooterPlan(tuple(items), tuple(warnings))
    size = typo.footer_text
    strip: list[DrawItem] | None = None
    with_logos = any(gid in logos for gid in content.co_sponsor_ids)
    if with_logos:
        # Logos in the strip; the groups without one named on the line above it.
        unpictured = tuple(
            name
            for name, gid in zip(content.co_sponsors, content.co_sponsor_ids, strict=True)
            if gid not in logos
        )
        while strip is None:
            pieces = _credits(replace(content, co_sponsors=unpictured), typo, width, size)
            if not unpictured:
                heading = _heading([half.labels.co_sponsored_by for half in content.languages])
                pieces.append(
                    (
                        _heading_block(heading, typo, size, width),
                        typo.palette.accent,
                        size * 0.55,
                        "co_sponsors",
                    )
                )
            room = Rect(left, footer.y, width, footer.top - _stack_height(pieces) - size * 0.35 - footer.y)
            strip = _strip(content, logos, typo, room) if room.height > 0 else None
            if size <= typo.footer_min:
                break
            size = max(size - 0.5 * card.scale, typo.footer_min)
        if strip is None:
            warnings.append(FlyerWarning(None, "co_sponsors", LOGOS_AS_NAMES))
            size = typo.footer_text
    if strip is None:
        pieces = _credits(content, typo, width, size)
        while _stack_height(pieces) > footer.height and size > typo.footer_min:
            size = max(size - 0.5 * card.scale, typo.footer_min)
            pieces = _credits(content, typo, width, size)
    top = footer.top
    for block, colour, gap, field in pieces:
        top -= gap
        room_left = top - footer.y
        if block.height > room_left:
            block = cut_to_height(block, max(room_left, 0.0))
            warnings.append(cut_warning(None, field, block.cut_after or 0))
        if block.lines:
            items.append(TextDraw(block, left, top, colour))
        top -= block.height
    items.extend(strip or ())
    return FooterPlan(tuple(items), tuple(warnings))
