"""``rallyorg activity``: who changed what and when, newest first, by person and date."""

from __future__ import annotations

import argparse
import datetime as dt

from rallyorg.cli.context import CliContext
from rallyorg.domain.activity_words import ACTIONS, RECORDS
from rallyorg.i18n import _, format_datetime, ui_language

# Each run_* function imports the services it uses: see cli/__init__.py.


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a date (YYYY-MM-DD): {value}").format(value=text)) from None


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("activity", help=_("who changed what and when, newest first"))
    parser.add_argument("--by", metavar="NAME", help=_("only the changes this person made"))
    parser.add_argument("--since", metavar="DATE", type=_day, help=_("from this day on (YYYY-MM-DD)"))
    parser.add_argument("--until", metavar="DATE", type=_day, help=_("up to and including this day"))
    parser.add_argument("--limit", type=int, default=200, help=_("at most this many (default: 200)"))
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run_activity)


def _describe(action: str, table: str, record_id: int | None) -> str:
    # One phrase to translate, so that each language puts the words in its own order.
    words = {"action": _(ACTIONS.get(action, action)), "record": _(RECORDS.get(table, table))}
    return _("{action} {record} {id}").format(**words, id=record_id or "").strip()


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()).astimezone()


def run_activity(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services.activity import list_activity

    found = list_activity(
        context.db,
        actor=args.by,
        since=_local_midnight(args.since) if args.since else None,
        until=_local_midnight(args.until + dt.timedelta(days=1)) if args.until else None,
        limit=max(args.limit, 1),
    )
    if args.json:
        context.print_json(
            [
                {
                    "at": e.at.isoformat(),
                    "by": e.actor,
                    "action": e.action,
                    "record": e.table,
                    "id": e.record_id,
                    "fields": list(e.fields),
                    "event_id": e.event_id,
                }
                for e in found
            ]
        )
        return 0
    language = ui_language()
    rows = [
        (
            format_datetime(e.at.astimezone(), language),
            e.actor,
            _describe(e.action, e.table, e.record_id),
            ", ".join(e.fields),
        )
        for e in found
    ]
    context.print_table([_("When"), _("Who"), _("What"), _("Fields")], rows)
    return 0
