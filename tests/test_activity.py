"""The activity log says who created, changed or deleted which record and when — field
names, never values — in the same transaction as the change (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from conftest import make_event_with_shift, make_group, make_volunteer
from rallyorg.db import Database
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.models import Volunteer
from rallyorg.services import activity, signups, volunteers


def entries(db: Database) -> list[tuple[str, str, int | None, tuple[str, ...]]]:
    return [(e.table, e.action, e.record_id, e.fields) for e in reversed(activity.list_activity(db))]


def test_a_volunteers_life_is_logged_by_field_name_only(db: Database) -> None:
    db.actor = "rosa"
    group = make_group(db, "Iglesia San José").id
    ana = make_volunteer(db, "Ana", "Souza", phone="(203) 555-0143", group_id=group)
    read = volunteers.get_volunteer(db, ana.id)
    data = VolunteerInput(**{f.name: getattr(read, f.name) for f in dataclasses.fields(VolunteerInput)})
    changed = dataclasses.replace(data, phone="(203) 555-0199", city="Danbury")
    volunteers.update_volunteer(db, ana.id, changed, version=read.version)
    volunteers.update_volunteer(db, ana.id, changed, version=read.version + 1)  # no change: no entry
    volunteers.delete_volunteer(db, ana.id)
    assert entries(db) == [
        ("partner_group", "created", group, ()),
        ("volunteer", "created", ana.id, ()),
        ("volunteer", "changed", ana.id, ("city", "phone")),
        ("volunteer", "deleted", ana.id, ()),
    ]
    assert {e.actor for e in activity.list_activity(db)} == {"rosa"}
    with db.engine.connect() as connection:
        logged = " ".join(str(row) for row in connection.execute(text("SELECT * FROM activity")))
    # Whole values, not fragments: a timestamp's microseconds or a transaction id's hex can hold "555".
    for personal in ("555-01", "5550143", "5550199", "Danbury", "Ana", "Souza"):
        assert personal not in logged


def test_an_events_shifts_and_signups_belong_to_its_history(db: Database) -> None:
    rally = make_event_with_shift(db, capacity=2)
    ana = make_volunteer(db, "Ana", "Souza").id
    signup = signups.sign_up(db, ana, rally.shift.id)
    signups.cancel_signup(db, signup.id)
    history = activity.record_history(db, "event", rally.event.id)
    assert [(e.table, e.action) for e in reversed(history)] == [
        ("event", "created"),
        ("shift", "created"),
        ("signup", "created"),
        ("signup", "changed"),
    ]
    assert "status" in history[0].fields
    assert all(e.event_id == rally.event.id for e in history)
    assert [e.table for e in activity.record_history(db, "volunteer", ana)] == ["volunteer"]


def test_filters_by_person_and_date_and_changes_since(db: Database) -> None:
    db.actor = "rosa"
    make_volunteer(db, "Ana", "Souza")
    mark = activity.latest_change(db)
    db.actor = "olga"
    make_volunteer(db, "Kofi", "Mensah")
    make_group(db, "SEIU Local 32BJ")
    assert [e.actor for e in activity.changes_after(db, mark)] == ["olga", "olga"]
    assert [e.table for e in activity.list_activity(db, actor="rosa")] == ["volunteer"]
    assert activity.actors(db) == ["olga", "rosa"]
    now = dt.datetime.now(dt.UTC)
    assert len(activity.list_activity(db, since=now - dt.timedelta(minutes=5))) == 3
    assert activity.list_activity(db, until=now - dt.timedelta(minutes=5)) == []


def test_an_action_that_fails_after_saving_part_leaves_no_entry(db: Database) -> None:
    make_volunteer(db, "Ana", "Souza")
    before = activity.latest_change(db)
    with pytest.raises(RuntimeError), db.transaction() as session:
        session.add(Volunteer(given_name="Kofi", family_name="Mensah"))
        session.flush()  # written, and logged, inside the transaction…
        raise RuntimeError("the disk fills up")  # …which then rolls back whole
    assert activity.latest_change(db) == before
    assert [v.given_name for v in volunteers.list_volunteers(db)] == ["Ana"]


def test_the_activity_command(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from rallyorg.app import main
    from rallyorg.db import open_database

    db = open_database(db_url)
    db.actor = "rosa"
    try:
        make_volunteer(db, "Ana", "Souza")
    finally:
        db.close()
    today = dt.date.today().isoformat()
    assert main(["--db", db_url, "activity", "--by", "rosa", "--since", today, "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    summary = (entry["by"], entry["action"], entry["record"], entry["fields"])
    assert summary == ("rosa", "created", "volunteer", [])
    assert main(["--db", db_url, "activity", "--by", "rosa"]) == 0
    assert "created volunteer 1" in capsys.readouterr().out
    assert main(["--db", db_url, "activity", "--until", "2020-01-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_deleting_with_undo_and_undoing_are_logged(db: Database) -> None:
    from rallyorg.services import trash

    group = make_group(db, "Iglesia San José").id
    with db.engine.begin() as connection:  # a partner login's link to the group goes and comes back
        connection.execute(
            text("INSERT INTO partner_login (login, group_id) VALUES ('rosa', :g)"), {"g": group}
        )
    deleted = trash.delete_with_undo(db, "partner_group", group)
    trash.restore(db, deleted)
    assert [(t, a) for t, a, _r, _f in entries(db)][-2:] == [
        ("partner_group", "deleted"),
        ("partner_group", "created"),
    ]
    with db.engine.connect() as connection:
        links = connection.execute(text("SELECT login, group_id FROM partner_login")).all()
    assert [tuple(link) for link in links] == [("rosa", group)]


def test_an_import_and_its_undo_are_one_entry_each(db: Database, tmp_path: Path) -> None:
    from rallyorg.exchange.columns import ImportKind
    from rallyorg.services.import_history import undo_import
    from rallyorg.services.imports import run_import

    sheet = tmp_path / "people.csv"
    sheet.write_text("First name,Last name\nAna,Souza\nKofi,Mensah\n", "utf-8")
    db.actor = "rosa"
    report = run_import(db, sheet, ImportKind.VOLUNTEERS)
    undo_import(db, report.batch_id or 0)
    assert entries(db) == [
        ("import", "created", report.batch_id, ("volunteers",)),
        ("import", "deleted", report.batch_id, ()),
    ]
