"""Exports of the tools organizers use (Mobilize, Action Network, Eventbrite, SignUpGenius,
Google Forms in Spanish and Portuguese, Microsoft Forms, EveryAction/VAN), imported as they
come: the tool is recognised, and every person, field, warning and sign-up is exactly what
the sample's .expected.json says (samples written for these tests: fixtures/sources/)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zoneinfo
from pathlib import Path
from typing import Any

import pytest

from conftest import make_event, make_shift
from rallyorg.db import Database
from rallyorg.domain.validation import canonical_language
from rallyorg.exchange.columns import ImportKind
from rallyorg.exchange.rows import PHONE_AS_WRITTEN
from rallyorg.services import signups, volunteers
from rallyorg.services.imports import ImportReport, RowFate, run_import

SOURCES = Path(__file__).resolve().parent / "fixtures" / "sources"
ZONE = zoneinfo.ZoneInfo("America/New_York")
TOOLS = {
    "mobilize": "Mobilize",
    "action_network": "Action Network",
    "eventbrite": "Eventbrite",
    "signupgenius": "SignUpGenius",
    "google_forms_es": "Google Forms",
    "google_forms_pt": "Google Forms",
    "microsoft_forms": "Microsoft Forms",
    "van": "EveryAction / VAN",
}
# The shifts each sign-up export's rows point at: (role, local start on 2025-06-14).
SHIFTS = {
    "mobilize": [("Vigil", dt.time(10)), ("Vigil, second hour", dt.time(12))],
    "eventbrite": [("Marshal", dt.time(9)), ("Sign-in desk", dt.time(8)), ("General volunteer", dt.time(10))],
    "signupgenius": [
        ("Marshals", dt.time(8)),
        ("Interpreters (Spanish/Quechua)", dt.time(8)),
        ("Interpreters (Kreyòl)", dt.time(8)),
        ("Water & snacks table", dt.time(12)),
        ("Sign-in table", dt.time(12)),
    ],
}


def expected(source: str) -> dict[str, Any]:
    return json.loads((SOURCES / f"{source}.expected.json").read_text(encoding="utf-8"))


def import_sample(db: Database, source: str, tmp_path: Path) -> tuple[ImportReport, dict[int, int]]:
    """The report, and for sign-up files the shift id of each role."""
    path = tmp_path / f"{source}.csv"
    shutil.copyfile(SOURCES / f"{source}.csv", path)
    if expected(source)["kind"] == "volunteers":
        return run_import(db, path, ImportKind.VOLUNTEERS), {}
    day = dt.date(2025, 6, 14)
    event_id = make_event(db, starts_at=dt.datetime.combine(day, dt.time(8), ZONE), hours=10).id
    shift_ids = {
        index: make_shift(
            db, event_id, role=role, starts_at=dt.datetime.combine(day, start, ZONE), capacity=10
        ).id
        for index, (role, start) in enumerate(SHIFTS[source])
    }
    return run_import(db, path, ImportKind.SIGNUPS, event_id=event_id), shift_ids


@pytest.mark.parametrize("source", sorted(TOOLS))
def test_every_person_field_warning_and_sign_up(db: Database, tmp_path: Path, source: str) -> None:
    want = expected(source)
    report, shift_ids = import_sample(db, source, tmp_path)
    assert {n.params.get("tool") for n in report.notices if n.field == "source"} == {TOOLS[source]}

    people = {p["line"]: p for p in want["people"]}
    fates = {o.line: o.fate for o in report.outcomes}
    wanted_fates = {
        line: RowFate.CANCELLED if p["status"] == "cancelled" else RowFate.CREATED
        for line, p in people.items()
    }
    # Any other line is a slot nobody took (SignUpGenius lists every slot).
    assert {line: f for line, f in fates.items() if line in people} == wanted_fates
    assert {f for line, f in fates.items() if line not in people} <= {RowFate.OPEN_SLOT}
    assert report.balanced and report.rejected == 0

    warned = {
        (o.line, w.params["column"], w.params["value"])
        for o in report.outcomes
        for w in o.warnings
        if "column" in w.params
    }
    assert warned == {(w["line"], w["column"], w["value"]) for w in want["warnings"]}

    stored = {(row.given_name, row.family_name): row for row in volunteers.list_volunteers(db)}
    for person in people.values():
        key = (person["given_name"], person["family_name"])
        if person["status"] == "cancelled":
            assert key not in stored, f"line {person['line']}: cancelled, yet added"
            continue
        row = stored[key]
        data = volunteers.get_volunteer(db, row.id)
        where = f"{source} line {person['line']}"
        assert data.email == person["email"], where
        assert data.phone == person["phone_e164"], where
        as_written = person["phone_as_typed_if_unparseable"]
        assert (
            (PHONE_AS_WRITTEN + as_written in data.notes)
            if as_written
            else PHONE_AS_WRITTEN not in data.notes
        )
        assert (data.may_text, data.may_email) == (bool(person["may_text"]), bool(person["may_email"])), where
        assert sorted(data.languages) == sorted(canonical_language(code) for code in person["languages"]), (
            where
        )
    assert len(stored) == sum(1 for p in people.values() if p["status"] != "cancelled")

    if shift_ids:
        roles = {index: role for index, (role, _start) in enumerate(SHIFTS[source])}
        signed = {
            (s.volunteer_name, roles[index])
            for index, shift_id in shift_ids.items()
            for s in signups.get_shift(db, shift_id).signups
        }
        wanted = {
            (f"{p['given_name']} {p['family_name']}", p["shift"])
            for p in people.values()
            if p["status"] != "cancelled"
        }
        if source == "mobilize":  # no role column: the time slot says which shift
            assert {name for name, _role in signed} == {name for name, _role in wanted}
        else:
            assert signed == wanted
