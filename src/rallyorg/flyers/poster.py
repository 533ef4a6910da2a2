"""The poster: what a passer-by reads from across the street, in every language at equal weight.

Sizes are set for tabloid (11×17 in) and grow with A3; on tabloid the title is never under
96 pt, the day, date and start time never under 72 pt, the place never under 40 pt, so both
languages read at about 7 m (issue #16, checked by OCR from a 12-dpi rendering). The summary is
left to the QR code; the call to action goes in small if there is room.

Fitting retreats in this order, each step reported: a smaller title (down to its floor, in up to
three lines), no picture, the short headline in place of the title, no call to action, and only
then the title cut to what fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from rallyorg.domain.fonts import text_width
from rallyorg.domain.pictures import StoredPicture
from rallyorg.flyers.card import cut_warning
from rallyorg.flyers.content import LanguageContent
from rallyorg.flyers.draw import DrawItem, TextDraw
from rallyorg.flyers.fit import TextBlock, cut_to_height, layout_text
from rallyorg.flyers.geometry import TABLOID_SCALE, CardGeometry, Rect
from rallyorg.flyers.hero import hero_items
from rallyorg.flyers.panel import head_items
from rallyorg.flyers.report import (
    FIELD_DROPPED,
    HEADLINE_USED,
    PICTURE_LEFT_OFF,
    TITLE_UNDER_FLOOR,
    FlyerWarning,
)
from rallyorg.flyers.style import BODY, INK, Typography

# Points on tabloid; multiplied by the paper's size against tabloid.
TITLE_FLOOR = 96.0
TITLE_MAX = 150.0
FACTS_FLOOR = 72.0
PLACE_FLOOR = 40.0
ADDRESS = 22.0
CTA = 20.0
TAG = 13.0
LABEL = 15.0
# A title of more lines reads as a paragraph; a poster in one language has room for more.
TITLE_LINES = 3
TITLE_LINES_ALONE = 5
# How far under its floor a title may go before it is cut instead (no headline fits).
LAST_RESORT_SHARE = 0.5
TITLE_LEADING = 0.98
FACTS_LEADING = 1.02
# A picture band no lower than this share of the card's height, nor higher than the larger.
PICTURE_SHARES = (0.26, 0.2, 0.15)


@dataclass(frozen=True)
class PosterPlan:
    items: tuple[DrawItem, ...]
    warnings: tuple[FlyerWarning, ...]
    title_size: float
    facts_size: float
    areas: tuple[tuple[str, Rect], ...]  # (language code, "place" or "picture", the area it took)


@dataclass(frozen=True)
class _Language:
    content: LanguageContent
    title: TextBlock
    when: TextBlock
    time: TextBlock
    cta: TextBlock | None


def _k(card: CardGeometry) -> float:
    return card.scale / TABLOID_SCALE


def _floor(k: float) -> float:
    """The floors' scale: they are set for tabloid and hold as they are on bigger sheets (A3);
    a poster on a smaller sheet scales them down with everything else."""
    return min(k, 1.0)


def _date_text(
    content: LanguageContent, together: Sequence[LanguageContent], typo: Typography, size: float, width: float
) -> str:
    """The day and date in one line: the month written out if it fits in every language (the
    languages stay alike), else shortened."""
    if all(text_width(c.short_date, typo.faces.bold, size) <= width for c in together):
        return content.short_date
    return content.shorter_date


def _time_text(
    content: LanguageContent, together: Sequence[LanguageContent], typo: Typography, size: float, width: float
) -> str:
    """The whole time range when it fits one line in every language, else the start time."""
    if all(text_width(c.time, typo.faces.regular, size) <= width for c in together):
        return content.time
    return content.start_time


def _language(
    content: LanguageContent,
    together: Sequence[LanguageContent],
    typo: Typography,
    width: float,
    title: float,
    facts: float,
    k: float,
    cta: bool,
) -> _Language:
    bold, regular = typo.faces.bold, typo.faces.regular
    date = _date_text(content, together, typo, facts, width)
    time = _time_text(content, together, typo, facts, width)
    return _Language(
        content,
        layout_text(content.title, bold, title, width, leading_ratio=TITLE_LEADING),
        layout_text(date, bold, facts, width, leading_ratio=FACTS_LEADING),
        layout_text(time, regular, facts, width, leading_ratio=FACTS_LEADING),
        layout_text(content.call_to_action, bold, CTA * k, width, leading_ratio=1.2)
        if cta and content.call_to_action
        else None,
    )


def _gaps(k: float) -> tuple[float, float, float]:
    """Space under the tag row, between title and date, and between languages."""
    return 9 * k, 10 * k, 24 * k


def _facts_step(part: _Language) -> float:
    """From the date's top to the time's top: the time sits one line under the date's last
    line, as if one paragraph (two blocks only because they differ in weight)."""
    when = part.when
    return (len(when.lines) - 1) * when.leading + when.size * FACTS_LEADING


def _language_height(part: _Language, k: float) -> float:
    _, title_gap, _ = _gaps(k)
    height = part.title.height + title_gap + _facts_step(part) + part.time.height
    if part.cta is not None:
        height += 12 * k + part.cta.height
    return height


def _head_height(k: float) -> float:
    """The one row of language tags and kinds of event above the languages."""
    head, _, _ = _gaps(k)
    return TAG * 2.1 * k + head


def _place(contents: Sequence[LanguageContent], typo: Typography, width: float, k: float) -> list[TextBlock]:
    # No WHERE heading: a place name in 40-point type needs none, and the room goes to the title.
    first = contents[0]
    blocks = []
    if first.venue_name:
        blocks.append(
            layout_text(first.venue_name, typo.faces.bold, PLACE_FLOOR * _floor(k), width, leading_ratio=1.1)
        )
    if first.venue_address:
        blocks.append(
            layout_text(first.venue_address, typo.faces.regular, ADDRESS * k, width, leading_ratio=1.2)
        )
    return blocks


def _stack(blocks: Sequence[TextBlock], gap: float) -> float:
    return sum(b.height for b in blocks) + gap * max(len(blocks) - 1, 0)


def _fits(
    contents: Sequence[LanguageContent],
    typo: Typography,
    area: Rect,
    k: float,
    title: float,
    facts: float,
    cta: bool,
) -> list[_Language] | None:
    lines = TITLE_LINES if len(contents) > 1 else TITLE_LINES_ALONE
    return _fits_lines(contents, typo, area, k, title, facts, lines=lines, cta=cta)


def _fits_lines(
    contents: Sequence[LanguageContent],
    typo: Typography,
    area: Rect,
    k: float,
    title: float,
    facts: float,
    *,
    lines: int | None,
    cta: bool = False,
) -> list[_Language] | None:
    """The languages laid out at these sizes if they fit ``area`` (each title in at most
    ``lines`` lines, its words whole), else None."""
    parts = [_language(c, contents, typo, area.width, title, facts, k, cta) for c in contents]
    if lines is not None and any(len(p.title.lines) > lines for p in parts):
        return None
    bold = typo.faces.bold
    if any(text_width(word, bold, title) > area.width for c in contents for word in c.title.split()):
        return None
    _, _, between = _gaps(k)
    place = _place(contents, typo, area.width, k)
    height = _head_height(k) + sum(_language_height(p, k) for p in parts) + between * len(parts)
    height += _stack(place, 6 * k)
    return parts if height <= area.height + 1e-6 else None


def _search(
    contents: Sequence[LanguageContent], typo: Typography, area: Rect, k: float, cta: bool
) -> tuple[list[_Language], float, float] | None:
    """The biggest title (down to its floor) at which everything fits; the facts grow with a
    single language, which has the room."""
    for growth in (1.2, 1.0) if len(contents) == 1 else (1.0,):
        facts = FACTS_FLOOR * _floor(k) * growth
        for size in _sizes(TITLE_MAX * k, TITLE_FLOOR * _floor(k), 4 * k):
            parts = _fits(contents, typo, area, k, size, facts, cta)
            if parts is not None:
                return parts, size, facts
    return None


def _sizes(largest: float, floor: float, step: float) -> list[float]:
    """From ``largest`` down by ``step``, ending exactly on ``floor``."""
    sizes = []
    size = largest
    while size > floor + 1e-6:
        sizes.append(size)
        size -= step
    return [*sizes, floor]


def _last_resort(
    contents: Sequence[LanguageContent], typo: Typography, area: Rect, k: float, warnings: list[FlyerWarning]
) -> tuple[list[_Language], float, float]:
    """No headline fits either: the whole title under its floor (down to half of it, one size
    for every language) rather than a title cut short; cut only when even that will not do.
    Each is reported, so the organiser can write a short headline."""
    facts = FACTS_FLOOR * _floor(k)
    floor = TITLE_FLOOR * _floor(k)
    for size in _sizes(floor - 4 * k, floor * LAST_RESORT_SHARE, 4 * k):
        parts = _fits_lines(contents, typo, area, k, size, facts, lines=None)
        if parts is not None:
            warnings.extend(FlyerWarning(c.language, "title", TITLE_UNDER_FLOOR) for c in contents if c.title)
            return parts, size, facts
    size = floor * LAST_RESORT_SHARE
    parts = [_language(c, contents, typo, area.width, size, facts, k, False) for c in contents]
    _, _, between = _gaps(k)
    fixed = _head_height(k) + sum(_language_height(p, k) - p.title.height for p in parts)
    fixed += between * len(parts)
    fixed += _stack(_place(contents, typo, area.width, k), 6 * k)
    room = max((area.height - fixed) / len(parts), 0.0)
    cut_parts = []
    for part in parts:
        block = cut_to_height(part.title, room)
        if block.cut_after is not None:
            warnings.append(FlyerWarning(part.content.language, "title", TITLE_UNDER_FLOOR))
            warnings.append(cut_warning(part.content.language, "title", block.cut_after))
        cut_parts.append(replace(part, title=block))
    return cut_parts, size, facts


def _headlines(contents: Sequence[LanguageContent]) -> list[LanguageContent] | None:
    if not any(c.headline for c in contents):
        return None
    return [replace(c, title=c.headline) if c.headline else c for c in contents]


def plan_poster(
    card: CardGeometry,
    contents: Sequence[LanguageContent],
    typo: Typography,
    picture: StoredPicture | None,
) -> PosterPlan:
    """Fit and place every language of the poster, the shared place, and the picture."""
    k = _k(card)
    body = Rect(card.frame.x, card.panels[-1].y, card.frame.width, card.panels[0].top - card.panels[-1].y)
    warnings: list[FlyerWarning] = []
    bands = [body.height * share for share in PICTURE_SHARES] if picture is not None else []
    attempts: list[tuple[Sequence[LanguageContent], float, bool]] = []
    for texts in (contents, _headlines(contents)):
        if texts is None:
            continue
        # The picture the organiser chose goes before the small call to action.
        for band in (*bands, 0.0):
            attempts.append((texts, band, True))
            attempts.append((texts, band, False))
    found = None
    for texts, band, cta in attempts:
        area = Rect(body.x, body.y, body.width, body.height - (band + 18 * k if band else 0.0))
        result = _search(texts, typo, area, k, cta)
        if result is not None:
            found = (texts, band, cta, result)
            break
    if found is None:
        # The headlines, if written, are still the shorter: under the floor they print bigger.
        texts, band, cta = _headlines(contents) or contents, 0.0, False
        parts, title, facts = _last_resort(texts, typo, body, k, warnings)
    else:
        texts, band, cta, (parts, title, facts) = found
    if texts is not contents:
        warnings.extend(FlyerWarning(c.language, "title", HEADLINE_USED) for c in contents if c.headline)
    if picture is not None and not band:
        warnings.append(FlyerWarning(None, "picture", PICTURE_LEFT_OFF))
    if not cta:
        warnings.extend(
            FlyerWarning(c.language, "call_to_action", FIELD_DROPPED) for c in texts if c.call_to_action
        )
    items: list[DrawItem] = []
    areas: list[tuple[str, Rect]] = []
    top = body.top
    if picture is not None and band:
        hero = Rect(body.x, top - band, body.width, band)
        items.extend(hero_items(picture, hero, [c.labels.kind for c in texts], typo, LABEL * k))
        areas.append(("picture", hero))
        top = hero.y - 18 * k
    area = Rect(body.x, body.y, body.width, top - body.y)
    painted, spans = _paint(parts, texts, typo, area, k)
    items.extend(painted)
    areas.extend(spans)
    return PosterPlan(tuple(items), tuple(warnings), title, facts, tuple(areas))


def _paint(
    parts: Sequence[_Language], contents: Sequence[LanguageContent], typo: Typography, area: Rect, k: float
) -> tuple[list[DrawItem], list[tuple[str, Rect]]]:
    """From the top: each language (tag, title, date, time, call to action), then the place;
    the room left over is shared between the languages so the poster does not end in a hole."""
    _, title_gap, between = _gaps(k)
    place = _place(contents, typo, area.width, k)
    used = _head_height(k) + sum(_language_height(p, k) for p in parts)
    used += between * len(parts) + _stack(place, 6 * k)
    spare = max(area.height - used, 0.0) / (len(parts) + 1)
    items: list[DrawItem] = []
    x = area.x
    for part in parts:
        head = head_items(part.content, x, area.top, area.right - x, typo, TAG * k)
        items.extend(head)
        kind = head[-1]
        assert isinstance(kind, TextDraw)
        x = kind.x + kind.block.width + 28 * k
    spans = [("tags", Rect(area.x, area.top - _head_height(k), area.width, _head_height(k)))]
    y = area.top - _head_height(k)
    for part in parts:
        start = y
        items.append(TextDraw(part.title, area.x, y, INK))
        y -= part.title.height + title_gap
        items.append(TextDraw(part.when, area.x, y, INK))
        y -= _facts_step(part)
        items.append(TextDraw(part.time, area.x, y, INK))
        y -= part.time.height
        if part.cta is not None:
            y -= 12 * k
            items.append(TextDraw(part.cta, area.x, y, typo.palette.second))
            y -= part.cta.height
        spans.append((part.content.language, Rect(area.x, y, area.width, start - y)))
        y -= between + spare
    start = y
    colours = [INK, BODY]
    for block, colour in zip(place, colours, strict=False):
        items.append(TextDraw(block, area.x, y, colour))
        y -= block.height + 6 * k
    spans.append(("place", Rect(area.x, y + 6 * k, area.width, start - y - 6 * k)))
    return items, spans
