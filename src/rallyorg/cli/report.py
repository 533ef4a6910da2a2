"""``rallyorg report``: the reports of issue #17 as a PDF (chart and table) or CSV.

    rallyorg report attendance|hours|partners|shifts [--from DATE] [--to DATE] -o FILE.pdf|FILE.csv

The file's extension chooses the format. A report covers the events (not cancelled) whose
start, in the event's own time zone, falls from --from to --to, both days included. The PDF is
in the interface language (--lang); the CSV has fixed English headers for scripts (the
attendance CSV: ``id,date,title,signed up,checked in,walk-ins``). The hours report has two
tables, so its CSV is two files: FILE.csv by person and FILE-by-month.csv. Each file is written
whole or not at all, and its path printed on stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from rallyorg.cli.context import CliContext
from rallyorg.domain.reports import ReportKind
from rallyorg.i18n import _, ui_language

# The services (SQLAlchemy) and the writers (ReportLab) are imported by ``run``: see
# cli/__init__.py.

FORMATS = (".pdf", ".csv")


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a date (YYYY-MM-DD): {value}").format(value=text)) from None


def _report_file(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() not in FORMATS:
        raise argparse.ArgumentTypeError(
            _("a report is written as FILE.pdf or FILE.csv, not {name}").format(name=path.name or text)
        )
    return path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report",
        help=_("attendance, volunteer hours, partner groups or shift fill rates, as PDF or CSV"),
        description=_(
            "A report over the events that start from --from to --to (both days included, in "
            "each event's time zone): a PDF with a chart and a table, or the table as CSV."
        ),
    )
    parser.add_argument(
        "kind",
        choices=[kind.value for kind in ReportKind],
        metavar="{" + ",".join(kind.value for kind in ReportKind) + "}",
        help=_(
            "attendance: signed up, checked in and walk-ins per event; hours: volunteer hours by "
            "person and by month; partners: events and volunteers per partner group; shifts: "
            "how full each shift is"
        ),
    )
    parser.add_argument(
        "--from", dest="start", type=_day, metavar="DATE", help=_("from this day on (YYYY-MM-DD)")
    )
    parser.add_argument("--to", dest="end", type=_day, metavar="DATE", help=_("up to and including this day"))
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=_report_file,
        metavar="FILE",
        help=_("the file to write: FILE.pdf or FILE.csv"),
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.domain.files import write_atomically
    from rallyorg.domain.reports import DateRange
    from rallyorg.exchange.report_pdf import report_pdf
    from rallyorg.exchange.report_tables import ReportData, csv_files
    from rallyorg.i18n import translator
    from rallyorg.services import reports

    kind = ReportKind(args.kind)
    dates = DateRange(args.start, args.end)  # refuses a range that ends before it starts
    language = ui_language()
    data: ReportData
    if kind == ReportKind.ATTENDANCE:
        data = reports.attendance(context.db, dates.start, dates.end, language=language)
    elif kind == ReportKind.HOURS:
        data = reports.hours(context.db, dates.start, dates.end)
    elif kind == ReportKind.PARTNERS:
        data = reports.partners(context.db, dates.start, dates.end)
    else:
        data = reports.shifts(context.db, dates.start, dates.end, language=language)
    path: Path = args.output
    # Hours name people: that file is for its owner's eyes (0600), as exports of people are.
    private = kind == ReportKind.HOURS
    if path.suffix.lower() == ".pdf":
        write_atomically(path, report_pdf(kind, data, dates, language), private=private)
        context.print(str(path))
        return 0
    for suffix, content in csv_files(kind, data, translator(language).gettext):
        target = path.with_name(f"{path.stem}{suffix}{path.suffix}") if suffix else path
        write_atomically(target, content, private=private)
        context.print(str(target))
    return 0
