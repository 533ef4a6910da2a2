"""``rallyorg import`` and ``rallyorg export`` end to end, in real processes."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import subprocess
import sys
import zoneinfo
from collections.abc import Callable
from pathlib import Path

import icalendar
import vobject

from conftest import make_event, make_group, make_shift, make_volunteer
from exchange.conftest import make_rally
from rallyorg.app import main
from rallyorg.db import Database
from rallyorg.domain.enums import EventStatus
from rallyorg.services import partners, signups
from rallyorg.services.partners import ContactInput

FixtureFile = Callable[[str], Path]
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def _process(db_url: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """A real ``python -m rallyorg.app`` process, as a user runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RALLYORG_", "LC_", "LANG"))}
    env["LANG"] = "C.UTF-8"
    return subprocess.run(
        [sys.executable, "-m", "rallyorg.app", "--db", db_url, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def _run(db_url: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """The same command in this process (a new process per command would cost ~1 s each)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", db_url, "--lang", "en", *map(str, args)])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def test_import_dry_run_then_import_then_history_and_undo(
    db: Database, db_url: str, fixture_file: FixtureFile
) -> None:
    path = fixture_file("volunteers_bom_es_semicolon.csv")
    dry = _process(db_url, "import", "volunteers", path, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    out = dry.stdout
    assert "UTF-8 (BOM), semicolon-separated, 6 rows." in out
    assert "Correo electrónico → Email" in out
    assert "Line 4: added. “Correo electrónico”: not a valid email address, so left out: rosa@example" in out
    assert "Line 5: rejected. This row has 8 cells but the header row has 7" in out
    assert "Line 6: added. Languages not recognised, left out: quechua" in out
    assert (
        "Line 7: added. “Acepta mensajes de texto”: not understood as yes or no, so left unset: talvez" in out
    )
    assert "6 rows in file = 5 added + 0 updated + 0 duplicates skipped + 1 rejected." in out
    assert "Dry run: nothing was written." in out
    assert not path.with_name("volunteers_bom_es_semicolon.rejected.csv").exists()

    real = _run(db_url, "import", "volunteers", path)
    assert real.returncode == 0, real.stderr
    rejected = path.with_name("volunteers_bom_es_semicolon.rejected.csv")
    assert f"Rejected rows saved to {rejected}" in real.stdout
    assert rejected.read_bytes().startswith(b'\xef\xbb\xbf"Line","Reason","Nombre"')
    assert "Saved as import 1. To undo it: rallyorg import undo 1" in real.stdout

    again = _run(db_url, "import", "volunteers", path, "--on-duplicate", "update")
    assert "6 rows in file = 0 added + 0 updated + 5 duplicates skipped + 1 rejected." in again.stdout

    history = _run(db_url, "import", "history", "--json")
    batches = json.loads(history.stdout)
    assert [(b["id"], b["created"], b["skipped"], b["rejected"]) for b in batches] == [
        (2, 0, 5, 1),
        (1, 5, 0, 1),
    ]

    undo = _run(db_url, "import", "undo", "1")
    assert undo.returncode == 0 and "removed 5 records" in undo.stdout
    twice = _run(db_url, "import", "undo", "1")
    assert twice.returncode == 1 and twice.stderr.strip() == "rallyorg: Import 1 was already undone."


def test_unbalanced_quote_is_one_line_with_its_line_number(db_url: str, fixture_file: FixtureFile) -> None:
    result = _process(db_url, "import", "volunteers", fixture_file("unbalanced_quote.csv"))
    assert result.returncode == 1
    assert result.stderr.startswith("rallyorg: Line 3: a quoted field starts here and is never closed")
    assert result.stderr.count("\n") == 1


def test_column_option_maps_an_unrecognised_header(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Persona,Móvil de contacto\nAna Souza,203-555-0193\n", "utf-8")
    refused = _run(db_url, "import", "volunteers", path)
    assert refused.returncode == 1 and "--column given_name=HEADER" in refused.stderr
    mapped = _run(db_url, "import", "volunteers", path, "--column", "full_name=Persona",
                  "--column", "phone=movil de contacto")  # fmt: skip
    assert mapped.returncode == 0, mapped.stderr
    assert "1 rows in file = 1 added" in mapped.stdout
    bad = _run(db_url, "import", "volunteers", path, "--column", "shoe_size=Persona")
    assert bad.returncode == 1 and "Unknown field shoe_size" in bad.stderr


def test_signups_import_needs_an_event(db: Database, db_url: str, fixture_file: FixtureFile) -> None:
    path = fixture_file("signups.csv")
    missing = _run(db_url, "import", "signups", path)
    assert missing.returncode == 1 and "--event" in missing.stderr
    event_id, _, _ = make_rally(db)
    make_volunteer(db, "Ana", "Souza")
    result = _run(
        db_url, "import", "signups", path, "--event", str(event_id), "--rejected", path.with_suffix(".bad")
    )
    assert result.returncode == 0, result.stderr
    assert "7 rows in file = 4 added + 0 updated + 1 duplicates skipped + 2 rejected." in result.stdout
    assert "New volunteers: 3. On a waitlist because the shift is full: 1." in result.stdout
    assert path.with_suffix(".bad").exists()


def test_exports_from_the_command_line(db: Database, db_url: str, tmp_path: Path) -> None:
    group = make_group(db, "Iglesia San José", city="Danbury")
    add = partners.add_contact
    add(db, group.id, ContactInput(name="=cmd|' /C calc'!A0", email="x@example.org", may_share=True))
    add(db, group.id, ContactInput(name="Lucía Fernández", preferred_language="es"))
    add(db, group.id, ContactInput(name="Hidden", do_not_contact=True))
    soon = dt.datetime.now(NEW_YORK).replace(microsecond=0) + dt.timedelta(days=30)
    event = make_event(db, "Rally", starts_at=soon, status=EventStatus.CONFIRMED)
    shift = make_shift(db, event.id, role="Marshals", starts_at=soon)
    signups.sign_up(db, make_volunteer(db, "José", "Gonçalves", phone="203-555-0101").id, shift.id)

    contacts = _run(db_url, "export", "contacts", "--format", "csv", "-o", tmp_path / "c.csv")
    assert contacts.returncode == 0, contacts.stderr
    assert "Wrote 2 rows to" in contacts.stdout and "Left out: 1 marked do-not-contact" in contacts.stdout
    text = (tmp_path / "c.csv").read_bytes().decode("utf-8-sig")
    assert "\"'=cmd|' /C calc'!A0\"" in text and "Hidden" not in text
    # Lucía did not agree to be shared: she is in the file, and the command says so.
    assert "Note: 1 person in the file said they may not be shared" in contacts.stderr

    shared = _run(
        db_url, "export", "contacts", "--format", "vcard", "-o", tmp_path / "c.vcf", "--shared-only"
    )
    assert shared.returncode == 0, shared.stderr
    cards = list(vobject.readComponents((tmp_path / "c.vcf").read_text("utf-8")))
    assert [c.fn.value for c in cards] == ["=cmd|' /C calc'!A0"]

    redacted = _run(db_url, "export", "volunteers", "-o", tmp_path / "v.csv", "--redacted")
    assert redacted.returncode == 0, redacted.stderr
    assert (tmp_path / "v.csv").read_bytes().decode("utf-8-sig").splitlines() == [
        '"First name","Last name initial","City"',
        '"José","G.",""',
    ]

    calendar = _run(db_url, "export", "events", "--format", "ics", "-o", tmp_path / "e.ics")
    assert calendar.returncode == 0, calendar.stderr
    (vevent,) = icalendar.Calendar.from_ical((tmp_path / "e.ics").read_bytes()).walk("VEVENT")
    assert str(vevent["summary"]) == "Rally"

    roster = _process(db_url, "export", "roster", str(event.id), "-o", tmp_path / "r.pdf")
    assert roster.returncode == 0, roster.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert "1 people, 20 blank rows" in roster.stdout

    log = json.loads(_run(db_url, "export", "log", "--json").stdout)
    assert [(r["kind"], r["format"], r["rows"]) for r in log] == [
        ("roster", "pdf", 1),
        ("events", "ics", 1),
        ("volunteers", "csv", 1),
        ("contacts", "vcard", 1),
        ("contacts", "csv", 2),
    ]
    assert log[3]["options"] == {"shared_only": True, "redacted": False, "vcard_version": "3.0"}
    table = _run(db_url, "export", "log").stdout
    assert "shared_only=True" in table and "José" not in table


def test_contact_formats_split_vcards_and_roster_phones(db: Database, db_url: str, tmp_path: Path) -> None:
    from rallyorg.cli import build_parser

    export = next(a for a in build_parser()._actions if a.dest == "command").choices["export"]  # type: ignore[union-attr]
    contacts = next(a for a in export._actions if a.dest == "export_command").choices["contacts"]  # type: ignore[union-attr]
    (format_option,) = [a for a in contacts._actions if "--format" in a.option_strings]
    assert list(format_option.choices) == ["csv", "google", "outlook", "vcard", "xlsx"]

    group = make_group(db, "-Coletivo Zero", city="São Paulo")
    partners.add_contact(
        db, group.id, ContactInput(name="Ana Souza", phone="+55 11 91234-5678", may_share=True)
    )
    partners.add_contact(db, group.id, ContactInput(name="Bruno Lima", email="bruno@example.org"))
    google = _run(
        db_url, "export", "contacts", "--format", "google", "-o", tmp_path / "g.csv", "--shared-only"
    )
    assert google.returncode == 0, google.stderr
    assert "1 who did not agree to be shared" in google.stdout and "Note:" not in google.stderr
    lines = (tmp_path / "g.csv").read_text("utf-8-sig").splitlines()
    assert lines[0].startswith("First Name,Middle Name,Last Name,") and len(lines) == 2
    assert "Ana,,Souza," in lines[1] and "+55 11 91234-5678" in lines[1] and "-Coletivo Zero" in lines[1]
    outlook = _run(db_url, "export", "contacts", "--format", "outlook", "-o", tmp_path / "o.csv")
    assert outlook.returncode == 0 and "Note: 1 person" in outlook.stderr
    xlsx = _run(db_url, "export", "contacts", "--format", "xlsx", "-o", tmp_path / "c.xlsx")
    assert xlsx.returncode == 0 and (tmp_path / "c.xlsx").read_bytes().startswith(b"PK")

    split = _run(db_url, "export", "contacts", "--format", "vcard", "--split", "-o", tmp_path / "cards")
    assert split.returncode == 0, split.stderr
    assert sorted(p.name for p in (tmp_path / "cards").iterdir()) == ["Ana Souza.vcf", "Bruno Lima.vcf"]
    again = _run(db_url, "export", "contacts", "--format", "vcard", "--split", "-o", tmp_path / "cards")
    assert again.returncode == 1 and "is not an empty folder" in again.stderr
    wrong = _run(db_url, "export", "contacts", "--format", "csv", "--split", "-o", tmp_path / "c.csv")
    assert wrong.returncode == 1 and "Only vCards" in wrong.stderr

    event = make_event(db, "Rally")
    shift = make_shift(db, event.id, role="Marshals")
    signups.sign_up(db, make_volunteer(db, "José", "Gonçalves", phone="203-555-0101").id, shift.id)
    plain = _run(db_url, "export", "roster", str(event.id), "-o", tmp_path / "r.pdf")
    assert plain.returncode == 0 and "Note:" not in plain.stderr
    phones = _run(db_url, "export", "roster", str(event.id), "-o", tmp_path / "p.pdf", "--include-phones")
    assert phones.returncode == 0 and "phone numbers to everyone who signs it" in phones.stderr
    log = json.loads(_run(db_url, "export", "log", "--json").stdout)
    assert [r["options"].get("include_phones") for r in log[:2]] == [True, False]
    assert [r["format"] for r in log[2:]] == ["vcard", "xlsx", "outlook", "google"]


def test_export_failure_says_the_earlier_file_is_kept(db: Database, db_url: str, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "v.csv"
    result = _run(db_url, "export", "volunteers", "-o", target)
    assert result.returncode == 1
    assert result.stderr.startswith(f"rallyorg: Could not write {target}:")
    assert "No file was written." in result.stderr
