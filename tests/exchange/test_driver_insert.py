"""An import's rows go into SQLite through the driver (import_run.DriverInsert), converted as
SQLAlchemy's own executemany converts them: the stored rows are the same, value and type, for
every table an import inserts into."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Connection, Integer, MetaData, String, Table, func, insert, text
from sqlalchemy.dialects import sqlite

from rallyorg.db import Database, open_database
from rallyorg.domain.enums import SignUpStatus
from rallyorg.models import (
    Contact,
    Event,
    ImportBatch,
    ImportChange,
    PartnerGroup,
    Shift,
    SignUp,
    UTCDateTime,
    Volunteer,
    utcnow,
)
from rallyorg.services import import_run
from rallyorg.services.import_run import DriverInsert, PendingRows, bulk_insert

pytestmark = pytest.mark.sqlite_only

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
STORED_MOMENT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")


def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[Database, Database]]:
    """Two empty databases, each with a partner group, an event and a shift to point at."""
    databases = [
        open_database(f"sqlite:///{tmp_path / name}") for name in ("by_sqlalchemy.db", "by_driver.db")
    ]
    start = dt.datetime(2025, 5, 20, 14, 0, tzinfo=NEW_YORK)
    for db in databases:
        with db.transaction() as session:
            session.add(PartnerGroup(name="Iglesia San José", name_key="iglesia san jose"))
            event = Event(starts_at=start, ends_at=start + dt.timedelta(hours=3))
            session.add(event)
            session.flush()
            session.add(Shift(event_id=event.id, role="Marshals", starts_at=start, ends_at=start, capacity=2))
            session.add(ImportBatch(kind="volunteers"))
    yield databases[0], databases[1]
    for db in databases:
        db.close()


def _by_sqlalchemy(db: Database, model: Any, rows: list[dict[str, Any]], numbered: bool) -> None:
    """The reference: SQLAlchemy's Core executemany, as imports inserted before."""
    with db.transaction() as session:
        connection = session.connection()
        if numbered:
            connection.execute(insert(_table(model)), [{**row, "id": n} for n, row in enumerate(rows, 1)])
        else:
            connection.execute(insert(_table(model)), rows)


def _by_driver(db: Database, model: Any, rows: list[dict[str, Any]], numbered: bool) -> None:
    with db.transaction() as session:
        connection = session.connection()
        driver = DriverInsert.for_table(connection, _table(model), rows[0], numbered=numbered)
        assert driver is not None
        driver.execute(connection, [driver.values(row) for row in rows], first_id=1 if numbered else None)


def _stored(connection: Connection, table: str) -> list[dict[str, tuple[str, Any]]]:
    """Every row, each column as (SQLite's type of the value, the value)."""
    result = connection.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")
    names = list(result.keys())
    rows = []
    for row in result:
        rows.append({name: (type(value).__name__, value) for name, value in zip(names, row, strict=True)})
    return rows


def _both(
    two: tuple[Database, Database], model: Any, rows: list[dict[str, Any]], *, numbered: bool = True
) -> tuple[list[dict[str, tuple[str, Any]]], list[dict[str, tuple[str, Any]]]]:
    reference, driver = two
    _by_sqlalchemy(reference, model, rows, numbered)
    _by_driver(driver, model, rows, numbered)
    table = _table(model).name
    with reference.reading() as a, driver.reading() as b:
        return _stored(a.connection(), table), _stored(b.connection(), table)


def _without_clock(rows: list[dict[str, tuple[str, Any]]], columns: tuple[str, ...]) -> list[dict[str, Any]]:
    """The rows without the columns a clock fills; those checked for their stored form."""
    for row in rows:
        for column in columns:
            kind, value = row.pop(column)
            assert kind == "str" and STORED_MOMENT.fullmatch(value), (column, value)
    return rows


