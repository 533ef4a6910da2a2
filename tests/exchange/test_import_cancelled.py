"""A registrant the source tool marks cancelled, declined or refunded is not signed up: the
row is skipped, counted and named as "cancelled in the source", and takes no place."""

from __future__ import annotations

import json
from pathlib import Path

from exchange.conftest import counts, fates, make_rally
from exchange.test_exchange_cli import _run
from rallyorg.db import Database
from rallyorg.domain.enums import SignUpStatus
from rallyorg.exchange.columns import ImportKind, propose_mapping
from rallyorg.services import signups
from rallyorg.services.imports import RowFate, run_import

MOBILIZE = (
    "Event ID,Timeslot start,First name,Last name,Email,Phone,Zip,Status\n"
    "4821,2025-05-20 14:00:00 EDT,Wilmer,Ajú Tzoc,wilmer@example.org,2035550161,06810,REGISTERED\n"
    "4821,2025-05-20 14:00:00 EDT,Fátima,Çelik,fatima@example.org,2035550162,06810,CANCELLED\n"
    "4821,2025-05-20 14:00:00 EDT,Bea,Santos,bea@example.org,2035550163,06810,CONFIRMED\n"
)
EVENTBRITE = (  # the ticket type is the role a volunteer chose
    "Order #,First Name,Last Name,Email,Ticket Type,Attendee Status,Cell Phone\n"
    "1001,Ana,Souza,ana@example.org,Sign-in desk,Attending,2035550171\n"
    "1002,Luis,Ramírez,luis@example.org,Marshals,Not Attending,2035550172\n"
    "1003,Kim,Lee,kim@example.org,Marshals,Refunded,2035550173\n"
    "1004,Rosa,Quispe,rosa@example.org,Marshals,Checked In,2035550174\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_mobilize_cancelled_registrant_takes_no_place(db: Database, tmp_path: Path) -> None:
    event_id, marshals, _desk = make_rally(db)  # Marshals: 2 places
    path = write(tmp_path, "mobilize.csv", MOBILIZE)
    assert (
        propose_mapping(tuple(MOBILIZE.split("\n")[0].split(",")), ImportKind.SIGNUPS).column_of("status")
        == 7
    )
    report = run_import(db, path, ImportKind.SIGNUPS, event_id=event_id)
    assert fates(report) == [(2, "created", None), (3, "cancelled", "row"), (4, "created", None)]
    [cancelled] = [o for o in report.outcomes if o.fate == RowFate.CANCELLED]
    assert cancelled.reason is not None
    assert cancelled.reason.text() == "Cancelled in the source (CANCELLED): not signed up."
    assert (report.cancelled, report.created, report.rows_in_file) == (1, 2, 3) and report.balanced
    statuses = {s.volunteer_name: s.status for s in signups.get_shift(db, marshals).signups}
    # Fátima is not on the shift (not even waitlisted), so Bea got the second place.
    assert statuses == {"Wilmer Ajú Tzoc": SignUpStatus.SIGNED_UP, "Bea Santos": SignUpStatus.SIGNED_UP}
    assert report.volunteers_created == 2  # nor was she added as a volunteer


def test_eventbrite_attendee_status_through_the_command_line(
    db: Database, db_url: str, tmp_path: Path
) -> None:
    event_id, marshals, desk = make_rally(db)
    path = write(tmp_path, "eventbrite.csv", EVENTBRITE)
    before = counts(db)
    result = _run(db_url, "import", "signups", path, "--event", str(event_id))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert (
        "Line 3: skipped: cancelled in the source. Cancelled in the source (Not Attending): not signed up."
        in out
    )
    assert (
        "Line 4: skipped: cancelled in the source. Cancelled in the source (Refunded): not signed up." in out
    )
    accounting = "4 rows in file = 2 added + 0 updated + 0 duplicates skipped + 0 rejected"
    assert f"{accounting} + 2 cancelled in the source." in out
    assert counts(db)["signup"] == before["signup"] + 2
    on_marshals = [s.volunteer_name for s in signups.get_shift(db, marshals).signups]
    on_desk = [s.volunteer_name for s in signups.get_shift(db, desk).signups]
    assert (on_marshals, on_desk) == (["Rosa Quispe"], ["Ana Souza"])
    history = _run(db_url, "import", "history", "--json")
    [batch] = json.loads(history.stdout)
    assert (batch["created"], batch["skipped"], batch["rejected"]) == (2, 2, 0)
