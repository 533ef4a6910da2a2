"""``rallyorg partners list``."""

from __future__ import annotations

import argparse

from rallyorg.cli.context import CliContext
from rallyorg.domain.enums import PartnerKind
from rallyorg.i18n import _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("partners", help=_("partner groups and their contacts"))
    actions = parser.add_subparsers(dest="partners_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_("list partner groups"))
    listing.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    listing.add_argument("--search", default="", metavar="TEXT", help=_("name, city or tag"))
    listing.add_argument("--kind", choices=[k.value for k in PartnerKind])
    listing.add_argument("--city", default="")
    listing.add_argument("--tag", default="")
    listing.set_defaults(handler=run_list)


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services import partners as partner_service  # here, not at the top: see cli/__init__.py

    groups = partner_service.list_groups(
        context.db,
        search=args.search,
        kind=PartnerKind(args.kind) if args.kind else None,
        city=args.city,
        tag=args.tag,
    )
    if args.json:
        context.print_json(
            [
                {
                    "id": g.id,
                    "name": g.name,
                    "kind": g.kind.value,
                    "city": g.city,
                    "website": g.website,
                    "languages": list(g.languages),
                    "tags": list(g.tags),
                    "active": g.active,
                    "contacts": g.contact_count,
                }
                for g in groups
            ]
        )
        return 0
    context.print_table(
        [_("ID"), _("Name"), _("Kind"), _("City"), _("Contacts")],
        [[g.id, g.name, _(g.kind.label), g.city, g.contact_count] for g in groups],
    )
    return 0
