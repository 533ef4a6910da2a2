"""Output hygiene: control characters removed on input (forms, services, CSV imports), escaped
on the terminal (every CLI listing), and web addresses checked as web addresses."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select, text

from conftest import make_event, make_group, make_volunteer
from rallyorg.app import main
from rallyorg.db import Database
from rallyorg.domain.control_chars import clean_text, json_visible, visible
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.events import EventTextInput
from rallyorg.domain.shifts import ShiftInput
from rallyorg.domain.validation import web_address
from rallyorg.domain.venues import VenueInput
from rallyorg.exchange.columns import ImportKind
from rallyorg.models import Contact, Event, EventText, PartnerGroup, Shift, Venue, Volunteer
from rallyorg.services import partners, signups, venues
from rallyorg.services.imports import RowFate, run_import
from rallyorg.services.partners import ContactInput, PartnerGroupInput

CLEAR_SCREEN = "\x1b[2J"
RETITLE = "\x1b]0;pwned\x07"
NO_SPACES = "A web address cannot contain spaces, line breaks or control characters."
NO_SCHEME = "A web address starts with https://"


@pytest.mark.parametrize(
    ("raw", "one_line", "multi_line"),
    [
        ("Ana" + CLEAR_SCREEN, "Ana", "Ana"),
        ("Ana" + RETITLE + " Souza", "Ana Souza", "Ana Souza"),
        ("Ana\x1b]8;;https://evil.example\x1b\\ Souza", "Ana Souza", "Ana Souza"),  # OSC ended by ESC \
        ("A\x9b31mB", "AB", "AB"),  # the one-character C1 CSI
        ("x\x00y\x7fz\x85w\x1bA", "xyzw", "xyzw"),  # NUL, DEL, NEL, a two-byte escape
        ("Ana\x1b]no end", "Anano end", "Anano end"),  # an unterminated OSC loses its introducer only
        ("one\r\ntwo\rthree\nfour\tfive", "one two three four five", "one\ntwo\nthree\nfour\tfive"),
        ("broken\ud800half", "brokenhalf", "brokenhalf"),  # a lone surrogate
        ("José Nguyễn محمد\u200d", "José Nguyễn محمد\u200d", "José Nguyễn محمد\u200d"),  # kept as typed
    ],
)
def test_clean_text_removes_control_characters(raw: str, one_line: str, multi_line: str) -> None:
    assert clean_text(raw) == one_line
    assert clean_text(raw, multiline=True) == multi_line


def test_visible_escapes_what_would_act_on_a_terminal() -> None:
    assert visible("Ana\x1b[2J\x07") == "Ana\\x1b[2J\\x07"
    assert visible("a\x9bb\x00c") == "a\\x9bb\\x00c"
    assert visible("evil\u202etxt.exe") == "evil\\u202etxt.exe"  # a bidi override reorders the screen
    assert visible("one\ntwo") == "one\\x0atwo"
    assert visible("one\ntwo", keep_line_breaks=True) == "one\ntwo"
    assert visible("José Nguyễn محمد") == "José Nguyễn محمد"
    encoded = json.dumps({"name": "a\x1b\x85\u202e"}, ensure_ascii=False)
    assert json_visible(encoded) == '{"name": "a\\u001b\\u0085\\u202e"}'
    assert json.loads(json_visible(encoded)) == {"name": "a\x1b\x85\u202e"}


def test_every_service_stores_text_without_control_characters(db: Database) -> None:
    volunteer = make_volunteer(
        db,
        "Ana" + CLEAR_SCREEN,
        "Souza" + RETITLE,
        city="Dan\x00bury",
        source="form\x1b[31m",
        notes="line one\r\nline two\x07\tend",
        languages=("es\x1b",),
    )
    group = make_group(
        db, "Vecinos\x1b[2J Unidos", city="Stamford\r\n", notes="a\rb\x1b[0m", tags=("faith\x85",)
    )
    contact = partners.add_contact(db, group.id, ContactInput(name="Padre\tMiguel\x9b2J", role="Pár\x07roco"))
    venue = venues.create_venue(db, VenueInput(name="Green\x1b[2J", accessibility_notes="Ramp\r\nASL\x07"))
    event = make_event(
        db,
        texts={
            "en": EventTextInput(title="Rally\nfor TRUST" + RETITLE, summary="Come.\r\nBring\x00 a sign.")
        },
        venue_id=venue.id,
    )
    shift = signups.add_shift(
        db,
        event.id,
        ShiftInput(
            role="Marshal\x1b[1m",
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            capacity=2,
            notes="Vest\r\nRadio\x1b[0m",
        ),
    )
    with db.reading() as session:
        stored_volunteer = session.get(Volunteer, volunteer.id)
        assert stored_volunteer is not None
        assert (
            stored_volunteer.given_name,
            stored_volunteer.family_name,
            stored_volunteer.city,
            stored_volunteer.source,
            stored_volunteer.notes,
            stored_volunteer.languages,
        ) == ("Ana", "Souza", "Danbury", "form", "line one\nline two\tend", ["es"])
        stored_group = session.get(PartnerGroup, group.id)
        assert stored_group is not None
        assert (stored_group.name, stored_group.city, stored_group.notes, stored_group.tags) == (
            "Vecinos Unidos",
            "Stamford",
            "a\nb",
            ["faith"],
        )
        stored_contact = session.get(Contact, contact.id)
        assert stored_contact is not None
        assert (stored_contact.name, stored_contact.role) == ("Padre Miguel", "Párroco")
        stored_venue = session.get(Venue, venue.id)
        assert stored_venue is not None
        assert (stored_venue.name, stored_venue.accessibility_notes) == ("Green", "Ramp\nASL")
        texts = session.scalars(select(EventText).where(EventText.event_id == event.id)).all()
        assert [(t.title, t.summary) for t in texts] == [("Rally for TRUST", "Come.\nBring a sign.")]
        stored_shift = session.get(Shift, shift.id)
        assert stored_shift is not None
        assert (stored_shift.role, stored_shift.notes) == ("Marshal", "Vest\nRadio")


def test_a_csv_import_stores_names_without_escape_sequences(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    rows = [
        "First name,Last name,Email,City,Notes",
        f"Ana{CLEAR_SCREEN},Souza,ana@example.org,Danbury,",
        f"\x1b]0;you have been hacked\x07José,Gonçalves{CLEAR_SCREEN},jose@example.org,Stam\x9b1mford,",
        '"Zoë",O\'Brien,zoe@example.org,Norwalk,"Speaks French\r\nand Kreyòl\x1b[5m"',
    ]
    path.write_bytes("\r\n".join(rows).encode("utf-8") + b"\r\n")
    report = run_import(db, path, ImportKind.VOLUNTEERS)
    assert [(o.line, o.fate) for o in report.outcomes] == [
        (2, RowFate.CREATED),
        (3, RowFate.CREATED),
        (4, RowFate.CREATED),
    ]
    with db.reading() as session:
        stored = session.execute(
            select(Volunteer.given_name, Volunteer.family_name, Volunteer.city, Volunteer.notes).order_by(
                Volunteer.id
            )
        ).all()
    assert [tuple(row) for row in stored] == [
        ("Ana", "Souza", "Danbury", ""),
        ("José", "Gonçalves", "Stamford", ""),
        ("Zoë", "O'Brien", "Norwalk", "Speaks French\nand Kreyòl"),
    ]


def _run(db_url: str, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", db_url, "--lang", "en", *args])
    return code, out.getvalue(), err.getvalue()


def _raw_update(db: Database, sql: str, **params: object) -> None:
    """Write as an older version or another tool would: straight into the table."""
    with db.transaction() as session:
        session.execute(text(sql), params)


def test_cli_listings_escape_control_characters_already_in_the_database(db: Database, db_url: str) -> None:
    volunteer = make_volunteer(db, "Ana", "Souza", city="Danbury")
    other = make_volunteer(db, "Zoë", "O'Brien", city="Norwalk")
    group = make_group(db, "Vecinos Unidos", city="Stamford")
    event = make_event(db, "Rally for the TRUST Act")
    _raw_update(db, "UPDATE volunteer SET given_name = :name, city = :city WHERE id = :id",
                name="Ana" + CLEAR_SCREEN, city="Dan\x9b1mbury\u202e", id=volunteer.id)  # fmt: skip
    _raw_update(
        db, "UPDATE partner_group SET name = :name WHERE id = :id", name="Vecinos" + RETITLE, id=group.id
    )
    _raw_update(
        db, "UPDATE event_text SET title = :title WHERE event_id = :id", title="Rally\r\nX", id=event.id
    )

    code, out, err = _run(db_url, "volunteers", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "Name", "City", "Phone", "Email", "Languages"]
    assert lines[2].split() == [str(other.id), "Zoë", "O'Brien", "Norwalk"]  # by family name
    assert lines[3].split() == [str(volunteer.id), "Ana\\x1b[2J", "Souza", "Dan\\x9b1mbury\\u202e"]
    assert len(lines) == 4
    assert lines[3].index("Dan") == lines[2].index("Norwalk")  # the escaped cell keeps the columns aligned

    code, out, err = _run(db_url, "partners", "list")
    assert (code, err) == (0, "")
    assert out.splitlines()[2].split() == [
        str(group.id),
        "Vecinos\\x1b]0;pwned\\x07",
        "Community",
        "Stamford",
        "0",
    ]

    code, out, err = _run(db_url, "events", "list")
    assert (code, err) == (0, "")
    assert "Rally\\x0d\\x0aX" in out.splitlines()[2]

    for command in (["volunteers", "list"], ["partners", "list"], ["events", "list"]):
        code, out, err = _run(db_url, *command, "--json")
        assert code == 0 and not any(0x7F <= ord(c) <= 0x9F or c in "\x1b\x07\r\u202e" for c in out), command
    names = [
        (v["given_name"], v["city"]) for v in json.loads(_run(db_url, "volunteers", "list", "--json")[1])
    ]
    assert names == [
        ("Zoë", "Norwalk"),
        ("Ana" + CLEAR_SCREEN, "Dan\x9b1mbury\u202e"),
    ]  # JSON keeps the value


def test_cli_errors_escape_the_value_they_quote(db_url: str, db: Database, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("First name,Email\nAna,not-an-email\x1b[2J\n", encoding="utf-8")
    code, out, err = _run(db_url, "import", "volunteers", str(path), "--dry-run")
    assert (code, err) == (0, "")
    # The person is kept without the email; the warning quotes the cell without its escape.
    assert (
        out.splitlines()[2] == "Line 2: added. “Email”: not a valid email address, so left out: not-an-email"
    )
    missing = tmp_path / "gone\x1b[2J.csv"
    code, out, err = _run(db_url, "import", "volunteers", str(missing))
    assert (code, out) == (1, "")
    assert err == f"rallyorg: Cannot read {tmp_path}/gone\\x1b[2J.csv: the file does not exist\n"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("https://example.org/a\r\nX-EVIL:1", NO_SPACES),
        ("https://example.org/a b", NO_SPACES),
        ("https://example.org/\x1b[2J", NO_SPACES),
        ("https://example.org/\u202eexe", NO_SPACES),
        ("example.org/rally", NO_SCHEME),
        ("javascript:alert(1)", NO_SCHEME),
        ("ftp://example.org/", NO_SCHEME),
        ("https://", "Not a web address: https://. Write it in full, e.g. https://example.org/rally"),
        ("http:/example.org", "Not a web address: http:/example.org. Write it in full, e.g. https://example.org/rally"),
        ("https://[::1/x", "Not a web address: https://[::1/x. Write it in full, e.g. https://example.org/rally"),
        ("https://example.org:port/", "Not a web address: https://example.org:port/. Write it in full, e.g. https://example.org/rally"),
    ],
)  # fmt: skip
def test_web_addresses_are_refused_naming_the_field(db: Database, value: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        make_event(db, public_url=value)
    assert (refused.value.field, refused.value.translated()) == ("public_url", message)
    with pytest.raises(ValidationError) as refused:
        make_group(db, website=value)
    assert (refused.value.field, refused.value.translated()) == ("website", message)
    with db.reading() as session:
        assert session.scalar(select(Event.id)) is None and session.scalar(select(PartnerGroup.id)) is None


def test_web_addresses_that_are_kept() -> None:
    assert (
        web_address("public_url", "  https://example.org/rally?x=1#top\r\n")
        == "https://example.org/rally?x=1#top"
    )
    assert web_address("public_url", "HTTP://Example.org:8080/") == "HTTP://Example.org:8080/"
    assert web_address("public_url", "") == ""


def test_a_partner_import_completes_bare_sites_and_rejects_broken_ones(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "partners.csv"
    path.write_text(
        "Group,Website\nIglesia San José,www.iglesia.org\nVecinos,https://vecinos.example.org/a b\n"
        "Unidos,https://unidos.example.org\n",
        encoding="utf-8",
    )
    report = run_import(db, path, ImportKind.PARTNERS)
    assert [(o.line, o.fate, o.reason.field if o.reason else None) for o in report.outcomes] == [
        (2, RowFate.CREATED, None),
        (3, RowFate.REJECTED, "website"),
        (4, RowFate.CREATED, None),
    ]
    with db.reading() as session:
        sites = session.execute(
            select(PartnerGroup.name, PartnerGroup.website).order_by(PartnerGroup.id)
        ).all()
    assert [tuple(s) for s in sites] == [
        ("Iglesia San José", "https://www.iglesia.org"),
        ("Unidos", "https://unidos.example.org"),
    ]


def test_editing_a_group_checks_its_website(db: Database) -> None:
    group = make_group(db, "Vecinos Unidos", website="https://vecinos.example.org")
    data = PartnerGroupInput(name="Vecinos Unidos", website="https://vecinos.example.org/\x1b[2J")
    with pytest.raises(ValidationError) as refused:
        partners.update_group(db, group.id, data, version=group.version)
    assert refused.value.field == "website"
