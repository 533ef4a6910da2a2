"""A shared PostgreSQL server's rights are the server's own: a partner login running raw SQL
sees and changes only its group's volunteers, contacts and sign-ups; a viewer reads events
and cannot write; no shift is overbooked whoever writes; `rallyorg server …` manages logins.

The database tests run on PostgreSQL in the second leg of `make test`; on SQLite only the
refusal runs."""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, make_url, text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from conftest import make_event_with_shift, make_group, make_volunteer
from rallyorg.app import main
from rallyorg.db import Database, open_database
from rallyorg.domain.enums import ServerRole
from rallyorg.domain.errors import DatabaseOpenError, NotAllowedError
from rallyorg.domain.look import FlyerLook
from rallyorg.domain.reminders import Security, SmtpSettings
from rallyorg.migrations import HEAD_REVISION
from rallyorg.services import activity, attendance, look, partners, reminders, signups
from rallyorg.services.server_access import ServerError, add_user, init_server, list_users, remove_user

PASSWORD = "correct horse battery"
_logins = itertools.count(1)


def test_server_commands_refuse_a_database_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'laptop.db'}"
    assert main(["--db", url, "server", "users"]) == 1
    assert "give the address of a PostgreSQL database" in capsys.readouterr().err
    with pytest.raises(ServerError, match="PostgreSQL"):
        init_server(open_database(url).engine)


@dataclass(frozen=True)
class Coalition:
    db: Database
    url: str
    ours: int  # the partner login's group
    theirs: int
    our_volunteer: int
    their_volunteer: int
    shift_id: int


@pytest.fixture
def coalition(db_url: str) -> Iterator[Coalition]:
    if not db_url.startswith("postgresql"):
        pytest.skip("a shared server's rights are PostgreSQL's (the PostgreSQL leg of make test)")
    db = open_database(db_url)
    ours = make_group(db, "Iglesia San José").id
    theirs = make_group(db, "SEIU Local 32BJ").id
    our_volunteer = make_volunteer(db, "Ana", "Souza", group_id=ours).id
    their_volunteer = make_volunteer(db, "Kofi", "Mensah", group_id=theirs).id
    partners.add_contact(db, ours, partners.ContactInput(name="Padre Luis"))
    partners.add_contact(db, theirs, partners.ContactInput(name="Rosa Delgado"))
    shift = make_event_with_shift(db, capacity=2).shift
    signups.sign_up(db, their_volunteer, shift.id)
    init_server(db.engine)
    try:
        yield Coalition(db, db_url, ours, theirs, our_volunteer, their_volunteer, shift.id)
    finally:
        for user in list_users(db.engine):
            if user.login.startswith("t_"):
                remove_user(db.engine, user.login)
        db.close()


def login(coalition: Coalition, role: ServerRole, groups: tuple[int, ...] = ()) -> str:
    name = f"t_{role.value}_{next(_logins)}"
    add_user(coalition.db.engine, name, role, PASSWORD, groups)
    return name


