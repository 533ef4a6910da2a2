"""Partner contacts for the next tool: Google Contacts' and Outlook's import CSVs (read back by
a reader that knows only their documented headers), an .xlsx of text cells, one vCard per file
for Outlook, and the spreadsheet CSV through LibreOffice when it is installed."""

from __future__ import annotations

import csv
import io
import shutil
import stat
import subprocess
from pathlib import Path

import openpyxl
import phonenumbers
import pytest
import vobject

from conftest import make_group
from rallyorg.db import Database
from rallyorg.domain.errors import ValidationError
from rallyorg.services import partners
from rallyorg.services.exports import ExportFormat, contact_consent, export_contacts
from rallyorg.services.partners import ContactInput

# The fixed columns of a Google Contacts export ("Google CSV"), which its importer maps by name.
GOOGLE_DOCUMENTED = [
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
    "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As", "Organization Name",
    "Organization Title", "Organization Department", "Birthday", "Notes", "Photo", "Labels",
    "E-mail 1 - Label", "E-mail 1 - Value", "Phone 1 - Label", "Phone 1 - Value", "Address 1 - Label",
    "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City", "Address 1 - PO Box",
    "Address 1 - Region", "Address 1 - Postal Code", "Address 1 - Country", "Address 1 - Extended Address",
]  # fmt: skip
# Outlook's import template (Microsoft's sample file; Outlook.com exports the same columns).
OUTLOOK_DOCUMENTED = [
    "First Name", "Middle Name", "Last Name", "Title", "Suffix", "Nickname", "Given Yomi", "Surname Yomi",
    "E-mail Address", "E-mail 2 Address", "E-mail 3 Address", "Home Phone", "Home Phone 2", "Business Phone",
    "Business Phone 2", "Mobile Phone", "Car Phone", "Other Phone", "Primary Phone", "Pager", "Business Fax",
    "Home Fax", "Other Fax", "Company Main Phone", "Callback", "Radio Phone", "Telex", "TTY/TDD Phone",
    "IMAddress", "Job Title", "Department", "Company", "Office Location", "Manager's Name",
    "Assistant's Name", "Assistant's Phone", "Company Yomi", "Business Street", "Business City",
    "Business State", "Business Postal Code", "Business Country/Region", "Home Street", "Home City",
    "Home State", "Home Postal Code", "Home Country/Region", "Other Street", "Other City", "Other State",
    "Other Postal Code", "Other Country/Region", "Personal Web Page", "Spouse", "Schools", "Hobby",
    "Location", "Web Page", "Birthday", "Anniversary", "Notes",
]  # fmt: skip


FORMULA = '=HYPERLINK("http://evil.example","x")'


def _coalition(db: Database) -> None:
    church = make_group(db, "Iglesia San José", city="Danbury")
    zero = make_group(db, "-Coletivo Zero", city="Bridgeport")
    add = partners.add_contact
    padre = ContactInput(
        name="Padre Tomás de la Fuente",
        role="Párroco",
        email="padre@example.org",
        phone="203-555-0171",
        is_primary=True,
        may_share=True,
    )
    add(db, church.id, padre)
    add(db, church.id, ContactInput(name="Lucía Fernández", email="lucia@example.org", phone="203-555-0172"))
    add(db, church.id, ContactInput(name="Hidden Person", phone="203-555-0199", do_not_contact=True))
    dana = ContactInput(
        name="Dana Whitfield",
        role=FORMULA,
        phone="+55 11 91234-5678",
        preferred_language="pt_BR",
        may_share=True,
    )
    add(db, zero.id, dana)


def _stored(db: Database) -> dict[str, partners.ContactData]:
    return {c.name: c for c in partners.list_contacts(db, reachable_only=True)}


