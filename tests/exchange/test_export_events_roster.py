"""Events as iCalendar and the roster as a PDF sign-in sheet, read back as a user would."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from pathlib import Path

import icalendar
import pdfplumber
import pytest
from pypdf import PdfReader

from conftest import make_event, make_shift, make_volunteer
from rallyorg.db import Database, open_database
from rallyorg.domain.enums import EventStatus
from rallyorg.domain.events import EventTextInput
from rallyorg.domain.venues import VenueInput
from rallyorg.exchange.roster import BOX_SIZE, RosterEntry, RosterSheet, roster_pdf
from rallyorg.services import events, signups, venues
from rallyorg.services.backup import backup_database
from rallyorg.services.exports import export_events, export_roster, roster_sheet

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
NOW = dt.datetime(2027, 1, 10, 12, 0, tzinfo=dt.UTC)
START = dt.datetime(2027, 5, 20, 15, 0, tzinfo=NEW_YORK)


def _rally(db: Database, **fields: object) -> int:
    venue = venues.create_venue(
        db, VenueInput(name="Danbury Green", street="1 Main St", city="Danbury", postal_code="06810")
    )
    texts = {
        "en": EventTextInput(title="Rally for the TRUST Act", summary="Join us; bring a friend, a sign.",
                             accessibility_note="Step-free; ASL interpreter."),
        "es": EventTextInput(
            title="Manifestación por la Ley TRUST", summary="Únase a nosotros.\nTraiga un cartel."
        ),
        "pt_BR": EventTextInput(title="Ato pela Lei TRUST", summary=""),
    }  # fmt: skip
    event = make_event(db, starts_at=START, texts=texts, venue_id=venue.id, status=EventStatus.CONFIRMED,
                       public_url="https://example.org/trust", **fields)  # fmt: skip
    return event.id


def test_ics_parses_back_with_time_zone_and_languages(db: Database, tmp_path: Path) -> None:
    event_id = _rally(db)
    make_event(db, "Planning meeting (draft)", starts_at=START + dt.timedelta(days=3))
    make_event(
        db, "Last year's vigil", starts_at=START - dt.timedelta(days=800), status=EventStatus.CONFIRMED
    )
    result = export_events(db, tmp_path / "e.ics", language="es", now=NOW)
    calendar = icalendar.Calendar.from_ical((tmp_path / "e.ics").read_bytes())
    vevents = calendar.walk("VEVENT")
    assert result.row_count == len(vevents) == 1  # not the draft, not the past one
    (vevent,) = vevents
    assert str(vevent["summary"]) == "Manifestación por la Ley TRUST"
    assert vevent["summary"].params["LANGUAGE"] == "es"
    start = vevent.decoded("dtstart")
    assert start == START and str(start.tzinfo) == "America/New_York"
    assert vevent["dtstart"].params["TZID"] == "America/New_York"
    assert vevent.decoded("dtend") == START + dt.timedelta(hours=2)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    description = str(vevent["description"])
    assert description.startswith("Únase a nosotros.\nTraiga un cartel.")
    assert "— English —\nRally for the TRUST Act\nJoin us; bring a friend, a sign." in description
    assert "Accessibility: Step-free; ASL interpreter." in description
    assert "— Português —\nAto pela Lei TRUST" in description
    assert str(vevent["location"]) == "Danbury Green, 1 Main St, Danbury, CT 06810"
    assert str(vevent["status"]) == "CONFIRMED" and str(vevent["url"]) == "https://example.org/trust"
    # The same event exported again keeps its UID (calendar apps update it, not add it twice).
    export_events(db, tmp_path / "again.ics", event_id=event_id, language="en", now=NOW)
    again = icalendar.Calendar.from_ical((tmp_path / "again.ics").read_bytes()).walk("VEVENT")[0]
    assert again["uid"] == vevent["uid"] and str(again["summary"]) == "Rally for the TRUST Act"
    uid = str(vevent["uid"])
    assert uid.startswith(f"event-{event_id}-") and uid.endswith("@rallyorg.invalid")


@pytest.mark.sqlite_only
def test_calendar_uids_survive_opening_the_database_from_a_backup(db: Database, tmp_path: Path) -> None:
    first, second = _rally(db), _rally(db)
    export_events(db, tmp_path / "here.ics", now=NOW)
    (tmp_path / "moved").mkdir()
    backup_database(db, tmp_path / "moved" / "backup.sqlite3")
    moved = open_database(f"sqlite:///{tmp_path / 'moved' / 'backup.sqlite3'}")
    try:
        export_events(moved, tmp_path / "there.ics", now=NOW)
    finally:
        moved.close()

    def uids(name: str) -> list[str]:
        calendar = icalendar.Calendar.from_ical((tmp_path / name).read_bytes())
        return [str(v["uid"]) for v in calendar.walk("VEVENT")]

    assert uids("here.ics") == uids("there.ics")
    assert len(set(uids("here.ics"))) == 2
    assert {uid.split("-")[1] for uid in uids("here.ics")} == {str(first), str(second)}


def test_cancelled_events_are_exported_as_cancelled_and_drafts_on_request(
    db: Database, tmp_path: Path
) -> None:
    event_id = _rally(db)
    make_event(db, "Draft", starts_at=START + dt.timedelta(days=3))
    events.cancel_event(db, event_id)
    export_events(db, tmp_path / "e.ics", include_drafts=True, now=NOW)
    vevents = icalendar.Calendar.from_ical((tmp_path / "e.ics").read_bytes()).walk("VEVENT")
    assert [(str(v["summary"]), str(v["status"])) for v in vevents] == [
        ("Rally for the TRUST Act", "CANCELLED"),
        ("Draft", "TENTATIVE"),
    ]


def _roster_event(db: Database) -> int:
    event_id = _rally(db)
    marshals = make_shift(db, event_id, role="Marshals", capacity=2, starts_at=START)
    desk = make_shift(
        db, event_id, role="Sign-in desk", capacity=5, starts_at=START - dt.timedelta(minutes=30)
    )
    people = [
        ("José", "Gonçalves", "203-555-0101", False),
        ("Nguyễn", "Thị Minh", "203-555-0102", False),
        ("María José", "Núñez Ramírez", "203-555-0103", True),
        ("Zoë", "O'Brien", "", False),
    ]
    for index, (given, family, phone, dnc) in enumerate(people):
        person = make_volunteer(db, given, family, phone=phone, do_not_contact=dnc)
        signups.sign_up(db, person.id, (marshals if index < 3 else desk).id)
    # Signed up, then cancelled: not expected, never on the sheet.
    gone = make_volunteer(db, "Carla", "Cancelada", phone="203-555-0104")
    signups.cancel_signup(db, signups.sign_up(db, gone.id, desk.id).id)
    return event_id


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_roster_pdf_has_names_boxes_and_blank_rows_and_no_phones(db: Database, tmp_path: Path) -> None:
    event_id = _roster_event(db)
    result = export_roster(db, event_id, tmp_path / "roster.pdf")
    assert result.row_count == 4 and result.options["include_phones"] is False
    assert "Phone" not in result.columns
    reader = PdfReader(tmp_path / "roster.pdf")
    text = _pdf_text(tmp_path / "roster.pdf")
    expected = [
        "Rally for the TRUST Act", "Manifestación por la Ley TRUST", "Ato pela Lei TRUST",
        "Thursday, May 20, 2027", "jueves, 20 de mayo de 2027", "quinta-feira, 20 de maio de 2027",
        "Danbury Green, 1 Main St", "José Gonçalves", "Nguyễn Thị Minh", "Zoë O'Brien",
        "Sign-in desk", "Marshals", "Sign-in sheet",
    ]  # fmt: skip
    for words in expected:
        assert words in text, words
    # Everyone who signs the sheet reads it: no phone unless the organiser asks.
    assert "555-" not in text and "Phone" not in text
    assert "Carla" not in text and "Cancelada" not in text  # cancelled: never on the sheet
    # The third marshal waits: under the waitlist's own heading, after everyone expected.
    heading = text.index("Waitlist: sign in if there is room")
    assert max(text.index(n) for n in ("José Gonçalves", "Nguyễn Thị Minh", "Zoë O'Brien")) < heading
    assert heading < text.index("María José Núñez Ramírez")
    # Fonts are embedded (Noto Sans): every font on every page has a font file.
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object().get("/FontDescriptor")
            descendants = font.get_object().get("/DescendantFonts")
            if descendants is not None:
                descriptor = descendants[0].get_object()["/FontDescriptor"]
            assert descriptor is not None and "/FontFile2" in descriptor.get_object()
    with pdfplumber.open(tmp_path / "roster.pdf") as pdf:
        boxes = [
            r
            for page in pdf.pages
            for r in page.rects
            if abs(r["width"] - BOX_SIZE) < 0.5 and abs(r["height"] - BOX_SIZE) < 0.5
        ]
        assert len(boxes) == 4 + 20  # one per person and 20 blank rows for walk-ins
        headers = [page.extract_text().count("Signature") for page in pdf.pages]
        assert all(count == 1 for count in headers)  # the header row repeats on every page


def test_roster_phones_only_when_asked(db: Database, tmp_path: Path) -> None:
    event_id = _roster_event(db)
    result = export_roster(db, event_id, tmp_path / "phones.pdf", include_phones=True)
    assert result.options["include_phones"] is True and "Phone" in result.columns
    text = _pdf_text(tmp_path / "phones.pdf")
    assert "(203) 555-0101" in text and "(203) 555-0102" in text and "Phone" in text
    assert "555-0103" not in text  # marked "do not contact": no phone even when asked
    assert "555-0104" not in text and "Carla" not in text  # cancelled


def test_roster_order_and_long_lists_repeat_the_header() -> None:
    entries = tuple(RosterEntry(name=f"Person {i:03d}", phone="(203) 555-0100", shift="Marshals · 3:00 PM")
                    for i in range(60))  # fmt: skip
    sheet = RosterSheet(
        titles=(("en", "Big rally"),),
        starts_at=START,
        ends_at=START + dt.timedelta(hours=2),
        place="",
        entries=entries,
        include_phones=True,
    )
    data = roster_pdf(sheet)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 3
        assert all("Name" in page.extract_text() and "Phone" in page.extract_text() for page in pdf.pages)
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert text.index("Person 000") < text.index("Person 059")


def test_roster_sheet_data(db: Database) -> None:
    event_id = _roster_event(db)
    sheet = roster_sheet(db, event_id)
    assert [lang for lang, _ in sheet.titles] == ["en", "es", "pt_BR"]
    assert [(e.name, e.waitlisted) for e in sheet.entries] == [
        ("Zoë O'Brien", False),  # the 2:30 PM desk shift comes first
        ("José Gonçalves", False),
        ("Nguyễn Thị Minh", False),
        ("María José Núñez Ramírez", True),
    ]
    assert sheet.entries[0].shift == "Sign-in desk · 2:30\u202fPM"
    assert {e.phone for e in sheet.entries} == {""}  # no phones unless asked
    with_phones = roster_sheet(db, event_id, include_phones=True)
    assert [e.phone for e in with_phones.entries] == ["", "(203) 555-0101", "(203) 555-0102", ""]


def test_a_sheet_printed_again_during_the_event_keeps_who_already_came(db: Database, tmp_path: Path) -> None:
    event_id = _roster_event(db)
    jose = next(
        s
        for shift in events.get_event(db, event_id).shifts
        for s in signups.get_shift(db, shift.id).signups
        if s.volunteer_name == "José Gonçalves"
    )
    signups.check_in(db, jose.id)
    result = export_roster(db, event_id, tmp_path / "again.pdf")
    assert result.row_count == 4
    text = _pdf_text(tmp_path / "again.pdf")
    assert "José Gonçalves" in text and "Carla" not in text
