"""Printing a flyer's PDF through Qt: each page rendered by PDFium and painted onto the printer.

The same PDF bytes that Save PDF… writes are what print: PDFium (flyers.pages) draws each page
on white at the printer's resolution, capped at 300 dpi (a tabloid page at a "high resolution"
printer's 1200 dpi would be a 1 GB image, and 300 dpi is already finer than an office
printer's toner), and the image goes to QPrinter, which reaches every system's printers.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from rallyorg.flyers import Paper
from rallyorg.flyers.pages import page_sizes, render_page
from rallyorg.gui.flyer.page_view import POINTS_PER_INCH, to_qimage
from rallyorg.i18n import _

MAX_DPI = 300

PAGE_SIZES = {
    Paper.LETTER: QPageSize.PageSizeId.Letter,
    Paper.A4: QPageSize.PageSizeId.A4,
    Paper.TABLOID: QPageSize.PageSizeId.Tabloid,
    Paper.A3: QPageSize.PageSizeId.A3,
}


def prepare_printer(printer: QPrinter, paper: Paper, document_name: str) -> None:
    """Propose the flyer's own paper, portrait, whole sheet: the flyer keeps its own margins
    (at least 0.5 in, which every office printer can reach)."""
    printer.setPageSize(QPageSize(PAGE_SIZES[paper]))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName(document_name)


def _target(page_points: QSize, paper: QRect) -> QRect:
    """Where a page goes on the sheet: as large as fits, aspect kept, centred (a Letter flyer
    printed on A4 shrinks a little rather than losing its edges)."""
    scale = min(paper.width() / page_points.width(), paper.height() / page_points.height())
    width, height = round(page_points.width() * scale), round(page_points.height() * scale)
    return QRect(
        paper.x() + (paper.width() - width) // 2, paper.y() + (paper.height() - height) // 2, width, height
    )


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print the pages of ``pdf`` on ``printer`` (already set up, e.g. by a print dialog: the
    page range chosen there is kept). Returns the number of pages sent; 0 when the printer
    could not be opened or the range holds no page."""
    sizes = page_sizes(pdf)
    first, last = printer.fromPage(), printer.toPage()  # 1-based; 0 and 0 mean every page
    chosen = range(len(sizes)) if first == 0 else range(first - 1, min(last or len(sizes), len(sizes)))
    if not chosen:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        resolution = printer.resolution()
        sheet = printer.pageLayout().fullRectPixels(resolution)
        dpi = min(resolution, MAX_DPI)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for index in chosen:
            if index != chosen[0]:
                printer.newPage()
            size = sizes[index]
            target = _target(QSize(round(size.width), round(size.height)), sheet)
            image = to_qimage(render_page(pdf, index, dpi / POINTS_PER_INCH), 1.0)
            painter.drawImage(QRectF(target), image, QRectF(image.rect()))
    finally:
        painter.end()
    return len(chosen)


def print_with_dialog(parent: QWidget, pdf: bytes, paper: Paper, name: str) -> str | None:
    """The system print dialog, then the pages: what happened in words for the status bar, or
    None if the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, paper, name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print flyer"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        pages = print_pdf(pdf, printer)
    finally:
        QApplication.restoreOverrideCursor()
    if not pages:
        return _("The flyer could not be printed: the printer did not start.")
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return _("Flyer printed to {path}").format(path=printer.outputFileName())
    return _("Flyer sent to {printer}").format(printer=printer.printerName() or _("the printer"))
