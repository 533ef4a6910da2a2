"""``rallyorg server …``: prepare a shared PostgreSQL server (roles, rights, row-level
security) and manage its logins. The rights live in the server: services/server_access.py."""

from __future__ import annotations

import argparse
import getpass
import sys

from rallyorg.cli.context import CliContext
from rallyorg.domain.enums import ServerRole
from rallyorg.i18n import N_, _

# Each run_* function imports the storage and services it uses: see cli/__init__.py.

ROLE_WORDS = {
    ServerRole.ADMIN: N_("admin"),
    ServerRole.ORGANIZER: N_("organizer"),
    ServerRole.PARTNER: N_("partner"),
    ServerRole.VIEWER: N_("viewer"),
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "server", help=_("a shared PostgreSQL server: prepare it, and manage logins and their rights")
    )
    actions = parser.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init",
        help=_(
            "prepare an empty PostgreSQL database (or bring an existing one up to date): tables, "
            "roles, rights and row-level security"
        ),
    )
    init.add_argument(
        "url",
        metavar="URL",
        help=_("the database's address, as its owner: postgresql+psycopg://owner@host/db"),
    )
    init.set_defaults(handler=run_init)
    add = actions.add_parser("add-user", help=_("add a login (run with --db as an admin or the owner)"))
    add.add_argument("name", metavar="NAME", help=_("the login name: lowercase letters, digits and _"))
    add.add_argument(
        "--role",
        required=True,
        choices=[role.value for role in ServerRole],
        help=_(
            "admin: everything and the logins; organizer: all the coalition's data; partner: their "
            "own group's volunteers, contacts and sign-ups, and the events; viewer: events and flyers"
        ),
    )
    add.add_argument(
        "--partner",
        metavar="GROUP_ID",
        type=int,
        action="append",
        default=[],
        help=_("a partner login's partner group (repeat for more than one)"),
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("read the password from the first line of standard input (else it is asked)"),
    )
    add.set_defaults(handler=run_add_user)
    remove = actions.add_parser("remove-user", help=_("remove a login (the data it entered stays)"))
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(handler=run_remove_user)
    users = actions.add_parser("users", help=_("list the logins, their roles and partner groups"))
    users.add_argument("--json", action="store_true", help=_("print JSON"))
    users.set_defaults(handler=run_users)


def run_init(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.db import open_database
    from rallyorg.services.server_access import GROUP_ROLES, init_server

    db = open_database(args.url)
    try:
        init_server(db.engine)
    finally:
        db.close()
    context.print(_("The server is ready: {database}").format(database=db.url))
    context.print(_("Roles: {roles}").format(roles=", ".join(GROUP_ROLES.values())))
    context.print(_("Add logins with: rallyorg --db URL server add-user NAME --role ROLE"))
    return 0


def run_add_user(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services.server_access import add_user

    password = _read_password(args.name, from_stdin=args.password_stdin, context=context)
    if password is None:
        return 1
    user = add_user(context.db.engine, args.name, ServerRole(args.role), password, args.partner)
    context.print(_("Added {login} as {role}.").format(login=user.login, role=_(ROLE_WORDS[user.role])))
    if user.groups:
        groups = ", ".join(f"{name} ({group_id})" for group_id, name in user.groups)
        context.print(_("Sees and edits the people of: {groups}").format(groups=groups))
    return 0


def _read_password(login: str, *, from_stdin: bool, context: CliContext) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        context.error(_("No terminal to ask the password on: give it with --password-stdin."))
        return None
    first = getpass.getpass(_("Password for {login}: ").format(login=login))
    if getpass.getpass(_("The same password again: ")) != first:
        context.error(_("The two passwords differ; nothing was changed."))
        return None
    return first


def run_remove_user(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services.server_access import remove_user

    remove_user(context.db.engine, args.name)
    context.print(_("Removed the login {login}.").format(login=args.name))
    return 0


def run_users(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services.server_access import list_users

    users = list_users(context.db.engine)
    if args.json:
        context.print_json(
            [
                {
                    "login": u.login,
                    "role": u.role.value,
                    "partner_groups": [{"id": i, "name": n} for i, n in u.groups],
                }
                for u in users
            ]
        )
        return 0
    rows = [(u.login, _(ROLE_WORDS[u.role]), ", ".join(name for _id, name in u.groups)) for u in users]
    context.print_table([_("Login"), _("Role"), _("Partner groups")], rows)
    return 0