def connect_as(coalition: Coalition, name: str) -> Iterator[Connection]:
    """The throwaway server trusts local logins: the password is checked in its own test."""
    engine = create_engine(make_url(coalition.url).set(username=name))
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def test_a_partner_login_sees_and_changes_only_its_groups_people(coalition: Coalition) -> None:
    partner = login(coalition, ServerRole.PARTNER, (coalition.ours,))
    for connection in connect_as(coalition, partner):
        names = connection.execute(text("SELECT given_name FROM volunteer ORDER BY id")).scalars().all()
        assert names == ["Ana"]
        contacts = connection.execute(text("SELECT name FROM contact")).scalars().all()
        assert contacts == ["Padre Luis"]
        assert connection.execute(text("SELECT count(*) FROM signup")).scalar_one() == 0  # Kofi's
        changed = connection.execute(
            text("UPDATE volunteer SET notes = 'x' WHERE id = :id"), {"id": coalition.their_volunteer}
        )
        assert changed.rowcount == 0
        gone = connection.execute(text("DELETE FROM contact WHERE group_id = :g"), {"g": coalition.theirs})
        assert gone.rowcount == 0
        ours = connection.execute(
            text("UPDATE volunteer SET notes = 'Speaks at Mass' WHERE id = :id"),
            {"id": coalition.our_volunteer},
        )
        assert ours.rowcount == 1
        # Moving a person into another group, or adding one there, is refused by the server.
        with pytest.raises(ProgrammingError, match="row-level security"):
            connection.execute(
                text("UPDATE volunteer SET group_id = :g WHERE id = :id"),
                {"g": coalition.theirs, "id": coalition.our_volunteer},
            )
        connection.rollback()
        with pytest.raises(ProgrammingError, match="row-level security"):
            connection.execute(
                text("INSERT INTO volunteer (given_name, group_id) VALUES ('Eve', :g)"),
                {"g": coalition.theirs},
            )
        connection.rollback()
        events = connection.execute(text("SELECT count(*) FROM event")).scalar_one()
        assert events == 1  # the events are everyone's
        with pytest.raises(ProgrammingError, match="permission denied"):
            connection.execute(text("UPDATE event SET expected_attendance = 5"))
        connection.rollback()
        with pytest.raises(ProgrammingError, match="permission denied"):
            connection.execute(text("SELECT count(*) FROM attendee"))
    with coalition.db.engine.connect() as owner:
        assert owner.execute(
            text("SELECT count(*) FROM volunteer WHERE notes = 'x'")
        ).scalar_one() == 0  # fmt: skip


def test_a_partner_of_two_groups_sees_both(coalition: Coalition) -> None:
    partner = login(coalition, ServerRole.PARTNER, (coalition.ours, coalition.theirs))
    for connection in connect_as(coalition, partner):
        assert connection.execute(text("SELECT count(*) FROM volunteer")).scalar_one() == 2
        assert connection.execute(text("SELECT count(*) FROM signup")).scalar_one() == 1


def test_a_viewer_reads_events_and_cannot_write(coalition: Coalition) -> None:
    viewer = login(coalition, ServerRole.VIEWER)
    for connection in connect_as(coalition, viewer):
        assert connection.execute(text("SELECT count(*) FROM shift")).scalar_one() == 1
        assert connection.execute(text("SELECT count(*) FROM partner_group")).scalar_one() == 2
        for statement in (
            "SELECT count(*) FROM volunteer",
            "SELECT count(*) FROM contact",
            "UPDATE event SET expected_attendance = 5",
            "INSERT INTO partner_group (name) VALUES ('x')",
        ):
            with pytest.raises(ProgrammingError, match="permission denied"):
                connection.execute(text(statement))
            connection.rollback()


def test_partners_and_viewers_read_the_flyer_look_and_not_the_mail_account(coalition: Coalition) -> None:
    look.save_look(coalition.db, FlyerLook(accent="#1F5F3A", second="#5B2A86", font="noto-serif"))
    reminders.save_smtp_settings(
        coalition.db, SmtpSettings("smtp.example.org", 587, Security.STARTTLS, "rosa@example.org", "rosa")
    )
    reminders.save_contact(coalition.db, "(203) 555-0100")
    stored = {"flyer.accent", "flyer.second", "flyer.font", "smtp.host", "smtp.user", "reminders.contact"}
    with coalition.db.engine.connect() as owner:
        assert stored <= set(owner.execute(text("SELECT key FROM coalition_setting")).scalars())
    partner = login(coalition, ServerRole.PARTNER, (coalition.ours,))
    viewer = login(coalition, ServerRole.VIEWER)
    organizer = login(coalition, ServerRole.ORGANIZER)
    for name in (partner, viewer):
        for connection in connect_as(coalition, name):
            keys = set(connection.execute(text("SELECT key FROM coalition_setting")).scalars())
            assert keys == {"flyer.accent", "flyer.second", "flyer.font"}, name
            with pytest.raises(ProgrammingError, match="permission denied"):
                connection.execute(text("UPDATE coalition_setting SET value = 'x'"))
            connection.rollback()
    for connection in connect_as(coalition, organizer):
        keys = set(connection.execute(text("SELECT key FROM coalition_setting")).scalars())
        assert stored <= keys
    # Through the app, a viewer's flyer has the coalition's look.
    viewer_db = open_database(make_url(coalition.url).set(username=viewer))
    try:
        assert look.get_look(viewer_db).accent == "#1F5F3A"
    finally:
        viewer_db.close()


