"""The tear-off strips of a community-board flyer (``--layout tearoff``): the bottom band of
the sheet cut into 8–10 strips, each saying what a passer-by needs to come along later.

Every strip holds the same lines, turned to read from bottom to top as on every community
board: for each language its short title (bold) and its day, date and start time; then, once,
the place and the web address, which are the same in every language. Dashed cut lines run
between the strips and along their top edge, in a grey dark enough to survive a photocopier.

As many strips as keep the text legible (``MIN_TEXT`` for the titles, ``MIN_NOTE`` for the
rest): more strips, more people who can take one.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color

from rallyorg.domain.fonts import ascent_descent
from rallyorg.flyers.content import FlyerContent
from rallyorg.flyers.draw import DrawItem, LineDraw, TextDraw
from rallyorg.flyers.fit import TextBlock, block_height, cut_to_height, layout_text, shrink_to_fit
from rallyorg.flyers.geometry import Rect
from rallyorg.flyers.report import FIELD_CUT_ONE, FIELD_DROPPED, FlyerWarning
from rallyorg.flyers.style import INK, MIN_NOTE, MIN_TEXT, MUTED, Faces

# Most strips first: the first count whose lines fit at legible sizes wins.
COUNTS = (10, 9, 8)
# Largest sizes (times ``scale``); the strips use less when the sheet is narrow.
TITLE_MAX = 10.0
DETAIL_RATIO = 0.92  # the other lines against the title
SIZE_STEP = 0.25
LEADING = 1.2  # baseline to baseline, as a share of the size
# Room (times ``scale``) between the text and a cut line: scissors wander.
PAD_ACROSS = 3.0
PAD_ALONG = 7.0
LANGUAGE_GAP = 4.0  # between one language's lines and the next's, where the accent rule goes
SHARED_GAP = 1.5  # before the place and address, which belong to every language
# Cut lines: a hairline in a grey that a black-and-white copier still prints.
CUT_COLOR = MUTED
CUT_WIDTH = 0.6
CUT_DASH = (3.0, 2.0)
ACCENT_WIDTH = 0.75
# Lines left off first when even the fewest strips at the smallest sizes are too narrow.
DROP_ORDER = ("venue", "url")


@dataclass(frozen=True)
class StripsPlan:
    items: tuple[DrawItem, ...]
    warnings: tuple[FlyerWarning, ...]
    count: int


@dataclass(frozen=True)
class _Line:
    language: str | None  # None for what every language shares (place, address)
    field: str
    text: str
    bold: bool


def display_url(url: str) -> str:
    """``url`` as people type it: without ``https://`` (every browser adds it) or a final slash,
    so it is shorter and can be printed bigger."""
    text = url.strip()
    for scheme in ("https://", "http://"):
        if text.lower().startswith(scheme):
            text = text[len(scheme) :]
            break
    return text.rstrip("/")


def _lines(content: FlyerContent) -> list[list[_Line]]:
    """The strip's lines in groups (one per language, then the shared one), empty ones left out."""
    groups: list[list[_Line]] = []
    for half in content.languages:
        field = "headline" if half.headline else "title"
        when = " · ".join(part for part in (half.short_date, half.start_time) if part)
        group = [
            _Line(half.language, field, half.headline or half.title, True),
            _Line(half.language, "date", when, False),
        ]
        groups.append([line for line in group if line.text])
    venue = content.languages[0].venue_name if content.languages else ""
    shared = [_Line(None, "venue", venue, False), _Line(None, "url", display_url(content.url), False)]
    groups.append([line for line in shared if line.text])
    return [group for group in groups if group]


def _offsets(
    groups: Sequence[Sequence[_Line]], sizes: tuple[float, float], faces: Faces, scale: float
) -> tuple[list[float], float]:
    """Each line's distance from the strip's first line (across the strip), and the extent of
    them all, from the first line's top to the last line's descenders."""
    offsets: list[float] = []
    cursor = 0.0
    previous: float | None = None
    for index, group in enumerate(groups):
        for number, line in enumerate(group):
            size = sizes[0] if line.bold else sizes[1]
            if previous is not None:
                cursor += LEADING * previous
                if index and not number:
                    cursor += (LANGUAGE_GAP if line.language else SHARED_GAP) * scale
            offsets.append(cursor)
            previous = size
    if previous is None:
        return offsets, 0.0
    last = [line for group in groups for line in group][-1]
    font = faces.bold if last.bold else faces.regular
    return offsets, cursor + block_height(1, font, previous, previous * LEADING)


def _fit_line(text: str, font: str, size: float, minimum: float, length: float) -> TextBlock:
    """``text`` on one line of ``length``: at ``size``, smaller down to ``minimum``, or cut with an
    ellipsis at ``minimum``."""
    block = shrink_to_fit(
        text, font, length, block_height(1, font, size, size * LEADING), max_size=size, min_size=minimum,
        leading_ratio=LEADING, step=SIZE_STEP, max_lines=1,
    )  # fmt: skip
    if block is not None:
        return block
    wrapped = layout_text(text, font, minimum, length, leading_ratio=LEADING)
    return cut_to_height(wrapped, block_height(1, font, minimum, minimum * LEADING))


