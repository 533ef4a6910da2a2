"""``rallyorg demo``: load the sample coalition."""

from __future__ import annotations

import argparse

from rallyorg.cli.context import CliContext
from rallyorg.i18n import _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "demo", help=_("load the sample coalition (fictional people) into an empty database")
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help=_(
            "replace the sample coalition with a fresh copy, even if the database holds other "
            "records (your own records stay)"
        ),
    )
    parser.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.demo import load_demo  # here: the sample data is only needed by this command

    summary = load_demo(context.db, force=args.force)
    context.print(
        _(
            "Loaded the sample coalition: {groups} partner groups, {events} events, "
            "{volunteers} volunteers, {signups} sign-ups."
        ).format(
            groups=summary.groups,
            events=summary.events,
            volunteers=summary.volunteers,
            signups=summary.signups,
        )
    )
    return 0
