"""Moving a coalition's data from the laptop's SQLite file into another database (PostgreSQL on
the ``--backend=postgresql`` run): every row, same ids, whole or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Table

from conftest import make_event, make_group, make_shift, make_volunteer, upcoming_start
from rallyorg import app
from rallyorg.db import Database, open_database
from rallyorg.domain.enums import SignUpStatus
from rallyorg.exchange.columns import ImportKind
from rallyorg.services import database_copy, events, partners, signups, volunteers
from rallyorg.services.database_copy import CopyError, copy_database
from rallyorg.services.exports import export_volunteers, list_exports
from rallyorg.services.import_history import list_imports, undo_import
from rallyorg.services.imports import run_import
from rallyorg.services.overview import totals
from rallyorg.services.partners import ContactInput


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Database]:
    """The coalition's SQLite file: groups, contacts, a rally with a full shift and a waitlist,
    an import and an export on record."""
    db = open_database(f"sqlite:///{tmp_path / 'laptop.db'}")
    group = make_group(db, "Iglesia San José", city="Danbury")
    partners.add_contact(db, group.id, ContactInput(name="Padre Luis Núñez", phone="203-555-0101"))
    event = make_event(db, "Rally for the TRUST Act", starts_at=upcoming_start())
    shift = make_shift(db, event.id, capacity=1, starts_at=upcoming_start())
    for given, family in (("José", "Gonçalves"), ("María", "Núñez")):
        signups.sign_up(db, make_volunteer(db, given, family).id, shift.id)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Nombre,Apellido,Teléfono\nAna,Souza,203-555-0142\nBia,Reis,203-555-0143\n", "utf-8")
    run_import(db, sheet, ImportKind.VOLUNTEERS)
    export_volunteers(db, tmp_path / "out.csv")
    yield db
    db.close()


def _everything(db: Database) -> tuple[object, ...]:
    return (
        totals(db),
        volunteers.list_volunteers(db),
        [events.get_event(db, e.id) for e in events.list_events(db)],
        partners.list_groups(db),
        list_imports(db),
        list_exports(db),
    )


def test_every_row_arrives_with_its_ids_and_the_target_carries_on(laptop: Database, db_url: str) -> None:
    target = open_database(db_url)
    try:
        seen: list[tuple[int, int, str]] = []
        result = copy_database(laptop, target, lambda done, total, table: seen.append((done, total, table)))

        assert _everything(target) == _everything(laptop)
        assert result.rows_by_table["volunteer"] == 4 and result.rows_by_table["signup"] == 2
        assert seen[-1][0] == seen[-1][1] == result.rows
        # New rows get new ids (PostgreSQL's sequences were moved past the copied ones), and the
        # rules still hold on the copy: the waitlist moves, the import can be undone.
        newcomer = make_volunteer(target, "Caio", "Lima")
        assert newcomer.id == 5
        [rally] = events.list_events(target)
        shift = events.get_event(target, rally.id).shifts[0]
        first = next(s for s in shift.signups if s.status == SignUpStatus.SIGNED_UP)
        change = signups.cancel_signup(target, first.id)
        assert change.promoted is not None and change.promoted.volunteer_name == "María Núñez"
        [batch] = list_imports(target)
        undo_import(target, batch.id)
        assert sorted(r.given_name for r in volunteers.list_volunteers(target)) == ["Caio", "José", "María"]
    finally:
        target.close()


def test_a_target_with_data_is_refused_untouched(laptop: Database, db_url: str) -> None:
    target = open_database(db_url)
    try:
        make_volunteer(target, "Already", "Here")
        with pytest.raises(CopyError, match=r"already holds data \(volunteer\)"):
            copy_database(laptop, target)
        assert [r.given_name for r in volunteers.list_volunteers(target)] == ["Already"]
        with pytest.raises(CopyError, match="same database"):
            copy_database(laptop, laptop)
    finally:
        target.close()


def test_a_copy_that_fails_halfway_leaves_the_target_empty(
    laptop: Database, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = database_copy.insert

    def insert(table: Table) -> object:
        if table.name == "signup":
            raise OSError("connection lost")
        return original(table)

    monkeypatch.setattr(database_copy, "insert", insert)
    target = open_database(db_url)
    try:
        with pytest.raises(OSError, match="connection lost"):
            copy_database(laptop, target)
        assert totals(target) == totals(target).__class__(0, 0, 0, 0)
    finally:
        target.close()


def test_cli_copies_then_refuses_a_second_time(
    laptop: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source_url = str(laptop.engine.url)
    assert app.main(["--lang", "en", "--db", source_url, "db", "copy", db_url]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Copied 1") and "Start rallyorg with --db" in out
    assert err.splitlines()[-1].endswith("rows copied")
    assert app.main(["--lang", "en", "--db", source_url, "db", "copy", db_url]) == 1
    assert "already holds data" in capsys.readouterr().err
