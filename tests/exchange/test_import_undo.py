"""Undoing an import as a whole; the import history; all or nothing on failure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from conftest import make_volunteer, upcoming_start
from exchange.conftest import counts, make_rally
from rallyorg.db import Database
from rallyorg.domain.errors import ConflictError, FileWriteError, NotFoundError
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.exchange.columns import ImportKind
from rallyorg.exchange.errors import ImportCancelled
from rallyorg.models import ImportChange
from rallyorg.services import partners, signups, volunteers
from rallyorg.services.imports import OnDuplicate, get_import, list_imports, run_import, undo_import

FixtureFile = Callable[[str], Path]


def test_undo_removes_what_was_created_and_restores_what_was_updated(db: Database, tmp_path: Path) -> None:
    kept = make_volunteer(db, "José", "Gonçalves", phone="203-555-0190", city="Danbury")
    before = counts(db)
    path = tmp_path / "v.csv"
    path.write_text(
        "Name,Phone,City,Email\n"
        "Jose Goncalves,203-555-0190,Bethel,jose@example.org\n"
        "Nina Park,203-555-0191,,\n",
        "utf-8",
    )
    report = run_import(db, path, ImportKind.VOLUNTEERS, on_duplicate=OnDuplicate.UPDATE)
    assert (report.created, report.updated) == (1, 1)
    assert volunteers.get_volunteer(db, kept.id).city == "Bethel"
    history = list_imports(db)
    assert [b.id for b in history] == [report.batch_id]
    assert history[0].can_undo and (history[0].created, history[0].updated) == (1, 1)
    result = undo_import(db, report.batch_id or 0)
    assert (result.deleted, result.restored, result.already_gone) == (1, 1, 0)
    restored = volunteers.get_volunteer(db, kept.id)
    assert (restored.city, restored.email, restored.name) == ("Danbury", "", "José Gonçalves")
    after = counts(db)
    assert after["volunteer"] == before["volunteer"]
    assert get_import(db, report.batch_id or 0).undone_at is not None
    # Earlier personal values are not kept once restored.
    with db.reading() as session:
        assert all(c.previous is None for c in session.scalars(select(ImportChange)))
    with pytest.raises(ConflictError, match="already undone"):
        undo_import(db, report.batch_id or 0)
    with pytest.raises(NotFoundError):
        undo_import(db, 999)


def test_undo_refuses_to_lose_later_edits_unless_forced(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text("Name,Phone\nNina Park,203-555-0191\nOmar Haddad,203-555-0192\n", "utf-8")
    report = run_import(db, path, ImportKind.VOLUNTEERS)
    nina = report.outcomes[0].record_id or 0
    volunteers.update_volunteer(
        db,
        nina,
        VolunteerInput(given_name="Nina", family_name="Park", city="Hartford"),
        version=volunteers.get_volunteer(db, nina).version,
    )
    with pytest.raises(ConflictError, match="edited since"):
        undo_import(db, report.batch_id or 0)
    assert volunteers.count_volunteers(db) == 2
    undo_import(db, report.batch_id or 0, force=True)
    assert volunteers.count_volunteers(db) == 0


def test_undo_of_records_deleted_since(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text("Name\nNina Park\nOmar Haddad\n", "utf-8")
    report = run_import(db, path, ImportKind.VOLUNTEERS)
    volunteers.delete_volunteer(db, report.outcomes[0].record_id or 0)
    result = undo_import(db, report.batch_id or 0)
    assert (result.deleted, result.already_gone) == (1, 1)


def test_undo_partner_import_removes_groups_with_their_contacts(
    db: Database, fixture_file: FixtureFile
) -> None:
    before = counts(db)
    report = run_import(db, fixture_file("partners_es.csv"), ImportKind.PARTNERS)
    assert partners.list_groups(db)
    undo_import(db, report.batch_id or 0)
    after = counts(db)
    for table in ("partner_group", "contact"):
        assert after[table] == before[table]


def test_undo_signup_import_promotes_the_waitlist(db: Database, tmp_path: Path) -> None:
    event_id, marshals, _ = make_rally(db, upcoming_start())
    waiting = [make_volunteer(db, f"P{i}", "Person", phone=f"203-555-017{i}") for i in range(3)]
    path = tmp_path / "s.csv"
    path.write_text(
        "Name,Phone,Shift\nAna Souza,203-555-0161,Marshals\nBia Reis,203-555-0162,Marshals\n", "utf-8"
    )
    report = run_import(db, path, ImportKind.SIGNUPS, event_id=event_id)
    for person in waiting:
        signups.sign_up(db, person.id, marshals)  # the shift is full: all three wait
    shift = signups.get_shift(db, marshals)
    assert shift.filled == 2 and shift.waitlisted == 3
    undo_import(db, report.batch_id or 0)
    shift = signups.get_shift(db, marshals)
    assert shift.filled == 2 and shift.waitlisted == 1
    assert {s.volunteer_id for s in shift.signups if s.status.holds_a_place} == {waiting[0].id, waiting[1].id}


def test_cancel_rolls_everything_back(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("Name\n" + "".join(f"Person {i}\n" for i in range(1000)), "utf-8")
    before = counts(db)
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) >= 3

    with pytest.raises(ImportCancelled):
        run_import(db, path, ImportKind.VOLUNTEERS, cancel=cancel)
    assert counts(db) == before


def test_rejected_file_that_cannot_be_written_leaves_no_partial_import(
    db: Database, fixture_file: FixtureFile, tmp_path: Path
) -> None:
    before = counts(db)
    with pytest.raises(FileWriteError, match="No file was written"):
        run_import(
            db,
            fixture_file("volunteers_utf8.csv"),
            ImportKind.VOLUNTEERS,
            rejected_path=tmp_path / "missing-folder" / "rejected.csv",
        )
    assert counts(db) == before


def test_failure_in_the_middle_of_writing_rolls_back(
    db: Database, fixture_file: FixtureFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rallyorg.services.imports as imports

    before = counts(db)

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(imports, "_save_batch", broken)
    with pytest.raises(RuntimeError):
        run_import(db, fixture_file("volunteers_utf8.csv"), ImportKind.VOLUNTEERS)
    assert counts(db) == before


def test_undo_refuses_to_delete_what_was_added_since(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("Group,Contact\nUnidad Latina,Rosa Díaz\n", "utf-8")
    report = run_import(db, path, ImportKind.PARTNERS)
    (group,) = partners.list_groups(db)
    partners.add_contact(db, group.id, partners.ContactInput(name="Added Later"))
    with pytest.raises(ConflictError, match="1 records added since depend on import"):
        undo_import(db, report.batch_id or 0)
    assert len(partners.list_contacts(db)) == 2
    undo_import(db, report.batch_id or 0, force=True)
    assert partners.list_groups(db) == [] and partners.list_contacts(db) == []


def test_undo_refuses_to_drop_later_signups_of_imported_people(db: Database, tmp_path: Path) -> None:
    _, marshals, _ = make_rally(db)
    path = tmp_path / "v.csv"
    path.write_text("Name,Phone\nNina Park,203-555-0191\n", "utf-8")
    report = run_import(db, path, ImportKind.VOLUNTEERS)
    signups.sign_up(db, report.outcomes[0].record_id or 0, marshals)
    with pytest.raises(ConflictError, match="depend on import"):
        undo_import(db, report.batch_id or 0)