VOLUNTEERS: list[dict[str, Any]] = [
    {
        "given_name": "José",
        "family_name": "García Núñez",
        "email": "jose@example.org",
        "phone": "+12035550123",
        "languages": ["pt_BR", "es", "en", "es"],  # CodeList sorts and de-duplicates
        "skills": ["medic", "driver"],
        "city": "New Haven",
        "group_id": 1,
        "may_email": True,
        "may_text": False,
        "may_call": True,
        "do_not_contact": False,
        "may_share": True,
        "source": "import: x.csv",
        "notes": "line one\nline two ☎ ",
        "name_key": "jose garcia nunez",
        "sort_name": "garcia nunez jose",
        "search_text": "jose garcia nunez jose@example.org +12035550123 new haven",
    },
    {
        "given_name": "Ana",
        "family_name": "",
        "email": "",
        "phone": "",
        "languages": [],
        "skills": [],
        "city": "",
        "group_id": None,
        "may_email": False,
        "may_text": False,
        "may_call": False,
        "do_not_contact": True,
        "may_share": False,
        "source": "",
        "notes": "",
        "name_key": "ana",
        "sort_name": "ana",
        "search_text": "ana",
    },
    {
        "given_name": "Ngọc",
        "family_name": "O'Brien",
        "email": "n@x.org",
        "phone": "+5511912345678",
        "languages": [" ht ", "", "vi"],
        "skills": ["other"],
        "city": "Bridgeport",
        "group_id": None,
        "may_email": True,
        "may_text": True,
        "may_call": False,
        "do_not_contact": False,
        "may_share": False,
        "source": "walk-in",
        "notes": "=1+1",
        "name_key": "ngoc o'brien",
        "sort_name": "o'brien ngoc",
        "search_text": "ngoc o'brien n@x.org +5511912345678 bridgeport",
    },
]


def test_volunteers_are_stored_as_sqlalchemy_stores_them(two: tuple[Database, Database]) -> None:
    before = utcnow()
    reference, driver = _both(two, Volunteer, VOLUNTEERS)
    clock = ("created_at", "updated_at")
    assert _without_clock(reference, clock) == _without_clock(driver, clock)
    assert driver[0]["languages"] == ("str", ",pt_BR,es,en,") and driver[1]["group_id"] == ("NoneType", None)
    with two[1].reading() as session:
        moments = session.connection().exec_driver_sql("SELECT created_at, updated_at FROM volunteer").all()
    for created, updated in moments:  # as SQLAlchemy calls the default: per row, in column order
        assert before.replace(tzinfo=None).isoformat(" ") <= created <= updated


def test_given_timestamps_are_stored_as_sqlalchemy_stores_them(two: tuple[Database, Database]) -> None:
    moments = [
        dt.datetime(2025, 5, 20, 14, 0, tzinfo=NEW_YORK),
        dt.datetime(2025, 11, 2, 1, 30, 0, 17, tzinfo=NEW_YORK),
        dt.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC),
        dt.datetime(2030, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=45))),
    ]
    rows = [
        {**VOLUNTEERS[n % len(VOLUNTEERS)], "created_at": moment, "updated_at": moment, "version": 3}
        for n, moment in enumerate(moments)
    ]
    reference, driver = _both(two, Volunteer, rows)
    assert reference == driver


def test_contacts_signups_and_changes_are_stored_as_sqlalchemy_stores_them(
    two: tuple[Database, Database],
) -> None:
    contact = {
        "group_id": 1,
        "name": "Rev. María Pérez",
        "role": "Pastor",
        "email": "maria@iglesia.org",
        "phone": "",
        "preferred_language": "es",
        "is_primary": True,
        "do_not_contact": False,
        "may_share": True,
        "search_text": "rev. maria perez maria@iglesia.org pastor",
    }
    reference, driver = _both(two, Contact, [contact, {**contact, "is_primary": False, "role": ""}])
    clock = ("created_at", "updated_at")
    assert _without_clock(reference, clock) == _without_clock(driver, clock)

    _by_sqlalchemy(two[0], Volunteer, VOLUNTEERS, True)
    _by_driver(two[1], Volunteer, VOLUNTEERS, True)
    signed_up = dt.datetime(2025, 5, 1, 9, 15, 0, 250, tzinfo=NEW_YORK)
    signups = [
        {"volunteer_id": 1, "shift_id": 1, "status": SignUpStatus.SIGNED_UP, "signed_up_at": signed_up},
        {"volunteer_id": 2, "shift_id": 1, "status": SignUpStatus.WAITLISTED, "signed_up_at": signed_up},
    ]
    reference, driver = _both(two, SignUp, signups)
    assert _without_clock(reference, clock) == _without_clock(driver, clock)
    assert driver[1]["status"] == ("str", "waitlisted")

    changes = [
        {"batch_id": 1, "table_name": "volunteer", "record_id": 1, "action": "created", "version_after": 1,
         "previous": None},
        {"batch_id": 1, "table_name": "volunteer", "record_id": 2, "action": "updated", "version_after": 4,
         "previous": {"city": "São Paulo", "languages": ["en"], "may_text": True, "group_id": None}},
    ]  # fmt: skip
    reference, driver = _both(two, ImportChange, changes, numbered=False)
    assert reference == driver
    assert driver[0]["previous"] == ("str", "null")


