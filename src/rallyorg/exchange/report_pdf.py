"""A report as a letter-size PDF: its title, the range of days, then the chart and tables
report_content.py gives, in the language asked for, with Noto Sans embedded (every text on
the page and in the charts; the canvas starts in it too, so no base-14 font is named).

Takes the plain rows of ``rallyorg.domain.reports``; knows nothing of the database.

``report_chart`` gives the same chart alone, as a one-page PDF of its own size: the Reports
screen shows it (rendered by PDFium), so the app and the PDF show one chart, drawn once.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from rallyorg.domain.fonts import BOLD, REGULAR, printable, register_fonts
from rallyorg.domain.reports import DateRange, ReportData, ReportKind
from rallyorg.exchange.letter_document import MARGIN, WIDTH, letter_document
from rallyorg.exchange.report_content import PdfTable, report_content
from rallyorg.i18n import N_, format_short_date, translator

CELL_SIZE = 8.5
HEADER_BACKGROUND = colors.HexColor("#e8edf3")
STRIPE = colors.HexColor("#f5f7fa")
RULE = colors.HexColor("#2f3b52")

# Translators: the range of days a report covers, e.g. "From May 1, 2025 to May 31, 2025".
FROM_TO = N_("From {start} to {end}")
# Translators: the range of days a report covers, open at its end.
FROM_ON = N_("From {start} on")
# Translators: the range of days a report covers, open at its start.
UNTIL = N_("Until {end}")
# Translators: the range of days a report covers, when none was chosen.
ALL_DATES = N_("All dates")
# Translators: a report's days and the campaign tag it was limited to, e.g. "All dates · campaign:
# TRUST Act 2027".
WITH_CAMPAIGN = N_("{days} · campaign: {tag}")
# Translators: a report with no events (or no figures) in the range of days chosen.
NOTHING = N_("Nothing to report for these days.")

TITLES = {
    # Translators: title of a report (PDF): people signed up, checked in and walked in per event.
    ReportKind.ATTENDANCE: N_("Attendance per event"),
    # Translators: title of a report (PDF).
    ReportKind.HOURS: N_("Volunteer hours"),
    # Translators: title of a report (PDF): events and volunteers of each partner group.
    ReportKind.PARTNERS: N_("Partner-group participation"),
    # Translators: title of a report (PDF): how full each shift is.
    ReportKind.SHIFTS: N_("Shift fill rates"),
}


def describe_range(dates: DateRange, language: str) -> str:
    gettext = translator(language).gettext
    start = format_short_date(dates.start, language) if dates.start else ""
    end = format_short_date(dates.end, language) if dates.end else ""
    if start and end:
        return gettext(FROM_TO).format(start=start, end=end)
    if start:
        return gettext(FROM_ON).format(start=start)
    if end:
        return gettext(UNTIL).format(end=end)
    return gettext(ALL_DATES)


def describe_scope(dates: DateRange, campaign: str | None, language: str) -> str:
    days = describe_range(dates, language)
    return translator(language).gettext(WITH_CAMPAIGN).format(days=days, tag=campaign) if campaign else days


@dataclass(frozen=True)
class ReportChart:
    """A report's chart alone: a one-page PDF as big as the chart (``WIDTH`` points wide, as
    in the report), with the words the report prints above and under it."""

    pdf: bytes
    width: float  # the chart's size, in points
    height: float
    caption: str
    note: str  # "The chart shows 40 of 52; the table lists them all." or ""


def report_chart(kind: ReportKind, data: ReportData, language: str) -> ReportChart | None:
    """The chart ``report_pdf`` draws for these figures; None when it draws none (no figures)."""
    from reportlab.graphics import renderPDF

    register_fonts()
    gettext = translator(language).gettext
    content = report_content(kind, data, language, gettext, WIDTH)
    if content.chart is None:
        return None
    # The drawing starts its canvas in Noto Sans (report_charts.py): no base-14 font is named.
    chart = content.chart
    pdf = renderPDF.drawToString(chart, invariant=1)
    size = (float(chart.width), float(chart.height))
    return ReportChart(pdf, *size, content.chart_caption, content.chart_note)


def report_pdf(
    kind: ReportKind, data: ReportData, dates: DateRange, language: str, campaign: str | None = None
) -> bytes:
    """The report as a PDF: title, range (and campaign), chart and table(s), in ``language``."""
    register_fonts()
    gettext = translator(language).gettext
    title = printable(gettext(TITLES[kind]))[0]
    content = report_content(kind, data, language, gettext, WIDTH)
    styles = _styles()
    story: list[Flowable] = [
        Paragraph(escape(title), styles["title"]),
        Paragraph(escape(printable(describe_scope(dates, campaign, language))[0]), styles["range"]),
    ]
    if content.chart is None:
        story.append(Paragraph(escape(gettext(NOTHING)), styles["body"]))
    else:
        story.append(Paragraph(escape(printable(content.chart_caption)[0]), styles["heading"]))
        story.append(content.chart)
        if content.chart_note:
            story.append(Paragraph(escape(content.chart_note), styles["note"]))
        for table in content.tables:
            story.append(Spacer(1, 10))
            if table.heading:
                story.append(Paragraph(escape(printable(table.heading)[0]), styles["heading"]))
            story.append(_table(table, styles))
            if table.note:
                story.append(Paragraph(escape(table.note), styles["note"]))
    buffer = io.BytesIO()
    page_word = gettext(N_("Page {number}"))

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(MARGIN, 0.4 * inch, f"rallyorg · {title}")
        canvas.drawRightString(LETTER[0] - MARGIN, 0.4 * inch, page_word.format(number=document.page))
        canvas.restoreState()

    document = letter_document(buffer, title, language)
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13)
    return {
        "body": base,
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=18, leading=22, spaceAfter=2),
        "range": ParagraphStyle("range", base, fontSize=11, leading=14, spaceAfter=10),
        "heading": ParagraphStyle("heading", base, fontName=BOLD, fontSize=11, leading=14, spaceAfter=4),
        "note": ParagraphStyle("note", base, fontSize=8, leading=10, textColor=colors.HexColor("#555555")),
        "cell": ParagraphStyle("cell", base, fontSize=CELL_SIZE, leading=CELL_SIZE + 2),
        "section": ParagraphStyle("section", base, fontName=BOLD, fontSize=CELL_SIZE, leading=CELL_SIZE + 2),
    }


def _table(spec: PdfTable, styles: dict[str, ParagraphStyle]) -> Flowable:
    rows = [spec.headers, *spec.rows, *([spec.total] if spec.total else [])]
    columns = len(spec.headers)
    widths: list[float] = []
    for column in range(columns):
        texts = [row[column] for row_index, row in enumerate(rows) if row_index - 1 not in spec.sections]
        font_widths = [stringWidth(printable(cell)[0], REGULAR, CELL_SIZE) for cell in texts[1:]]
        header = stringWidth(texts[0], BOLD, CELL_SIZE)
        widths.append(min(max([header, *font_widths]) + 12, 120))
    widths[spec.wide] = max(WIDTH - (sum(widths) - widths[spec.wide]), 120)
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, CELL_SIZE),
        ("FONT", (0, 0), (-1, 0), BOLD, CELL_SIZE),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for column in spec.right:
        commands.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    for index, row in enumerate(rows):
        if index - 1 in spec.sections:
            data.append([Paragraph(escape(printable(row[0])[0]), styles["section"])] + [""] * (columns - 1))
            commands.append(("SPAN", (0, index), (-1, index)))
            commands.append(("LINEABOVE", (0, index), (-1, index), 0.5, RULE))
            continue
        cells: list[Any] = [printable(cell)[0] for cell in row]
        if index > 0:
            cells[spec.wide] = Paragraph(escape(cells[spec.wide]), styles["cell"])
            if index % 2 == 0:
                commands.append(("BACKGROUND", (0, index), (-1, index), STRIPE))
        data.append(cells)
    if spec.total:
        commands.append(("FONT", (0, -1), (-1, -1), BOLD, CELL_SIZE))
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, RULE))
        data[-1][spec.wide] = Paragraph(escape(spec.total[spec.wide]), styles["section"])
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table
