"""Event + flyer choice -> PDF bytes, deterministically (same input, same bytes).

ReportLab's ``invariant`` mode fixes the creation date and document id; font subsets are
named by counters, not at random; nothing else in the file depends on the clock or the
machine. The canvas's initial font is Noto Sans too, so not even the page preamble refers
to a base-14 font.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from rallyorg.domain import fonts
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.events import EventData
from rallyorg.flyers.card import plan_panels
from rallyorg.flyers.content import FlyerContent, build_content
from rallyorg.flyers.draw import BoxDraw, DrawItem, LineDraw, paint
from rallyorg.flyers.footer import Logo, plan_footer
from rallyorg.flyers.geometry import Rect, page_geometry
from rallyorg.flyers.options import FlyerOptions, Layout
from rallyorg.flyers.report import FlyerWarning
from rallyorg.flyers.style import ACCENT, RULE
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


def load_logo(path: Path) -> Logo:
    """Check that ``path`` is an image ReportLab can embed (PNG, JPEG, GIF…)."""
    if not path.is_file():
        raise ValidationError("logo", N_("The image {path} does not exist."), path=str(path))
    try:
        width, height = ImageReader(str(path)).getSize()
    except Exception as error:  # ReportLab wraps Pillow's errors in plain OSErrors with a dump
        raise ValidationError(
            "logo", N_("The image {path} cannot be read: it is not a PNG or JPEG picture."), path=str(path)
        ) from error
    return Logo(path, int(width), int(height))


def render_flyer(event: EventData, options: FlyerOptions) -> FlyerResult:
    """The flyer for ``event`` as PDF bytes, with warnings about anything missing or cut.

    Missing translations do not stop it (they are in the warnings); callers that must refuse
    check :func:`rallyorg.flyers.missing_translations` first.
    """
    return render_content(build_content(event, options.languages), options)


def render_content(content: FlyerContent, options: FlyerOptions) -> FlyerResult:
    fonts.register_fonts()
    logo = load_logo(options.logo) if options.logo is not None else None
    page = page_geometry(options)
    items: list[DrawItem] = []
    warnings: list[FlyerWarning] = list(content.warnings)
    regions: list[Region] = []
    title_size = 0.0
    for index, card in enumerate(page.cards):
        panels = plan_panels(card, content.languages, poster=options.layout == Layout.POSTER)
        footer = plan_footer(card, content, panels.typography, logo)
        items.append(BoxDraw(card.accent_bar, ACCENT))
        if card.side_by_side:
            for left in card.panels[:-1]:
                x = left.right + card.gutter / 2
                items.append(LineDraw(x, left.y, x, left.top, 0.8 * card.scale, RULE))
        else:
            for upper in card.panels[:-1]:
                y = upper.y - card.gutter / 2
                items.append(LineDraw(upper.x, y, upper.right, y, 0.8 * card.scale, RULE))
        items.extend(panels.items)
        items.extend(footer.items)
        if index == 0:  # a handbill's second copy says the same; report once
            warnings.extend(panels.warnings)
            warnings.extend(footer.warnings)
            title_size = panels.title_size
        regions.extend(
            Region(0, half.language, half.language, area)
            for half, area in zip(content.languages, card.panels, strict=True)
        )
        regions.append(Region(0, "footer", None, card.footer))
    if page.cut_line is not None:
        items.append(LineDraw(0, page.cut_line, page.width, page.cut_line, 0.5, RULE, dash=(4, 4)))

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
