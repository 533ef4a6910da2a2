"""What the open database lets this session do: everything on a laptop's file; on a shared
server, what the login's role was granted (``rallyorg server add-user --role``). The app
shows only the places a login can use and says why the rest is missing, instead of failing
with the server's refusals."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from rallyorg.db import Database
from rallyorg.domain.enums import ServerRole
from rallyorg.services.server_access import GROUP_ROLES


@dataclass(frozen=True)
class SessionRights:
    login: str  # "" on a laptop's file
    role: ServerRole | None  # None: not one of rallyorg's roles (the file, the server's owner)
    read_people: bool = True  # volunteers, contacts, sign-ups (a partner: its own group's)
    write_people: bool = True
    write_events: bool = True
    read_attendance: bool = True  # check-in's walk-ins and counts at the door

    @property
    def read_only(self) -> bool:
        return not (self.write_people or self.write_events)


EVERYTHING = SessionRights(login="", role=None)


def session_rights(db: Database) -> SessionRights:
    if db.engine.dialect.name != "postgresql":
        return EVERYTHING
    with db.engine.connect() as connection:

        def may(table: str, privilege: str) -> bool:
            asked = text("SELECT has_table_privilege(current_user, :table, :privilege)")
            return bool(connection.execute(asked, {"table": table, "privilege": privilege}).scalar_one())

        return SessionRights(
            login=str(connection.execute(text("SELECT current_user")).scalar_one()),
            role=_role(connection),
            read_people=may("volunteer", "SELECT"),
            write_people=may("volunteer", "INSERT"),
            write_events=may("event", "INSERT"),
            read_attendance=may("attendee", "SELECT"),
        )


def _role(connection: Connection) -> ServerRole | None:
    """The login's strongest rallyorg role (an admin is also a member of the others)."""
    existing = set(
        connection.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names)"),
            {"names": list(GROUP_ROLES.values())},
        ).scalars()
    )
    for role in ServerRole:
        group = GROUP_ROLES[role]
        member = text("SELECT pg_has_role(current_user, :group, 'MEMBER')")
        if group in existing and connection.execute(member, {"group": group}).scalar_one():
            return role
    return None
