"""Forgetting a person: every row that is them or names them goes, the counts stay (anonymous
sign-ups, anonymous attendance), waitlists move up, and nothing changes until the user says
so. Runs on SQLite and on PostgreSQL; the bytes on disk are tests/test_forget_files.py's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from conftest import make_event, make_group, make_shift, make_volunteer, upcoming_start
from rallyorg import app
from rallyorg.db import Database
from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.errors import NotFoundError
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.exchange.columns import ImportKind
from rallyorg.models import Attendee, Contact, ExportRecord, ImportChange, SignUp, Volunteer
from rallyorg.services import attendance, forget, partners, signups, volunteers
from rallyorg.services.attendance import Attendance, AttendeeInput, WalkInInput
from rallyorg.services.forget_files import BackupsRewritten
from rallyorg.services.forget_records import Erased
from rallyorg.services.imports import OnDuplicate, run_import

MARKER_EMAIL = "zorbalina.q@quix.example"


def _people(db: Database) -> list[str]:
    return sorted(f"{v.given_name} {v.family_name}" for v in volunteers.list_volunteers(db))


def _statuses(db: Database, shift_id: int) -> list[tuple[int | None, SignUpStatus]]:
    return sorted(
        ((s.volunteer_id, s.status) for s in signups.get_shift(db, shift_id).signups),
        key=lambda pair: (pair[0] is None, pair[0] or 0, pair[1].value),
    )


def _coalition(db: Database, tmp_path: Path) -> dict[str, int]:
    """The marker walked in at a past rally, checked in on one shift, was a no-show on another,
    cancelled a third, and holds the only place on a shift still to come with Bea waiting.
    Ana once shared the marker's email (an import changed it); a member of the public gave the
    marker's name and phone at the door; a hand-made export log entry names the marker."""
    rally = make_event(db)
    marshals = make_shift(db, rally.id, role="Marshal", capacity=2)
    desk = make_shift(db, rally.id, role="Desk", capacity=2)
    water = make_shift(db, rally.id, role="Water", capacity=2)
    upcoming = make_event(db, "Vigil", starts_at=upcoming_start())
    vigil = make_shift(db, upcoming.id, role="Candles", capacity=1, starts_at=upcoming_start())
    walked_in = attendance.walk_in(
        db,
        rally.id,
        WalkInInput(
            given_name="Zorbalina",
            family_name="Quixfeather",
            phone="203-555-0147",
            keep_details=True,
            may_contact=True,
        ),
    )
    marker = walked_in.volunteer_id
    assert marker is not None
    known = volunteers.get_volunteer(db, marker)
    volunteers.update_volunteer(
        db,
        marker,
        VolunteerInput(
            given_name="Zorbalina", family_name="Quixfeather", phone=known.phone, email=MARKER_EMAIL
        ),
        version=known.version,
    )
    ana = make_volunteer(db, "Ana", "Souza", phone="203-555-0100", email=MARKER_EMAIL)
    bea = make_volunteer(db, "Bea", "Lima")
    path = tmp_path / "ana.csv"
    path.write_text("Name,Phone,Email\nAna Souza,203-555-0100,ana@souza.example\n", "utf-8")
    assert run_import(db, path, ImportKind.VOLUNTEERS, on_duplicate=OnDuplicate.UPDATE).updated == 1
    signups.check_in(db, signups.sign_up(db, marker, marshals.id).id)
    signups.sign_up(db, ana.id, marshals.id)
    at_desk = signups.sign_up(db, marker, desk.id)
    signups.set_signup_status(db, at_desk.id, SignUpStatus.NO_SHOW, version=at_desk.version)
    signups.cancel_signup(db, signups.sign_up(db, marker, water.id).id)
    signups.sign_up(db, marker, vigil.id)
    signups.sign_up(db, bea.id, vigil.id)  # waitlisted: the only place is the marker's
    attendance.record_attendee(
        db, rally.id, AttendeeInput(name="Zorbalina Quixfeather", phone="203-555-0147", may_contact=True)
    )
    attendance.count_attendee(db, rally.id)
    with db.transaction() as session:
        session.add(
            ExportRecord(kind="volunteers", format="csv", options={"search": "zorbalina quixfeather"})
        )
        session.add(ExportRecord(kind="volunteers", format="csv", options={"shared_only": True}))
    return {
        "marker": marker,
        "ana": ana.id,
        "bea": bea.id,
        "rally": rally.id,
        "marshals": marshals.id,
        "desk": desk.id,
        "water": water.id,
        "vigil": vigil.id,
    }


