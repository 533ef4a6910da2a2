"""``rallyorg volunteers list``."""

from __future__ import annotations

import argparse

from rallyorg.cli.context import CliContext
from rallyorg.domain.enums import Skill
from rallyorg.i18n import _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("volunteers", help=_("volunteers"))
    actions = parser.add_subparsers(dest="volunteers_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_("list volunteers by family name"))
    listing.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    listing.add_argument(
        "--search",
        default="",
        metavar="TEXT",
        help=_("name, email, phone or city; accents and case do not matter"),
    )
    listing.add_argument("--language", default="", metavar="CODE", help=_("speaks this language"))
    listing.add_argument("--skill", choices=[s.value for s in Skill])
    listing.add_argument("--city", default="")
    listing.add_argument("--limit", type=int, default=None, metavar="N")
    listing.set_defaults(handler=run_list)


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    # Here, not at the top: see cli/__init__.py.
    from rallyorg.domain.validation import format_phone
    from rallyorg.services import volunteers as volunteer_service

    rows = volunteer_service.list_volunteers(
        context.db,
        search=args.search,
        language=args.language,
        skill=args.skill or "",
        city=args.city,
        limit=args.limit,
    )
    if args.json:
        context.print_json(
            [
                {
                    "id": r.id,
                    "given_name": r.given_name,
                    "family_name": r.family_name,
                    "email": r.email,
                    "phone": r.phone,
                    "city": r.city,
                    "languages": list(r.languages),
                    "skills": list(r.skills),
                    "do_not_contact": r.do_not_contact,
                }
                for r in rows
            ]
        )
        return 0
    context.print_table(
        [_("ID"), _("Name"), _("City"), _("Phone"), _("Email"), _("Languages")],
        [[r.id, r.name, r.city, format_phone(r.phone), r.email, ", ".join(r.languages)] for r in rows],
    )
    return 0
