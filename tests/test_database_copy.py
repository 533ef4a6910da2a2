"""Moving a coalition's data from the laptop's SQLite file into another database (PostgreSQL on
the ``--backend=postgresql`` run): every row, same ids, whole or not at all."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import Connection, Table, select

from conftest import make_event, make_group, make_shift, make_volunteer, upcoming_start
from rallyorg import app
from rallyorg.db import Database, open_database
from rallyorg.demo import load_demo
from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.look import FlyerLook
from rallyorg.domain.pictures import read_picture
from rallyorg.exchange.columns import ImportKind
from rallyorg.models import Base
from rallyorg.services import attendance, database_copy, events, look, partners, pictures, signups, volunteers
from rallyorg.services.database_copy import CopyError, copy_database
from rallyorg.services.exports import export_volunteers, list_exports
from rallyorg.services.import_history import list_imports, undo_import
from rallyorg.services.imports import OnDuplicate, run_import
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
        with pytest.raises(CopyError, match=r"already holds data \(activity, volunteer\)"):
            copy_database(laptop, target)
        assert [r.given_name for r in volunteers.list_volunteers(target)] == ["Already"]
        with pytest.raises(CopyError, match="same database"):
            copy_database(laptop, laptop)
    finally:
        target.close()


def test_a_copy_that_fails_halfway_leaves_the_target_empty(
    laptop: Database, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = database_copy._read_table

    def read_table(reading: Connection, table: Table) -> Iterator[Sequence[Any]]:
        """The sign-ups' first rows arrive (into PostgreSQL's COPY, or an INSERT), then the
        connection is lost."""
        chunks = original(reading, table)
        if table.name != "signup":
            return chunks

        def failing() -> Iterator[Sequence[Any]]:
            yield [*next(chunks)][:1]
            raise OSError("connection lost")

        return failing()

    monkeypatch.setattr(database_copy, "_read_table", read_table)
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
    assert re.match(r"Copied \d+ rows into ", out) and "Start rallyorg with --db" in out
    assert err.splitlines()[-1].endswith("rows copied")
    assert app.main(["--lang", "en", "--db", source_url, "db", "copy", db_url]) == 1
    assert "already holds data" in capsys.readouterr().err


def _rows(db: Database, table: Table) -> list[tuple[object, ...]]:
    """The table's rows as rallyorg reads them (aware datetimes, lists, enums, JSON loaded)."""
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key.columns))]


def _stored(db: Database, table: Table) -> list[tuple[object, ...]]:
    """The table's rows as SQLite stores them: text, numbers and NULLs, nothing converted."""
    names = ", ".join(f'"{column.name}"' for column in table.columns)
    keys = ", ".join(f'"{column.name}"' for column in table.primary_key.columns)
    with db.engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.exec_driver_sql(f"SELECT {names} FROM {table.name} ORDER BY {keys}")
        ]


def test_the_sample_coalition_goes_there_and_back_unchanged(
    laptop: Database, db_url: str, tmp_path: Path
) -> None:
    """SQLite → the other database (PostgreSQL on that run) → a new SQLite file: every row of
    every table arrives, and the file at the end stores exactly what the first one did."""
    load_demo(laptop, force=True)  # beside what the laptop holds already
    sheet = tmp_path / "update.csv"
    sheet.write_text("Nombre,Apellido,Teléfono,Ciudad\nAna,Souza,203-555-0142,Bethel\n", "utf-8")
    updated = run_import(laptop, sheet, ImportKind.VOLUNTEERS, on_duplicate=OnDuplicate.UPDATE)
    assert updated.updated == 1  # its change keeps Ana's earlier values as JSON
    sheet.write_text("Nombre,Apellido,Teléfono,Ciudad\nBia,Reis,203-555-0143,Bethel\n", "utf-8")
    undone = run_import(laptop, sheet, ImportKind.VOLUNTEERS, on_duplicate=OnDuplicate.UPDATE)
    undo_import(laptop, undone.batch_id or 0)  # its change's JSON is now SQL NULL
    rally = next(e for e in events.list_events(laptop) if e.shifts)
    attendance.record_attendee(laptop, rally.id, attendance.AttendeeInput(name="Dona Rosa", may_contact=True))
    export_volunteers(laptop, tmp_path / "again.csv", shared_only=True)
    with laptop.engine.begin() as connection:  # a partner login's group, as on a server
        connection.exec_driver_sql(
            "INSERT INTO partner_login (login, group_id) SELECT 'rosa', min(id) FROM partner_group"
        )
    # A logo, a picture (bytes that must arrive byte for byte) and the coalition's look.
    logo = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><rect width="20" height="10"/></svg>'
    pictures.save_group_logo(laptop, rally.partners[0].group_id, read_picture(logo, "logo.svg"))
    photo = io.BytesIO()
    Image.new("RGB", (64, 36), (90, 140, 200)).save(photo, "PNG")
    pictures.save_event_picture(laptop, rally.id, read_picture(photo.getvalue(), "sky.png"))
    look.save_look(laptop, FlyerLook(accent="#1F5F3A", font="noto-serif"))
    with laptop.engine.begin() as connection:  # a reminder sent (as services.reminder_mail records it)
        connection.exec_driver_sql(
            "INSERT INTO reminder"
            " (event_id, shift_id, volunteer_id, channel, language, sent_at, status, error)"
            " SELECT s.event_id, s.id, u.volunteer_id, 'email', 'es',"
            " '2025-05-19 18:00:00.000000', 'sent', ''"
            " FROM signup u JOIN shift s ON s.id = u.shift_id LIMIT 1"
        )
    tables = Base.metadata.sorted_tables
    with laptop.engine.connect() as connection:
        stored = {row[0] for row in connection.exec_driver_sql("SELECT previous FROM import_change")}
    assert {None, "null"} < stored  # SQL NULL and JSON's null (and a JSON object) stay apart
    assert all(_rows(laptop, table) for table in tables), "every table has rows to copy"

    server = open_database(db_url)
    back = open_database(f"sqlite:///{tmp_path / 'back.db'}")
    try:
        copy_database(laptop, server)
        copy_database(server, back)
        for table in tables:
            assert _rows(server, table) == _rows(laptop, table), table.name
            assert _stored(back, table) == _stored(laptop, table), table.name
    finally:
        server.close()
        back.close()