moments = st.datetimes(
    min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30), timezones=st.timezones()
)


@settings(max_examples=500, deadline=None)
@given(moment=moments)
def test_the_quick_timestamp_is_the_processors(moment: dt.datetime) -> None:
    dialect = sqlite.dialect()
    processor = UTCDateTime().dialect_impl(dialect).bind_processor(dialect)
    assert processor is not None
    assert import_run._sqlite_utc_text(moment) == processor(moment)


def test_the_quick_timestamp_refuses_what_the_processor_refuses() -> None:
    with pytest.raises(ValueError, match="naive"):
        import_run._sqlite_utc_text(dt.datetime(2025, 5, 20, 14, 0))
    assert import_run._sqlite_utc_text(None) is None


def test_what_the_driver_cannot_do_is_left_to_sqlalchemy(db: Database) -> None:
    with db.transaction() as session:
        connection = session.connection()
        table = _table(Volunteer)
        assert DriverInsert.for_table(connection, table, ["given_name", "no_such_column"]) is None
        assert DriverInsert.for_table(connection, table, ["id", "given_name"], numbered=True) is None
        assert DriverInsert.for_table(connection, table, []) is None

        def other(default: Any) -> Table:
            columns = (
                Column("id", Integer, primary_key=True),
                Column("a", String),
                Column("b", String, default=default),
            )
            return Table("other", MetaData(), *columns)

        # Defaults that read the statement's context, or are SQL, are SQLAlchemy's to work out.
        assert (
            DriverInsert.for_table(connection, other(lambda context: context.current_parameters), ["a"])
            is None
        )
        assert DriverInsert.for_table(connection, other(func.lower("X")), ["a"]) is None
        plain = DriverInsert.for_table(connection, other(lambda: "made"), ["a"])
        assert plain is not None and plain.sql == "INSERT INTO other (a, b) VALUES (?, ?)"


def test_pending_rows_get_the_ids_bulk_insert_gives(two: tuple[Database, Database]) -> None:
    reference = two[0]
    with reference.transaction() as session:
        first_ids = bulk_insert(session, Volunteer, VOLUNTEERS[:1])
        assert first_ids == [1]
        pending = PendingRows(session, Volunteer)
        for values in VOLUNTEERS:
            pending.add(values)
        assert len(pending) == len(VOLUNTEERS)
        assert pending.insert() == [2, 3, 4]
    with reference.reading() as session:
        connection = session.connection()
        stored = connection.exec_driver_sql("SELECT id, given_name FROM volunteer ORDER BY id").all()
        found = connection.execute(
            text("SELECT rowid FROM volunteer_search WHERE volunteer_search MATCH 'ngoc'")
        ).all()
    assert [tuple(row) for row in stored] == [(1, "José"), (2, "José"), (3, "Ana"), (4, "Ngọc")]
    assert [row[0] for row in found] == [4]  # in the search index, as a trigger would have put it


def test_many_pending_rows_enter_the_search_index_in_one_go(db: Database) -> None:
    people = 1_500  # more than volunteer_search.BULK_ROWS: the index is built after the inserts
    with db.transaction() as session:
        pending = PendingRows(session, Volunteer)
        for n in range(people):
            pending.add({**VOLUNTEERS[1], "given_name": f"Person{n}", "search_text": f"person{n} new haven"})
        assert pending.insert() == list(range(1, people + 1))
    with db.reading() as session:
        connection = session.connection()
        found = connection.execute(
            text("SELECT rowid FROM volunteer_search WHERE volunteer_search MATCH 'person1234'")
        ).all()
        connection.exec_driver_sql(
            "INSERT INTO volunteer_search (volunteer_search) VALUES ('integrity-check')"
        )
        triggers = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").all()
    assert [row[0] for row in found] == [1235]
    assert ("volunteer_search_insert",) in [tuple(row) for row in triggers]
