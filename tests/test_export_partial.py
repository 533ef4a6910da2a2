"""An export never fails whole because of one record: the others are written, the record left
out is named (which, what field, why) in the service's result and the command's output, and
the command's exit status says something was left out."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import zoneinfo
from pathlib import Path

import icalendar
import pdfplumber
import pytest
import vobject
from sqlalchemy import text

from conftest import make_event, make_group, make_shift, make_volunteer, upcoming_start
from rallyorg.app import main
from rallyorg.cli.context import EXIT_PARTIAL
from rallyorg.db import Database
from rallyorg.domain.enums import EventStatus
from rallyorg.domain.errors import ValidationError
from rallyorg.exchange.record_problems import NOT_WRITABLE, RecordGuard, RecordProblem
from rallyorg.exchange.roster import CELL_CUT, CELL_LIMIT
from rallyorg.exchange.safe_csv import checked_row, csv_bytes
from rallyorg.exchange.vcard import CardContact, vcard_card
from rallyorg.services import partners, signups
from rallyorg.services.exports import (
    ExportFormat,
    export_contacts,
    export_events,
    export_roster,
    export_volunteers,
    list_exports,
)
from rallyorg.services.partners import ContactInput

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
NOW = dt.datetime(2027, 1, 10, 12, 0, tzinfo=dt.UTC)
START = dt.datetime(2027, 5, 20, 15, 0, tzinfo=NEW_YORK)
BROKEN_URL = "https://example.org/vigil\r\nX-INJECTED:1"
NO_LINE_BREAKS = "A web address cannot contain spaces, line breaks or control characters."


def _store_raw(db: Database, sql: str, **params: object) -> None:
    """Write as an older version (or another tool) did, past today's validation."""
    with db.transaction() as session:
        session.execute(text(sql), params)


def _three_events(db: Database, start: dt.datetime) -> list[int]:
    titles = ("Rally for the TRUST Act", "Vigil for families apart", "Know your rights training")
    ids = []
    for day, title in enumerate(titles):
        event = make_event(
            db,
            title,
            starts_at=start + dt.timedelta(days=day),
            status=EventStatus.CONFIRMED,
            public_url=f"https://example.org/{day}",
        )
        ids.append(event.id)
    _store_raw(db, "UPDATE event SET public_url = :url WHERE id = :id", url=BROKEN_URL, id=ids[1])
    return ids


def _vevents(path: Path) -> list[tuple[str, str, str]]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return [(str(v["uid"]).split("-")[1], str(v["summary"]), str(v["url"])) for v in calendar.walk("VEVENT")]


def test_one_event_with_a_line_break_in_its_url_is_left_out_and_named(db: Database, tmp_path: Path) -> None:
    first, broken, third = _three_events(db, START)
    result = export_events(db, tmp_path / "events.ics", now=NOW)
    assert _vevents(tmp_path / "events.ics") == [
        (str(first), "Rally for the TRUST Act", "https://example.org/0"),
        (str(third), "Know your rights training", "https://example.org/2"),
    ]
    assert b"X-INJECTED" not in (tmp_path / "events.ics").read_bytes()
    assert result.row_count == 2
    assert result.skipped == (
        RecordProblem("event", broken, "Vigil for families apart", "public_url", NO_LINE_BREAKS, {}),
    )
    assert [str(p) for p in result.skipped] == [
        f"event {broken} (Vigil for families apart), public_url: {NO_LINE_BREAKS}"
    ]
    assert [(r.kind.value, r.row_count) for r in list_exports(db)] == [("events", 2)]
    # Asked for by itself, the event is left out the same way: an empty calendar, not a crash.
    alone = export_events(db, tmp_path / "alone.ics", event_id=broken, now=NOW)
    assert (alone.row_count, [p.record_id for p in alone.skipped]) == (0, [broken])
    assert _vevents(tmp_path / "alone.ics") == []


