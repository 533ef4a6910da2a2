"""``rallyorg look``: the coalition's flyer look, shown or changed.

    rallyorg look
    rallyorg look --accent '#B4233C' --second '#1F4E79' --font noto-serif
    rallyorg look --reset

A colour that would not read on the white page or on a black-and-white copy is refused with
the reason (exit status 1), and nothing is changed.
"""

from __future__ import annotations

import argparse

from rallyorg.cli.context import CliContext
from rallyorg.domain.font_families import FAMILIES
from rallyorg.i18n import _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "look",
        help=_("show or change the flyers' colours and font, shared by the whole coalition"),
        description=_(
            "Without options, show the flyers' look. With options, change it for everyone on "
            "this database; a colour too light to read on the white page or on a black-and-white "
            "copy is refused, and the reason given."
        ),
    )
    parser.add_argument(
        "--accent", metavar="COLOUR", help=_("headings, bars and language tags, as #RRGGBB, e.g. #B4233C")
    )
    parser.add_argument(
        "--second", metavar="COLOUR", help=_("the call to action and the strips, as #RRGGBB, e.g. #1F4E79")
    )
    parser.add_argument("--font", choices=list(FAMILIES), help=_("the font family of the flyers"))
    parser.add_argument(
        "--reset", action="store_true", help=_("go back to rallyorg's default look (other options ignored)")
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    parser.set_defaults(handler=run_look)


def run_look(args: argparse.Namespace, context: CliContext) -> int:
    # Here, not at the top: see cli/__init__.py.
    from dataclasses import replace

    from rallyorg.services import look as look_service

    if args.reset:
        look = look_service.reset_look(context.db)
    elif args.accent is not None or args.second is not None or args.font is not None:
        current = look_service.get_look(context.db)
        wanted = replace(
            current,
            accent=current.accent if args.accent is None else args.accent,
            second=current.second if args.second is None else args.second,
            font=current.font if args.font is None else args.font,
        )
        look = look_service.save_look(context.db, wanted)  # a refusal: rallyorg: <why>, exit 1
    else:
        look = look_service.get_look(context.db)
    family = FAMILIES[look.font]
    if args.json:
        context.print_json(
            {"accent": look.accent, "second": look.second, "font": look.font, "font_name": family.name}
        )
        return 0
    context.print_table(
        [_("Setting"), _("Value")],
        [
            [_("Accent colour"), look.accent],
            [_("Second colour"), look.second],
            [_("Font"), f"{family.name} ({family.key})"],
        ],
    )
    return 0