def _sizes(scale: float) -> list[tuple[float, float]]:
    """(title, other lines) sizes to try, largest first, down to the legible minimum."""
    sizes: list[tuple[float, float]] = []
    title = max(TITLE_MAX * scale, MIN_TEXT)
    while title >= MIN_TEXT - 1e-9:
        sizes.append((title, max(MIN_NOTE, round(title * DETAIL_RATIO, 2))))
        title = round(title - SIZE_STEP, 2)
    return sizes


def _choose(
    groups: list[list[_Line]], area: Rect, faces: Faces, scale: float
) -> tuple[int, tuple[float, float]] | None:
    """The most strips, then the largest sizes, at which every line fits across a strip."""
    for count in COUNTS:
        room = area.width / count - 2 * PAD_ACROSS * scale
        for sizes in _sizes(scale):
            if _offsets(groups, sizes, faces, scale)[1] <= room + 1e-6:
                return count, sizes
    return None


def _drop_one(groups: list[list[_Line]]) -> tuple[list[list[_Line]], _Line]:
    """``groups`` without the line that gives way first (``DROP_ORDER``, else the last one)."""
    lines = [line for group in groups for line in group]
    victim = next((line for name in DROP_ORDER for line in lines if line.field == name), lines[-1])
    kept = [[line for line in group if line is not victim] for group in groups]
    return [group for group in kept if group], victim


def plan_strips(
    area: Rect, content: FlyerContent, faces: Faces, accent: Color, *, scale: float = 1.0
) -> StripsPlan:
    """The strips filling ``area`` (the bottom band of the sheet, inside the margins)."""
    groups = _lines(content)
    warnings: list[FlyerWarning] = []
    chosen = _choose(groups, area, faces, scale)
    while chosen is None and groups:
        groups, dropped = _drop_one(groups)
        warnings.append(FlyerWarning(dropped.language, dropped.field, FIELD_DROPPED))
        chosen = _choose(groups, area, faces, scale)
    count, (title_size, detail_size) = chosen or (COUNTS[-1], (MIN_TEXT, MIN_NOTE))

    width = area.width / count
    length = area.height - 2 * PAD_ALONG * scale
    # One size per kind of line for every language: neither reads as the translation.
    blocks: dict[int, TextBlock] = {}
    lines = [line for group in groups for line in group]
    for bold in (True, False):
        font = faces.bold if bold else faces.regular
        size, minimum = (title_size, MIN_TEXT) if bold else (detail_size, MIN_NOTE)
        kind = [(index, line) for index, line in enumerate(lines) if line.bold == bold]
        fitted = {index: _fit_line(line.text, font, size, minimum, length) for index, line in kind}
        common = min((block.size for block in fitted.values()), default=size)
        for index, line in kind:
            block = fitted[index]
            if not block.cut and block.size != common:
                block = layout_text(line.text, font, common, length, leading_ratio=LEADING)
            blocks[index] = block
            if block.cut:
                warnings.append(FlyerWarning(line.language, line.field, FIELD_CUT_ONE))

    offsets, extent = _offsets(groups, (title_size, detail_size), faces, scale)
    longest = max((block.width for block in blocks.values()), default=0.0)
    # The lines sit in the middle of the strip, across and along.
    along = area.y + max(PAD_ALONG * scale, (area.height - longest) / 2)
    items: list[DrawItem] = []
    for number in range(count):
        left = area.x + number * width + (width - extent) / 2
        items.extend(
            TextDraw(blocks[index], left + offsets[index], along, INK, angle=90.0)
            for index in range(len(lines))
        )
        items.extend(_language_rules(groups, offsets, blocks, left, along, accent))
    for number in range(1, count):
        x = area.x + number * width
        items.append(LineDraw(x, area.y, x, area.top, CUT_WIDTH, CUT_COLOR, dash=CUT_DASH))
    items.append(LineDraw(area.x, area.top, area.right, area.top, CUT_WIDTH, CUT_COLOR, dash=CUT_DASH))
    unique = [warning for index, warning in enumerate(warnings) if warning not in warnings[:index]]
    return StripsPlan(tuple(items), tuple(unique), count)


def _language_rules(
    groups: Sequence[Sequence[_Line]],
    offsets: Sequence[float],
    blocks: dict[int, TextBlock],
    left: float,
    along: float,
    accent: Color,
) -> list[LineDraw]:
    """A thin accent rule between one language's lines and the next's, as long as the shorter
    title: it only separates, the lines themselves say which language is which."""
    rules: list[LineDraw] = []
    start = 0
    for group, following in itertools.pairwise(groups):
        end = start + len(group)  # the next group's first line
        if following[0].language is None:
            break
        last = blocks[end - 1]
        ink_end = offsets[end - 1] + last.ascent + ascent_descent(last.font, last.size)[1]
        x = left + (ink_end + offsets[end]) / 2
        span = min(blocks[start].width, blocks[end].width)
        rules.append(LineDraw(x, along, x, along + span, ACCENT_WIDTH, accent))
        start = end
    return rules
