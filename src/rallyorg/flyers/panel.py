"""One language's area of a flyer: what it says, sized to fit, in reading order.

Reading order is the hierarchy a passer-by needs: the language tag and kind of event, the
title (big and bold), WHEN (day, then time), WHERE (place, address, access note), then the
summary and the call to action in smaller type.

The body under the title is a stack of *bands*. In a narrow area (columns, handbill) each
band holds one row, and side-by-side areas share their bands' heights, so both titles, both
WHENs and both WHEREs start at the same height and neither language looks like the other's
footnote. An area much wider than a comfortable line (stacked halves, posters) puts WHEN
beside WHERE, and the summary beside the call to action.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from reportlab.lib.colors import Color

from rallyorg.flyers.content import LanguageContent
from rallyorg.flyers.draw import BoxDraw, DrawItem, TextDraw
from rallyorg.flyers.fit import TextBlock, cut_to_height, layout_text
from rallyorg.flyers.geometry import Rect
from rallyorg.flyers.style import BODY, INK, MUTED, WHITE, Typography

TITLE_LEADING = 1.08
# A line longer than about 70 characters is hard to read; wider areas get two columns.
WIDE_AREA = 430.0
# What gives way first when a language's text is too long for its area.
CUT_ORDER = ("summary", "call_to_action", "accessibility_note")
# Headings: they go when everything under them has gone.
HEADINGS = ("when", "where")
BAND_ORDER = ("when", "where", "summary", "call_to_action", "facts", "story")
# Noto Sans capitals are 714/1000 of the type size.
CAP_HEIGHT = 0.714


@dataclass(frozen=True)
class Piece:
    """One block of text, with the space above it (ignored for a row's first piece)."""

    field: str
    block: TextBlock
    color: Color
    gap_before: float = 0.0


@dataclass(frozen=True)
class Row:
    """Pieces that belong together (WHEN + date + time) and move together."""

    key: str
    pieces: tuple[Piece, ...]

    @property
    def height(self) -> float:
        return sum(p.block.height + (p.gap_before if i else 0.0) for i, p in enumerate(self.pieces))


@dataclass(frozen=True)
class Band:
    """Rows side by side (one in a narrow area), as tall as the tallest."""

    key: str
    rows: tuple[Row, ...]
    xs: tuple[float, ...]  # left edge of each row

    @property
    def height(self) -> float:
        return max((r.height for r in self.rows), default=0.0)


@dataclass(frozen=True)
class Body:
    bands: tuple[Band, ...]


def is_wide(area: Rect, typo: Typography) -> bool:
    return area.width > WIDE_AREA * typo.card


def head_height(typo: Typography) -> float:
    return typo.tag * 2.1


def _label(text: str, typo: Typography, width: float) -> TextBlock:
    return layout_text(text.upper(), typo.faces.bold, typo.label, width, char_space=typo.label_tracking)


def _when(content: LanguageContent, typo: Typography, width: float) -> Row:
    return Row(
        "when",
        (
            Piece("when", _label(content.labels.when, typo, width), typo.palette.accent),
            Piece(
                "date",
                layout_text(content.date, typo.faces.bold, typo.date, width, leading_ratio=1.18),
                INK,
                typo.gap_tight * 1.5,
            ),
            Piece(
                "time", layout_text(content.time, typo.faces.regular, typo.date, width), INK, typo.gap_tight
            ),
        ),
    )


def _where(content: LanguageContent, typo: Typography, width: float) -> Row | None:
    pieces: list[Piece] = []
    if content.venue_name:
        pieces.append(
            Piece("venue", layout_text(content.venue_name, typo.faces.bold, typo.venue, width), INK)
        )
    if content.venue_address:
        address = layout_text(
            content.venue_address, typo.faces.regular, typo.address, width, leading_ratio=1.25
        )
        pieces.append(Piece("venue", address, BODY, typo.gap_tight))
    if content.accessibility_note:
        note = layout_text(content.accessibility_note, typo.faces.italic, typo.note, width, leading_ratio=1.3)
        pieces.append(Piece("accessibility_note", note, MUTED, typo.gap))
    if not pieces:
        return None
    first, *rest = pieces
    heading = Piece("where", _label(content.labels.where, typo, width), typo.palette.accent)
    return Row("where", (heading, replace(first, gap_before=typo.gap_tight * 1.5), *rest))


def _summary(content: LanguageContent, typo: Typography, width: float) -> Row | None:
    if not content.summary:
        return None
    block = layout_text(content.summary, typo.faces.regular, typo.summary, width, leading_ratio=1.38)
    return Row("summary", (Piece("summary", block, BODY),))


def _call_to_action(content: LanguageContent, typo: Typography, width: float) -> Row | None:
    if not content.call_to_action:
        return None
    block = layout_text(content.call_to_action, typo.faces.bold, typo.cta, width, leading_ratio=1.25)
    return Row("call_to_action", (Piece("call_to_action", block, typo.palette.second),))


def build_body(content: LanguageContent, area: Rect, typo: Typography) -> Body:
    """The bands under the title for one language, wrapped to the area's columns."""
    if not is_wide(area, typo):
        rows = (
            _when(content, typo, area.width),
            _where(content, typo, area.width),
            _summary(content, typo, area.width),
            _call_to_action(content, typo, area.width),
        )
        return Body(tuple(Band(r.key, (r,), (area.x,)) for r in rows if r is not None))
    gap = 30 * typo.card
    width = (area.width - gap) / 2
    xs = (area.x, area.x + width + gap)
    bands = []
    for key, pair in (
        ("facts", (_when(content, typo, width), _where(content, typo, width))),
        ("story", (_summary(content, typo, width), _call_to_action(content, typo, width))),
    ):
        kept = [(row, x) for row, x in zip(pair, xs, strict=True) if row is not None]
        if kept:
            bands.append(Band(key, tuple(r for r, _ in kept), tuple(x for _, x in kept)))
    return Body(tuple(bands))


def aligned_heights(bodies: Sequence[Body]) -> dict[str, float]:
    """For side-by-side areas: each band as tall as the tallest language's."""
    heights: dict[str, float] = {}
    for body in bodies:
        for band in body.bands:
            heights[band.key] = max(heights.get(band.key, 0.0), band.height)
    return {key: heights[key] for key in BAND_ORDER if key in heights}


def body_height(body: Body, typo: Typography, aligned: Mapping[str, float] | None) -> float:
    heights = list(aligned.values()) if aligned is not None else [b.height for b in body.bands]
    return sum(heights) + typo.gap_block * max(len(heights) - 1, 0)


def cut_body(
    body: Body, field: str, limit: float, typo: Typography, aligned: Mapping[str, float] | None
) -> tuple[Body, int | None]:
    """Cut ``field`` so that the body is at most ``limit`` tall, as far as that field can.

    Returns the new body and how many lines of ``field`` were kept (``None`` when it was not
    cut). Side by side (``aligned``), a band is as tall as the tallest language's, so every
    language's text is cut to the same height and only the longer ones lose lines.
    """
    over = body_height(body, typo, aligned) - limit
    if over <= 1e-6:
        return body, None
    kept: int | None = None
    bands: list[Band] = []
    for band in body.bands:
        target = (aligned[band.key] if aligned is not None else band.height) - over
        rows: list[tuple[Row, float]] = []
        for row, x in zip(band.rows, band.xs, strict=True):
            pieces = list(row.pieces)
            for index, piece in enumerate(pieces):
                shrink = row.height - target
                if piece.field != field or shrink <= 1e-6:
                    continue
                block = cut_to_height(piece.block, max(piece.block.height - shrink, 0.0))
                if block.cut_after is not None:
                    kept = block.cut_after
                pieces[index] = replace(piece, block=block)
                row = Row(row.key, tuple(pieces))
            pieces = [p for p in pieces if p.block.lines]
            if any(p.field not in HEADINGS for p in pieces):
                rows.append((Row(row.key, tuple(pieces)), x))
        if rows:
            bands.append(Band(band.key, tuple(r for r, _ in rows), tuple(x for _, x in rows)))
    return Body(tuple(bands)), kept


def fixed_height(typo: Typography) -> float:
    """The tag row and the gaps around the title: the area's height less title and body."""
    return head_height(typo) + typo.gap * 1.6 + typo.gap_block * 1.2


def head_items(
    content: LanguageContent,
    x: float,
    top: float,
    width: float,
    typo: Typography,
    tag_size: float | None = None,
) -> list[DrawItem]:
    """The language tag (white on an accent pill) and the kind of event beside it, e.g.
    ``[ES] MANIFESTACIÓN``: the row that tells a reader which half is theirs."""
    size = tag_size or typo.tag
    head = size * 2.1
    tag = layout_text(content.labels.tag, typo.faces.bold, size, width, char_space=0.06 * size)
    pad = size * 0.75
    pill = Rect(x, top - head, tag.width + 2 * pad, head)
    # Centre the capitals (not the room reserved above them for accents) on the pill.
    tag_top = pill.y + (pill.height - CAP_HEIGHT * tag.size) / 2 + tag.ascent
    label = size / typo.tag * typo.label
    kicker = layout_text(
        content.labels.kind.upper(), typo.faces.bold, label, width - pill.width - pad, char_space=0.12 * label
    )
    kicker_top = pill.y + (pill.height - CAP_HEIGHT * kicker.size) / 2 + kicker.ascent
    return [
        BoxDraw(pill, typo.palette.accent, radius=head * 0.22),
        TextDraw(tag, pill.x + pad, tag_top, WHITE),
        TextDraw(kicker, pill.right + pad, kicker_top, typo.palette.accent),
    ]


def paint_items(
    content: LanguageContent,
    area: Rect,
    typo: Typography,
    title: TextBlock | None,
    title_row: float,
    body: Body,
    aligned: Mapping[str, float] | None,
) -> list[DrawItem]:
    """Drawing instructions for one area, from the top: tag, title, then the bands.

    Space left over is shared out between the title and the bands (never more than doubling
    a gap), so a short text does not leave one big hole at the bottom.
    """
    items = head_items(content, area.x, area.top, area.width, typo)
    head = head_height(typo)

    bands = list(aligned) if aligned is not None else [b.key for b in body.bands]
    spare = max(area.height - fixed_height(typo) - title_row - body_height(body, typo, aligned), 0.0)
    extra_title = min(spare * 0.35, typo.gap_block * 1.5)
    extra_band = min((spare - extra_title) / max(len(bands), 1), typo.gap_block)

    y = area.top - head - typo.gap * 1.6 - extra_title / 2
    if title is not None:
        items.append(TextDraw(title, area.x, y, INK))
    y -= title_row + typo.gap_block * 1.2 + extra_title / 2
    by_key = {band.key: band for band in body.bands}
    for key in bands:
        band = by_key.get(key)
        height = aligned[key] if aligned is not None else (band.height if band else 0.0)
        for row, x in zip(band.rows, band.xs, strict=True) if band else ():
            piece_y = y
            for index, piece in enumerate(row.pieces):
                if index:
                    piece_y -= piece.gap_before
                items.append(TextDraw(piece.block, x, piece_y, piece.color))
                piece_y -= piece.block.height
        y -= height + typo.gap_block + extra_band
    return items
