"""Drawing instructions (plain data) and the one function that paints them with ReportLab.

Planning (what goes where, what fits) and painting are kept apart so the planners can be
tested and reasoned about without a canvas.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from rallyorg.domain.pictures import StoredPicture
from rallyorg.domain.qr_code import paint_qr
from rallyorg.flyers.fit import TextBlock
from rallyorg.flyers.geometry import Rect
from rallyorg.flyers.style import INK


@dataclass(frozen=True)
class TextDraw:
    """A fitted block; ``x`` is its left edge, or its right edge when ``align="right"``."""

    block: TextBlock
    x: float
    top: float
    color: Color = INK
    align: str = "left"  # left | right | center
    # Degrees counter-clockwise about (x, top): 90 runs the lines bottom to top, as on the
    # tear-off strips of a community-board flyer.
    angle: float = 0.0


@dataclass(frozen=True)
class BoxDraw:
    rect: Rect
    color: Color
    radius: float = 0.0
    alpha: float = 1.0  # below 1: a scrim over a picture


@dataclass(frozen=True)
class LineDraw:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    color: Color
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class QrDraw:
    url: str
    rect: Rect  # the symbol itself; the quiet zone around it is left blank by the planner


@dataclass(frozen=True)
class ImageDraw:
    """A picture drawn into ``rect`` (the planner keeps its proportions; ``clip`` shows only
    that part of the page, for a picture cropped to fill a band)."""

    picture: StoredPicture
    rect: Rect
    clip: Rect | None = None


DrawItem = TextDraw | BoxDraw | LineDraw | QrDraw | ImageDraw


def _paint_text(canvas: Canvas, item: TextDraw) -> None:
    block = item.block
    x, top = item.x, item.top
    if item.angle:
        canvas.saveState()
        canvas.translate(x, top)
        canvas.rotate(item.angle)
        x, top = 0.0, 0.0
    canvas.setFillColor(item.color)
    canvas.setFont(block.font, block.size)
    baseline = top - block.ascent
    for line in block.lines:
        if line:
            if item.align == "right":
                canvas.drawRightString(x, baseline, line, charSpace=block.char_space)
            elif item.align == "center":
                canvas.drawCentredString(x, baseline, line, charSpace=block.char_space)
            else:
                canvas.drawString(x, baseline, line, charSpace=block.char_space)
        baseline -= block.leading
    if item.angle:
        canvas.restoreState()


def _paint_qr(canvas: Canvas, item: QrDraw) -> None:
    side = min(item.rect.width, item.rect.height)
    paint_qr(canvas, item.url, item.rect.x, item.rect.top, side)


def _paint_picture(canvas: Canvas, item: ImageDraw) -> None:
    from rallyorg.flyers.pictures import draw_picture

    canvas.saveState()
    if item.clip is not None:
        path = canvas.beginPath()
        path.rect(item.clip.x, item.clip.y, item.clip.width, item.clip.height)
        canvas.clipPath(path, stroke=0, fill=0)
    draw_picture(canvas, item.picture, item.rect.x, item.rect.y, item.rect.width, item.rect.height)
    canvas.restoreState()


def paint(canvas: Canvas, items: Iterable[DrawItem]) -> None:
    """Paint ``items`` in order (later ones on top)."""
    for item in items:
        if isinstance(item, TextDraw):
            _paint_text(canvas, item)
        elif isinstance(item, BoxDraw):
            canvas.setFillColor(item.color, alpha=item.alpha)
            canvas.roundRect(
                item.rect.x, item.rect.y, item.rect.width, item.rect.height, item.radius, stroke=0, fill=1
            )
        elif isinstance(item, LineDraw):
            canvas.setStrokeColor(item.color)
            canvas.setLineWidth(item.width)
            canvas.setDash(list(item.dash) if item.dash else [])
            canvas.line(item.x1, item.y1, item.x2, item.y2)
        elif isinstance(item, QrDraw):
            _paint_qr(canvas, item)
        else:
            _paint_picture(canvas, item)
