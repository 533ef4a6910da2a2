"""The retention rule: volunteers with no sign-up, walk-in or edit in N months are listed, then
forgotten on request (services/retention.py, ``rallyorg retention``)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from conftest import make_event, make_shift, make_volunteer
from rallyorg import app
from rallyorg.db import Database
from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.errors import ValidationError
from rallyorg.i18n import format_short_date
from rallyorg.models import Attendee, SignUp, Volunteer
from rallyorg.services import attendance, retention, signups, volunteers
from rallyorg.services.forget_records import Erased
from rallyorg.services.retention import InactiveVolunteer, months_before

NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)


def _at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 12, 0, tzinfo=dt.UTC)


def _dated(
    db: Database, model: type[Volunteer] | type[SignUp], record_id: int, **moments: dt.datetime
) -> None:
    with db.transaction() as session:
        session.execute(update(model).where(model.id == record_id).values(**moments))


def _person(db: Database, given: str, created: dt.datetime, edited: dt.datetime | None = None) -> int:
    volunteer = make_volunteer(db, given, "Souza")
    _dated(db, Volunteer, volunteer.id, created_at=created, updated_at=edited or created)
    return volunteer.id


def _coalition(db: Database) -> dict[str, int]:
    shift = make_shift(db, make_event(db).id, capacity=5)
    people = {
        "ana": _person(db, "Ana", _at(2024, 1, 10)),  # nothing since: inactive
        "bea": _person(db, "Bea", _at(2024, 1, 10), edited=_at(2025, 7, 1)),  # edited within the year
        "caio": _person(db, "Caio", _at(2024, 1, 10)),  # a sign-up changed within the year
        "dina": _person(db, "Dina", _at(2024, 2, 1)),  # her sign-up is old too: inactive
        "eli": _person(db, "Eli", _at(2024, 1, 10)),  # walked in within the year
        "fay": _person(db, "Fay", _at(2025, 6, 15)),  # exactly 12 months ago: not yet
    }
    caio = signups.sign_up(db, people["caio"], shift.id)
    _dated(db, SignUp, caio.id, signed_up_at=_at(2024, 1, 11), updated_at=_at(2025, 8, 1))
    dina = signups.check_in(db, signups.sign_up(db, people["dina"], shift.id).id)
    _dated(db, SignUp, dina.id, signed_up_at=_at(2024, 2, 2), updated_at=_at(2024, 3, 1))
    with db.transaction() as session:
        session.add(Attendee(event_id=shift.event_id, volunteer_id=people["eli"], arrived_at=_at(2025, 9, 1)))
    return {**people, "shift": shift.id}


def test_the_inactive_are_listed_longest_silent_first(db: Database) -> None:
    people = _coalition(db)
    assert retention.inactive_volunteers(db, 12, now=NOW) == [
        InactiveVolunteer(people["ana"], "Ana Souza", _at(2024, 1, 10)),
        InactiveVolunteer(people["dina"], "Dina Souza", _at(2024, 3, 1)),
    ]
    assert [v.name for v in retention.inactive_volunteers(db, 30, now=NOW)] == []
    assert [v.name for v in retention.inactive_volunteers(db, 1, now=NOW)] == [
        "Ana Souza",  # 2024-01-10
        "Dina Souza",  # 2024-03-01
        "Fay Souza",  # 2025-06-15
        "Bea Souza",  # 2025-07-01
        "Caio Souza",  # 2025-08-01
        "Eli Souza",  # 2025-09-01
    ]


def test_forgetting_the_inactive_keeps_their_counts(db: Database) -> None:
    people = _coalition(db)
    report = retention.forget_inactive(db, 12, now=NOW)
    assert report.record_ids == tuple(sorted((people["ana"], people["dina"])))
    assert report.erased == Erased(records=2, signups_kept=1)
    assert sorted(v.given_name for v in volunteers.list_volunteers(db)) == ["Bea", "Caio", "Eli", "Fay"]
    shift = signups.get_shift(db, people["shift"])
    assert sorted((s.volunteer_id or 0, s.status) for s in shift.signups) == [
        (0, SignUpStatus.ATTENDED),
        (people["caio"], SignUpStatus.SIGNED_UP),
    ]
    assert attendance.attendance(db, shift.event_id).on_shifts == 1
    assert retention.inactive_volunteers(db, 12, now=NOW) == []


@pytest.mark.parametrize("months", [0, -3, 1201])
def test_the_number_of_months_is_checked(db: Database, months: int) -> None:
    with pytest.raises(ValidationError) as caught:
        retention.inactive_volunteers(db, months)
    assert (caught.value.field, caught.value.translated()) == (
        "inactive_months",
        "Give a number of months from 1 to 1200.",
    )


@pytest.mark.parametrize(
    ("moment", "months", "earlier"),
    [
        (dt.datetime(2026, 3, 31, 8, 30), 1, dt.datetime(2026, 2, 28, 8, 30)),
        (dt.datetime(2024, 3, 31, 8, 30), 1, dt.datetime(2024, 2, 29, 8, 30)),
        (dt.datetime(2026, 1, 15), 13, dt.datetime(2024, 12, 15)),
        (dt.datetime(2026, 6, 15), 12, dt.datetime(2025, 6, 15)),
    ],
)
def test_months_are_calendar_months(moment: dt.datetime, months: int, earlier: dt.datetime) -> None:
    assert months_before(moment, months) == earlier


def test_cli_retention_lists_then_forgets(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=3 * 365)
    silent = _person(db, "Ana", long_ago)
    make_volunteer(db, "Bea", "Lima")
    argv = ["--lang", "en", "--db", db_url, "retention", "--inactive-months", "24"]
    when = format_short_date(long_ago, "en")

    number, date_width = max(2, len(str(silent))), max(11, len(when))
    table = [
        f"{'ID'.rjust(number)}  Name       Last active",
        f"{'-' * number}  ---------  {'-' * date_width}",
        f"{str(silent).rjust(number)}  Ana Souza  {when}",
    ]

    assert app.main([*argv, "--dry-run"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        *table,
        "1 volunteer would be forgotten. Run again without --dry-run to forget them.",
    ]
    assert len(volunteers.list_volunteers(db)) == 2

    assert app.main(argv) == 0
    assert capsys.readouterr().out.splitlines() == [
        *table,
        "1 volunteer was forgotten.",
        "Backups you saved elsewhere yourself still hold them: delete those too.",
    ]
    assert [v.given_name for v in volunteers.list_volunteers(db)] == ["Bea"]
    assert app.main(argv) == 0
    assert capsys.readouterr().out == "No volunteer has been inactive for 24 months.\n"
