"""QR codes drawn straight on a ReportLab canvas: the flyers' (the rally's web page) and the
WhatsApp reminder sheet's (a chat with the message written) are the same drawing."""

from __future__ import annotations

import itertools

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas

QR_INK = black  # pure black: phones read the most contrast best


class TooLongForQr(ValueError):
    """More text than the largest QR code holds (about 2,300 characters of a link)."""


def qr_modules(text: str) -> list[list[bool]]:
    """The QR code's dark (True) and light modules, row by row from the top."""
    # Error correction M (15 %) survives smudges and a folded corner.
    widget = QrCodeWidget(text, barLevel="M")
    try:
        widget.qr.make()
    except Exception as error:  # ReportLab says "code length overflow" with a bare Exception
        raise TooLongForQr(len(text)) from error
    return [[bool(module) for module in row] for row in widget.qr.modules]


def paint_qr(canvas: Canvas, text: str, x: float, top: float, side: float) -> None:
    """The symbol ``side`` points square with its top-left corner at (``x``, ``top``); the
    quiet zone around it is the caller's to leave blank."""
    # Drawn as one path of rectangles (one per run of dark modules) straight on the canvas:
    # ReportLab's graphics renderer would set its default Helvetica on the way, and that
    # alone puts a non-embedded base-14 font in the file. One path also leaves no hairline
    # seams between neighbouring modules when a viewer anti-aliases.
    modules = qr_modules(text)
    size = side / len(modules)
    path = canvas.beginPath()
    for row_index, row in enumerate(modules):
        y = top - (row_index + 1) * size
        column = 0
        for dark, run in itertools.groupby(row):
            length = len(list(run))
            if dark:
                path.rect(x + column * size, y, length * size, size)
            column += length
    canvas.saveState()
    canvas.setFillColor(QR_INK)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
