"""Exports are streamed from a read-only snapshot: they hold no write lock (others write while
one runs), read in chunks, and still write every row with its values, byte for byte as before."""

from __future__ import annotations

import csv
import io
import random
import sqlite3
from pathlib import Path

import openpyxl
import phonenumbers
import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from conftest import make_group, make_volunteer
from rallyorg.db import Database
from rallyorg.domain.enums import Language, Skill
from rallyorg.domain.names import split_person_name
from rallyorg.domain.validation import format_phone
from rallyorg.domain.volunteers import VolunteerInput, prepare_volunteer
from rallyorg.exchange.safe_csv import restore
from rallyorg.exchange.vcard import CardContact, vcard_card
from rallyorg.models import Volunteer
from rallyorg.services import export_records, partners, volunteers
from rallyorg.services.exports import ExportFormat, export_contacts, export_volunteers, list_exports
from rallyorg.services.partners import ContactInput

GIVEN = ["José", "María", '=HYPERLINK("x")', "Ana", "Zoë", "-Coletivo", "Thiago", "Inês", "@Raúl"]
FAMILY = ["Gonçalves", "Núñez", "Souza", "O'Brien", "+1+2", "Pierre", "", "Muñoz"]
PHONES = ["", "203-555-0101", "+55 11 91234-5678", "+44 20 7946 0958", "(860) 555-0199"]


def _crowd(db: Database, count: int) -> None:
    """``count`` people of every kind the file has columns for, bulk-inserted as imports do."""
    groups = [make_group(db, name).id for name in ("Iglesia San José", "SEIU 32BJ", "+Vecinos")]
    rng = random.Random(13)
    rows = [
        prepare_volunteer(
            VolunteerInput(
                given_name=rng.choice(GIVEN),
                family_name=rng.choice(FAMILY),
                email=f"p{index}@example.org" if index % 4 else "",
                phone=PHONES[index % len(PHONES)],
                languages=tuple(rng.sample(["en", "es", "pt", "ht"], rng.randint(0, 3))),
                skills=tuple(rng.sample(list(Skill), rng.randint(0, 2))),
                city=rng.choice(["Danbury", "Hartford", " New Haven", ""]),
                group_id=rng.choice([None, *groups]),
                may_email=rng.random() < 0.5,
                may_text=rng.random() < 0.5,
                may_call=rng.random() < 0.5,
                do_not_contact=index % 11 == 0,
                may_share=rng.random() < 0.5,
                source=rng.choice(["", "Sign-up sheet", "-web"]),
                notes="private",
            )
        )
        for index in range(count)
    ]
    with db.transaction() as session:
        session.execute(insert(Volunteer), rows)


