"""Partner contacts out as CSV and vCard: consent filters, formula payloads, exact round trips
(Google Contacts, Outlook, .xlsx and one card per file: test_export_address_books.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import vobject
from sqlalchemy import text

from conftest import make_group
from rallyorg.db import Database, open_database
from rallyorg.domain.errors import ValidationError
from rallyorg.exchange.columns import ImportKind
from rallyorg.exchange.safe_csv import would_evaluate
from rallyorg.exchange.vcard import CardContact, vcard_text
from rallyorg.services import partners
from rallyorg.services.exports import ExportFormat, export_contacts
from rallyorg.services.imports import run_import
from rallyorg.services.partners import ContactInput


def _coalition(db: Database) -> None:
    church = make_group(db, "Iglesia San José", city="Danbury")
    union = make_group(db, "SEIU 32BJ", city="Hartford")
    add = partners.add_contact
    add(
        db,
        church.id,
        ContactInput(
            name="Padre Miguel Ángel Torres",
            role="Párroco",
            email="padre@example.org",
            phone="203-555-0171",
            preferred_language="es",
            is_primary=True,
            may_share=True,
        ),
    )
    add(
        db,
        church.id,
        ContactInput(name="Lucía Fernández", email="lucia@example.org", preferred_language="es"),
    )
    add(
        db,
        church.id,
        ContactInput(name="Hidden Person", email="hidden@example.org", do_not_contact=True, may_share=True),
    )
    add(db, union.id, ContactInput(name="Dana Whitfield", role="Organizer", phone="+55 11 91234-5678",
                                   preferred_language="pt_BR", may_share=True))  # fmt: skip


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_csv_leaves_out_do_not_contact_and_honours_sharing(db: Database, tmp_path: Path) -> None:
    _coalition(db)
    result = export_contacts(db, tmp_path / "all.csv")
    rows = _rows(tmp_path / "all.csv")
    assert rows[0] == list(result.columns)
    assert [r[3] for r in rows[1:]] == ["Lucía Fernández", "Padre Miguel Ángel Torres", "Dana Whitfield"]
    assert result.row_count == 3 and result.left_out == {"do_not_contact": 1, "not_shared": 0}
    padre = dict(zip(rows[0], rows[2], strict=True))
    assert padre["Phone"] == "(203) 555-0171" and padre["Primary contact"] == "yes"
    assert padre["Preferred language"] == "es" and padre["City"] == "Danbury"
    shared = export_contacts(db, tmp_path / "shared.csv", shared_only=True)
    assert [r[3] for r in _rows(tmp_path / "shared.csv")[1:]] == [
        "Padre Miguel Ángel Torres",
        "Dana Whitfield",
    ]
    assert shared.left_out == {"do_not_contact": 1, "not_shared": 1}


def test_redacted_contacts_keep_initials_group_and_city(db: Database, tmp_path: Path) -> None:
    _coalition(db)
    export_contacts(db, tmp_path / "r.csv", redacted=True)
    assert _rows(tmp_path / "r.csv") == [
        ["Name", "Group", "City"],
        ["L. F.", "Iglesia San José", "Danbury"],
        ["P. M. Á. T.", "Iglesia San José", "Danbury"],
        ["D. W.", "SEIU 32BJ", "Hartford"],
    ]
    text = (tmp_path / "r.csv").read_text("utf-8-sig")
    for secret in ("lucia@example.org", "555", "Fernández", "Párroco"):
        assert secret not in text


PAYLOADS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1 call me", "-dash", "@handle", "＝1+1", "＠x",
            "'quoted", "''twice", "=", "O'Brien"]  # fmt: skip


def test_formula_payloads_are_neutralised_and_round_trip_through_the_importer(
    db: Database, tmp_path: Path
) -> None:
    for index, payload in enumerate(PAYLOADS):
        group = make_group(db, f"{payload} group {index}" if index % 2 else payload)
        partners.add_contact(
            db, group.id, ContactInput(name=f"{payload} {index}", role=payload, may_share=True)
        )
    export_contacts(db, tmp_path / "payloads.csv")
    rows = _rows(tmp_path / "payloads.csv")
    for cell in (c for row in rows for c in row):
        assert not would_evaluate(cell), cell
    cells = {c for row in rows for c in row}
    assert '\'=HYPERLINK("http://evil.example","x")' in cells and "'+1 call me" in cells
    assert "-dash" in cells and "'-dash" not in cells  # a word after a dash is not a formula
    # Into an empty database with rallyorg's own importer: every value exactly as it was.
    other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        report = run_import(other, tmp_path / "payloads.csv", ImportKind.PARTNERS)
        assert report.created == len(PAYLOADS) and report.rejected == 0
        assert report.mapping.unrecognised_headers() == ()

        def snapshot(database: Database) -> list[tuple[object, ...]]:
            return sorted(
                (
                    c.group_name,
                    c.name,
                    c.role,
                    c.email,
                    c.phone,
                    c.preferred_language,
                    c.is_primary,
                    c.may_share,
                )
                for c in partners.list_contacts(database)
            )

        assert snapshot(other) == snapshot(db)
        assert sorted(g.name for g in partners.list_groups(other)) == sorted(
            g.name for g in partners.list_groups(db)
        )
    finally:
        other.close()


def test_full_round_trip_of_a_coalition(db: Database, tmp_path: Path) -> None:
    _coalition(db)
    export_contacts(db, tmp_path / "c.csv")
    other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        run_import(other, tmp_path / "c.csv", ImportKind.PARTNERS)
        fields = (
            "group_name",
            "name",
            "role",
            "email",
            "phone",
            "preferred_language",
            "is_primary",
            "may_share",
        )

        def snapshot(database: Database) -> list[tuple[object, ...]]:
            return sorted(
                tuple(getattr(c, f) for f in fields)
                for c in partners.list_contacts(database, reachable_only=True)
            )

        assert snapshot(other) == snapshot(db)
    finally:
        other.close()


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vcards_parse_back_field_by_field(db: Database, tmp_path: Path, version: str) -> None:
    _coalition(db)
    group = make_group(db, "Vecinos; Unidos, Norte")
    contact = partners.add_contact(db, group.id, ContactInput(name="Ana María Souza", role="Line one"))
    # Line breaks in one-line fields, as an older version stored them (it no longer does).
    with db.transaction() as session:
        session.execute(
            text("UPDATE contact SET name = :name, role = :role WHERE id = :id"),
            {"name": "Ana\nMaría Souza", "role": "Line one\nline two", "id": contact.id},
        )
    result = export_contacts(db, tmp_path / "c.vcf", export_format=ExportFormat.VCARD, vcard_version=version)
    cards = list(vobject.readComponents((tmp_path / "c.vcf").read_text("utf-8")))
    assert len(cards) == result.row_count == 4  # the name with a newline did not split its card
    by_name = {card.fn.value: card for card in cards}
    assert set(by_name) == {
        "Ana\nMaría Souza",
        "Lucía Fernández",
        "Padre Miguel Ángel Torres",
        "Dana Whitfield",
    }
    padre = by_name["Padre Miguel Ángel Torres"]
    assert padre.version.value == version
    name = padre.n.value
    assert (name.prefix, name.given, name.family) == ("Padre", "Miguel Ángel", "Torres")
    assert padre.org.value == ["Iglesia San José"]
    assert padre.title.value == "Párroco"
    assert padre.email.value == "padre@example.org"
    assert padre.tel.value == "+12035550171"
    assert padre.adr.value.city == "Danbury"
    if version == "4.0":
        assert padre.lang.value == "es"
        assert by_name["Dana Whitfield"].lang.value == "pt-BR"
    else:
        assert padre.note.value == "Preferred language: Español"
    odd = by_name["Ana\nMaría Souza"]
    assert odd.org.value == ["Vecinos; Unidos, Norte"] and odd.title.value == "Line one\nline two"
    assert "Hidden Person" not in (tmp_path / "c.vcf").read_text("utf-8")


def test_redacted_vcards(db: Database, tmp_path: Path) -> None:
    _coalition(db)
    export_contacts(db, tmp_path / "r.vcf", export_format=ExportFormat.VCARD, redacted=True)
    text = (tmp_path / "r.vcf").read_text("utf-8")
    assert "@" not in text and "555" not in text and "TITLE" not in text
    cards = list(vobject.readComponents(text))
    assert sorted(c.fn.value for c in cards) == ["D. W.", "L. F.", "P. M. Á. T."]


def test_vcard_text_is_one_card_per_contact() -> None:
    text = vcard_text([CardContact(name="A\nB", group="G"), CardContact(name="C", group="G")])
    assert text.count("BEGIN:VCARD") == 2 and "\r\n" in text


def test_csv_guards_only_what_a_spreadsheet_would_evaluate(db: Database, tmp_path: Path) -> None:
    """No apostrophe in front of a foreign phone or a name that starts with a dash: it would
    stay in the value through LibreOffice, .xlsx and Google Contacts. A formula still gets one."""
    _coalition(db)
    zero = make_group(db, "-Coletivo Zero", city="Bridgeport")
    partners.add_contact(db, zero.id, ContactInput(name='=HYPERLINK("http://evil.example","x")'))
    export_contacts(db, tmp_path / "c.csv")
    rows = _rows(tmp_path / "c.csv")
    by_name = {row[3]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_name["Dana Whitfield"]["Phone"] == "+55 11 91234-5678"  # foreign: keeps its +
    assert by_name["Padre Miguel Ángel Torres"]["Phone"] == "(203) 555-0171"  # home region: national
    formula = by_name['\'=HYPERLINK("http://evil.example","x")']
    assert formula["Group"] == "-Coletivo Zero"
    text = (tmp_path / "c.csv").read_text("utf-8-sig")
    assert "'+55" not in text and "'-Coletivo" not in text


def test_contacts_only_in_the_contact_formats(db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        export_contacts(db, tmp_path / "x.pdf", export_format=ExportFormat.PDF)