def _read(path: Path, documented: list[str]) -> list[dict[str, str]]:
    """What an importer that knows only the documented headers reads from the file."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == documented
        return list(reader)


def _e164(text: str) -> str:
    """A phone as written in a file, as rallyorg stores it ("(203) 555-0171" is a US number)."""
    return phonenumbers.format_number(phonenumbers.parse(text, "US"), phonenumbers.PhoneNumberFormat.E164)


def test_google_contacts_reads_the_same_names_phones_and_emails(db: Database, tmp_path: Path) -> None:
    _coalition(db)
    result = export_contacts(db, tmp_path / "google.csv", export_format=ExportFormat.GOOGLE)
    assert result.row_count == 3 and result.left_out["do_not_contact"] == 1
    rows = _read(tmp_path / "google.csv", GOOGLE_DOCUMENTED)
    stored = _stored(db)
    by_name = {" ".join(p for p in (r["Name Prefix"], r["First Name"], r["Last Name"]) if p): r for r in rows}
    assert set(by_name) == set(stored)
    for name, row in by_name.items():
        assert _e164(row["Phone 1 - Value"]) == stored[name].phone  # "+" and country code: dialable
        assert row["E-mail 1 - Value"] == stored[name].email
    padre = by_name["Padre Tomás de la Fuente"]
    assert (padre["Name Prefix"], padre["First Name"], padre["Last Name"]) == (
        "Padre",
        "Tomás",
        "de la Fuente",
    )
    assert padre["Organization Name"] == "Iglesia San José" and padre["Organization Title"] == "Párroco"
    assert padre["Phone 1 - Label"] == "Work" and padre["Address 1 - City"] == "Danbury"
    assert "Primary contact of Iglesia San José" in padre["Notes"]
    assert padre["Labels"] == "* myContacts ::: Iglesia San José"
    dana = by_name["Dana Whitfield"]
    # No formula guard: these files are imported, not opened, and an apostrophe would stay.
    assert dana["Phone 1 - Value"] == "+55 11 91234-5678" and dana["Phone 1 - Label"] == "Mobile"
    assert dana["Organization Name"] == "-Coletivo Zero"
    assert dana["Organization Title"] == FORMULA
    assert "Preferred language: Português" in dana["Notes"]
    assert "'" not in (tmp_path / "google.csv").read_text("utf-8-sig")
    assert "Hidden Person" not in (tmp_path / "google.csv").read_text("utf-8-sig")


def test_outlook_reads_the_same_names_phones_and_emails(db: Database, tmp_path: Path) -> None:
    _coalition(db)
    export_contacts(db, tmp_path / "outlook.csv", export_format=ExportFormat.OUTLOOK)
    rows = _read(tmp_path / "outlook.csv", OUTLOOK_DOCUMENTED)
    stored = _stored(db)
    by_name = {" ".join(p for p in (r["Title"], r["First Name"], r["Last Name"]) if p): r for r in rows}
    assert set(by_name) == set(stored)
    for name, row in by_name.items():
        assert _e164(row["Business Phone"] or row["Mobile Phone"]) == stored[name].phone
        assert row["E-mail Address"] == stored[name].email
    padre = by_name["Padre Tomás de la Fuente"]
    assert (padre["Title"], padre["Company"], padre["Job Title"]) == ("Padre", "Iglesia San José", "Párroco")
    assert by_name["Dana Whitfield"]["Mobile Phone"] == "+55 11 91234-5678"
    assert by_name["Dana Whitfield"]["Company"] == "-Coletivo Zero"


def test_redacted_address_books_hold_initials_group_and_city(db: Database, tmp_path: Path) -> None:
    _coalition(db)
    export_contacts(db, tmp_path / "g.csv", export_format=ExportFormat.GOOGLE, redacted=True)
    text = (tmp_path / "g.csv").read_text("utf-8-sig")
    for secret in ("555", "@example.org", "Fernández", "Párroco", "Whitfield"):
        assert secret not in text
    rows = _read(tmp_path / "g.csv", GOOGLE_DOCUMENTED)
    assert sorted(r["First Name"] for r in rows) == ["D. W.", "L. F.", "P. T. d. l. F."]


def test_xlsx_cells_are_text_equal_to_the_stored_values(db: Database, tmp_path: Path) -> None:
    _coalition(db)
    result = export_contacts(db, tmp_path / "c.xlsx", export_format=ExportFormat.XLSX)
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx").active
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[0]] == list(result.columns)
    assert all(cell.data_type == "s" for row in rows for cell in row if cell.value is not None)
    stored = _stored(db)
    table = [dict(zip(result.columns, (c.value or "" for c in row), strict=True)) for row in rows[1:]]
    assert {r["Name"] for r in table} == set(stored)
    for row in table:
        contact = stored[row["Name"]]
        assert row["Group"] == contact.group_name and row["Role"] == contact.role
        assert row["Email"] == contact.email and _e164(row["Phone"]) == contact.phone
    dana = next(r for r in table if r["Name"] == "Dana Whitfield")
    # Typed text: nothing evaluated, nothing guarded.
    assert dana["Role"] == FORMULA and dana["Group"] == "-Coletivo Zero"
    assert dana["Phone"] == "+55 11 91234-5678"


def test_vcards_one_per_file_in_a_new_folder(db: Database, tmp_path: Path) -> None:
    _coalition(db)
    church = partners.list_groups(db)[0]
    partners.add_contact(db, church.id, ContactInput(name="Lucía Fernández", email="otra@example.org"))
    partners.add_contact(db, church.id, ContactInput(name="Ana/Beatriz: Souza?"))
    folder = tmp_path / "out" / "cards"
    result = export_contacts(db, folder, export_format=ExportFormat.VCARD, split=True)
    files = sorted(p.name for p in folder.iterdir())
    assert result.row_count == len(files) == 5 and result.path == folder
    assert files == [
        "Ana Beatriz Souza.vcf",
        "Dana Whitfield.vcf",
        "Lucía Fernández (2).vcf",
        "Lucía Fernández.vcf",
        "Padre Tomás de la Fuente.vcf",
    ]
    for path in folder.iterdir():
        cards = list(vobject.readComponents(path.read_text("utf-8")))
        assert len(cards) == 1 and f"{cards[0].fn.value}" in {c.name for c in partners.list_contacts(db)}
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    padre = vobject.readOne((folder / "Padre Tomás de la Fuente.vcf").read_text("utf-8"))
    assert (padre.n.value.prefix, padre.n.value.given, padre.n.value.family) == (
        "Padre",
        "Tomás",
        "de la Fuente",
    )
    assert result.options["split"] is True

    # No overwrite surprises: a folder with anything in it is refused and left as it was.
    with pytest.raises(ValidationError) as refused:
        export_contacts(db, folder, export_format=ExportFormat.VCARD, split=True)
    assert refused.value.field == "output" and len(list(folder.iterdir())) == 5
    empty = tmp_path / "empty"
    empty.mkdir()
    export_contacts(db, empty, export_format=ExportFormat.VCARD, split=True)
    assert len(list(empty.iterdir())) == 5
    with pytest.raises(ValidationError):
        export_contacts(db, tmp_path / "x", export_format=ExportFormat.CSV, split=True)


def test_people_not_to_be_shared_are_counted_before_and_after(db: Database, tmp_path: Path) -> None:
    _coalition(db)
    consent = contact_consent(db)
    assert (consent.reachable, consent.do_not_contact, consent.not_shared) == (3, 1, 1)
    everyone = export_contacts(db, tmp_path / "all.csv")
    assert everyone.unshared_included == 1  # Lucía said "may share: no", and she is in the file
    shared = export_contacts(db, tmp_path / "shared.csv", shared_only=True)
    assert shared.unshared_included == 0 and shared.left_out == {"do_not_contact": 1, "not_shared": 1}


def test_libreoffice_evaluates_no_cell_and_keeps_every_phone(db: Database, tmp_path: Path) -> None:
    """The spreadsheet CSV opened by LibreOffice itself (headless, to .xlsx): no cell became a
    formula, and phones, the dash-named group and the guarded formula read as written."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    _coalition(db)
    export_contacts(db, tmp_path / "c.csv")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
         "xlsx", "--infilter=CSV:44,34,76,1", "--outdir", str(tmp_path / "lo"), str(tmp_path / "c.csv")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    sheet = openpyxl.load_workbook(tmp_path / "lo" / "c.xlsx").active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = {str(cell.value) for cell in cells}
    assert {"(203) 555-0171", "(203) 555-0172", "+55 11 91234-5678", "-Coletivo Zero"} <= values
    assert f"'{FORMULA}" in values or FORMULA in values  # text, with or without the quote


def test_xlsx_bytes_never_write_a_formula() -> None:
    from rallyorg.exchange.xlsx import xlsx_bytes

    data = xlsx_bytes(["A"], [["=1+1"], ["+A1"], ["@SUM(A1)"]])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [(c.value, c.data_type) for (c,) in sheet.iter_rows(min_row=2)] == [
        ("=1+1", "s"),
        ("+A1", "s"),
        ("@SUM(A1)", "s"),
    ]
