"""The footer both languages share: logo, organiser and co-sponsors, the QR code in the corner.

Headings are given in every language of the flyer ("CO-SPONSORED BY · COPATROCINADO POR");
group names are proper names and are printed once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color

from rallyorg.domain.fonts import BOLD, REGULAR, text_width
from rallyorg.flyers.card import cut_warning
from rallyorg.flyers.content import FlyerContent
from rallyorg.flyers.draw import DrawItem, ImageDraw, LineDraw, QrDraw, TextDraw
from rallyorg.flyers.fit import TextBlock, cut_to_height, layout_text
from rallyorg.flyers.geometry import INCH, CardGeometry, Rect
from rallyorg.flyers.report import FlyerWarning
from rallyorg.flyers.style import ACCENT, INK, RULE, Typography

NBSP = "\u00a0"
MAX_CAPTION_WIDTH = 1.9 * INCH
MAX_LOGO_ASPECT = 2.2


@dataclass(frozen=True)
class Logo:
    """An image to print and its pixel size (for its aspect ratio)."""

    path: Path
    width: int
    height: int


@dataclass(frozen=True)
class FooterPlan:
    items: tuple[DrawItem, ...]
    warnings: tuple[FlyerWarning, ...]


Credit = tuple[TextBlock, Color, float, str]  # block, colour, gap above, field


def _heading(labels: Sequence[str]) -> str:
    unique: list[str] = []
    for label in labels:
        if label not in unique:
            unique.append(label)
    return " · ".join(unique).upper()


def _credits(content: FlyerContent, width: float, size: float) -> list[Credit]:
    """The organiser and co-sponsor lines, each under its heading."""
    pieces: list[Credit] = []
    labels = [half.labels for half in content.languages]
    for heading, names in (
        (_heading([lab.organized_by for lab in labels]), (content.organizer,) if content.organizer else ()),
        (_heading([lab.co_sponsored_by for lab in labels]), content.co_sponsors),
    ):
        if not names:
            continue
        gap = size * 0.55 if pieces else 0.0
        label_size = size * 0.76
        pieces.append(
            (
                layout_text(heading, BOLD, label_size, width, char_space=0.1 * label_size),
                ACCENT,
                gap,
                "co_sponsors",
            )
        )
        text = " ".join(f"{_unbreakable(name, size, width)}{NBSP}·" for name in names[:-1])
        text = f"{text} {_unbreakable(names[-1], size, width)}".strip()
        pieces.append(
            (layout_text(text, REGULAR, size, width, leading_ratio=1.3), INK, size * 0.2, "co_sponsors")
        )
    return pieces


def _unbreakable(name: str, size: float, width: float) -> str:
    """A group's name kept on one line when it fits one: a name split over two lines reads as
    two groups. Lines then break only between names (the dot stays with the name before)."""
    joined = name.replace(" ", NBSP)
    return joined if text_width(joined, REGULAR, size) <= width else name


def _stack_height(pieces: Sequence[Credit]) -> float:
    return sum(block.height + gap for block, _, gap, _ in pieces)


def plan_footer(card: CardGeometry, content: FlyerContent, typo: Typography, logo: Logo | None) -> FooterPlan:
    footer = card.footer
    items: list[DrawItem] = []
    warnings: list[FlyerWarning] = []
    rule_y = footer.top + 10 * card.scale
    items.append(LineDraw(footer.x, rule_y, footer.right, rule_y, 0.6 * card.scale, RULE))
    left = footer.x
    right = footer.right
    if content.url:
        qr = Rect(footer.right - card.qr_size, footer.y, card.qr_size, card.qr_size)
        items.append(QrDraw(content.url, qr))
        captions = [half.labels.scan_for_details for half in content.languages]
        caption_width = min(MAX_CAPTION_WIDTH * card.scale, footer.width * 0.3)
        blocks = [
            layout_text(text, REGULAR, typo.caption, caption_width, leading_ratio=1.25)
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
        right = x - max(b.width for b in blocks) - 0.3 * INCH * card.scale
    if logo is not None:
        height = footer.height
        width = min(height * logo.width / max(logo.height, 1), height * MAX_LOGO_ASPECT)
        height = min(height, width * logo.height / max(logo.width, 1))
        items.append(ImageDraw(logo.path, Rect(footer.x, footer.y, width, height)))
        left = footer.x + width + 0.25 * INCH * card.scale
    width = right - left
    if width <= 0:
        return FooterPlan(tuple(items), tuple(warnings))
    size = typo.footer_text
    pieces = _credits(content, width, size)
    while _stack_height(pieces) > footer.height and size > typo.footer_min:
        size = max(size - 0.5 * card.scale, typo.footer_min)
        pieces = _credits(content, width, size)
    top = footer.top
    for block, colour, gap, field in pieces:
        top -= gap
        room = top - footer.y
        if block.height > room:
            block = cut_to_height(block, max(room, 0.0))
            warnings.append(cut_warning(None, field, block.cut_after or 0))
        if block.lines:
            items.append(TextDraw(block, left, top, colour))
        top -= block.height
    return FooterPlan(tuple(items), tuple(warnings))
