"""Drawing a stored picture (a group's logo, an event's photo) on a flyer's canvas.

PNG and JPEG go in as they are (ReportLab embeds a JPEG's bytes unchanged); an SVG is turned
into ReportLab shapes by svglib and stays vector in the PDF, sharp at any size.
"""

from __future__ import annotations

import io
import logging

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from rallyorg.domain import fonts
from rallyorg.domain.pictures import SVG, StoredPicture

log = logging.getLogger(__name__)


def draw_picture(
    canvas: Canvas,
    picture: StoredPicture,
    x: float,
    y: float,
    width: float,
    height: float,
    *,
    fonts_used: tuple[str, str] = (fonts.REGULAR, fonts.BOLD),
) -> bool:
    """Paint ``picture`` as large as fits in the box (``x``, ``y`` its lower left corner),
    keeping its shape and centred in it. False when there was nothing to draw (an SVG svglib
    cannot read, a box of no size): the flyer goes on without it.

    Text in an SVG is set in ``fonts_used`` (regular, bold: registered ReportLab names, the
    flyer's own family), never in a font the PDF would not embed."""
    if width <= 0 or height <= 0:
        return False
    if picture.media_type == SVG:
        return _draw_svg(canvas, picture, (x, y, width, height), fonts_used)
    image = ImageReader(io.BytesIO(picture.data))
    canvas.drawImage(
        image, x, y, width, height, mask="auto", preserveAspectRatio=True, anchor="c", anchorAtXY=False
    )
    return True


def svg_drawing(
    picture: StoredPicture, fonts_used: tuple[str, str] = (fonts.REGULAR, fonts.BOLD)
) -> Drawing | None:
    """The SVG as ReportLab shapes, any text in it set in ``fonts_used``; None when svglib
    cannot read it."""
    # Imported here: svglib and lxml take ~0.1 s to load, and most flyers have no SVG.
    from svglib.svglib import svg2rlg

    # A BytesIO has no folder, so svglib follows no reference to another file; entities
    # were refused when the picture was stored (domain.pictures.read_picture).
    drawing = svg2rlg(io.BytesIO(picture.data))
    if drawing is None:
        log.warning("svglib could not read the SVG picture %s", picture.file_name)
        return None
    fonts.register_fonts()
    regular, bold = fonts_used
    # The renderer starts every drawing in Helvetica, a base-14 font a PDF does not embed
    # (a print shop may substitute it): even an SVG without text would name it in the PDF.
    drawing.initialFontName = regular
    _set_fonts(drawing, regular, bold)
    return drawing


def _draw_svg(
    canvas: Canvas,
    picture: StoredPicture,
    box: tuple[float, float, float, float],
    fonts_used: tuple[str, str],
) -> bool:
    x, y, width, height = box
    drawing = svg_drawing(picture, fonts_used)
    if drawing is None or drawing.width <= 0 or drawing.height <= 0:
        return False
    scale = min(width / drawing.width, height / drawing.height)
    drawn_width, drawn_height = drawing.width * scale, drawing.height * scale
    canvas.saveState()
    try:
        canvas.translate(x + (width - drawn_width) / 2, y + (height - drawn_height) / 2)
        canvas.scale(scale, scale)
        renderPDF.draw(drawing, canvas, 0, 0)
    finally:
        canvas.restoreState()
    return True


def _set_fonts(node: Group | Drawing, regular: str, bold: str) -> None:
    """svglib maps an SVG's font families onto the PDF base-14 fonts (Helvetica, Times…),
    which a PDF does not embed: its text is set in the flyer's own faces instead."""
    for child in node.contents:
        if isinstance(child, String):
            child.fontName = bold if "bold" in str(child.fontName).lower() else regular
        elif isinstance(child, Group):
            _set_fonts(child, regular, bold)