def _file_rows(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return [{k: restore(v) for k, v in row.items()} for row in csv.DictReader(io.StringIO(text, newline=""))]


def _sqlite_file(db: Database) -> str:
    assert db.is_sqlite and db.engine.url.database
    return db.engine.url.database


def _add_person(writer: sqlite3.Connection, name: str, *, do_not_contact: bool = False) -> None:
    """A volunteer added by another process (a copy of the first one, renamed)."""
    columns = ", ".join(row[1] for row in writer.execute("PRAGMA table_info(volunteer)") if row[1] != "id")
    writer.execute(f"INSERT INTO volunteer ({columns}) SELECT {columns} FROM volunteer ORDER BY id LIMIT 1")
    writer.execute(
        "UPDATE volunteer SET given_name = ?, family_name = ?, do_not_contact = ? "
        "WHERE id = last_insert_rowid()",
        (name, name, do_not_contact),
    )


def test_every_row_arrives_with_its_values_whatever_the_chunk(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _crowd(db, 230)
    monkeypatch.setattr(export_records, "CHUNK", 7)  # 30 chunks
    read: list[int] = []
    result = export_volunteers(db, tmp_path / "v.csv", progress=read.append)

    reachable = select(Volunteer.id).where(Volunteer.do_not_contact.is_(False))
    with db.reading() as session:
        order = session.scalars(reachable.order_by(Volunteer.family_name, Volunteer.given_name, Volunteer.id))
        expected = [volunteers.get_volunteer(db, volunteer_id) for volunteer_id in order]
    groups = {group.id: group.name for group in partners.list_groups(db)}
    assert read == [min(n, len(expected)) for n in range(7, len(expected) + 7, 7)]
    assert result.row_count == len(expected) == 209
    assert result.left_out == {"do_not_contact": 21, "not_shared": 0}
    assert _file_rows(tmp_path / "v.csv") == [
        {
            "First name": v.given_name,
            "Last name": v.family_name,
            "Email": v.email,
            "Phone": format_phone(v.phone),
            "City": v.city,
            "Languages": ", ".join(v.languages),
            "Skills": ", ".join(v.skills),
            "Partner group": groups[v.group_id] if v.group_id else "",
            "May email": "yes" if v.may_email else "no",
            "May text": "yes" if v.may_text else "no",
            "May call": "yes" if v.may_call else "no",
            "May share": "yes" if v.may_share else "no",
            "Source": v.source,
        }
        for v in expected
    ]
    monkeypatch.setattr(export_records, "CHUNK", 2000)
    export_volunteers(db, tmp_path / "one-chunk.csv")
    assert (tmp_path / "one-chunk.csv").read_bytes() == (tmp_path / "v.csv").read_bytes()


@pytest.mark.sqlite_only
def test_an_export_runs_while_another_process_holds_the_write_lock(db: Database, tmp_path: Path) -> None:
    """The export reads while the lock is taken, and the writer can finish meanwhile."""
    _crowd(db, 40)
    before = export_volunteers(db, tmp_path / "before.csv")
    writer = sqlite3.connect(_sqlite_file(db), isolation_level=None, timeout=0)
    try:
        writer.execute("BEGIN IMMEDIATE")
        _add_person(writer, "Aardvark")

        def progress(read: int) -> None:
            if writer.in_transaction:
                writer.execute("COMMIT")  # the export's reading is done: the log waits for no one

        result = export_volunteers(db, tmp_path / "during.csv", progress=progress)
    finally:
        writer.close()
    assert result.row_count == before.row_count
    assert (tmp_path / "during.csv").read_bytes() == (tmp_path / "before.csv").read_bytes()
    assert "Aardvark" in (export_volunteers(db, tmp_path / "after.csv").path.read_text("utf-8-sig"))


@pytest.mark.sqlite_only
def test_a_writer_commits_while_an_export_is_halfway(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export holds no write lock (another connection takes it at once, halfway through)
    and reads one snapshot: who was added meanwhile is not in this file, nor in its counts."""
    _crowd(db, 40)
    expected = export_volunteers(db, tmp_path / "expected.csv")
    monkeypatch.setattr(export_records, "CHUNK", 5)
    added: list[int] = []

    def progress(read: int) -> None:
        if read == 10:
            writer = sqlite3.connect(_sqlite_file(db), isolation_level=None, timeout=0)
            try:
                writer.execute("BEGIN IMMEDIATE")  # "database is locked" if the export held the lock
                _add_person(writer, "Mmmm")
                _add_person(writer, "Zzzz", do_not_contact=True)
                writer.execute("COMMIT")
            finally:
                writer.close()
            added.append(read)

    result = export_volunteers(db, tmp_path / "v.csv", progress=progress)
    assert added == [10]
    assert (tmp_path / "v.csv").read_bytes() == (tmp_path / "expected.csv").read_bytes()
    assert (result.row_count, result.left_out) == (expected.row_count, expected.left_out)
    again = export_volunteers(db, tmp_path / "again.csv")
    assert (again.row_count, again.left_out["do_not_contact"]) == (
        expected.row_count + 1,
        expected.left_out["do_not_contact"] + 1,
    )


def test_people_saved_during_an_export_wait_for_the_next_one(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On either database: the app saves people while an export is halfway (its own write
    transactions, another connection), and the file and its counts are those of the start."""
    _crowd(db, 40)
    expected = export_volunteers(db, tmp_path / "expected.csv")
    monkeypatch.setattr(export_records, "CHUNK", 5)

    def progress(read: int) -> None:
        if read == 10:
            make_volunteer(db, "Mmmm", "Mmmm")
            make_volunteer(db, "Zzzz", "Zzzz", do_not_contact=True)

    result = export_volunteers(db, tmp_path / "v.csv", progress=progress)
    assert (tmp_path / "v.csv").read_bytes() == (tmp_path / "expected.csv").read_bytes()
    assert (result.row_count, result.left_out) == (expected.row_count, expected.left_out)
    assert len(volunteers.list_volunteers(db)) == 42


def test_on_postgresql_an_export_reads_one_read_only_snapshot(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("SQLite: the tests with a second connection above")
    with export_records.snapshot(db) as reading:
        settings = [
            reading.exec_driver_sql(f"SHOW {name}").scalar()
            for name in ("transaction_isolation", "transaction_read_only")
        ]
    assert settings == ["repeatable read", "on"]
    make_volunteer(db, "Ana", "Souza")  # the pooled connection writes again, as before
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SHOW transaction_read_only").scalar() == "off"


def _contacts(db: Database) -> None:
    for number in range(12):
        group = make_group(db, f"Grupo {number}", city="Danbury")
        for person in range(3):
            partners.add_contact(
                db,
                group.id,
                ContactInput(
                    name=f"Padre Núñez {number}-{person}",
                    role="=Párroco" if person == 1 else "Organizer",
                    email=f"c{number}-{person}@example.org",
                    phone="203-555-0101" if person else "+55 11 91234-5678",
                    preferred_language=("es", "en", "pt_BR")[person],
                    is_primary=person == 0,
                    may_share=person != 2,
                    do_not_contact=number == 3 and person == 0,
                ),
            )


@pytest.mark.parametrize(
    "export_format", [ExportFormat.CSV, ExportFormat.GOOGLE, ExportFormat.OUTLOOK, ExportFormat.VCARD]
)
def test_contacts_are_the_same_in_chunks_as_at_once(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, export_format: ExportFormat
) -> None:
    _contacts(db)
    whole = export_contacts(db, tmp_path / "whole", export_format=export_format)
    monkeypatch.setattr(export_records, "CHUNK", 4)
    read: list[int] = []
    chunked = export_contacts(db, tmp_path / "chunked", export_format=export_format, progress=read.append)
    assert read == [*range(4, 35, 4), 35]
    assert (tmp_path / "chunked").read_bytes() == (tmp_path / "whole").read_bytes()
    assert (chunked.row_count, chunked.left_out, chunked.unshared_included) == (35, whole.left_out, 12)
    assert whole.left_out == {"do_not_contact": 1, "not_shared": 0}


def test_contacts_xlsx_and_split_cards_in_chunks(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _contacts(db)
    whole = export_contacts(db, tmp_path / "whole.xlsx", export_format=ExportFormat.XLSX, shared_only=True)
    export_contacts(db, tmp_path / "whole", export_format=ExportFormat.VCARD, split=True)
    monkeypatch.setattr(export_records, "CHUNK", 5)
    chunked = export_contacts(
        db, tmp_path / "chunked.xlsx", export_format=ExportFormat.XLSX, shared_only=True
    )
    export_contacts(db, tmp_path / "chunked", export_format=ExportFormat.VCARD, split=True)

    def cells(path: Path) -> list[tuple[object, ...]]:
        return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))

    assert cells(tmp_path / "chunked.xlsx") == cells(tmp_path / "whole.xlsx")
    assert len(cells(tmp_path / "whole.xlsx")) == 1 + 23 == 1 + chunked.row_count
    assert chunked.left_out == whole.left_out == {"do_not_contact": 1, "not_shared": 12}
    files = sorted(p.name for p in (tmp_path / "whole").iterdir())
    assert len(files) == 35 and files == sorted(p.name for p in (tmp_path / "chunked").iterdir())
    for name in files:
        assert (tmp_path / "chunked" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes()


def test_a_card_folder_whose_log_entry_fails_is_removed(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _contacts(db)

    def refused(*args: object, **kwargs: object) -> object:
        raise OSError("database gone")

    monkeypatch.setattr("rallyorg.services.export_contacts.log_export", refused)
    with pytest.raises(OSError, match="database gone"):
        export_contacts(db, tmp_path / "cards", export_format=ExportFormat.VCARD, split=True)
    assert not (tmp_path / "cards").exists()


def test_an_export_that_fails_midway_leaves_no_file_and_no_log(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _crowd(db, 30)
    make_volunteer(db, "Ana", "Souza")
    target = tmp_path / "v.csv"
    target.write_bytes(b"earlier export")
    monkeypatch.setattr(export_records, "CHUNK", 5)

    def progress(read: int) -> None:
        if read == 10:
            raise KeyboardInterrupt  # the person stops it, or the process is told to end

    with pytest.raises(KeyboardInterrupt):
        export_volunteers(db, target, progress=progress)
    assert target.read_bytes() == b"earlier export"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("test.db")) == ["v.csv"]
    assert list_exports(db) == []


def test_north_american_phones_are_written_as_phonenumbers_writes_them() -> None:
    """format_phone writes ten-digit +1 numbers itself (fast): exactly as phonenumbers would."""
    rng = random.Random(7)
    numbers = [f"+1{area}{rng.randrange(10**7):07d}" for area in range(200, 1000)]
    numbers += [f"+1{rng.randrange(2 * 10**9, 10**10)}" for _ in range(3000)]
    for number in numbers:
        parsed = phonenumbers.parse(number, "US")
        assert format_phone(number) == phonenumbers.format_number(
            parsed, phonenumbers.PhoneNumberFormat.NATIONAL
        )
    assert format_phone("+5511912345678") == "+55 11 91234-5678"
    assert format_phone("+11235550101") == "1235550101"  # not ten digits from 2-9: phonenumbers' way


def _vobject_card(contact: CardContact, version: str) -> str:
    """The card as vobject's own objects serialize it (how vcard_card made it before)."""
    card = vobject.vCard()
    card.add("version").value = version
    card.add("fn").value = contact.name
    parts = split_person_name(contact.name)
    card.add("n").value = vobject.vcard.Name(family=parts.family, given=parts.given, prefix=parts.prefix)
    card.add("org").value = [contact.group]
    if contact.role:
        card.add("title").value = contact.role
    if contact.email:
        email = card.add("email")
        email.value = contact.email
        if version == "3.0":
            email.type_param = "INTERNET"
    if contact.phone:
        phone = card.add("tel")
        phone.value = contact.phone
        phone.type_param = "VOICE"
    if contact.city:
        address = card.add("adr")
        address.value = vobject.vcard.Address(city=contact.city)
        address.type_param = "WORK"
    if contact.language:
        if version == "4.0":
            card.add("lang").value = contact.language.replace("_", "-")
        else:
            native = Language(contact.language).native_name if contact.language in set(Language) else ""
            card.add("note").value = f"Preferred language: {native or contact.language}"
    return str(card.serialize())


_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(" \n\r\t,;:\\\"'=éÑ漢😀\u00a0\u200b")),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=120,
)


@settings(max_examples=400, deadline=None)
@given(
    name=_TEXT,
    group=_TEXT,
    role=_TEXT,
    email=_TEXT,
    phone=_TEXT,
    city=_TEXT,
    language=st.one_of(st.sampled_from(["", "en", "es", "pt_BR", "ht"]), _TEXT),
    version=st.sampled_from(["3.0", "4.0"]),
)
def test_a_card_is_the_one_vobject_writes(
    name: str, group: str, role: str, email: str, phone: str, city: str, language: str, version: str
) -> None:
    contact = CardContact(name, group, role, email, phone, language, city)
    assert vcard_card(contact, version) == _vobject_card(contact, version)
    [card] = vobject.readComponents(vcard_card(contact, version))
    assert card.fn.value == name.replace("\r\n", "\n").replace("\r", "\n")


def test_long_lines_are_folded_as_vobject_folds_them() -> None:
    for length in range(60, 90):
        for filler in ("a", "é", "漢", "😀", "a\n"):
            contact = CardContact(name=(filler * length)[:length], group="G" * length, city="é" * length)
            for version in ("3.0", "4.0"):
                assert vcard_card(contact, version) == _vobject_card(contact, version)
