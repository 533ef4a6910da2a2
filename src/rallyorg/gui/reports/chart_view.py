"""A report's chart in the app: the very chart the report's PDF prints, shown as a picture.

Why not a chart library of its own: the PDF's chart is ReportLab's (``exchange.report_charts``),
and a second chart in another library (pyqtgraph, matplotlib; QtCharts is not even in
PySide6-Essentials) would be a second look — colours, scales, labels, fonts, languages — to keep
in step with the first, and a new dependency. Instead the chart is drawn once, as a one-page PDF
of its own size (``exchange.report_pdf.report_chart``), and PDFium renders it to pixels as the
flyer preview renders its pages (``flyers.pages.render_page``): the app and the PDF show
identical charts, and nothing new is installed.

The picture keeps its proportions and fits the room it is given, but is never shrunk below
about its size on paper (``READABLE``): a tall chart (the partner groups' bars) then scrolls
rather than become too small to read. It is rendered at the screen's device pixels for the size
it is shown at (again, after a resize changes that size by more than a little), off the UI
thread, and the last picture stands in meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QStyle, QWidget

from rallyorg.domain.errors import RallyorgError
from rallyorg.flyers.pages import PageSize, render_page
from rallyorg.gui.background import Task, run_in_background
from rallyorg.gui.flyer.page_view import to_qimage
from rallyorg.i18n import _

MARGIN = 4  # logical pixels around the picture
RESIZE_DELAY_MS = 120  # a window dragged wider renders once, when it stops
CLOSE_ENOUGH = 0.08  # a picture within 8% of the size shown is not rendered again
MAX_SCALE = 6.0  # device pixels per point: a 4K screen's full width at most
READABLE = 1.0  # logical pixels per point: the chart's 7.5 pt labels stay 7.5 px high or more
# A chart that must scroll anyway (the partner groups' twenty bars) is shown this big, room
# allowing: at READABLE its group names were 7 px high in a third of a wide window.
SCROLLED = 1.6


@dataclass(frozen=True)
class _Shot:
    generation: int
    scale: float  # device pixels per point
    size: PageSize  # the chart's size, in points
    image: QImage


class ChartView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pdf: bytes | None = None
        self._size: PageSize | None = None
        self._generation = 0
        self._shot: _Shot | None = None
        self._busy = False
        self._message = ""
        self._painted_generation = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RESIZE_DELAY_MS)
        self._timer.timeout.connect(self._render)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(self.fontMetrics().height() * 6)

    # --- what is shown --------------------------------------------------------------------------
    def set_chart(self, pdf: bytes, size: PageSize, description: str) -> None:
        """Show the chart of ``pdf`` (a one-page PDF of the chart alone, ``size`` points big);
        ``description`` is what a screen reader says of it."""
        self._pdf, self._size = pdf, size
        self._message = ""
        self._generation += 1
        self.setAccessibleName(description)
        self.setToolTip("")
        self._render()
        self.update()

    def show_message(self, message: str) -> None:
        """No chart: ``message`` in its place ("Nothing to report for these days.")."""
        self._pdf, self._shot, self._size = None, None, None
        self._message = message
        self._generation += 1
        self.setAccessibleName(message)
        self.update()

    def image(self) -> QImage | None:
        """The picture of the chart on show (device pixels), if one has been rendered."""
        return self._shot.image if self._shot is not None and self._pdf is not None else None

    def is_showing_chart(self) -> bool:
        """True once the current chart's picture has been painted."""
        return self._pdf is not None and self._painted_generation == self._generation

    def is_sharp(self) -> bool:
        """True when the picture on show is rendered for the size it is shown at."""
        return self.is_showing_chart() and not self._busy and self._wanted_scale() is None

    def chart_size(self) -> PageSize | None:
        """The chart's size in points (None: no chart on show)."""
        return self._size

    def sizeHint(self) -> QSize:
        return QSize(480, 240)

    # --- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        shot = self._shot
        if self._pdf is None or shot is None:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message
            )
            return
        target = self._target(shot.size)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, shot.image, QRectF(shot.image.rect()))
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawRect(target.adjusted(-0.5, -0.5, 0.5, 0.5))
        if shot.generation == self._generation:
            self._painted_generation = shot.generation

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._pdf is not None:
            self._timer.start()

    def _target(self, size: PageSize) -> QRectF:
        """Where the picture goes: as big as fits, in proportion, centred."""
        room = QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        if size.width <= 0 or size.height <= 0 or room.width() <= 0 or room.height() <= 0:
            return QRectF()
        zoom = min(room.width() / size.width, room.height() / size.height)
        width, height = size.width * zoom, size.height * zoom
        return QRectF(
            room.x() + (room.width() - width) / 2, room.y() + (room.height() - height) / 2, width, height
        )

    # --- rendering ------------------------------------------------------------------------------
    def _wanted_scale(self) -> float | None:
        """The scale to render at now, or None when the picture on show will do."""
        shot = self._shot
        if self._pdf is None or shot is None or shot.generation != self._generation:
            return None
        scale = self._scale_for(shot.size)
        if scale <= 0 or abs(scale / shot.scale - 1) <= CLOSE_ENOUGH:
            return None
        return scale

    def _scale_for(self, size: PageSize) -> float:
        target = self._target(size)
        if target.isEmpty():
            return 0.0
        return min(MAX_SCALE, target.width() / size.width * self.devicePixelRatioF())

    def _render(self) -> None:
        """Render the picture the view lacks: one render at a time, the newest need first."""
        if self._busy or self._pdf is None:
            return
        current = self._shot is not None and self._shot.generation == self._generation
        if current and self._wanted_scale() is None:
            return
        pdf, generation, size = self._pdf, self._generation, self._size
        assert size is not None
        # Not yet laid out (no room): a picture of the chart's own size, sharpened later.
        scale = self._scale_for(size) or self.devicePixelRatioF()
        self._busy = True

        def work(_task: Task) -> _Shot:
            page = render_page(pdf, 0, scale)
            return _Shot(generation, scale, size, to_qimage(page, 1.0))

        run_in_background(self, "report chart", work, self._rendered, self._failed, show_progress=False)

    def _rendered(self, shot: _Shot) -> None:
        self._busy = False
        if shot.generation == self._generation:
            self._shot = shot
            self.update()
        self._render()  # the chart or the size changed meanwhile

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self._pdf, self._shot = None, None
        self._message = (
            error.translated(_)
            if isinstance(error, RallyorgError)
            # Translators: in place of a report's chart on the Reports screen.
            else _("The chart could not be drawn.")
        )
        self.update()


class ChartArea(QScrollArea):
    """The chart view, as big as the room it is given, or taller and scrolled when fitting that
    room would shrink the chart below ``READABLE`` (then as big as ``SCROLLED``, room allowing).
    Whether it scrolls is decided by the room alone, with the scroll bar's width always set
    aside: the bar's coming and going cannot change the decision (no layout loop)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = ChartView()
        self._least = self.view.minimumHeight()
        self.setWidget(self.view)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def set_chart(self, pdf: bytes, size: PageSize, description: str) -> None:
        self.view.set_chart(pdf, size, description)
        self.fit()

    def show_message(self, message: str) -> None:
        self.view.show_message(message)
        self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        size = self.view.chart_size()
        needed = 0
        if size is not None and size.width > 0 and size.height > 0:
            bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
            width = self.width() - bar - 2 * MARGIN
            height = self.height() - 2 * MARGIN
            by_width = width / size.width
            zoom = min(by_width, height / size.height)
            if zoom < READABLE:
                zoom = min(by_width, max(SCROLLED, READABLE))
            needed = round(size.height * zoom) + 2 * MARGIN
            if needed <= self.height():
                needed = 0  # it fits: the view fills the room
        self.view.setMinimumHeight(max(self._least, needed))
