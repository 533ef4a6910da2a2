"""Fit the language areas of one card together: the same sizes for every language, shrinking
the body text before cutting anything, and reporting every cut.

Order of retreat when the words do not fit (see ``STEPS``):
1. the title shrinks, to about half its largest size, taking more lines as it goes;
2. the body text shrinks a step and the title may shrink a little further, as long as
   every size stays legible (``Typography.legible``);
3. at the last legible step the title may use at most ~40 % of the area, and the summary,
   then the call to action, then the access note lose lines from the end — each reported.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rallyorg.domain.fonts import text_width
from rallyorg.flyers.content import LanguageContent
from rallyorg.flyers.draw import DrawItem
from rallyorg.flyers.fit import TextBlock, cut_to_height, layout_text, shrink_to_fit
from rallyorg.flyers.geometry import CardGeometry, Rect
from rallyorg.flyers.panel import (
    CUT_ORDER,
    TITLE_LEADING,
    Body,
    aligned_heights,
    body_height,
    build_body,
    cut_body,
    fixed_height,
    is_wide,
    paint_items,
)
from rallyorg.flyers.report import FIELD_CUT, FIELD_CUT_ONE, FIELD_DROPPED, HEADLINE_USED, FlyerWarning
from rallyorg.flyers.style import Faces, Palette, Scale, Typography

# (body text scale, smallest title size as a share of the largest) for each step of retreat.
STEPS = ((1.0, 0.6), (0.94, 0.55), (0.88, 0.5), (0.82, 0.45), (0.76, 0.4), (0.7, 0.4))
# Body text scales tried, largest first, when the words fit with room to spare (one language
# on a whole page, say): the title keeps its size and the rest grows into the space.
GROWTH = (1.5, 1.35, 1.2, 1.1)
# A title of more lines than this reads as a paragraph; a smaller size is preferred.
TITLE_LINES = 5

# When all else fails these give way too, so that no text ever leaves its area.
LAST_RESORT = ("venue", "time", "date")
TITLE_SHARE_WHEN_CUTTING = 0.4


@dataclass(frozen=True)
class PanelsPlan:
    items: tuple[DrawItem, ...]
    warnings: tuple[FlyerWarning, ...]
    typography: Typography
    title_size: float


def cut_warning(language: str | None, field: str, kept: int) -> FlyerWarning:
    if kept == 0:
        return FlyerWarning(language, field, FIELD_DROPPED)
    if kept == 1:
        return FlyerWarning(language, field, FIELD_CUT_ONE)
    return FlyerWarning(language, field, FIELD_CUT, {"lines": kept})


def _bodies(contents: Sequence[LanguageContent], areas: Sequence[Rect], typo: Typography) -> list[Body]:
    return [build_body(content, area, typo) for content, area in zip(contents, areas, strict=True)]


def whole_words_size(title: str, typo: Typography, width: float) -> float:
    """The title's floor, or the size under it at which its longest word still fits a line
    ("Manifestación" in a narrow column): a word broken in two reads worse than a title a
    little under its floor. Never under the handout minimum."""
    widest = max((text_width(word, typo.faces.bold, 1.0) for word in title.split()), default=0.0)
    fitting = width / widest if widest else typo.title_min
    return max(min(typo.title_min, math.floor(fitting * 2) / 2), 16 * typo.card)


def _titles_at(
    contents: Sequence[LanguageContent], areas: Sequence[Rect], size: float, typo: Typography
) -> list[TextBlock | None]:
    return [
        layout_text(c.title, typo.faces.bold, size, a.width, leading_ratio=TITLE_LEADING) if c.title else None
        for c, a in zip(contents, areas, strict=True)
    ]


def _try_scale(
    contents: Sequence[LanguageContent],
    areas: Sequence[Rect],
    typo: Typography,
    title_min: float,
    aligned_mode: bool,
) -> tuple[list[TextBlock | None], list[Body]] | None:
    """Titles and bodies at this body size if everything fits without cutting, else None."""
    bodies = _bodies(contents, areas, typo)
    aligned = aligned_heights(bodies) if aligned_mode else None
    sizes: list[float] = []
    for content, area, body in zip(contents, areas, bodies, strict=True):
        room = area.height - fixed_height(typo) - body_height(body, typo, aligned)
        if not content.title:
            if room < 0:
                return None
            continue
        for max_lines in (TITLE_LINES, None):
            block = shrink_to_fit(
                content.title,
                typo.faces.bold,
                area.width,
                room,
                max_size=typo.title_max,
                min_size=title_min,
                leading_ratio=TITLE_LEADING,
                max_lines=max_lines,
                break_words=not typo.sheet,
            )
            if block is not None:
                break
        if block is None:
            return None
        sizes.append(block.size)
    # One title size for all languages: neither reads as the translation of the other.
    titles = _titles_at(contents, areas, min(sizes, default=typo.title_max), typo)
    return titles, bodies


def _fit_by_cutting(
    contents: Sequence[LanguageContent],
    areas: Sequence[Rect],
    typo: Typography,
    title_ceiling: float,
    aligned_mode: bool,
    warnings: list[FlyerWarning],
) -> tuple[list[TextBlock | None], list[Body]]:
    """The last resort: the title at the last step's smallest size (smaller still if it
    would take more than ~40 % of the area), and the body texts cut to the room left."""
    room = [TITLE_SHARE_WHEN_CUTTING * (a.height - fixed_height(typo)) for a in areas]
    sizes = []
    for content, area, limit in zip(contents, areas, room, strict=True):
        if content.title:
            block = shrink_to_fit(
                content.title,
                typo.faces.bold,
                area.width,
                limit,
                max_size=title_ceiling,
                min_size=typo.title_min,
                leading_ratio=TITLE_LEADING,
                break_words=False,
            )
            sizes.append(block.size if block else whole_words_size(content.title, typo, area.width))
    titles: list[TextBlock | None] = []
    for content, block, limit in zip(
        contents, _titles_at(contents, areas, min(sizes, default=typo.title_min), typo), room, strict=True
    ):
        if block is not None:
            block = cut_to_height(block, limit)
            if block.cut_after is not None:
                warnings.append(cut_warning(content.language, "title", block.cut_after))
        titles.append(block)
    bodies = _bodies(contents, areas, typo)
    title_rows = _title_rows(titles, aligned_mode)
    limits = [a.height - fixed_height(typo) - t for a, t in zip(areas, title_rows, strict=True)]
    for field in (*CUT_ORDER, *LAST_RESORT):
        aligned = aligned_heights(bodies) if aligned_mode else None
        for index, (content, limit) in enumerate(zip(contents, limits, strict=True)):
            bodies[index], kept = cut_body(bodies[index], field, limit, typo, aligned)
            if kept is not None:
                warnings.append(cut_warning(content.language, field, kept))
    return titles, bodies


def _title_rows(titles: Sequence[TextBlock | None], aligned_mode: bool) -> list[float]:
    heights = [t.height if t is not None else 0.0 for t in titles]
    return [max(heights, default=0.0)] * len(heights) if aligned_mode else heights


def _grow(
    contents: Sequence[LanguageContent],
    areas: Sequence[Rect],
    typo: Typography,
    fitted: tuple[list[TextBlock | None], list[Body]],
    aligned_mode: bool,
) -> tuple[Typography, tuple[list[TextBlock | None], list[Body]]]:
    """The largest body scale at which everything still fits with the title no smaller."""
    title_size = next((t.size for t in fitted[0] if t is not None), typo.title_min)
    for scale in GROWTH:
        bigger = replace(typo, body=scale)
        grown = _try_scale(contents, areas, bigger, title_size, aligned_mode)
        if grown is not None:
            return bigger, grown
    return typo, fitted


def _fit_steps(
    contents: Sequence[LanguageContent], areas: Sequence[Rect], base: Typography, aligned_mode: bool
) -> tuple[Typography, float, tuple[list[TextBlock | None], list[Body]] | None]:
    """Retreat step by step (smaller body text, then a smaller title, never under the
    floors) until everything fits; the last step tried and the fit, if one was found."""
    typo = base
    title_min = typo.title_min
    for step, (body_scale, title_share) in enumerate(STEPS):
        candidate = replace(base, body=body_scale)
        if step and not candidate.legible:
            break
        typo = candidate
        title_min = max(typo.title_min, title_share * typo.title_max)
        fitted = _try_scale(contents, areas, typo, title_min, aligned_mode)
        if fitted is not None:
            return typo, title_min, fitted
    return typo, title_min, None


def _with_headlines(contents: Sequence[LanguageContent]) -> list[LanguageContent] | None:
    """Each language's short headline in place of its title, where the writer gave one."""
    if not any(c.headline for c in contents):
        return None
    return [replace(c, title=c.headline) if c.headline else c for c in contents]


