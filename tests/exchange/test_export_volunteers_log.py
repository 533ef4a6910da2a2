"""Volunteers as CSV with consent honoured, the export log (no personal data), atomic writes."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from sqlalchemy import text

from conftest import make_group, make_volunteer
from exchange.conftest import counts
from rallyorg.db import Database, open_database
from rallyorg.domain.enums import Skill
from rallyorg.domain.errors import FileWriteError
from rallyorg.domain.files import atomic_writer, write_atomically
from rallyorg.exchange.columns import ImportKind
from rallyorg.services import volunteers
from rallyorg.services.exports import (
    ExportFormat,
    ExportKind,
    export_contacts,
    export_events,
    export_volunteers,
    get_export,
    list_exports,
)
from rallyorg.services.imports import run_import


def _people(db: Database) -> None:
    group = make_group(db, "Iglesia San José")
    make_volunteer(db, "José", "Gonçalves", email="jose@example.org", phone="203-555-0101", city="Danbury",
                   languages=("pt", "en"), skills=(Skill.MARSHAL, Skill.DRIVER), group_id=group.id,
                   may_text=True, may_share=True, notes="Undocumented; do not share")  # fmt: skip
    make_volunteer(db, "María", "Núñez", email="maria@example.org", city="Hartford", languages=("es",))
    make_volunteer(
        db, "Hidden", "Person", email="hidden@example.org", phone="203-555-0103", do_not_contact=True
    )


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_volunteers_csv_honours_consent_and_never_exports_notes(db: Database, tmp_path: Path) -> None:
    _people(db)
    result = export_volunteers(db, tmp_path / "v.csv")
    rows = _rows(tmp_path / "v.csv")
    assert [r["First name"] for r in rows] == ["José", "María"]
    assert result.left_out == {"do_not_contact": 1, "not_shared": 0}
    jose = rows[0]
    assert (jose["Phone"], jose["Languages"], jose["Skills"], jose["Partner group"], jose["May text"]) == (
        "(203) 555-0101", "pt_BR, en", "driver, marshal", "Iglesia San José", "yes",
    )  # fmt: skip
    text = (tmp_path / "v.csv").read_text("utf-8-sig")
    assert "Undocumented" not in text and "Hidden" not in text
    shared = export_volunteers(db, tmp_path / "shared.csv", shared_only=True)
    assert [r["First name"] for r in _rows(tmp_path / "shared.csv")] == ["José"]
    assert shared.left_out == {"do_not_contact": 1, "not_shared": 1}
    export_volunteers(db, tmp_path / "r.csv", redacted=True)
    assert _rows(tmp_path / "r.csv") == [
        {"First name": "José", "Last name initial": "G.", "City": "Danbury"},
        {"First name": "María", "Last name initial": "N.", "City": "Hartford"},
    ]


def test_volunteers_round_trip_through_the_importer(db: Database, tmp_path: Path) -> None:
    _people(db)
    export_volunteers(db, tmp_path / "v.csv")
    other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        make_group(other, "Iglesia San José")
        report = run_import(other, tmp_path / "v.csv", ImportKind.VOLUNTEERS)
        assert report.created == 2 and report.mapping.unrecognised_headers() == ()
        fields = ("given_name", "family_name", "email", "phone", "city", "languages", "skills", "group_name",
                  "may_email", "may_text", "may_call", "may_share")  # fmt: skip

        def snapshot(database: Database) -> list[tuple[object, ...]]:
            rows = volunteers.list_volunteers(database)
            return sorted(
                tuple(getattr(volunteers.get_volunteer(database, r.id), f) for f in fields)
                for r in rows
                if not r.do_not_contact
            )

        assert snapshot(other) == snapshot(db)
    finally:
        other.close()


def test_every_export_is_logged_without_personal_data(db: Database, tmp_path: Path) -> None:
    _people(db)
    export_volunteers(db, tmp_path / "maria-and-jose.csv", shared_only=True)
    export_contacts(db, tmp_path / "c.vcf", export_format=ExportFormat.VCARD, redacted=True)
    export_events(db, tmp_path / "e.ics")
    log = list_exports(db)
    assert [(r.kind, r.format, r.row_count) for r in log] == [
        (ExportKind.EVENTS, ExportFormat.ICS, 0),
        (ExportKind.CONTACTS, ExportFormat.VCARD, 0),
        (ExportKind.VOLUNTEERS, ExportFormat.CSV, 1),
    ]
    assert log[2].options == {"shared_only": True, "redacted": False}
    assert log[2].columns[:3] == ("First name", "Last name", "Email")
    assert get_export(db, log[0].id) == log[0]
    # Nothing in the log table names a person, an address or the file. The timestamp is left out of
    # the dump: its microseconds can spell "555" by chance.
    query = text("SELECT id, kind, format, row_count, columns, options FROM export_record")
    with db.engine.connect() as connection:
        dump = "\n".join(str(row) for row in connection.execute(query))
    for secret in ("José", "Jose", "Gonçalves", "jose@example.org", "2035550101", "555", "maria-and-jose",
                   str(tmp_path), "Iglesia"):  # fmt: skip
        assert secret not in dump


def test_a_failed_export_keeps_the_earlier_file_and_logs_nothing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _people(db)
    target = tmp_path / "v.csv"
    target.write_bytes(b"earlier export")
    before = counts(db)

    def no_space(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(FileWriteError) as caught:
        export_volunteers(db, target)
    assert "the disk is full" in str(caught.value)
    assert "earlier file there is unchanged" in str(caught.value)
    assert target.read_bytes() == b"earlier export"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("test.db")) == ["v.csv"]
    assert counts(db) == before


def test_atomic_writer_leaves_no_temp_file_when_the_writer_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    with pytest.raises(ZeroDivisionError), atomic_writer(target) as handle:
        handle.write(b"half")
        raise ZeroDivisionError
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_atomic_write_into_a_missing_or_read_only_folder(tmp_path: Path) -> None:
    with pytest.raises(FileWriteError, match="No file was written"):
        write_atomically(tmp_path / "nowhere" / "out.csv", b"x")
    if os.geteuid() == 0:
        return  # root ignores folder permissions; the os.replace failure above covers this case
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "out.csv").write_bytes(b"old")
    folder.chmod(0o500)
    try:
        with pytest.raises(FileWriteError, match="unchanged"):
            write_atomically(folder / "out.csv", b"new")
        assert (folder / "out.csv").read_bytes() == b"old"
    finally:
        folder.chmod(0o700)


def test_exports_with_people_are_private_files(tmp_path: Path) -> None:
    write_atomically(tmp_path / "people.csv", b"x")
    write_atomically(tmp_path / "events.ics", b"x", private=False)
    assert (tmp_path / "people.csv").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "events.ics").stat().st_mode & 0o077 != 0
