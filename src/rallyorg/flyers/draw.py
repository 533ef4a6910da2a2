"""Drawing instructions (plain data) and the one function that paints them with ReportLab.

Planning (what goes where, what fits) and painting are kept apart so the planners can be
tested and reasoned about without a canvas.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

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


@dataclass(frozen=True)
class BoxDraw:
    rect: Rect
    color: Color
    radius: float = 0.0


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
    path: Path
    rect: Rect


DrawItem = TextDraw | BoxDraw | LineDraw | QrDraw | ImageDraw


def _paint_text(canvas: Canvas, item: TextDraw) -> None:
    block = item.block
    canvas.setFillColor(item.color)
    canvas.setFont(block.font, block.size)
    baseline = item.top - block.ascent
    for line in block.lines:
        if line:
            if item.align == "right":
                canvas.drawRightString(item.x, baseline, line, charSpace=block.char_space)
            elif item.align == "center":
                canvas.drawCentredString(item.x, baseline, line, charSpace=block.char_space)
            else:
                canvas.drawString(item.x, baseline, line, charSpace=block.char_space)
        baseline -= block.leading


def _paint_qr(canvas: Canvas, item: QrDraw) -> None:
    # Error correction M (15 %) survives smudges and a folded corner; no border of its own
    # because the planner keeps the quiet zone clear.
    widget = QrCodeWidget(item.url, barLevel="M", barBorder=0)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(
        item.rect.width,
        item.rect.height,
        transform=[item.rect.width / (x1 - x0), 0, 0, item.rect.height / (y1 - y0), 0, 0],
    )
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, item.rect.x, item.rect.y)


def paint(canvas: Canvas, items: Iterable[DrawItem]) -> None:
    """Paint ``items`` in order (later ones on top)."""
    for item in items:
        if isinstance(item, TextDraw):
            _paint_text(canvas, item)
        elif isinstance(item, BoxDraw):
            canvas.setFillColor(item.color)
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
            canvas.drawImage(
                str(item.path),
                item.rect.x,
                item.rect.y,
                item.rect.width,
                item.rect.height,
                mask="auto",
            )
