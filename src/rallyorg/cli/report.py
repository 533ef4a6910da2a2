"""``rallyorg report``: the reports of issue #17 as a PDF (chart and table) or CSV.

    rallyorg report attendance|hours|partners|shifts [--from DATE] [--to DATE] [--tag TAG]
                    -o FILE.pdf|FILE.csv

The file's extension chooses the format. A report covers the events (not cancelled) whose
start, in the event's own time zone, falls from --from to --to, both days included. The PDF is
in the interface language (--lang); the CSV has fixed English headers for scripts (the
attendance CSV: ``id,date,title,signed up,checked in,walk-ins``). The hours report has two
tables, so its CSV is two files: FILE.csv by person and FILE-by-month.csv. Each file is written
whole or not at all, and its path printed on stdout. --tag limits it to the events of one
campaign tag (``rallyorg events tags``).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from rallyorg.cli.context import CliContext
from rallyorg.domain.reports import ReportKind
from rallyorg.i18n import N_, _, ui_language

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


def _campaign(context: CliContext, typed: str) -> str:
    """The tag as stored ("TRUST Act 2027" for "trust act 2027"); an unknown one is refused
    rather than give an empty report that looks like a coalition that did nothing."""
    from rallyorg.domain.errors import ValidationError
    from rallyorg.services import events

    known = events.campaign_tags(context.db)
    wanted = " ".join(typed.split()).casefold()
    for tag in known:
        if tag.casefold() == wanted:
            return tag
    raise ValidationError(
        "tag",
        N_("No event has the campaign tag {tag}. Tags in use: {known}"),
        tag=typed,
        known=", ".join(known) or "—",
    )


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
        "--tag", metavar="TAG", help=_("only the events of this campaign tag (see: events tags)")
    )
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
    from rallyorg.exchange.report_tables import csv_files
    from rallyorg.i18n import translator
    from rallyorg.services import reports

    kind = ReportKind(args.kind)
    dates = DateRange(args.start, args.end)  # refuses a range that ends before it starts
    language = ui_language()
    campaign = _campaign(context, args.tag) if args.tag else None
    data = reports.report(context.db, kind, dates, language=language, campaign=campaign)
    path: Path = args.output
    # Hours name people: that file is for its owner's eyes (0600), as exports of people are.
    private = kind == ReportKind.HOURS
    if path.suffix.lower() == ".pdf":
        write_atomically(path, report_pdf(kind, data, dates, language, campaign), private=private)
        context.print(str(path))
        return 0
    for suffix, content in csv_files(kind, data, translator(language).gettext):
        target = path.with_name(f"{path.stem}{suffix}{path.suffix}") if suffix else path
        write_atomically(target, content, private=private)
        context.print(str(target))
    return 0