def test_organizers_see_everyone_and_cannot_manage_logins(coalition: Coalition) -> None:
    organizer = login(coalition, ServerRole.ORGANIZER)
    for connection in connect_as(coalition, organizer):
        assert connection.execute(text("SELECT count(*) FROM volunteer")).scalar_one() == 2
        assert connection.execute(text("SELECT count(*) FROM attendee")).scalar_one() == 0
        with pytest.raises(ProgrammingError, match="permission denied"):
            connection.execute(
                text("INSERT INTO partner_login VALUES ('someone', :g)"), {"g": coalition.ours}
            )
        connection.rollback()
        with pytest.raises(ProgrammingError, match="permission denied"):
            connection.exec_driver_sql("CREATE ROLE intruder LOGIN")


def test_an_admin_login_manages_logins(coalition: Coalition) -> None:
    admin = login(coalition, ServerRole.ADMIN)
    engine = create_engine(make_url(coalition.url).set(username=admin))
    try:
        added = add_user(engine, "t_added_by_admin", ServerRole.PARTNER, PASSWORD, (coalition.ours,))
        assert added.groups == ((coalition.ours, "Iglesia San José"),)
        assert {u.login: u.role for u in list_users(engine)}[admin] == ServerRole.ADMIN
        remove_user(engine, "t_added_by_admin")
    finally:
        engine.dispose()


def test_no_shift_is_overbooked_whoever_writes(coalition: Coalition) -> None:
    """The partner cannot see Kofi's sign-up, so its own count says two places are free: the
    server's guard counts every sign-up. Capacity 2, one taken: one more fits, not two."""
    partner = login(coalition, ServerRole.PARTNER, (coalition.ours,))
    second = make_volunteer(coalition.db, "Bia", "Lima", group_id=coalition.ours).id
    for connection in connect_as(coalition, partner):
        insert = text(
            "INSERT INTO signup (volunteer_id, shift_id, status, signed_up_at, created_at, updated_at,"
            " version) VALUES (:v, :s, :status, now(), now(), now(), 1)"
        )
        connection.execute(
            insert, {"v": coalition.our_volunteer, "s": coalition.shift_id, "status": "signed_up"}
        )
        with pytest.raises(DBAPIError, match="is full"):
            connection.execute(insert, {"v": second, "s": coalition.shift_id, "status": "signed_up"})
        connection.rollback()
        connection.execute(
            insert, {"v": coalition.our_volunteer, "s": coalition.shift_id, "status": "signed_up"}
        )
        # The waitlist has room.
        connection.execute(insert, {"v": second, "s": coalition.shift_id, "status": "waitlisted"})
        connection.commit()
    shift = signups.get_shift(coalition.db, coalition.shift_id)
    statuses = sorted(s.status.value for s in shift.signups)
    assert statuses == ["signed_up", "signed_up", "waitlisted"]


