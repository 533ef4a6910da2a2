"""The reports' charts, drawn with ReportLab's own chart module (``reportlab.graphics.charts``):
grouped bars of attendance per event, bars of hours per month, horizontal bars of the partner
groups, bars of each event's filled places.

Every label — axes, bar values, legend — is set in the Noto faces (and the drawing starts in
them: ReportLab's renderer would otherwise name Helvetica, a base-14 font no PDF embeds).
Colours differ in lightness as well as hue, so the bars stay apart printed in black and white.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import BarChart, HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors

from rallyorg.domain.fonts import REGULAR, printable

LABEL_SIZE = 7.5
AXIS_COLOUR = colors.HexColor("#4a5568")
GRID_COLOUR = colors.HexColor("#e2e8f0")
# Light slate, dark green, orange: three greys of clearly different depth on paper.
SERIES_COLOURS = (colors.HexColor("#a3b1c6"), colors.HexColor("#1f6f4a"), colors.HexColor("#e08a1e"))
# A chart shows at most this many bars' groups; the table under it lists every row.
MAX_GROUPS = 40
MAX_GROUP_BARS = 20  # horizontal bars of partner groups
MAX_LABELS = 16  # labels under vertical bars: more would overlap
CATEGORY_LABEL_LENGTH = 34


@dataclass(frozen=True)
class Series:
    name: str  # translated, for the legend
    values: Sequence[float]


def nice_step(largest: float, *, ticks: int = 6) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten, whole for whole numbers) that
    divides 0…``largest`` into at most about ``ticks`` parts."""
    if largest <= 0:
        return 1
    raw = largest / ticks
    power = 1.0
    while power * 10 <= raw:
        power *= 10
    while power > raw and power > 1:
        power /= 10
    for factor in (1, 2, 2.5, 5, 10):
        if power * factor >= raw:
            return max(1.0, power * factor)
    return power * 10


def _short(label: str) -> str:
    text = printable(label)[0]
    return text if len(text) <= CATEGORY_LABEL_LENGTH else text[: CATEGORY_LABEL_LENGTH - 1].rstrip() + "…"


def _style_axes(chart: BarChart, largest: float, value_format: Callable[[float], str]) -> None:
    step = nice_step(largest)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = max(step, step * -(-largest // step))
    chart.valueAxis.labelTextFormat = value_format
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID_COLOUR
    chart.valueAxis.gridStrokeWidth = 0.5
    for axis in (chart.valueAxis, chart.categoryAxis):
        axis.strokeColor = AXIS_COLOUR
        axis.labels.fontName = REGULAR
        axis.labels.fontSize = LABEL_SIZE
        axis.labels.fillColor = AXIS_COLOUR
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = LABEL_SIZE - 1


def _legend(series: Sequence[Series], x: float, y: float) -> Legend:
    legend = Legend()
    legend.fontName = REGULAR
    legend.fontSize = LABEL_SIZE + 0.5
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.x, legend.y = x, y
    legend.columnMaximum = 1
    legend.deltax = 0
    legend.dxTextSpace = 4
    legend.dx = legend.dy = 8
    legend.colorNamePairs = [
        (SERIES_COLOURS[index % len(SERIES_COLOURS)], printable(s.name)[0]) for index, s in enumerate(series)
    ]
    # Each entry as wide as its words: the legend reads as one line under the chart.
    legend.variColumn = True
    legend.columnMaximum = 1
    return legend


def _drawing(width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    drawing.initialFontName = REGULAR
    drawing.initialFontSize = LABEL_SIZE
    return drawing


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    width: float,
    height: float = 250,
    value_format: Callable[[float], str] = lambda value: f"{value:g}",
    bar_labels: bool = False,
) -> Drawing:
    """Vertical bars: one group per category (in order, left to right), one bar per series."""
    shown = slice(max(0, len(categories) - MAX_GROUPS), None)  # the latest, when there are many
    categories = list(categories)[shown]
    data = [list(s.values)[shown] for s in series]
    many = len(categories) > 8
    drawing = _drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 78 if many else 48
    chart.width, chart.height = width - chart.x - 8, height - chart.y - 10
    chart.data = data
    largest = max((value for values in data for value in values), default=0)
    _style_axes(chart, largest, value_format)
    # Every category's label while they fit; past MAX_LABELS, every second (third…) one.
    every = -(-len(categories) // MAX_LABELS)
    chart.categoryAxis.categoryNames = [
        _short(name) if index % every == 0 else "" for index, name in enumerate(categories)
    ]
    labels = chart.categoryAxis.labels
    if many:
        labels.angle, labels.boxAnchor, labels.dx, labels.dy = 35, "ne", 2, -2
    else:
        labels.boxAnchor, labels.dy = "n", -3
    chart.groupSpacing = 6
    chart.barSpacing = 1
    chart.bars.strokeColor = None
    for index in range(len(series)):
        chart.bars[index].fillColor = SERIES_COLOURS[index % len(SERIES_COLOURS)]
    if bar_labels:
        chart.barLabelFormat = value_format
        chart.barLabels.nudge = 6
    drawing.add(chart)
    if len(series) > 1:
        drawing.add(_legend(series, chart.x, 12))
    return drawing


def horizontal_bar_chart(
    categories: Sequence[str], series: Sequence[Series], *, width: float, label_width: float = 190
) -> Drawing:
    """Horizontal bars, the first category at the top: for names too long to stand under a bar."""
    categories = list(categories)[:MAX_GROUP_BARS]
    data = [list(s.values)[: len(categories)] for s in series]
    rows = max(len(categories), 1)
    height = 40 + rows * (6 + 7 * len(series)) + 20
    drawing = _drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 44
    chart.width, chart.height = width - chart.x - 12, height - chart.y - 8
    # ReportLab puts the first category, and in each the first series, at the bottom:
    # both reversed, the list and each group's bars read top down, as the legend does.
    chart.data = [list(reversed(values)) for values in reversed(data)]
    largest = max((value for values in data for value in values), default=0)
    _style_axes(chart, largest, lambda value: f"{value:g}")
    chart.categoryAxis.categoryNames = [_short(name) for name in reversed(categories)]
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.groupSpacing = 4
    chart.barSpacing = 0.5
    chart.bars.strokeColor = None
    for index in range(len(series)):
        chart.bars[len(series) - 1 - index].fillColor = SERIES_COLOURS[index % len(SERIES_COLOURS)]
    drawing.add(chart)
    drawing.add(_legend(series, chart.x, 14))
    return drawing
