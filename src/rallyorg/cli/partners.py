"""``rallyorg partners list`` and ``rallyorg partners logo``."""

from __future__ import annotations

import argparse
from pathlib import Path

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
    logo = actions.add_parser(
        "logo",
        help=_("give a partner group a logo for the flyers (PNG, JPEG or SVG), or remove it"),
    )
    logo.add_argument(
        "group_id", type=int, metavar="GROUP_ID", help=_("the group's number (see: partners list)")
    )
    add_picture_arguments(logo)
    logo.set_defaults(handler=run_logo)


def add_picture_arguments(parser: argparse.ArgumentParser) -> None:
    """FILE or --remove, exactly one of them (also for ``events picture``)."""
    choice = parser.add_mutually_exclusive_group(required=True)
    choice.add_argument(
        "file", nargs="?", type=Path, metavar="FILE", help=_("the picture: a PNG, JPEG or SVG file")
    )
    choice.add_argument("--remove", action="store_true", help=_("remove the picture there is"))


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


def run_logo(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.domain.pictures import read_picture_file
    from rallyorg.services import partners as partner_service
    from rallyorg.services import pictures

    picture = None if args.remove else read_picture_file(args.file, field="logo")
    pictures.save_group_logo(context.db, args.group_id, picture)
    name = partner_service.get_group(context.db, args.group_id).name
    if picture is None:
        context.print(_("{group} has no logo now.").format(group=name))
    else:
        context.print(
            _("{group} has the logo {file} ({width} × {height}).").format(
                group=name, file=picture.file_name, width=picture.width, height=picture.height
            )
        )
    return 0