def test_init_is_idempotent_and_takes_back_old_rights(coalition: Coalition) -> None:
    with coalition.db.engine.begin() as owner:
        owner.exec_driver_sql("GRANT SELECT ON attendee TO rallyorg_viewer")  # as an old version might
        owner.exec_driver_sql("CREATE POLICY rallyorg_stale ON volunteer TO rallyorg_viewer USING (true)")
    init_server(coalition.db.engine)
    init_server(coalition.db.engine)
    with coalition.db.engine.connect() as owner:
        policies = owner.execute(
            text("SELECT tablename, policyname FROM pg_policies WHERE policyname LIKE 'rallyorg%'")
        ).all()
        granted = owner.execute(
            text("SELECT has_table_privilege('rallyorg_viewer', 'attendee', 'SELECT')")
        ).scalar_one()
    assert ("volunteer", "rallyorg_stale") not in policies
    assert sorted(policies) == sorted(
        [
            (t, p)
            for t in ("volunteer", "contact", "signup")
            for p in ("rallyorg_everyone", "rallyorg_own_group")
        ]
        + [("partner_login", p) for p in ("rallyorg_everyone", "rallyorg_read", "rallyorg_own")]
        + [
            ("activity", p)
            for p in ("rallyorg_as_oneself", "rallyorg_read", "rallyorg_own_events", "rallyorg_events")
        ]
        + [("coalition_setting", p) for p in ("rallyorg_everyone", "rallyorg_flyer_look")]
    )
    assert granted is False


def test_passwords_reach_the_server_only_as_scram_verifiers(coalition: Coalition) -> None:
    name = login(coalition, ServerRole.VIEWER)
    with coalition.db.engine.connect() as owner:
        stored = owner.execute(text("SELECT rolpassword FROM pg_authid WHERE rolname = :n"), {"n": name})
        verifier = stored.scalar_one()
    assert verifier.startswith("SCRAM-SHA-256$") and PASSWORD not in verifier


def test_logins_are_checked_before_anything_changes(coalition: Coalition) -> None:
    engine = coalition.db.engine
    cases = [
        ("Bad Name", ServerRole.VIEWER, (), "lowercase letters"),
        ("rallyorg_admin", ServerRole.VIEWER, (), "lowercase letters"),
        ("t_short", ServerRole.VIEWER, (), "too short"),
        ("t_nogroup", ServerRole.PARTNER, (), "needs its partner group"),
        ("t_viewer_group", ServerRole.VIEWER, (coalition.ours,), "Only a partner login"),
        ("t_ghost_group", ServerRole.PARTNER, (99999,), "no partner group 99999"),
    ]
    for name, role, groups, message in cases:
        with pytest.raises(ServerError, match=message):
            add_user(engine, name, role, "short" if name == "t_short" else PASSWORD, groups)
    assert not [u for u in list_users(engine) if u.login.startswith("t_")]
    with pytest.raises(ServerError, match="No rallyorg login named postgres"):
        remove_user(engine, "postgres")  # a login, but not one of rallyorg's


