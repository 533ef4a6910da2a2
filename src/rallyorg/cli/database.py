"""``rallyorg db upgrade``: run migrations explicitly (they also run on every open)."""

from __future__ import annotations

import argparse

from rallyorg.cli.context import CliContext
from rallyorg.db import create_database_engine, migrate_to_head
from rallyorg.i18n import _
from rallyorg.migrations import current_revision, head_revision


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("db", help=_("database maintenance"))
    actions = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = actions.add_parser("upgrade", help=_("bring the database schema up to date"))
    upgrade.set_defaults(handler=run_upgrade)


def run_upgrade(args: argparse.Namespace, context: CliContext) -> int:
    engine = create_database_engine(context.db_url)
    try:
        before = current_revision(engine)
        migrate_to_head(engine)
        after = current_revision(engine)
    finally:
        engine.dispose()
    if before == after:
        context.print(_("The database is up to date (schema {revision}).").format(revision=after))
    else:
        context.print(
            _("Upgraded the database from schema {old} to {new}.").format(
                old=before or _("empty"), new=after or head_revision()
            )
        )
    return 0
