"""Importing volunteers: every row's fate and line, duplicates, dry runs, second imports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import make_group, make_volunteer
from exchange.conftest import counts, fates
from rallyorg.db import Database
from rallyorg.exchange.columns import ImportKind, apply_overrides
from rallyorg.exchange.errors import ImportFileError
from rallyorg.services import volunteers
from rallyorg.services.imports import OnDuplicate, RowFate, preview_import, run_import

V = ImportKind.VOLUNTEERS
FixtureFile = Callable[[str], Path]


def _by_name(db: Database) -> dict[str, volunteers.VolunteerRow]:
    return {row.name: row for row in volunteers.list_volunteers(db)}


def test_utf8_file_every_row_accounted_for(db: Database, fixture_file: FixtureFile) -> None:
    path = fixture_file("volunteers_utf8.csv")
    report = run_import(db, path, V)
    assert fates(report) == [
        (2, "created", None),
        (3, "created", None),
        (5, "created", None),
        (6, "created", None),  # kept without the unreadable email (a warning says so)
        (7, "created", None),  # kept, the phone "12" in the notes as written
        (8, "rejected", "given_name"),  # only a missing name rejects a person
        (9, "duplicate", "row"),  # Ana Souza again: same name and email as line 2
        (10, "created", None),  # Joe Smith shares José's phone (line 5): another person
        (11, "created", None),
        (13, "created", None),
    ]
    assert (report.rows_in_file, report.created, report.updated, report.skipped, report.rejected) == (
        10,
        8,
        0,
        1,
        1,
    )
    assert report.balanced
    warned = {o.line: [(w.field, w.text()) for w in o.warnings] for o in report.outcomes if o.warnings}
    assert warned[6] == [("email", "“Email”: not a valid email address, so left out: not-an-email")]
    assert warned[7] == [
        ("phone", "“Phone”: not understood as a phone number, so kept in the notes as written: 12")
    ]
    duplicates = {o.line: o.reason for o in report.outcomes if o.fate == RowFate.DUPLICATE}
    assert duplicates[9] is not None and duplicates[9].params == {"other": 2}
    assert "same name and email" in duplicates[9].text()
    [joe] = [o for o in report.outcomes if o.line == 10]
    assert [w.text() for w in joe.warnings] == [
        "Same phone number as line 5 but another name: added as a separate person."
    ]
    people = _by_name(db)
    # A shared family email: two people, not one.
    assert {"Ana Souza", "Pedro Souza"} <= set(people)
    assert people["Ana Souza"].phone == "+12035550101"
    assert people["Ana Souza"].languages == ("pt_BR", "en")  # as the file lists them
    assert people["Quoted, Name Lee"].languages == ("en", "es")
    pedro = volunteers.get_volunteer(db, people["Pedro Souza"].id)
    assert pedro.notes == "Drives a van.\nCan take 6 people."
    assert pedro.source == "import: volunteers_utf8.csv"
    maria = volunteers.get_volunteer(db, people["Maria Núñez"].id)
    assert (maria.email, maria.phone, maria.city) == ("", "+12035550104", "Hartford")
    carla = volunteers.get_volunteer(db, people["Carla Pérez"].id)
    assert (carla.phone, carla.notes) == ("", "☎ 12")
    assert all(o.record_id for o in report.outcomes if o.fate == RowFate.CREATED)


def test_rejected_rows_file_has_line_reason_and_the_row(db: Database, fixture_file: FixtureFile) -> None:
    path = fixture_file("volunteers_utf8.csv")
    report = run_import(db, path, V)
    assert report.rejected_file == path.with_name("volunteers_utf8.rejected.csv")
    text = report.rejected_file.read_bytes().decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == '"Line","Reason","First name","Last name","Email","Phone","City","Languages","Notes"'
    assert lines[1].startswith('"8","First name: No name')
    assert len(lines) == 2
    # Fixed and imported again, the rejected file's extra columns are recognised and ignored.
    preview = preview_import(report.rejected_file, V)
    assert preview.mapping.unrecognised_headers() == ()


@pytest.mark.parametrize(
    ("name", "expected", "people"),
    [
        (
            "volunteers_bom_es_semicolon.csv",
            [(2, "created", None), (3, "created", None), (4, "created", None), (5, "rejected", "row"),
             (6, "created", None), (7, "created", None)],
            {"María José Núñez Ramírez", "Luis Ramírez", "Rosa Quispe", "Pedro Mamani", "Elena Ruiz"},
        ),
        (
            "volunteers_excel_unicode.txt",
            [(2, "created", None), (3, "created", None), (5, "created", None)],
            {"Nguyễn Thị Minh", "Jean-Baptiste Étienne", "Zoë O'Brien"},
        ),
        (
            "volunteers_cp1252.csv",
            [(2, "created", None), (3, "created", None), (4, "created", None), (5, "created", None)],
            {"José Gonçalves", "María Núñez", "François Côté", "Søren Ærø"},
        ),
        (
            "volunteers_pt.csv",
            [(2, "created", None), (3, "created", None)],
            {"João da Silva", "Ana Paula Gonçalves"},
        ),
        (
            "google_forms.csv",
            [(2, "created", None), (3, "created", None), (4, "duplicate", "row")],
            {"Ana Lima", "Carlos Mendoza López"},
        ),
        (
            "mobilize.csv",
            [(2, "created", None), (3, "created", None)],
            {"Wilmer Ajú Tzoc", "Fátima Çelik"},
        ),
        (
            "garbled_names.csv",
            [(2, "rejected", "given_name"), (3, "rejected", "given_name"), (4, "created", None)],
            {"Ana Souza"},
        ),
    ],
)  # fmt: skip
def test_real_world_files(
    db: Database,
    fixture_file: FixtureFile,
    name: str,
    expected: list[tuple[int, str, str | None]],
    people: set[str],
) -> None:
    report = run_import(db, fixture_file(name), V)
    assert fates(report) == expected
    assert report.balanced
    assert set(_by_name(db)) == people


def test_spanish_file_details(db: Database, fixture_file: FixtureFile) -> None:
    report = run_import(db, fixture_file("volunteers_bom_es_semicolon.csv"), V)
    assert report.encoding == "utf-8-sig" and report.delimiter == ";"
    maria = volunteers.get_volunteer(db, _by_name(db)["María José Núñez Ramírez"].id)
    assert (maria.email, maria.phone, maria.city, maria.languages, maria.may_text) == (
        "mj.nunez@example.org", "+12035550111", "Danbury", ("es", "en"), True,
    )  # fmt: skip
    pedro = next(o for o in report.outcomes if o.line == 6)
    assert [w.text() for w in pedro.warnings] == ["Languages not recognised, left out: quechua"]
    extra = next(o for o in report.outcomes if o.line == 5)
    assert extra.reason is not None and extra.reason.params == {"count": 8, "expected": 7}


def test_google_forms_details(db: Database, fixture_file: FixtureFile) -> None:
    run_import(db, fixture_file("google_forms.csv"), V)
    carlos = volunteers.get_volunteer(db, _by_name(db)["Carlos Mendoza López"].id)
    assert (carlos.given_name, carlos.family_name, carlos.may_text, carlos.source) == (
        "Carlos", "Mendoza López", False, "import: Google Forms",
    )  # fmt: skip
    ana = volunteers.get_volunteer(db, _by_name(db)["Ana Lima"].id)
    assert ana.may_text and ana.languages == ("en", "pt_BR")


def test_garbled_file_says_to_export_as_utf8(db: Database, fixture_file: FixtureFile) -> None:
    report = run_import(db, fixture_file("garbled_names.csv"), V)
    assert [n.field for n in report.notices] == ["encoding"]
    assert "UTF-8" in report.notices[0].text()
    rejected = report.outcomes[0].reason
    assert rejected is not None and "re" in rejected.text() and "UTF-8" in rejected.text()


def test_dry_run_writes_nothing(db: Database, fixture_file: FixtureFile) -> None:
    path = fixture_file("volunteers_utf8.csv")
    before = counts(db)
    report = run_import(db, path, V, dry_run=True)
    assert counts(db) == before
    assert not path.with_name("volunteers_utf8.rejected.csv").exists()
    assert report.dry_run and report.batch_id is None and report.rejected_file is None
    assert (report.created, report.skipped, report.rejected) == (8, 1, 1)
    assert all(o.record_id is None for o in report.outcomes if o.fate == RowFate.CREATED)
    # The real run agrees with the dry run, row for row.
    assert fates(run_import(db, path, V)) == fates(report)


def test_second_import_of_the_same_file_adds_nobody(db: Database, fixture_file: FixtureFile) -> None:
    path = fixture_file("volunteers_utf8.csv")
    first = run_import(db, path, V)
    people = counts(db)["volunteer"]
    second = run_import(db, path, V)
    assert counts(db)["volunteer"] == people
    assert second.created == 0 and second.updated == 0
    assert second.skipped == first.created + first.skipped
    created_ids = {o.line: o.record_id for o in first.outcomes if o.fate == RowFate.CREATED}
    for outcome in second.outcomes:
        if outcome.line in created_ids:
            assert outcome.fate == RowFate.DUPLICATE and outcome.record_id == created_ids[outcome.line]
    # With --on-duplicate update nothing changes either: everyone is up to date.
    third = run_import(db, path, V, on_duplicate=OnDuplicate.UPDATE)
    assert (third.created, third.updated) == (0, 0)


def test_family_email_is_not_a_duplicate_but_name_and_email_is(db: Database, tmp_path: Path) -> None:
    make_volunteer(db, "Ana", "Souza", email="familia@example.org")
    path = tmp_path / "family.csv"
    path.write_text(
        "First name,Last name,Email\nPedro,Souza,familia@example.org\nANA,SOUZA,Familia@Example.org\n",
        "utf-8",
    )
    report = run_import(db, path, V)
    assert fates(report) == [(2, "created", None), (3, "duplicate", "row")]
    assert "same name and email" in report.outcomes[1].reason.text()  # type: ignore[union-attr]


def test_update_fills_in_without_erasing_and_keeps_accents(db: Database, tmp_path: Path) -> None:
    existing = make_volunteer(
        db, "José", "Gonçalves", phone="203-555-0190", city="Danbury", languages=("pt",), notes="Has a van"
    )
    path = tmp_path / "update.csv"
    path.write_text(
        "First name,Last name,Phone,Email,City,Languages,Notes\n"
        "Jose,Goncalves,(203) 555-0190,jose@example.org,,English,\n",
        "utf-8",
    )
    skipped = run_import(db, path, V)
    assert fates(skipped) == [(2, "duplicate", "row")]
    assert skipped.outcomes[0].record_id == existing.id
    report = run_import(db, path, V, on_duplicate=OnDuplicate.UPDATE)
    assert fates(report) == [(2, "updated", None)]
    after = volunteers.get_volunteer(db, existing.id)
    assert (after.given_name, after.family_name) == ("José", "Gonçalves")  # the accented spelling wins
    assert after.email == "jose@example.org"
    assert after.city == "Danbury" and after.notes == "Has a van"  # empty cells erase nothing
    assert after.languages == ("pt_BR", "en")  # lists are united, the stored first stays first


def test_an_import_never_lifts_do_not_contact(db: Database, tmp_path: Path) -> None:
    existing = make_volunteer(db, "Bia", "Reis", phone="203-555-0191", do_not_contact=True)
    path = tmp_path / "consent.csv"
    path.write_text("Name,Phone,Do not contact,May text\nBia Reis,203-555-0191,no,yes\n", "utf-8")
    report = run_import(db, path, V, on_duplicate=OnDuplicate.UPDATE)
    after = volunteers.get_volunteer(db, existing.id)
    assert after.do_not_contact and not after.may_text
    assert report.updated == 0 and report.skipped == 1


def test_a_row_matching_two_people_is_not_merged(db: Database, tmp_path: Path) -> None:
    one = make_volunteer(db, "Ana", "Souza", phone="203-555-0192")
    two = make_volunteer(db, "Ana", "Souza", email="ana@example.org")
    path = tmp_path / "both.csv"
    path.write_text("Name,Phone,Email\nAna Souza,203-555-0192,ana@example.org\n", "utf-8")
    report = run_import(db, path, V, on_duplicate=OnDuplicate.UPDATE)
    assert fates(report) == [(2, "duplicate", "row")]
    assert report.outcomes[0].reason.params == {"first": one.id, "second": two.id}  # type: ignore[union-attr]


def test_partner_group_by_name(db: Database, tmp_path: Path) -> None:
    group = make_group(db, "Iglesia San José")
    path = tmp_path / "groups.csv"
    path.write_text("Name,Partner group\nAna Souza,IGLESIA SAN JOSE\nBia Reis,Nowhere Club\n", "utf-8")
    report = run_import(db, path, V)
    assert fates(report) == [(2, "created", None), (3, "created", None)]
    assert volunteers.get_volunteer(db, report.outcomes[0].record_id or 0).group_id == group.id
    assert [w.field for w in report.outcomes[1].warnings] == ["group"]


def test_edited_mapping_and_missing_columns(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Person,Contact number\nAna Souza,203-555-0193\n", "utf-8")
    preview = preview_import(path, V)
    assert preview.mapping.fields == (None, None)
    assert preview.row_count == 1 and preview.sample[0].cells == ("Ana Souza", "203-555-0193")
    assert preview.delimiter_name == "comma" and preview.encoding_name == "UTF-8"
    assert [spec.name for spec in preview.fields][:3] == ["given_name", "family_name", "full_name"]
    assert [n.field for n in preview.notices] == ["columns"]
    with pytest.raises(ImportFileError, match="No column holds people's names") as caught:
        run_import(db, path, V)
    assert caught.value.params["headers"] == "Person, Contact number"
    edited = apply_overrides(preview.mapping, {"full_name": "person", "phone": "Contact number"})
    report = run_import(db, path, V, mapping=edited)
    assert report.created == 1
    assert volunteers.list_volunteers(db)[0].phone == "+12035550193"


def test_a_stale_mapping_is_refused(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text("Name\nAna\n", "utf-8")
    mapping = preview_import(path, V).mapping
    path.write_text("Name,Phone\nAna,203-555-0194\n", "utf-8")
    with pytest.raises(ImportFileError, match="changed since the preview"):
        run_import(db, path, V, mapping=mapping)


def test_unbalanced_quote_imports_nothing(db: Database, fixture_file: FixtureFile) -> None:
    before = counts(db)
    with pytest.raises(ImportFileError) as caught:
        run_import(db, fixture_file("unbalanced_quote.csv"), V)
    assert caught.value.line == 3
    assert counts(db) == before


def test_progress_is_reported(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("Name\n" + "".join(f"Person {i}\n" for i in range(600)), "utf-8")
    seen: list[tuple[int, int]] = []
    run_import(db, path, V, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (250, 600) and seen[-1] == (600, 600)


@pytest.mark.parametrize("on_duplicate", [OnDuplicate.SKIP, OnDuplicate.UPDATE])
def test_a_shared_phone_is_not_the_same_person(
    db: Database, tmp_path: Path, on_duplicate: OnDuplicate
) -> None:
    # A family's one phone: María signs up with the number Layla already gave. Matching on the
    # phone alone would skip María, or (update) write María over Layla and take her sign-ups.
    layla = make_volunteer(db, "Layla", "Khoury", phone="(203) 555-0111", email="layla@example.org")
    path = tmp_path / "signups.csv"
    path.write_text(
        "Nombre,Apellido,Correo electrónico,Teléfono,Ciudad\n"
        "María,Núñez,maria@example.org,203-555-0111,Danbury\n"
        "LAYLA,KHOURY,,203.555.0111,Hartford\n",
        "utf-8",
    )
    report = run_import(db, path, V, on_duplicate=on_duplicate)

    people = _by_name(db)
    assert set(people) == {"Layla Khoury", "María Núñez"}
    assert people["Layla Khoury"].id == layla.id and people["Layla Khoury"].email == "layla@example.org"
    assert people["María Núñez"].phone == "+12035550111"
    [maria, again] = report.outcomes
    assert maria.fate == RowFate.CREATED
    assert [w.text() for w in maria.warnings] == [
        f"Same phone number as Layla Khoury (volunteer {layla.id}) but another name: added as a separate "
        "person; check Possible duplicates if it is the same one."
    ]
    # The same name with the same phone is Layla herself.
    expected = RowFate.DUPLICATE if on_duplicate == OnDuplicate.SKIP else RowFate.UPDATED
    assert (again.fate, again.record_id) == (expected, layla.id)
    city = "" if on_duplicate == OnDuplicate.SKIP else "Hartford"
    assert volunteers.get_volunteer(db, layla.id).city == city
    # The review of possible duplicates still pairs them, for a person to decide.
    assert [{p.first.id, p.second.id} for p in volunteers.find_duplicates(db)] == [
        {layla.id, people["María Núñez"].id}
    ]
