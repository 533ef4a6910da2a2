"""``rallyorg db upgrade`` runs migrations explicitly (they also run on every open);
``rallyorg db backup FILE`` writes a complete copy of a SQLite database; ``rallyorg db info``
says where the data is."""

from __future__ import annotations

import argparse

from rallyorg.cli.context import CliContext
from rallyorg.db import create_database_engine, migrate_to_head
from rallyorg.i18n import _, format_file_size, ui_language
from rallyorg.migrations import current_revision, head_revision
from rallyorg.services import backup


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("db", help=_("database maintenance"))
    actions = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = actions.add_parser("upgrade", help=_("bring the database schema up to date"))
    upgrade.set_defaults(handler=run_upgrade)
    copy = actions.add_parser(
        "backup",
        help=_("write a complete copy of the database to FILE (SQLite; the app may stay open)"),
    )
    copy.add_argument("file", metavar="FILE", help=_("the backup file to write"))
    copy.set_defaults(handler=run_backup)
    info = actions.add_parser("info", help=_("show where the database is and what it holds"))
    info.set_defaults(handler=run_info)


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


def run_backup(args: argparse.Namespace, context: CliContext) -> int:
    result = backup.backup_database(context.db, args.file)
    context.print(result.describe(ui_language()))
    return 0


def run_info(args: argparse.Namespace, context: CliContext) -> int:
    info = backup.database_info(context.db)
    context.print(_("Database: {location} ({kind})").format(location=info.location, kind=info.kind))
    if info.size_bytes is not None:
        context.print(_("Size: {size}").format(size=format_file_size(info.size_bytes, ui_language())))
    context.print(_("Schema: {revision}").format(revision=current_revision(context.db.engine)))
    return 0
