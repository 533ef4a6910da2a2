"""A PDF's pages as pixels, for the preview on screen and for printing (PDFium via pypdfium2).

No Qt here: a page comes back as plain bytes (32-bit BGRx rows, i.e. Qt's ``Format_RGB32`` on
little-endian machines), so the GUI wraps it in an image and anything else can use it too.

PDFium is not thread-safe: it keeps global state, and two renders at once in different threads
can corrupt it. Every call into it here holds one lock, so the preview may render on a worker
thread while a print runs on another.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pypdfium2

from rallyorg.domain.errors import RallyorgError
from rallyorg.i18n import N_

_PDFIUM = threading.Lock()
WHITE = (255, 255, 255, 255)


class UnreadablePdfError(RallyorgError):
    """The bytes are not a PDF that PDFium can open."""

    def __init__(self) -> None:
        super().__init__(N_("The PDF could not be read."))


@dataclass(frozen=True)
class PageSize:
    """A page's size in PDF points (1/72 in)."""

    width: float
    height: float


@dataclass(frozen=True)
class PageImage:
    """One page rendered: ``height`` rows of ``stride`` bytes, 4 bytes (B, G, R, unused) a pixel."""

    width: int
    height: int
    stride: int
    pixels: bytes


def _open(pdf: bytes) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError as error:
        raise UnreadablePdfError from error


def page_sizes(pdf: bytes) -> list[PageSize]:
    """Every page's size, in order."""
    with _PDFIUM:
        document = _open(pdf)
        try:
            return [PageSize(*document[index].get_size()) for index in range(len(document))]
        finally:
            document.close()


@dataclass(frozen=True)
class Area:
    """A rectangle of a page in points, measured from the page's top-left corner."""

    left: float
    top: float
    right: float
    bottom: float


def render_page(pdf: bytes, index: int, scale: float, area: Area | None = None) -> PageImage:
    """Page ``index`` drawn on white at ``scale`` pixels per point: the whole page, or only
    ``area`` of it (a close-up of a big page need not hold the rest in memory)."""
    with _PDFIUM:
        document = _open(pdf)
        try:
            page = document[index]
            crop = (0.0, 0.0, 0.0, 0.0)
            if area is not None:
                width, height = page.get_size()
                # PDFium measures what to cut off from each edge, from the bottom-left corner.
                crop = (
                    max(0.0, area.left),
                    max(0.0, height - area.bottom),
                    max(0.0, width - area.right),
                    max(0.0, area.top),
                )
            bitmap = page.render(scale=scale, crop=crop, fill_color=WHITE, prefer_bgrx=True)
            try:
                return PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
            finally:
                bitmap.close()  # inside the lock: its memory is PDFium's
        finally:
            document.close()
