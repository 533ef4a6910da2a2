"""``rallyorg db upgrade`` runs migrations explicitly (they also run on every open);
``rallyorg db backup FILE`` writes a complete copy of a SQLite database; ``rallyorg db info``
says where the data is; ``rallyorg db copy URL`` copies everything into another, empty
database (moving from the laptop to a PostgreSQL server). Encryption: cli/encryption.py."""

from __future__ import annotations

import argparse

from rallyorg.cli import encryption as encryption_commands
from rallyorg.cli.context import CliContext
from rallyorg.i18n import N_, _, format_file_size, format_number, ui_language

# Each run_* function imports the storage and services it uses: see cli/__init__.py.


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
    restore = actions.add_parser(
        "restore",
        help=_("replace everything in the database with a backup (what is there now is backed up first)"),
    )
    restore.add_argument("file", metavar="FILE", help=_("the backup file to restore"))
    restore.add_argument("--yes", action="store_true", help=_("go ahead without asking"))
    restore.set_defaults(handler=run_restore)
    copy_to = actions.add_parser(
        "copy",
        help=_("copy everything into another, empty database, e.g. a PostgreSQL server"),
    )
    copy_to.add_argument("target", metavar="URL", help=_("address of the empty database to copy into"))
    copy_to.set_defaults(handler=run_copy)
    encryption_commands.register(actions)


def run_upgrade(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.db import create_database_engine, migrate_to_head
    from rallyorg.migrations import current_revision, head_revision

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
    from rallyorg.services import backup

    result = backup.backup_database(context.db, args.file)
    context.print(result.describe(ui_language()))
    return 0


def run_info(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.migrations import current_revision
    from rallyorg.services import backup

    info = backup.database_info(context.db)
    context.print(_("Database: {location} ({kind})").format(location=info.location, kind=info.kind))
    if info.size_bytes is not None:
        context.print(_("Size: {size}").format(size=format_file_size(info.size_bytes, ui_language())))
    context.print(_("Schema: {revision}").format(revision=current_revision(context.db.engine)))
    return 0


def run_copy(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.db import open_database, pasteable
    from rallyorg.services import database_copy

    source = context.db
    target = open_database(args.target)
    try:

        def progress(done: int, total: int, table: str) -> None:
            context.progress(_("{done} of {total} rows copied").format(done=done, total=total))

        result = database_copy.copy_database(source, target, progress)
    finally:
        target.close()
    context.print(
        _("Copied {rows} rows into {url}. Start rallyorg with --db {url} to work there.").format(
            rows=format_number(result.rows, ui_language()), url=pasteable(target.engine.url)
        )
    )
    context.print(_("The data is still here too: keep this copy safe, or delete it once you are sure."))
    return 0


def run_restore(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services import backup, restore

    contents = restore.inspect_backup(args.file)
    if not args.yes:
        raise backup.BackupError(
            N_(
                "Restoring replaces everything in {url} with the backup ({backup}). "
                "Run again with --yes to go ahead."
            ),
            url=context.db.url,
            backup=contents.totals.describe(),
        )
    result = restore.restore_database(context.db, args.file)
    context.print(_("Restored the backup: {backup}.").format(backup=result.restored.totals.describe()))
    if not result.restored.verified:
        context.print(
            _("This backup has no checksum (an older rallyorg made it), so changes to it cannot be detected.")
        )
    context.print(_("What was there before is kept in {path}.").format(path=result.safety_copy))
    return 0
