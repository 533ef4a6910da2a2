"""``rallyorg export …``: contacts, volunteers, events and an event's sign-in sheet out.

rallyorg export contacts --format csv|google|outlook|vcard|xlsx -o FILE
                [--vcard-version 3.0|4.0] [--split] [--shared-only] [--redacted]
rallyorg export events --format ics -o FILE [--event ID] [--language LANG]
rallyorg export roster EVENT_ID -o FILE.pdf [--include-phones]
rallyorg export volunteers -o FILE.csv [--shared-only] [--redacted]
rallyorg export log

``csv`` and ``xlsx`` are for spreadsheets; ``google`` and ``outlook`` are the files those
address books import (no formula guard: they are not opened as spreadsheets); ``vcard
--split`` writes one card per file into a new folder, for Outlook.

An export writes every record it can: one that cannot be written (an event whose public URL
holds a line break, stored by an older version) is left out and named, with the field and the
reason, and the command exits with status 3 (EXIT_PARTIAL) instead of 0. Who consent left out,
and how many in the file did not agree to be shared, is always said.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rallyorg.cli.context import EXIT_PARTIAL, CliContext
from rallyorg.domain.enums import Language
from rallyorg.i18n import _, format_datetime, ngettext, ui_language

if TYPE_CHECKING:
    from rallyorg.services.exports import ExportResult

# Each run_* function imports rallyorg.services.exports (SQLAlchemy, and the writers for
# vCard, iCalendar, xlsx and PDF) when it runs, not at the top: see cli/__init__.py.

CONTACT_FORMATS = ("csv", "google", "outlook", "vcard", "xlsx")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("export", help=_("export contacts, volunteers, events or a roster"))
    actions = parser.add_subparsers(dest="export_command", metavar="WHAT", required=True)

    def consent_options(action: argparse.ArgumentParser) -> None:
        action.add_argument(
            "--shared-only",
            action="store_true",
            help=_("only people who agreed to be shared with partner groups"),
        )
        action.add_argument(
            "--redacted", action="store_true", help=_("only first name (or initials), initial and city")
        )

    contacts = actions.add_parser(
        "contacts", help=_("partner groups' contacts (people marked do-not-contact are left out)")
    )
    contacts.add_argument(
        "--format",
        choices=CONTACT_FORMATS,
        default="csv",
        help=_(
            "csv or xlsx for spreadsheets; google or outlook to import into those address books; "
            "vcard for phones (default: csv)"
        ),
    )
    contacts.add_argument("--vcard-version", choices=["3.0", "4.0"], default="3.0")
    contacts.add_argument(
        "--split",
        action="store_true",
        help=_(
            "vcard only: one card per file, in the new folder given with -o (Outlook reads one card a file)"
        ),
    )
    contacts.add_argument(
        "-o", "--output", required=True, metavar="FILE", help=_("the file (a folder with --split)")
    )
    consent_options(contacts)
    contacts.set_defaults(handler=run_export_contacts)

    volunteers = actions.add_parser(
        "volunteers", help=_("volunteers as CSV (people marked do-not-contact are left out)")
    )
    volunteers.add_argument("-o", "--output", required=True, metavar="FILE")
    consent_options(volunteers)
    volunteers.set_defaults(handler=run_export_volunteers)

    events = actions.add_parser("events", help=_("upcoming events (or one) as an iCalendar file"))
    events.add_argument("--format", choices=["ics"], default="ics")
    events.add_argument("-o", "--output", required=True, metavar="FILE")
    events.add_argument("--event", type=int, metavar="ID", help=_("only this event"))
    events.add_argument(
        "--language",
        choices=[language.value for language in Language],
        default="en",
        help=_("language of titles"),
    )
    events.add_argument("--include-drafts", action="store_true", help=_("also events still in draft"))
    events.set_defaults(handler=run_export_events)

    roster = actions.add_parser(
        "roster", help=_("an event's printable sign-in sheet (PDF): the people expected, then the waitlist")
    )
    roster.add_argument("event", type=int, metavar="EVENT_ID")
    roster.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    roster.add_argument(
        "--include-phones",
        action="store_true",
        help=_("print phone numbers too (everyone who signs the sheet can read them)"),
    )
    roster.set_defaults(handler=run_export_roster)

    log = actions.add_parser("log", help=_("list earlier exports (what, when, how many; never who)"))
    log.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    log.set_defaults(handler=run_export_log)


def _print_problems(context: CliContext, result: ExportResult) -> None:
    """Each record left out or written with something missing, on stderr: which, what, why."""
    for problem in result.warnings:
        context.progress(_("warning: {problem}").format(problem=problem.translated(_)))
    for problem in result.skipped:
        context.progress(_("Skipped {problem}").format(problem=problem.translated(_)))


def _print_export(context: CliContext, result: ExportResult) -> int:
    """What was written, who was left out and why, who is in it without agreeing to be shared;
    the exit status (``EXIT_PARTIAL`` when a record could not be written)."""
    _print_problems(context, result)
    context.print(
        ngettext("Wrote {count} row to {file}.", "Wrote {count} rows to {file}.", result.row_count).format(
            count=result.row_count, file=result.path
        )
    )
    left_dnc = result.left_out.get("do_not_contact", 0)
    left_shared = result.left_out.get("not_shared", 0)
    if left_dnc or left_shared:
        context.print(
            _("Left out: {dnc} marked do-not-contact, {unshared} who did not agree to be shared.").format(
                dnc=left_dnc, unshared=left_shared
            )
        )
    if result.unshared_included:
        context.progress(
            ngettext(
                "Note: {count} person in the file said they may not be shared with other groups "
                "(--shared-only leaves them out).",
                "Note: {count} people in the file said they may not be shared with other groups "
                "(--shared-only leaves them out).",
                result.unshared_included,
            ).format(count=result.unshared_included)
        )
    if not result.skipped:
        return 0
    context.print(
        ngettext(
            "{count} record could not be written and was left out (see above); the others were written.",
            "{count} records could not be written and were left out (see above); the others were written.",
            len(result.skipped),
        ).format(count=len(result.skipped))
    )
    return EXIT_PARTIAL


def run_export_contacts(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services import exports as export_service
    from rallyorg.services.exports import ExportFormat

    result = export_service.export_contacts(
        context.db,
        args.output,
        export_format=ExportFormat(args.format),
        shared_only=args.shared_only,
        redacted=args.redacted,
        vcard_version=args.vcard_version,
        split=args.split,
        translate=_,
    )
    return _print_export(context, result)


def run_export_volunteers(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services import exports as export_service

    result = export_service.export_volunteers(
        context.db, args.output, shared_only=args.shared_only, redacted=args.redacted
    )
    return _print_export(context, result)


def run_export_events(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services import exports as export_service

    result = export_service.export_events(
        context.db,
        args.output,
        event_id=args.event,
        language=args.language,
        include_drafts=args.include_drafts,
    )
    return _print_export(context, result)


def run_export_roster(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services import exports as export_service

    result = export_service.export_roster(
        context.db, args.event, args.output, include_phones=args.include_phones
    )
    _print_problems(context, result)
    context.print(
        _("Wrote the sign-in sheet for event {id} ({count} people, 20 blank rows) to {file}.").format(
            id=args.event, count=result.row_count, file=result.path
        )
    )
    if args.include_phones:
        context.progress(_("Note: the sheet shows phone numbers to everyone who signs it."))
    return 0


def run_export_log(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services import exports as export_service

    records = export_service.list_exports(context.db)
    if args.json:
        context.print_json(
            [
                {
                    "id": r.id,
                    "created_at": r.created_at.isoformat(),
                    "kind": r.kind.value,
                    "format": r.format.value,
                    "rows": r.row_count,
                    "columns": list(r.columns),
                    "options": r.options,
                }
                for r in records
            ]
        )
        return 0
    language = ui_language()
    context.print_table(
        [_("ID"), _("When"), _("What"), _("Format"), _("Rows"), _("Options")],
        [
            [
                r.id,
                format_datetime(r.created_at, language),
                r.kind.value,
                r.format.value,
                r.row_count,
                ", ".join(f"{k}={v}" for k, v in sorted(r.options.items()) if v not in (None, False)),
            ]
            for r in records
        ],
    )
    return 0
