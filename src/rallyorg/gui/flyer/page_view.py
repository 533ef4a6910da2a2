"""A PDF's pages on a grey desk, drawn from images that PDFium renders off the UI thread.

Why our own view rather than QtPdf's QPdfView: QtPdf ships only for PySide6 6.12.0 (whose
reference leaks abort the app), and QPdfView in fit-to-page mode can relayout forever as its
scroll bar appears and disappears (seen maximized at 1366×768 under a window manager).

A layout that cannot feed back into itself: in the fitting modes the scroll bars are fixed by
the mode alone (off to fit a page; the vertical one always on to fit the width, or when there
are several pages), never by the size the fit produces. With a custom zoom the pages' size does
not depend on the viewport at all. So a resize is one computation, not a loop.

Sharp at any scale: a page is rendered at device pixels (2× on a 2× screen). A big page at a
high zoom is not rendered whole (a tabloid at 400% on a 2× screen would be ~500 MB): a page
image within a pixel budget stands behind, and the part in view is rendered sharp on top.
Until a render arrives, the last image of that page is shown stretched, or a white sheet.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from rallyorg.domain.errors import RallyorgError
from rallyorg.flyers.pages import Area, PageImage, PageSize, page_sizes, render_page
from rallyorg.gui.background import Task, run_in_background
from rallyorg.i18n import _

MARGIN = 12  # around the pages and between them, logical pixels
FULL_PAGE_BUDGET = 12_000_000  # device pixels of one whole-page image (~48 MB)
POINTS_PER_INCH = 72.0


class ZoomMode(enum.Enum):
    WHOLE_PAGE = "whole-page"
    PAGE_WIDTH = "page-width"
    CUSTOM = "custom"


@dataclass(frozen=True)
class _Shot:
    """A rendered image of a page, or of the part of it in ``area`` (None: all of it)."""

    generation: int
    scale: float  # device pixels per point
    area: Area | None
    image: QImage


@dataclass(frozen=True)
class _Job:
    generation: int
    index: int
    scale: float
    area: Area | None


def to_qimage(page: PageImage, device_pixel_ratio: float) -> QImage:
    # PDFium's BGRx rows are Qt's RGB32 on little-endian machines; copy() detaches the image
    # from the Python bytes it was built on.
    image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB32).copy()
    image.setDevicePixelRatio(device_pixel_ratio)
    return image


class PageView(QAbstractScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pdf: bytes | None = None
        self._sizes: list[PageSize] = []
        self._generation = 0
        self._pages: dict[int, _Shot] = {}  # whole-page images
        self._details: dict[int, _Shot] = {}  # sharp images of the part in view
        self._mode = ZoomMode.WHOLE_PAGE
        self._zoom = 1.0
        self._busy = False
        self._painted_generation = -1
        self._error = ""
        self._drag_from: QPoint | None = None
        self._next_render = QTimer(self)
        self._next_render.setSingleShot(True)
        self._next_render.setInterval(0)  # after the current burst of resizes and scrolls
        self._next_render.timeout.connect(self._render_what_is_missing)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QAbstractScrollArea.Shape.NoFrame)
        # A grey desk under the white sheet, whatever the palette: the page's edge must show.
        self.viewport().setBackgroundRole(QPalette.ColorRole.Mid)
        self.viewport().setAutoFillBackground(True)
        self._apply_scroll_bar_policy()

    # --- what is shown --------------------------------------------------------------------------
    def set_pdf(self, pdf: bytes) -> None:
        """Show ``pdf``; raises RallyorgError if it cannot be read. The zoom stays as chosen;
        with a custom zoom the reader's place stays too."""
        sizes = page_sizes(pdf)
        same_pages = sizes == self._sizes
        self._pdf, self._sizes = pdf, sizes
        self._generation += 1
        self._error = ""
        if not same_pages:
            # Another paper size: an old image stretched to the new sheet would mislead.
            self._pages.clear()
        self._details.clear()
        self._apply_scroll_bar_policy()  # one page or several decides the vertical bar
        self._layout_changed()

    def clear(self) -> None:
        self._pdf, self._sizes = None, []
        self._generation += 1
        self._pages.clear()
        self._details.clear()
        self._error = ""
        self._apply_scroll_bar_policy()
        self._layout_changed()

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def is_showing_page(self) -> bool:
        """True once a rendered image of the current PDF has been painted on screen."""
        return self._pdf is not None and self._painted_generation == self._generation

    def is_sharp(self) -> bool:
        """True when every page in view is drawn at the screen's own resolution."""
        return self._pdf is not None and not self._busy and self._next_job() is None

    def page_image(self, index: int) -> QImage | None:
        """The whole-page image drawn for page ``index`` (its pixels are device pixels)."""
        shot = self._pages.get(index)
        return shot.image if shot is not None else None

    def held_pixels(self) -> int:
        """Pixels of every page image kept (the preview's memory, in effect)."""
        shots = [*self._pages.values(), *self._details.values()]
        return sum(shot.image.width() * shot.image.height() for shot in shots)

    # --- zoom -----------------------------------------------------------------------------------
    def zoom_mode(self) -> ZoomMode:
        return self._mode

    def set_zoom_mode(self, mode: ZoomMode) -> None:
        self._mode = mode
        self._apply_scroll_bar_policy()
        self._layout_changed()

    def set_zoom(self, factor: float) -> None:
        """A custom zoom: 1.0 shows a page at its real size on a 96-dpi screen, as the system sees it."""
        centre = self._centre_in_content()
        old = self.zoom()
        self._mode = ZoomMode.CUSTOM
        self._zoom = factor
        self._apply_scroll_bar_policy()
        self._layout_changed()
        if old > 0:  # keep what was in the middle of the view in the middle
            ratio = factor / old  # the pages grow; the margin around them does not
            x, y = (MARGIN + (value - MARGIN) * ratio for value in (centre.x(), centre.y()))
            self.horizontalScrollBar().setValue(round(x - self.viewport().width() / 2))
            self.verticalScrollBar().setValue(round(y - self.viewport().height() / 2))

    def zoom(self) -> float:
        """The zoom on show, also when fitting."""
        if self._mode == ZoomMode.CUSTOM or not self._sizes:
            return self._zoom
        widest = max(size.width for size in self._sizes)
        room = self.viewport().size()
        across = max(room.width() - 2 * MARGIN, 1) / (widest * self._dots_per_point())
        if self._mode == ZoomMode.PAGE_WIDTH:
            return across
        tallest = max(size.height for size in self._sizes)
        down = max(room.height() - 2 * MARGIN, 1) / (tallest * self._dots_per_point())
        return min(across, down)

    def _dots_per_point(self) -> float:
        return self.logicalDpiX() / POINTS_PER_INCH

    def _apply_scroll_bar_policy(self) -> None:
        off, on, needed = (
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff,
            Qt.ScrollBarPolicy.ScrollBarAlwaysOn,
            Qt.ScrollBarPolicy.ScrollBarAsNeeded,
        )
        several = len(self._sizes) > 1
        if self._mode == ZoomMode.WHOLE_PAGE:
            self.setHorizontalScrollBarPolicy(off)
            self.setVerticalScrollBarPolicy(on if several else off)
        elif self._mode == ZoomMode.PAGE_WIDTH:
            self.setHorizontalScrollBarPolicy(off)
            self.setVerticalScrollBarPolicy(on)
        else:
            self.setHorizontalScrollBarPolicy(needed)
            self.setVerticalScrollBarPolicy(needed)

    # --- geometry -------------------------------------------------------------------------------
    def _page_sizes_on_screen(self) -> list[QSize]:
        scale = self.zoom() * self._dots_per_point()
        return [QSize(round(size.width * scale), round(size.height * scale)) for size in self._sizes]

    def _content_size(self) -> QSize:
        sizes = self._page_sizes_on_screen()
        if not sizes:
            return QSize(0, 0)
        width = max(size.width() for size in sizes) + 2 * MARGIN
        height = sum(size.height() for size in sizes) + MARGIN * (len(sizes) + 1)
        return QSize(width, height)

    def page_rects(self) -> list[QRect]:
        """Where each page is drawn, in the viewport's coordinates."""
        content = self._content_size()
        room = self.viewport().size()
        # Centred when smaller than the view; otherwise moved by the scroll bars.
        left = (room.width() - content.width()) // 2 if content.width() < room.width() else 0
        top = (room.height() - content.height()) // 2 if content.height() < room.height() else 0
        left -= self.horizontalScrollBar().value()
        top -= self.verticalScrollBar().value()
        rects = []
        y = top + MARGIN
        for size in self._page_sizes_on_screen():
            x = left + (content.width() - size.width()) // 2
            rects.append(QRect(QPoint(x, y), size))
            y += size.height() + MARGIN
        return rects

    def _centre_in_content(self) -> QPointF:
        """The middle of the view, in the pages' own coordinates (a page smaller than the view is
        centred in it: that offset is not part of the pages)."""
        content, room = self._content_size(), self.viewport().size()
        offset_x = (room.width() - content.width()) // 2 if content.width() < room.width() else 0
        offset_y = (room.height() - content.height()) // 2 if content.height() < room.height() else 0
        return QPointF(
            self.horizontalScrollBar().value() + room.width() / 2 - offset_x,
            self.verticalScrollBar().value() + room.height() / 2 - offset_y,
        )

    def _layout_changed(self) -> None:
        content = self._content_size()
        room = self.viewport().size()
        for bar, extent, visible in (
            (self.horizontalScrollBar(), content.width(), room.width()),
            (self.verticalScrollBar(), content.height(), room.height()),
        ):
            bar.setRange(0, max(0, extent - visible))
            bar.setPageStep(visible)
            bar.setSingleStep(max(20, visible // 20))
        self.viewport().update()
        self._next_render.start()

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DevicePixelRatioChange, QEvent.Type.ScreenChangeInternal):
            self._layout_changed()  # same logical size, other pixels: render again for them
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_changed()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()
        self._next_render.start()

    # --- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        shadow = self.palette().color(QPalette.ColorRole.Shadow)
        shadow.setAlpha(70)
        drew_current = False
        for index, rect in enumerate(self.page_rects()):
            if not rect.intersects(event.rect()):
                continue
            painter.fillRect(rect.translated(2, 2), shadow)
            painter.fillRect(rect, QColor(Qt.GlobalColor.white))
            page, detail = self._pages.get(index), self._details.get(index)
            if page is not None:  # stretched, if need be, until a sharp one comes
                self._draw(painter, page, rect, index)
                drew_current = drew_current or page.generation == self._generation
            if detail is not None and self._shows_current_scale(detail, rect, index):
                self._draw(painter, detail, rect, index)
        if self._error:
            painter.setPen(self.palette().color(QPalette.ColorRole.Text))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self._error)
        painter.end()
        if drew_current:
            self._painted_generation = self._generation

    def _shows_current_scale(self, shot: _Shot, rect: QRect, index: int) -> bool:
        return math.isclose(shot.scale, self._device_scale(rect, index), rel_tol=1e-3)

    def _device_scale(self, rect: QRect, index: int) -> float:
        return rect.width() * self.devicePixelRatioF() / self._sizes[index].width

    def _draw(self, painter: QPainter, shot: _Shot, rect: QRect, index: int) -> None:
        points = self._sizes[index]
        area = shot.area or Area(0.0, 0.0, points.width, points.height)
        to_screen = rect.width() / points.width
        target = QRectF(
            rect.x() + area.left * to_screen,
            rect.y() + area.top * to_screen,
            (area.right - area.left) * to_screen,
            (area.bottom - area.top) * to_screen,
        )
        painter.save()
        painter.setClipRect(rect)
        if self._shows_current_scale(shot, rect, index):
            # Pixel for pixel: PDFium's rounding may make it a pixel larger than the sheet's
            # rectangle, which the clip takes off, rather than resampling the whole page.
            painter.drawImage(target.topLeft(), shot.image)
        else:
            painter.drawImage(target, shot.image, QRectF(shot.image.rect()))
        painter.restore()

    # --- rendering ------------------------------------------------------------------------------
    def _render_what_is_missing(self) -> None:
        """Start the next render this view lacks; one at a time, newest needs first."""
        if self._busy or self._pdf is None:
            return
        job = self._next_job()
        if job is None:
            return
        self._busy = True
        pdf = self._pdf

        def work(_task: Task) -> tuple[_Job, PageImage]:
            return job, render_page(pdf, job.index, job.scale, job.area)

        def failed(error: BaseException) -> None:
            self._failed(job, error)

        run_in_background(self, "flyer preview", work, self._rendered, failed, show_progress=False)

    def _next_job(self) -> _Job | None:
        room = self.viewport().rect()
        for index, rect in enumerate(self.page_rects()):
            if not rect.intersects(room) or rect.isEmpty():
                continue
            scale = self._device_scale(rect, index)
            points = self._sizes[index]
            whole = points.width * points.height * scale * scale
            page_scale = scale if whole <= FULL_PAGE_BUDGET else scale * math.sqrt(FULL_PAGE_BUDGET / whole)
            page = self._pages.get(index)
            if (
                page is None
                or page.generation != self._generation
                or not math.isclose(page.scale, page_scale)
            ):
                return _Job(self._generation, index, page_scale, None)
            if page_scale == scale:
                continue
            visible = self._visible_area(rect.intersected(room), rect, index)
            detail = self._details.get(index)
            if (
                detail is None
                or detail.generation != self._generation
                or not math.isclose(detail.scale, scale)
                or not _contains(detail.area, visible)
            ):
                return _Job(self._generation, index, scale, _grown(visible, points))
        return None

    def _visible_area(self, shown: QRect, rect: QRect, index: int) -> Area:
        to_points = self._sizes[index].width / rect.width()
        return Area(
            (shown.left() - rect.left()) * to_points,
            (shown.top() - rect.top()) * to_points,
            (shown.right() + 1 - rect.left()) * to_points,
            (shown.bottom() + 1 - rect.top()) * to_points,
        )

    def _rendered(self, result: tuple[_Job, PageImage]) -> None:
        self._busy = False
        job, page = result
        if job.generation == self._generation:
            self._error = ""
            shot = _Shot(job.generation, job.scale, job.area, to_qimage(page, self.devicePixelRatioF()))
            (self._pages if job.area is None else self._details)[job.index] = shot
            self.viewport().update()
        self._next_render.start()

    def _failed(self, job: _Job, error: BaseException) -> None:
        """Said on the view, not in a dialog; not retried (the same PDF would fail again) until
        another PDF comes."""
        self._busy = False
        if job.generation != self._generation:
            self._next_render.start()  # that PDF is gone; the one on show may still need drawing
            return
        if isinstance(error, RallyorgError):
            self._error = error.translated(_)
        else:
            self._error = _("The preview could not be drawn.")
        self.viewport().update()

    # --- moving around --------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._can_pan():
            self._drag_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            now = event.position().toPoint()
            moved = now - self._drag_from
            self._drag_from = now
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - moved.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - moved.y())
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_from = None
        self.viewport().unsetCursor()
        super().mouseReleaseEvent(event)

    def _can_pan(self) -> bool:
        return self.horizontalScrollBar().maximum() > 0 or self.verticalScrollBar().maximum() > 0


def _contains(outer: Area | None, inner: Area) -> bool:
    if outer is None:
        return True
    return (
        outer.left <= inner.left + 0.5
        and outer.top <= inner.top + 0.5
        and outer.right >= inner.right - 0.5
        and outer.bottom >= inner.bottom - 0.5
    )


def _grown(area: Area, page: PageSize) -> Area:
    """The visible part and a quarter of a view around it, so a short scroll needs no render."""
    pad_x = (area.right - area.left) / 4
    pad_y = (area.bottom - area.top) / 4
    return Area(
        max(0.0, area.left - pad_x),
        max(0.0, area.top - pad_y),
        min(page.width, area.right + pad_x),
        min(page.height, area.bottom + pad_y),
    )