def plan_panels(
    card: CardGeometry,
    contents: Sequence[LanguageContent],
    *,
    scale: Scale = Scale.HANDOUT,
    faces: Faces | None = None,
    palette: Palette | None = None,
) -> PanelsPlan:
    """Fit and place every language's area of ``card``.

    When the titles do not fit even at their floor, each language's short headline takes its
    title's place (reported) before anything is cut."""
    areas = card.panels
    warnings: list[FlyerWarning] = []
    base = Typography(card.scale, 1.0, scale, faces or Faces(), palette or Palette())
    aligned_mode = card.side_by_side and len(areas) > 1 and not is_wide(areas[0], base)
    typo, title_min, fitted = _fit_steps(contents, areas, base, aligned_mode)
    if fitted is None and (short := _with_headlines(contents)) is not None:
        attempt = _fit_steps(short, areas, base, aligned_mode)
        # On a whole sheet the title may not shrink under its floor, so a short title whole
        # beats a long one cut; a handout keeps its title unless the headline makes all fit.
        if attempt[2] is not None or typo.sheet:
            warnings.extend(FlyerWarning(c.language, "title", HEADLINE_USED) for c in contents if c.headline)
            contents = short
            typo, title_min, fitted = attempt
    if fitted is None:
        fitted = _fit_by_cutting(contents, areas, typo, title_min, aligned_mode, warnings)
    elif typo.body == 1.0:
        typo, fitted = _grow(contents, areas, typo, fitted, aligned_mode)
    titles, bodies = fitted
    aligned = aligned_heights(bodies) if aligned_mode else None
    title_rows = _title_rows(titles, aligned_mode)
    items: list[DrawItem] = []
    for content, area, title, row, body in zip(contents, areas, titles, title_rows, bodies, strict=True):
        items.extend(paint_items(content, area, typo, title, row, body, aligned))
    size = next((t.size for t in titles if t is not None), 0.0)
    return PanelsPlan(tuple(items), tuple(warnings), typo, size)
