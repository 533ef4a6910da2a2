"""A coalition's shared PostgreSQL server: group roles with their rights, row-level security
so that a partner group's coordinator sees and edits only their own group's people, and the
logins that belong to those roles (``rallyorg server …``).

Everything here is the server's own machinery — roles, GRANT, row-level security policies, a
trigger — so the rights hold for any program: a partner login running raw SQL gets exactly the
rows the app would show it. ``init_server`` can run again at any time: it brings the rights and
policies of an existing database up to this version's (what an older version granted and this
one does not is taken back).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from rallyorg.domain.enums import ServerRole
from rallyorg.domain.errors import RallyorgError
from rallyorg.domain.shifts import HOLDING
from rallyorg.i18n import N_

GROUP_ROLES = {role: f"rallyorg_{role.value}" for role in ServerRole}

# What every role may read: the events and what a flyer shows (viewers print flyers).
EVENT_TABLES = (
    "event",
    "event_text",
    "event_partner",
    "shift",
    "venue",
    "partner_group",
    "partner_logo",
    "event_picture",
    "coalition_setting",
)
# A partner group's people: each partner login sees and edits only its own group's rows.
PEOPLE_TABLES = ("volunteer", "contact", "signup")
# Whom a rally's reminders reached (services/reminders.py): the organisers' own record, names
# people of every group, so organisers and admins alone read and write it (they have every
# table); never partners or viewers, whatever is granted on the tables above.
ORGANIZER_TABLES = ("reminder",)
# Read on every open (the schema's revision), by the partner policies, and for every list of
# events (each shift's numbers of sign-ups: a view, so true numbers for every login).
SHARED_TABLES = ("alembic_version", "partner_login", "shift_signup_count")

# The coalition's settings: partners and viewers print flyers, so they read the flyer look;
# the reminders' mail account (server, login name, sender) and messages are the organisers'.
SETTINGS = "coalition_setting"
_LOOK = "starts_with(key, 'flyer.')"  # not LIKE: a % here would be read as a driver placeholder

# The activity log (who changed what): everyone who writes adds to it, as themselves only;
# nobody rewrites it. Each role reads the entries of what it may see.
ACTIVITY = "activity"
_EVENT_ENTRIES = "table_name IN ('event', 'shift', 'venue', 'partner_group')"

_LOGIN_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
SHORTEST_PASSWORD = 10


class ServerError(RallyorgError):
    """A server command that cannot be done, with the reason."""


@dataclass(frozen=True)
class ServerUser:
    login: str
    role: ServerRole
    groups: tuple[tuple[int, str], ...]  # (id, name) of a partner login's groups


def init_server(engine: Engine) -> None:
    """Roles, rights, row-level security and the capacity guard, in one transaction (the
    schema must be current: ``open_database`` migrated it)."""
    _require_postgresql(engine)
    with engine.begin() as connection:
        for role in GROUP_ROLES.values():
            if not _role_exists(connection, role):
                connection.exec_driver_sql(f"CREATE ROLE {role} NOLOGIN")
        _grant_rights(connection)
        _create_policies(connection)
        _create_capacity_guard(connection)


def _grant_rights(connection: Connection) -> None:
    roles = ", ".join(GROUP_ROLES.values())
    admin, organizer, partner, viewer = (GROUP_ROLES[r] for r in ServerRole)
    run = connection.exec_driver_sql
    # From nothing, so that rights an older version granted and this one does not are gone.
    run(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {roles}")
    run(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {roles}")
    run(f"GRANT USAGE ON SCHEMA public TO {roles}")
    run(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {admin}")
    run(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {admin}")
    run(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {organizer}")
    run(f"REVOKE INSERT, UPDATE, DELETE ON {', '.join(SHARED_TABLES)} FROM {organizer}")
    run(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {organizer}")
    run(f"GRANT SELECT ON {', '.join(EVENT_TABLES + SHARED_TABLES)} TO {partner}, {viewer}")
    run(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(PEOPLE_TABLES)} TO {partner}")
    run(f"REVOKE ALL ON {', '.join(ORGANIZER_TABLES)} FROM {partner}, {viewer}")
    # A sign-up locks its shift's row (SELECT … FOR UPDATE), which PostgreSQL allows only to
    # those who may update the row: the version column is the one a partner may touch.
    run(f"GRANT UPDATE (version) ON shift TO {partner}")
    for table in PEOPLE_TABLES:
        run(f"GRANT USAGE, SELECT ON SEQUENCE {_id_sequence(connection, table)} TO {partner}")
    run(f"REVOKE UPDATE, DELETE, TRUNCATE ON {ACTIVITY} FROM {admin}, {organizer}")
    run(f"GRANT SELECT, INSERT ON {ACTIVITY} TO {partner}")
    run(f"GRANT USAGE, SELECT ON SEQUENCE {_id_sequence(connection, ACTIVITY)} TO {partner}")
    run(f"GRANT SELECT ON {ACTIVITY} TO {viewer}")


_OWN_GROUPS = "SELECT group_id FROM partner_login WHERE login = current_user"
# Each table's partner rule: whose rows a partner login sees and may write.
_PARTNER_RULES = {
    "volunteer": f"group_id IN ({_OWN_GROUPS})",
    "contact": f"group_id IN ({_OWN_GROUPS})",
    # The volunteer subquery is itself under volunteer's policy: only the group's people.
    "signup": "volunteer_id IN (SELECT id FROM volunteer)",
}


def _create_policies(connection: Connection) -> None:
    admin, organizer, partner, viewer = (GROUP_ROLES[r] for r in ServerRole)
    run = connection.exec_driver_sql
    for table in (*PEOPLE_TABLES, "partner_login", ACTIVITY, SETTINGS):
        run(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for (name,) in connection.execute(
            text("SELECT policyname FROM pg_policies WHERE schemaname = 'public' AND tablename = :t"),
            {"t": table},
        ):
            if name.startswith("rallyorg_"):
                run(f'DROP POLICY "{name}" ON {table}')
    for table, rule in _PARTNER_RULES.items():
        everyone = f"{admin}, {organizer}"
        run(f"CREATE POLICY rallyorg_everyone ON {table} TO {everyone} USING (true) WITH CHECK (true)")
        run(f"CREATE POLICY rallyorg_own_group ON {table} TO {partner} USING ({rule}) WITH CHECK ({rule})")
    run(f"CREATE POLICY rallyorg_everyone ON partner_login TO {admin} USING (true) WITH CHECK (true)")
    run(f"CREATE POLICY rallyorg_read ON partner_login FOR SELECT TO {organizer} USING (true)")
    run(f"CREATE POLICY rallyorg_own ON partner_login FOR SELECT TO {partner} USING (login = current_user)")
    writers = f"{admin}, {organizer}, {partner}"
    oneself = "actor = current_user"
    run(f"CREATE POLICY rallyorg_as_oneself ON {ACTIVITY} FOR INSERT TO {writers} WITH CHECK ({oneself})")
    run(f"CREATE POLICY rallyorg_read ON {ACTIVITY} FOR SELECT TO {admin}, {organizer} USING (true)")
    mine_or_events = f"{oneself} OR {_EVENT_ENTRIES}"
    run(f"CREATE POLICY rallyorg_own_events ON {ACTIVITY} FOR SELECT TO {partner} USING ({mine_or_events})")
    run(f"CREATE POLICY rallyorg_events ON {ACTIVITY} FOR SELECT TO {viewer} USING ({_EVENT_ENTRIES})")
    everyone = f"{admin}, {organizer}"
    run(f"CREATE POLICY rallyorg_everyone ON {SETTINGS} TO {everyone} USING (true) WITH CHECK (true)")
    run(f"CREATE POLICY rallyorg_flyer_look ON {SETTINGS} FOR SELECT TO {partner}, {viewer} USING ({_LOOK})")


def _create_capacity_guard(connection: Connection) -> None:
    """A shift never holds more people than its capacity, whoever writes: a partner login
    sees only its own group's sign-ups, so the app's own count (services/signups.py) cannot
    be the only guard. SECURITY DEFINER: the count sees every sign-up; the shift's row is
    locked first, so two sign-ups at once are counted one after the other."""
    holding = ", ".join(f"'{status.value}'" for status in HOLDING)
    # (%% is the driver's escape for PL/pgSQL's own % placeholders.)
    connection.exec_driver_sql(
        f"""
        CREATE OR REPLACE FUNCTION rallyorg_shift_capacity() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        DECLARE room integer; taken integer;
        BEGIN
            IF NEW.status NOT IN ({holding}) THEN
                RETURN NEW;
            END IF;
            IF TG_OP = 'UPDATE' AND OLD.status IN ({holding}) AND OLD.shift_id = NEW.shift_id THEN
                RETURN NEW;  -- already held a place here
            END IF;
            SELECT capacity INTO room FROM shift WHERE id = NEW.shift_id FOR UPDATE;
            SELECT count(*) INTO taken FROM signup
                WHERE shift_id = NEW.shift_id AND status IN ({holding}) AND id <> NEW.id;
            IF taken >= room THEN
                RAISE EXCEPTION 'shift %% is full (%% of %% places taken)', NEW.shift_id, taken, room
                    USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$
        """
    )
    connection.exec_driver_sql("DROP TRIGGER IF EXISTS rallyorg_shift_capacity ON signup")
    connection.exec_driver_sql(
        "CREATE TRIGGER rallyorg_shift_capacity BEFORE INSERT OR UPDATE OF status, shift_id ON signup "
        "FOR EACH ROW EXECUTE FUNCTION rallyorg_shift_capacity()"
    )


def add_user(
    engine: Engine,
    login: str,
    role: ServerRole,
    password: str,
    partner_groups: Sequence[int] = (),
) -> ServerUser:
    """A new login in one of the group roles; a partner login with the partner groups whose
    people it may see. The password reaches the server only as a SCRAM verifier, so it is in
    no statement, server log or history."""
    _require_postgresql(engine)
    _check_login_name(login)
    if len(password) < SHORTEST_PASSWORD:
        raise ServerError(
            N_("The password is too short: at least {count} characters."), count=SHORTEST_PASSWORD
        )
    if role == ServerRole.PARTNER and not partner_groups:
        raise ServerError(N_("A partner login needs its partner group: --partner GROUP_ID."))
    if role != ServerRole.PARTNER and partner_groups:
        raise ServerError(N_("Only a partner login has partner groups (--partner)."))
    with engine.begin() as connection:
        _require_initialised(connection)
        if _role_exists(connection, login):
            raise ServerError(N_("A login named {login} already exists."), login=login)
        names = _group_names(connection, partner_groups)
        verifier = _scram_verifier(connection, login, password)
        connection.exec_driver_sql(
            f"CREATE ROLE {login} LOGIN PASSWORD '{verifier}' IN ROLE {GROUP_ROLES[role]}"
        )
        if role == ServerRole.ADMIN:
            # Admins manage logins: CREATEROLE, and (PostgreSQL 16 and later) the right to
            # give each group role to others.
            connection.exec_driver_sql(f"ALTER ROLE {login} CREATEROLE")
            others = ", ".join(GROUP_ROLES[r] for r in ServerRole if r != ServerRole.ADMIN)
            connection.exec_driver_sql(f"GRANT {others} TO {login} WITH ADMIN OPTION")
        for group_id in partner_groups:
            connection.execute(
                text("INSERT INTO partner_login (login, group_id) VALUES (:login, :group)"),
                {"login": login, "group": group_id},
            )
    return ServerUser(login, role, tuple((g, names[g]) for g in partner_groups))


def remove_user(engine: Engine, login: str) -> None:
    _require_postgresql(engine)
    _check_login_name(login)
    with engine.begin() as connection:
        if login not in {user.login for user in _users(connection)}:
            raise ServerError(N_("No rallyorg login named {login}."), login=login)
        connection.execute(text("DELETE FROM partner_login WHERE login = :login"), {"login": login})
        connection.exec_driver_sql(f"DROP ROLE {login}")


def list_users(engine: Engine) -> list[ServerUser]:
    _require_postgresql(engine)
    with engine.connect() as connection:
        return _users(connection)


def _users(connection: Connection) -> list[ServerUser]:
    """Every login in a rallyorg group role, with its strongest role (an admin is also a
    member, with admin option, of the others)."""
    by_role_name = {name: role for role, name in GROUP_ROLES.items()}
    rows = connection.execute(
        text(
            "SELECT m.rolname, g.rolname FROM pg_auth_members a "
            "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
            "WHERE m.rolcanlogin AND g.rolname = ANY(:groups)"
        ),
        {"groups": list(by_role_name)},
    )
    roles: dict[str, ServerRole] = {}
    order = list(ServerRole)
    for login, group in rows:
        role = by_role_name[group]
        if login not in roles or order.index(role) < order.index(roles[login]):
            roles[login] = role
    groups: dict[str, list[tuple[int, str]]] = {}
    for login, group_id, name in connection.execute(
        text(
            "SELECT l.login, g.id, g.name FROM partner_login l "
            "JOIN partner_group g ON g.id = l.group_id ORDER BY l.login, g.name"
        )
    ):
        groups.setdefault(login, []).append((group_id, name))
    return [ServerUser(login, roles[login], tuple(groups.get(login, ()))) for login in sorted(roles)]


def _require_postgresql(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        raise ServerError(
            N_(
                "Logins and rights are a shared server's: give the address of a PostgreSQL "
                "database (postgresql+psycopg://…). A database file on this computer is "
                "protected by your computer's account."
            )
        )


def _require_initialised(connection: Connection) -> None:
    if not all(_role_exists(connection, role) for role in GROUP_ROLES.values()):
        raise ServerError(N_("This server is not prepared yet: run rallyorg server init URL first."))


def _role_exists(connection: Connection, name: str) -> bool:
    found = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name})
    return found.first() is not None


def _check_login_name(login: str) -> None:
    if not _LOGIN_NAME.fullmatch(login) or login.startswith(("rallyorg_", "pg_")):
        raise ServerError(
            N_(
                "A login name is lowercase letters, digits and _ (at most 63, not starting with a "
                "digit, rallyorg_ or pg_): {login}"
            ),
            login=login,
        )


def _group_names(connection: Connection, group_ids: Iterable[int]) -> dict[int, str]:
    wanted = list(group_ids)
    if not wanted:
        return {}
    rows = connection.execute(
        text("SELECT id, name FROM partner_group WHERE id = ANY(:ids)"), {"ids": wanted}
    )
    names = {group_id: name for group_id, name in rows}
    for group_id in wanted:
        if group_id not in names:
            raise ServerError(N_("There is no partner group {id}."), id=group_id)
    return names


def _scram_verifier(connection: Connection, login: str, password: str) -> str:
    """The password as PostgreSQL stores it, computed here by libpq (PQencryptPasswordConn)."""
    raw = connection.connection.dbapi_connection
    verifier = raw.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")  # type: ignore[union-attr]
    decoded = bytes(verifier).decode("ascii")
    assert "'" not in decoded  # base64 and "$:" only: safe between quotes
    return decoded


def _id_sequence(connection: Connection, table: str) -> str:
    return str(connection.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}).scalar_one())