def test_the_server_commands(coalition: Coalition, monkeypatch: pytest.MonkeyPatch) -> None:
    def run(*args: str, stdin: str = "") -> tuple[int, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        out = io.StringIO()
        monkeypatch.setattr("sys.stdout", out)
        return main(["--db", coalition.url, "server", *args]), out.getvalue()

    code, said = run("init", coalition.url)
    assert code == 0 and "The server is ready" in said
    code, said = run(
        "add-user", "t_rosa", "--role", "partner", "--partner", str(coalition.theirs), "--password-stdin",
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0 and "Added t_rosa as partner." in said and "SEIU Local 32BJ" in said
    code, said = run("users", "--json")
    listed = {u["login"]: u for u in json.loads(said)}
    assert listed["t_rosa"] == {
        "login": "t_rosa",
        "role": "partner",
        "partner_groups": [{"id": coalition.theirs, "name": "SEIU Local 32BJ"}],
    }
    code, said = run("remove-user", "t_rosa")
    assert code == 0 and "Removed the login t_rosa." in said
    code, said = run("users")
    assert "t_rosa" not in said


def as_login(coalition: Coalition, name: str) -> str:
    return make_url(coalition.url).set(username=name).render_as_string(hide_password=False)


def test_the_app_as_a_viewer_lists_events_with_true_numbers_and_prints_flyers(
    coalition: Coalition, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = as_login(coalition, login(coalition, ServerRole.VIEWER))
    assert main(["--db", url, "events", "list", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["places"] == {"needed": 2, "filled": 1}  # Kofi's, whom a viewer cannot see
    flyer = tmp_path / "flyer.pdf"
    assert main(["--db", url, "flyer", str(listed["id"]), "--langs", "en", "-o", str(flyer)]) == 0
    assert flyer.read_bytes().startswith(b"%PDF")
    assert main(["--db", url, "volunteers", "list"]) == 1
    said = capsys.readouterr().err
    assert "may not do this (permission denied for table volunteer)" in said
    assert "a coalition admin can change your role" in said


def test_the_app_as_a_partner_counts_places_other_groups_hold(coalition: Coalition) -> None:
    """Kofi (another group) holds one of two places: the partner's first volunteer gets the
    last place, its second goes on the waitlist, though the partner cannot see Kofi."""
    url = as_login(coalition, login(coalition, ServerRole.PARTNER, (coalition.ours,)))
    second = make_volunteer(coalition.db, "Bia", "Lima", group_id=coalition.ours).id
    partner_db = open_database(url)
    try:
        first = signups.sign_up(partner_db, coalition.our_volunteer, coalition.shift_id)
        waiting = signups.sign_up(partner_db, second, coalition.shift_id)
        assert (first.status.value, waiting.status.value) == ("signed_up", "waitlisted")
        shift = signups.get_shift(partner_db, coalition.shift_id)
        assert sorted(s.volunteer_id for s in shift.signups) == sorted([coalition.our_volunteer, second])
        with pytest.raises(NotAllowedError, match="permission denied for table attendee"):
            attendance.record_attendee(
                partner_db, shift.event_id, attendance.AttendeeInput(name="Dona Rosa", may_contact=True)
            )
    finally:
        partner_db.close()


def test_the_activity_log_names_the_login_and_cannot_be_forged(coalition: Coalition) -> None:
    partner = login(coalition, ServerRole.PARTNER, (coalition.ours,))
    partner_db = open_database(as_login(coalition, partner))
    try:
        assert partner_db.actor == partner  # the server's own name for the session
        volunteer = make_volunteer(partner_db, "Bia", "Lima", group_id=coalition.ours)
    finally:
        partner_db.close()
    mine = activity.list_activity(coalition.db, actor=partner)
    assert [(e.table, e.action, e.record_id) for e in mine] == [("volunteer", "created", volunteer.id)]
    for connection in connect_as(coalition, partner):
        seen = {row[0] for row in connection.execute(text("SELECT DISTINCT actor FROM activity"))}
        assert seen <= {partner, "postgres"}  # the owner's entries: only events, shifts, groups
        owners = connection.execute(
            text("SELECT DISTINCT table_name FROM activity WHERE actor <> :me"), {"me": partner}
        ).scalars()
        assert set(owners) <= {"event", "shift", "venue", "partner_group"}
        forged = text(
            "INSERT INTO activity (at, actor, table_name, action, fields) "
            "VALUES (now(), 'postgres', 'volunteer', 'deleted', '[]')"
        )
        with pytest.raises(ProgrammingError, match="row-level security"):
            connection.execute(forged)
        connection.rollback()
        with pytest.raises(ProgrammingError, match="permission denied"):
            connection.execute(text("DELETE FROM activity"))


def test_a_login_that_cannot_upgrade_the_server_is_told_who_can(coalition: Coalition) -> None:
    """This rallyorg is newer than the server's schema: only the owner may change tables."""
    viewer = login(coalition, ServerRole.VIEWER)
    with coalition.db.engine.begin() as owner:
        owner.exec_driver_sql("UPDATE alembic_version SET version_num = '0012'")
    with pytest.raises(DatabaseOpenError, match="only its owner can make: ask whoever runs it"):
        open_database(as_login(coalition, viewer))
    with coalition.db.engine.begin() as owner:
        owner.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{HEAD_REVISION}'")
