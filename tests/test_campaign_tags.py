"""Campaign tags (issue #17): an event belongs to campaigns ("TRUST Act"), and every report can
cover one campaign's events only. Tags are cleaned, kept once, and spelled as other events
already spell them, so one campaign is one tag on SQLite and PostgreSQL alike; each report
of a campaign is checked against plain SQL on the sample coalition; the command line sets
tags and reports by one, and refuses a tag no event carries."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from sqlalchemy import text

from conftest import make_event
from rallyorg import app
from rallyorg.db import Database
from rallyorg.domain.errors import ConflictError, ValidationError
from rallyorg.domain.events import EventInput, EventTextInput
from rallyorg.domain.reports import DateRange, ReportKind
from rallyorg.exchange.report_pdf import report_pdf
from rallyorg.i18n import translator
from rallyorg.services import events, reports

TRUST = "TRUST Act"  # the sample's campaign for the TRUST Act: three events, one of them ahead
IN_TRUST = "e.status <> 'cancelled' AND e.tags LIKE '%,TRUST Act,%'"


@pytest.fixture(scope="module")
def sample(sample_coalition: tuple[Database, str]) -> tuple[Database, str]:
    return sample_coalition


def sql(db: Database, query: str, **params: Any) -> list[Any]:
    with db.reading() as session:
        return list(session.execute(text(query), params).all())


def _input(event_id: int, db: Database, **changes: Any) -> EventInput:
    event = events.get_event(db, event_id)
    return EventInput(
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        texts={c: EventTextInput(title=t.title) for c, t in event.texts.items()},
        **changes,
    )


# --- Stored tags -----------------------------------------------------------------------------------


def test_tags_are_cleaned_kept_once_and_spelled_as_other_events_spell_them(db: Database) -> None:
    first = make_event(db, "Vigil", tags=("  TRUST   Act 2027 ", "Census", "census", ""))
    assert first.tags == ("Census", "TRUST Act 2027")
    # Typed another way on another event: the spelling already in use wins.
    second = make_event(db, "March", tags=("trust act 2027", "Know Your Rights"))
    assert second.tags == ("Know Your Rights", "TRUST Act 2027")
    assert events.get_event(db, second.id).tags == second.tags  # as a reload gives them
    assert events.campaign_tags(db) == ["Census", "Know Your Rights", "TRUST Act 2027"]


def test_a_comma_a_long_tag_and_too_many_tags_are_refused(db: Database) -> None:
    with pytest.raises(ValidationError, match="comma") as refused:
        make_event(db, tags=("TRUST Act, 2027",))
    assert refused.value.field == "tags"
    with pytest.raises(ValidationError, match="at most 60"):
        make_event(db, tags=("x" * 61,))
    with pytest.raises(ValidationError, match="At most 10 campaign tags"):
        make_event(db, tags=tuple(f"Campaign {n}" for n in range(11)))
    assert sql(db, "SELECT count(*) FROM event") == [(0,)]


def test_an_edit_without_tags_keeps_them_and_a_copy_carries_them(db: Database) -> None:
    event = make_event(db, "Vigil", tags=("Family unity",))
    events.update_event(db, event.id, _input(event.id, db, public_url="https://example.org/v"), version=1)
    assert events.get_event(db, event.id).tags == ("Family unity",)
    copy = events.duplicate_event(db, event.id, event.starts_at + dt.timedelta(days=7))
    assert copy.tags == ("Family unity",)
    stored = events.get_event(db, event.id)
    emptied = events.set_campaign_tags(db, event.id, (), version=stored.version)
    assert emptied.tags == () and events.campaign_tags(db) == ["Family unity"]  # the copy's
    with pytest.raises(ConflictError, match="Someone else changed this record"):
        events.set_campaign_tags(db, event.id, ("Late",), version=stored.version)  # a stale version


# --- Reports of one campaign against plain SQL -------------------------------------------------------


def test_each_report_of_a_campaign_counts_its_events_only(sample: tuple[Database, str]) -> None:
    db, _url = sample
    trust_events = [
        row[0] for row in sql(db, f"SELECT e.id FROM event e WHERE {IN_TRUST} ORDER BY e.starts_at")
    ]
    assert len(trust_events) == 3

    attendance = reports.attendance(db, campaign=TRUST)
    assert [row.event_id for row in attendance] == trust_events
    for row in attendance:
        [(signed_up,)] = sql(
            db,
            "SELECT count(*) FROM signup s JOIN shift sh ON sh.id = s.shift_id WHERE sh.event_id = :e "
            "AND s.status IN ('signed_up', 'confirmed', 'attended', 'no_show')",
            e=row.event_id,
        )
        assert row.signed_up + row.walk_ins == signed_up

    hours = reports.hours(db, campaign=TRUST)
    by_person = dict(
        sql(
            db,
            "SELECT s.volunteer_id, sum(s.hours) FROM signup s JOIN shift sh ON sh.id = s.shift_id "
            f"JOIN event e ON e.id = sh.event_id WHERE s.status = 'attended' AND {IN_TRUST} "
            "GROUP BY s.volunteer_id",
        )
    )
    assert {p.volunteer_id: p.hours for p in hours.by_person} == {
        person: round(float(total), 2) for person, total in by_person.items()
    }
    assert 0 < hours.total < reports.hours(db).total

    groups = dict(
        sql(
            db,
            "SELECT ep.group_id, count(DISTINCT ep.event_id) FROM event_partner ep "
            f"JOIN event e ON e.id = ep.event_id WHERE {IN_TRUST} GROUP BY ep.group_id",
        )
    )
    partners = reports.partners(db, campaign=TRUST)
    assert {r.group_id: r.co_sponsorships for r in partners if r.co_sponsorships} == groups

    shift_ids = {
        row[0]
        for row in sql(db, f"SELECT sh.id FROM shift sh JOIN event e ON e.id = sh.event_id WHERE {IN_TRUST}")
    }
    assert {r.shift_id for r in reports.shifts(db, campaign=TRUST)} == shift_ids

    # With the days too: only the campaign's events in 2025.
    in_2025 = reports.attendance(db, dt.date(2025, 1, 1), dt.date(2025, 12, 31), campaign=TRUST)
    assert [r.date.year for r in in_2025] == [2025, 2025]
    assert reports.event_count(db, dt.date(2025, 1, 1), dt.date(2025, 12, 31), campaign=TRUST) == 2
    every = reports.event_days(db, campaign=TRUST)
    assert every is not None and every.start == dt.date(2025, 3, 12) and every.end is not None
    assert every.end > dt.date(2026, 11, 25)  # the Capitol day ahead


def test_the_report_pdf_names_its_campaign_in_the_language_asked(sample: tuple[Database, str]) -> None:
    db, _url = sample
    data = reports.report(db, ReportKind.ATTENDANCE, DateRange(), language="es", campaign=TRUST)
    pdf = report_pdf(ReportKind.ATTENDANCE, data, DateRange(), "es", TRUST)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        words = " ".join(" ".join((page.extract_text() or "").split()) for page in document.pages)
    gettext = translator("es").gettext
    assert f"{gettext('All dates')} · campaña: TRUST Act" in words
    trust_events = [row[0] for row in sql(db, f"SELECT e.id FROM event e WHERE {IN_TRUST}")]
    for event_id in trust_events:
        assert events.get_event(db, event_id).title("es") in words
    others = [row[0] for row in sql(db, f"SELECT e.id FROM event e WHERE NOT ({IN_TRUST})")]
    assert not any(events.get_event(db, other).title("es") in words for other in others)


# --- The command line ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], url: str, *args: str) -> Ran:
    """The command line as a person types it, in this process (as tests/test_reminders.py)."""
    code = app.main(["--db", url, "--lang", "en", *args])
    captured = capsys.readouterr()
    return Ran(code, captured.out, captured.err)


def test_cli_sets_tags_and_reports_on_one_campaign(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = make_event(db, "Vigil for families", tags=("Family unity",)).id
    second = make_event(db, "March on City Hall", starts_at=dt.datetime(2027, 6, 1, 19, tzinfo=dt.UTC)).id
    make_event(db, "Workers' forum", starts_at=dt.datetime(2027, 7, 1, 19, tzinfo=dt.UTC))

    shown = run_cli(capsys, db_url, "events", "tags", str(second))
    assert shown.code == 0, shown.err
    assert shown.out.strip() == f"Event {second} has no campaign tags."
    given = run_cli(capsys, db_url, "events", "tags", str(second), "family UNITY", "City budget")
    assert given.code == 0, given.err
    assert given.out.strip() == f"Event {second}'s campaign tags: City budget, Family unity"
    listed = run_cli(capsys, db_url, "events", "list", "--json")
    assert {e["id"]: e["tags"] for e in json.loads(listed.out)}[second] == ["City budget", "Family unity"]

    out = tmp_path / "family.csv"
    done = run_cli(capsys, db_url, "report", "attendance", "--tag", "family unity", "-o", str(out))
    assert done.code == 0, done.err
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert [int(row[0]) for row in rows[1:]] == [first, second]

    census = tmp_path / "c.csv"
    refused = run_cli(capsys, db_url, "report", "attendance", "--tag", "Census", "-o", str(census))
    assert refused.code != 0
    assert "No event has the campaign tag Census. Tags in use: City budget, Family unity" in refused.err
    assert not census.exists()

    cleared = run_cli(capsys, db_url, "events", "tags", str(second), "--clear")
    assert cleared.code == 0 and events.get_event(db, second).tags == ()
    both = run_cli(capsys, db_url, "events", "tags", str(second), "A", "--clear")
    assert both.code != 0 and "not both" in both.err
