"""The ``rallyorg`` command line: subcommands over the services. Never imports Qt.

Each area lives in its own module with a ``register(subparsers)`` function; a subcommand
sets ``handler=function(args, context) -> exit code`` on its parser.

Every command, ``--help`` included, starts by building the whole parser, so the area modules
import at their top only what ``register`` needs: argparse, the i18n helpers, the domain's
enums and a few plain-data modules. A handler imports the services it calls (and with them
SQLAlchemy, ReportLab, clevercsv, phonenumbers…) inside its body, when it runs: so
``rallyorg --help`` takes ~0.1 s instead of ~0.7 s, and a command loads only what it uses.
Choices whose definitions live in a heavy module are written out in ``cli/choices.py``.
tests/cli/test_start.py fails when a heavy module creeps back in.
"""

from __future__ import annotations

import argparse

from rallyorg import __version__
from rallyorg.cli import (
    activity,
    database,
    demo,
    events,
    exchange,
    exports,
    flyer,
    look,
    partners,
    privacy,
    remind,
    report,
    server,
    volunteers,
)
from rallyorg.cli.argparse_words import translate_argparse
from rallyorg.i18n import _

AREAS = (
    demo,
    events,
    partners,
    volunteers,
    flyer,
    look,
    exchange,
    exports,
    report,
    remind,
    database,
    privacy,
    server,
    activity,
)


def build_parser() -> argparse.ArgumentParser:
    translate_argparse()
    parser = argparse.ArgumentParser(
        prog="rallyorg",
        description=_(
            "Plan rallies, partner groups, volunteer shifts and bilingual flyers. "
            "Without a command, the desktop app starts."
        ),
    )
    parser.add_argument(
        "--version", action="version", version=f"rallyorg {__version__}", help=_("show the version and exit")
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help=_(
            "database address (SQLAlchemy URL), e.g. sqlite:///coalition.db or "
            "postgresql+psycopg://user@host/rallyorg; default: $RALLYORG_DB or a file in "
            "your data folder"
        ),
    )
    parser.add_argument(
        "--wait",
        metavar="SECONDS",
        type=float,
        default=None,
        help=_(
            "when another rallyorg is writing to the same database, wait this long for it "
            "before giving up (default: 120)"
        ),
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help=_("language of the interface: en, es or pt_BR (default: the system's)"),
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for area in AREAS:
        area.register(subparsers)
    return parser