def test_forgetting_a_volunteer_removes_them_and_keeps_the_counts(db: Database, tmp_path: Path) -> None:
    ids = _coalition(db, tmp_path)
    marker, ana, bea = ids["marker"], ids["ana"], ids["bea"]
    assert attendance.attendance(db, ids["rally"]) == Attendance(on_shifts=1, walk_ins=1, public=2, named=1)
    assert _statuses(db, ids["vigil"]) == [(marker, SignUpStatus.SIGNED_UP), (bea, SignUpStatus.WAITLISTED)]

    report = forget.forget_volunteer(db, marker)

    assert report == forget.ForgetReport(
        kind="volunteer",
        record_ids=(marker,),
        erased=Erased(
            records=1, signups_kept=2, signups_removed=2, attendees=2, import_records=1, export_records=1
        ),
        log_cleared=True,
        backups=BackupsRewritten(),
    )
    assert _people(db) == ["Ana Souza", "Bea Lima"]
    # The rally keeps its numbers: one checked in on a shift, one walk-in, two at the door.
    assert attendance.attendance(db, ids["rally"]) == Attendance(on_shifts=1, walk_ins=1, public=2, named=0)
    assert _statuses(db, ids["marshals"]) == [(ana, SignUpStatus.SIGNED_UP), (None, SignUpStatus.ATTENDED)]
    assert _statuses(db, ids["desk"]) == [(None, SignUpStatus.NO_SHOW)]
    assert _statuses(db, ids["water"]) == []
    assert _statuses(db, ids["vigil"]) == [(bea, SignUpStatus.SIGNED_UP)]  # moved up into the freed place
    [bea_on_vigil] = signups.get_shift(db, ids["vigil"]).signups
    assert bea_on_vigil.promoted_at is not None
    marshals = signups.get_shift(db, ids["marshals"])
    assert marshals.filled == 2
    [anonymous] = [s for s in marshals.signups if s.volunteer_id is None]
    # No time stamp points at them: the sign-up and check-in times are the shift's start.
    assert (anonymous.volunteer_name, anonymous.volunteer_phone, anonymous.hours) == ("", "", 3.0)
    assert anonymous.signed_up_at == anonymous.checked_in_at == marshals.starts_at
    assert anonymous.promoted_at is None
    with db.reading() as session:
        assert session.get(Volunteer, marker) is None
        rows = session.execute(
            select(
                Attendee.volunteer_id,
                Attendee.name,
                Attendee.phone,
                Attendee.language,
                Attendee.may_contact,
                Attendee.walk_in,
            ).order_by(Attendee.id)
        ).all()
        assert [tuple(r) for r in rows] == [
            (None, "", "", "", False, True),  # the marker's walk-in, still a walk-in
            (None, "", "", "", False, False),  # the public attendee who gave their name and phone
            (None, "", "", "", False, False),  # the anonymous count, untouched
        ]
        changes = session.execute(
            select(ImportChange.table_name, ImportChange.record_id, ImportChange.previous)
        )
        assert [tuple(c) for c in changes] == [("volunteer", ana, None)]  # it held the marker's email
        options = session.scalars(select(ExportRecord.options).order_by(ExportRecord.id)).all()
        assert options == [{"shared_only": True}]


def test_forgetting_a_volunteer_on_nothing_else(db: Database) -> None:
    person = make_volunteer(db, "Zorbalina", "Quixfeather")
    other = make_volunteer(db, "Ana", "Souza")
    report = forget.forget_volunteer(db, person.id)
    assert report.erased == Erased(records=1)
    assert _people(db) == ["Ana Souza"]
    assert volunteers.get_volunteer(db, other.id).version == other.version  # not touched


def test_forgetting_a_contact(db: Database, tmp_path: Path) -> None:
    group = make_group(db, "Unidad Latina")
    rosa = partners.add_contact(
        db, group.id, partners.ContactInput(name="Rosa Díaz", phone="203-555-0150", is_primary=True)
    )
    marta = partners.add_contact(db, group.id, partners.ContactInput(name="Marta Gil"))
    path = tmp_path / "p.csv"
    path.write_text("Group,Contact,Email\nUnidad Latina,Rosa Diaz,rosa@example.org\n", "utf-8")
    assert run_import(db, path, ImportKind.PARTNERS, on_duplicate=OnDuplicate.UPDATE).updated == 1
    rally = make_event(db)
    attendance.record_attendee(
        db, rally.id, AttendeeInput(name="R. Díaz", phone="203-555-0150", may_contact=True)
    )

    preview = forget.preview_contact(db, rosa.id)
    assert (preview.kind, preview.record_id, preview.name, preview.backups) == (
        "contact",
        rosa.id,
        "Rosa Díaz",
        0,
    )
    assert preview.erased == Erased(records=1, attendees=1, import_records=1)
    assert [c.name for c in partners.get_group(db, group.id).contacts] == ["Marta Gil", "Rosa Díaz"]

    report = forget.forget_contact(db, rosa.id)

    assert report.erased == Erased(records=1, attendees=1, import_records=1)
    assert [c.id for c in partners.get_group(db, group.id).contacts] == [marta.id]
    with db.reading() as session:
        assert session.get(Contact, rosa.id) is None
        assert session.scalars(select(ImportChange.record_id)).all() == []  # the contact's undo record
        assert session.execute(select(Attendee.name, Attendee.phone)).all() == [("", "")]
    assert attendance.attendance(db, rally.id) == Attendance(on_shifts=0, walk_ins=0, public=1, named=0)


