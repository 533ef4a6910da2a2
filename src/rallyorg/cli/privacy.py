"""``rallyorg forget volunteer|contact ID [--yes]`` and ``rallyorg retention --inactive-months N
[--dry-run]``: forgetting people everywhere rallyorg keeps them (services/forget.py).

Without ``--yes``, ``forget`` says what it would remove and changes nothing (exit 1):
forgetting cannot be undone. ``retention`` lists the volunteers it would forget; with
``--dry-run`` it stops there, else it forgets them.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rallyorg.cli.context import CliContext
from rallyorg.domain.errors import RallyorgError
from rallyorg.i18n import N_, _, format_short_date, ngettext, ui_language

if TYPE_CHECKING:
    from rallyorg.services import forget


class NotConfirmed(RallyorgError):
    """Forgetting was asked for without --yes: nothing was changed."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "forget", help=_("forget a person everywhere: the database, its history and its backups")
    )
    kinds = parser.add_subparsers(dest="forget_kind", metavar="KIND", required=True)
    for kind, help_text in (
        ("volunteer", _("forget a volunteer (sign-ups stay as anonymous counts)")),
        ("contact", _("forget a partner group's contact")),
    ):
        action = kinds.add_parser(kind, help=help_text)
        action.add_argument("id", type=int, metavar="ID", help=_("the record's number (see --json lists)"))
        action.add_argument("--yes", action="store_true", help=_("go ahead: this cannot be undone"))
        action.set_defaults(handler=run_forget)
    rule = subparsers.add_parser(
        "retention", help=_("forget volunteers nobody has heard from in a number of months")
    )
    rule.add_argument(
        "--inactive-months",
        type=int,
        required=True,
        metavar="N",
        help=_("forget volunteers with no sign-up, walk-in or edit in the last N months"),
    )
    rule.add_argument("--dry-run", action="store_true", help=_("only list them; forget no one"))
    rule.set_defaults(handler=run_retention)


def _report(context: CliContext, report: forget.ForgetReport) -> None:
    for line in report.describe():
        context.print(line)


def run_forget(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services import forget  # here, not at the top: see cli/__init__.py

    preview_of = forget.preview_volunteer if args.forget_kind == "volunteer" else forget.preview_contact
    preview = preview_of(context.db, args.id)
    if not args.yes:
        context.print(
            _("Forgetting {name} (volunteer {id}) removes them from rallyorg:").format(
                name=preview.name, id=preview.record_id
            )
            if preview.kind == "volunteer"
            else _("Forgetting {name} (contact {id}) removes them from rallyorg:").format(
                name=preview.name, id=preview.record_id
            )
        )
        for line in forget.describe_changes(preview.erased):
            context.print(f"- {line}")
        context.print(
            "- "
            + ngettext(
                "{count} backup beside the database is rewritten without them (or deleted).",
                "{count} backups beside the database are rewritten without them (or deleted).",
                preview.backups,
            ).format(count=preview.backups)
        )
        raise NotConfirmed(
            N_("Nothing was forgotten: this cannot be undone. Run again with --yes to go ahead.")
        )
    forget_one = forget.forget_volunteer if args.forget_kind == "volunteer" else forget.forget_contact
    report = forget_one(context.db, args.id)
    context.print(
        _("Volunteer {id} was forgotten.").format(id=args.id)
        if args.forget_kind == "volunteer"
        else _("Contact {id} was forgotten.").format(id=args.id)
    )
    _report(context, report)
    return 0


def run_retention(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services import retention  # here, not at the top: see cli/__init__.py

    months = args.inactive_months
    found = retention.inactive_volunteers(context.db, months)
    if not found:
        context.print(_("No volunteer has been inactive for {months} months.").format(months=months))
        return 0
    language = ui_language()
    context.print_table(
        [_("ID"), _("Name"), _("Last active")],
        [[v.id, v.name, format_short_date(v.last_active, language)] for v in found],
    )
    if args.dry_run:
        context.print(
            ngettext(
                "{count} volunteer would be forgotten. Run again without --dry-run to forget them.",
                "{count} volunteers would be forgotten. Run again without --dry-run to forget them.",
                len(found),
            ).format(count=len(found))
        )
        return 0
    report = retention.forget_inactive(context.db, months)
    forgotten = len(report.record_ids)
    context.print(
        ngettext("{count} volunteer was forgotten.", "{count} volunteers were forgotten.", forgotten).format(
            count=forgotten
        )
    )
    _report(context, report)
    return 0