def _run(db_url: str, *args: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", db_url, "--lang", "en", *map(str, args)])
    return code, out.getvalue(), err.getvalue()


def test_export_events_command_reports_the_record_and_exits_partial(
    db: Database, db_url: str, tmp_path: Path
) -> None:
    first, broken, third = _three_events(db, upcoming_start())
    code, out, err = _run(db_url, "export", "events", "-o", tmp_path / "events.ics")
    assert code == EXIT_PARTIAL == 3
    assert out.splitlines() == [
        f"Wrote 2 rows to {tmp_path / 'events.ics'}.",
        "1 record could not be written and was left out (see above); the others were written.",
    ]
    assert err.splitlines() == [
        f"Skipped event {broken} (Vigil for families apart), public_url: {NO_LINE_BREAKS}"
    ]
    assert [uid for uid, _, _ in _vevents(tmp_path / "events.ics")] == [str(first), str(third)]
    # Once the address is fixed, the same command writes every event and exits 0.
    _store_raw(
        db, "UPDATE event SET public_url = :url WHERE id = :id", url="https://example.org/1", id=broken
    )
    code, out, err = _run(db_url, "export", "events", "-o", tmp_path / "events.ics")
    assert (code, err, out.splitlines()) == (0, "", [f"Wrote 3 rows to {tmp_path / 'events.ics'}."])


def test_record_guard_keeps_the_others_and_says_why_for_each() -> None:
    guard = RecordGuard("contact")

    def build(value: str) -> bytes:
        if value == "refused":
            raise ValidationError("email", "Not a valid email address: {value}", value=value)
        return value.encode("utf-8")

    made = [
        guard.make(n, f"Person {n}", lambda v=value: build(v))
        for n, value in enumerate(("a", "refused", "\ud800"))
    ]
    assert made == [b"a", None, None]
    assert [str(problem) for problem in guard.problems] == [
        "contact 1 (Person 1), email: Not a valid email address: refused",
        "contact 2 (Person 2), record: it could not be written: 'utf-8' codec can't encode character "
        "'\\ud800' in position 0: surrogates not allowed",
    ]
    assert guard.problems[1].message == NOT_WRITABLE


def test_a_csv_row_or_a_vcard_that_cannot_be_written_names_its_field() -> None:
    with pytest.raises(ValidationError) as refused:
        checked_row(["First name", "City"], ["Ana", "Dan\ud800bury"])
    assert (refused.value.field, refused.value.translated()) == (
        "City",
        "it holds characters that are not text and cannot be written: U+D800",
    )
    assert checked_row(["First name", "City"], ["Ana", None]) == ["Ana", ""]
    with pytest.raises(ValidationError) as refused:
        vcard_card(CardContact(name="Ana\udc00", group="Vecinos"))
    assert refused.value.field == "name"
    assert csv_bytes(["Name"], [checked_row(["Name"], ["Zoë"])]) == '\ufeff"Name"\r\n"Zoë"\r\n'.encode()


def test_csv_and_vcard_exports_report_nothing_when_every_record_is_written(
    db: Database, tmp_path: Path
) -> None:
    make_volunteer(db, "Ana", "Souza")
    make_volunteer(db, "Zoë", "O'Brien")
    group = make_group(db, "Vecinos Unidos")
    partners.add_contact(db, group.id, ContactInput(name="Padre Miguel"))
    volunteers_result = export_volunteers(db, tmp_path / "v.csv")
    contacts_result = export_contacts(db, tmp_path / "c.vcf", export_format=ExportFormat.VCARD)
    assert (volunteers_result.row_count, volunteers_result.skipped) == (2, ())
    assert (contacts_result.row_count, contacts_result.skipped) == (1, ())
    cards = list(vobject.readComponents((tmp_path / "c.vcf").read_text("utf-8")))
    assert [card.fn.value for card in cards] == ["Padre Miguel"]


@pytest.mark.sqlite_only  # PostgreSQL's VARCHAR(100) refuses such a name outright
def test_a_roster_name_too_long_for_a_page_is_cut_and_the_sheet_still_made(
    db: Database, tmp_path: Path
) -> None:
    event = make_event(db, "Rally for the TRUST Act", starts_at=START)
    shift = make_shift(db, event.id, role="Marshals", starts_at=START, capacity=3)
    long_one = make_volunteer(db, "Ana", "Souza")
    others = [make_volunteer(db, "José", "Gonçalves"), make_volunteer(db, "Zoë", "O'Brien")]
    for person in (long_one, *others):
        signups.sign_up(db, person.id, shift.id)
    _store_raw(
        db, "UPDATE volunteer SET family_name = :name WHERE id = :id", name="Souza " * 1000, id=long_one.id
    )
    result = export_roster(db, event.id, tmp_path / "roster.pdf")  # the whole roster failed to lay out before
    assert result.row_count == 3 and result.skipped == ()
    assert [(p.record_id, p.field, p.message, dict(p.params)) for p in result.warnings] == [
        (long_one.id, "name", CELL_CUT, {"limit": CELL_LIMIT})
    ]
    label = ("Ana " + "Souza " * 1000)[:59] + "…"
    assert str(result.warnings[0]) == (
        f"volunteer {long_one.id} ({label}), name: too long for the sheet: cut after 300 characters"
    )
    with pdfplumber.open(tmp_path / "roster.pdf") as pdf:
        page_text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "José Gonçalves" in page_text and "Zoë O'Brien" in page_text and "Ana Souza Souza" in page_text


def test_the_app_lists_the_records_left_out_after_an_export(db: Database, tmp_path: Path) -> None:
    from rallyorg.gui.exchange.export_messages import problems_text  # plain text, no Qt

    _, broken, _ = _three_events(db, START)
    result = export_events(db, tmp_path / "events.ics", now=NOW)
    assert problems_text(result).splitlines() == [
        "1 record could not be written and was left out; the others were written:",
        f"• event {broken} (Vigil for families apart), public_url: {NO_LINE_BREAKS}",
    ]
    _store_raw(db, "UPDATE event SET public_url = '' WHERE id = :id", id=broken)
    assert problems_text(export_events(db, tmp_path / "events.ics", now=NOW)) == ""