def test_the_preview_changes_nothing(db: Database, tmp_path: Path) -> None:
    ids = _coalition(db, tmp_path)
    before = signups.get_shift(db, ids["vigil"])
    preview = forget.preview_volunteer(db, ids["marker"])
    assert (preview.kind, preview.name, preview.backups) == ("volunteer", "Zorbalina Quixfeather", 0)
    assert preview.erased == Erased(
        records=1, signups_kept=2, signups_removed=2, attendees=2, import_records=1, export_records=1
    )
    assert forget.describe_changes(preview.erased) == [
        "2 sign-ups stay as anonymous counts (the shifts keep their numbers).",
        "2 sign-ups for shifts still to come or cancelled are removed.",
        "2 event-day attendance records keep their count but lose the name and phone.",
        "1 import history record that names them is removed.",
        "1 export log entry that names them is removed.",
    ]
    assert _people(db) == ["Ana Souza", "Bea Lima", "Zorbalina Quixfeather"]
    assert signups.get_shift(db, ids["vigil"]) == before
    assert attendance.attendance(db, ids["rally"]).named == 1


def test_someone_who_is_not_there_cannot_be_forgotten(db: Database) -> None:
    with pytest.raises(NotFoundError) as volunteer:
        forget.forget_volunteer(db, 999)
    assert str(volunteer.value) == "Volunteer 999 does not exist."
    with pytest.raises(NotFoundError) as contact:
        forget.preview_contact(db, 998)
    assert str(contact.value) == "Contact 998 does not exist."


def test_cli_forget_asks_for_yes_then_forgets(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person = make_volunteer(db, "Zorbalina", "Quixfeather")
    rally = make_event(db)
    signups.check_in(db, signups.sign_up(db, person.id, make_shift(db, rally.id).id).id)
    argv = ["--lang", "en", "--db", db_url, "forget", "volunteer", str(person.id)]

    assert app.main(argv) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"Forgetting Zorbalina Quixfeather (volunteer {person.id}) removes them from rallyorg:",
        "- 1 sign-up stays as an anonymous count (the shift keeps its numbers).",
        "- 0 backups beside the database are rewritten without them (or deleted).",
    ]
    assert (
        err == "rallyorg: Nothing was forgotten: this cannot be undone. Run again with --yes to go ahead.\n"
    )
    assert _people(db) == ["Zorbalina Quixfeather"]

    assert app.main([*argv, "--yes"]) == 0
    out, err = capsys.readouterr()
    assert (out.splitlines(), err) == (
        [
            f"Volunteer {person.id} was forgotten.",
            "1 sign-up stays as an anonymous count (the shift keeps its numbers).",
            "Backups you saved elsewhere yourself still hold them: delete those too.",
        ],
        "",
    )
    assert _people(db) == []
    assert app.main([*argv, "--yes"]) == 1
    assert capsys.readouterr().err == f"rallyorg: Volunteer {person.id} does not exist.\n"


def test_cli_forget_contact(db: Database, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    group = make_group(db, "Unidad Latina")
    rosa = partners.add_contact(db, group.id, partners.ContactInput(name="Rosa Díaz"))
    argv = ["--lang", "en", "--db", db_url, "forget", "contact", str(rosa.id), "--yes"]
    assert app.main(argv) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Contact {rosa.id} was forgotten.",
        "Backups you saved elsewhere yourself still hold them: delete those too.",
    ]
    assert partners.get_group(db, group.id).contacts == ()


def test_an_anonymous_sign_up_on_a_shift_still_to_come_holds_its_place(db: Database) -> None:
    # Checked in early (a set-up crew the day before): they came, so the place stays taken.
    vigil = make_shift(
        db, make_event(db, starts_at=upcoming_start()).id, capacity=1, starts_at=upcoming_start()
    )
    person = make_volunteer(db, "Zorbalina", "Quixfeather")
    signups.check_in(db, signups.sign_up(db, person.id, vigil.id).id, at=dt.datetime.now(dt.UTC))
    late = make_volunteer(db, "Bea", "Lima")
    signups.sign_up(db, late.id, vigil.id)
    forget.forget_volunteer(db, person.id)
    assert _statuses(db, vigil.id) == [(late.id, SignUpStatus.WAITLISTED), (None, SignUpStatus.ATTENDED)]
    with db.reading() as session:
        assert (
            session.scalar(select(SignUp.volunteer_id).where(SignUp.status == SignUpStatus.ATTENDED)) is None
        )
