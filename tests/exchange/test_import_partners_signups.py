"""Importing partner groups with their contacts, and sign-ups for an event's shifts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import make_event, make_group, make_volunteer
from exchange.conftest import counts, fates, make_rally
from rallyorg.db import Database
from rallyorg.domain.enums import PartnerKind, SignUpStatus
from rallyorg.domain.errors import NotFoundError, ValidationError
from rallyorg.exchange.columns import ImportKind
from rallyorg.services import partners, signups, volunteers
from rallyorg.services.imports import OnDuplicate, RowFate, run_import

FixtureFile = Callable[[str], Path]


def test_partner_groups_and_contacts(db: Database, fixture_file: FixtureFile) -> None:
    report = run_import(db, fixture_file("partners_es.csv"), ImportKind.PARTNERS)
    assert fates(report) == [
        (2, "created", None),
        (3, "created", None),
        (4, "created", None),
        (5, "created", None),  # a row with only a group
        (6, "duplicate", "row"),  # Lucía again
        (7, "created", None),
        (8, "rejected", "preferred_language"),
    ]
    assert report.balanced and report.groups_created == 4
    groups = {g.name: g for g in partners.list_groups(db)}
    assert set(groups) == {
        "Iglesia San José",
        "SEIU 32BJ",
        "Centro Comunitario",
        '=HYPERLINK("http://evil.example")',
    }
    church = partners.get_group(db, groups["Iglesia San José"].id)
    assert (church.kind, church.city) == (PartnerKind.FAITH, "Danbury")
    contacts = {c.name: c for c in church.contacts}
    padre = contacts["Padre Miguel Ángel Torres"]
    assert (padre.role, padre.phone, padre.preferred_language, padre.is_primary, padre.may_share) == (
        "Párroco", "+12035550171", "es", True, True,
    )  # fmt: skip
    assert not contacts["Lucía Fernández"].is_primary
    assert partners.get_group(db, groups["SEIU 32BJ"].id).kind == PartnerKind.UNION
    assert partners.get_group(db, groups["Centro Comunitario"].id).contacts == ()
    again = run_import(db, fixture_file("partners_es.csv"), ImportKind.PARTNERS)
    assert (again.created, again.updated, again.groups_created) == (0, 0, 0)
    assert [f for _, f, _ in fates(again)] == ["duplicate"] * 6 + ["rejected"]


def test_one_primary_contact_per_group(db: Database, tmp_path: Path) -> None:
    group = make_group(db, "Unidad Latina")
    partners.add_contact(db, group.id, partners.ContactInput(name="Rosa Díaz", is_primary=True))
    path = tmp_path / "p.csv"
    path.write_text("Group,Contact,Primary\nUnidad Latina,Marta Gil,yes\n", "utf-8")
    report = run_import(db, path, ImportKind.PARTNERS)
    assert fates(report) == [(2, "created", None)]
    assert [w.field for w in report.outcomes[0].warnings] == ["is_primary"]
    primaries = [c.name for c in partners.get_group(db, group.id).contacts if c.is_primary]
    assert primaries == ["Rosa Díaz"]


def test_update_mode_updates_the_contact_and_the_group(db: Database, tmp_path: Path) -> None:
    group = make_group(db, "Unidad Latina", city="Danbury")
    contact = partners.add_contact(db, group.id, partners.ContactInput(name="Rosa Díaz", role="Chair"))
    path = tmp_path / "p.csv"
    path.write_text(
        "Group,City,Contact,Role,Email\nunidad latina,Bethel,Rosa Diaz,,rosa@example.org\n", "utf-8"
    )
    report = run_import(db, path, ImportKind.PARTNERS, on_duplicate=OnDuplicate.UPDATE)
    assert fates(report) == [(2, "updated", None)] and report.groups_updated == 1
    after = partners.get_group(db, group.id)
    assert after.city == "Bethel"
    (rosa,) = after.contacts
    assert (rosa.id, rosa.name, rosa.role, rosa.email) == (
        contact.id,
        "Rosa Díaz",
        "Chair",
        "rosa@example.org",
    )


def test_signups_use_the_capacity_and_waitlist_rules(db: Database, fixture_file: FixtureFile) -> None:
    event_id, marshals, desk = make_rally(db)
    wilmer = make_volunteer(db, "Wilmer", "Ajú Tzoc", phone="(203) 555-0161")
    ana = make_volunteer(db, "Ana", "Souza", phone="(203) 555-0199")
    before = counts(db)
    report = run_import(db, fixture_file("signups.csv"), ImportKind.SIGNUPS, event_id=event_id)
    assert fates(report) == [
        (2, "created", None),
        (3, "created", None),
        (4, "created", None),
        (5, "created", None),
        (6, "duplicate", "row"),
        (7, "rejected", "shift"),  # 18:00: no such shift
        (8, "rejected", "given_name"),  # no name, and nobody has that email
    ]
    assert report.balanced and report.volunteers_created == 2 and report.waitlisted == 1
    assert counts(db)["volunteer"] == before["volunteer"] + 2
    statuses = {s.volunteer_name: s.status for s in signups.get_shift(db, marshals).signups}
    assert statuses == {
        "Wilmer Ajú Tzoc": SignUpStatus.SIGNED_UP,
        "Fátima Çelik": SignUpStatus.SIGNED_UP,
        "Bea Santos": SignUpStatus.WAITLISTED,
    }
    (on_desk,) = signups.get_shift(db, desk).signups
    assert (on_desk.volunteer_id, on_desk.status) == (ana.id, SignUpStatus.SIGNED_UP)
    assert next(s for s in signups.get_shift(db, marshals).signups if s.volunteer_id == wilmer.id)
    # Twice: nobody new, no new sign-up.
    again = run_import(db, fixture_file("signups.csv"), ImportKind.SIGNUPS, event_id=event_id)
    assert (again.created, again.volunteers_created) == (0, 0)
    assert [f for _, f, _ in fates(again)] == ["duplicate"] * 5 + ["rejected"] * 2


def test_cancelled_signup_taken_up_again_only_on_update(db: Database, tmp_path: Path) -> None:
    event_id, marshals, _ = make_rally(db)
    bia = make_volunteer(db, "Bia", "Reis", email="bia@example.org")
    signup = signups.sign_up(db, bia.id, marshals)
    signups.cancel_signup(db, signup.id)
    path = tmp_path / "s.csv"
    path.write_text("Name,Email,Shift\nBia Reis,bia@example.org,marshals\n", "utf-8")
    skipped = run_import(db, path, ImportKind.SIGNUPS, event_id=event_id)
    assert fates(skipped) == [(2, "duplicate", "row")]
    updated = run_import(db, path, ImportKind.SIGNUPS, event_id=event_id, on_duplicate=OnDuplicate.UPDATE)
    assert fates(updated) == [(2, "updated", None)]
    (row,) = signups.get_shift(db, marshals).signups
    assert row.status == SignUpStatus.SIGNED_UP


def test_a_signup_with_a_shared_phone_signs_up_the_person_named(db: Database, tmp_path: Path) -> None:
    event_id, marshals, _ = make_rally(db)
    layla = make_volunteer(db, "Layla", "Khoury", phone="203-555-0111")
    make_volunteer(db, "Omar", "Khoury", phone="203-555-0111")  # the same family phone
    path = tmp_path / "s.csv"
    path.write_text(
        "Name,Phone,Shift\nMaría Núñez,203-555-0111,marshals\nLayla Khoury,(203) 555-0111,marshals\n"
        ",203-555-0111,marshals\n",
        "utf-8",
    )
    report = run_import(db, path, ImportKind.SIGNUPS, event_id=event_id)
    assert fates(report) == [(2, "created", None), (3, "created", None), (4, "rejected", "given_name")]
    [maria] = [o for o in report.outcomes if o.line == 2]
    assert [w.text() for w in maria.warnings] == [
        f"Same phone number as Layla Khoury (volunteer {layla.id}) but another name: added as a separate "
        "person; check Possible duplicates if it is the same one.",
        "Same phone number as Omar Khoury (volunteer 2) but another name: added as a separate "
        "person; check Possible duplicates if it is the same one.",
    ]
    names = sorted(s.volunteer_name for s in signups.get_shift(db, marshals).signups)
    assert names == ["Layla Khoury", "María Núñez"]  # not Layla twice, nor Omar
    assert len([r for r in volunteers.list_volunteers(db) if r.phone == layla.phone]) == 3


def test_signups_need_an_event_with_shifts(db: Database, fixture_file: FixtureFile) -> None:
    path = fixture_file("signups.csv")
    with pytest.raises(ValidationError, match="which event"):
        run_import(db, path, ImportKind.SIGNUPS)
    with pytest.raises(NotFoundError):
        run_import(db, path, ImportKind.SIGNUPS, event_id=999)
    empty = make_event(db, "No shifts yet")
    with pytest.raises(ValidationError, match="no shifts"):
        run_import(db, path, ImportKind.SIGNUPS, event_id=empty.id)


def test_ambiguous_shift_is_rejected_with_the_choices(db: Database, tmp_path: Path) -> None:
    event_id, _, _ = make_rally(db)
    path = tmp_path / "s.csv"
    path.write_text("Name,Phone\nCaio Lima,203-555-0181\n", "utf-8")
    report = run_import(db, path, ImportKind.SIGNUPS, event_id=event_id)
    assert fates(report) == [(2, "rejected", "shift")]
    reason = report.outcomes[0].reason
    assert reason is not None and reason.params["count"] == 2 and "Marshals" in reason.params["shifts"]
    assert volunteers.count_volunteers(db) == 0
    assert report.outcomes[0].fate == RowFate.REJECTED
