"""argparse's own words ("usage:", "options", its error messages) in the chosen language.

argparse looks its strings up through the ``gettext``/``ngettext`` functions it imported into
its own module; pointing those at rallyorg's translator puts ``--help`` and argparse's errors
in Spanish or Portuguese along with the rest. The messages are argparse's msgids, listed here
so that pybabel extracts them into rallyorg's catalogs.
"""

from __future__ import annotations

import argparse

from rallyorg.i18n import N_, _, ngettext

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
)


def translate_argparse() -> None:
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
