"""Shared helpers for the import/export tests: fixture files copied into a temporary folder
(so rejected-row files never land in the repository) and row counts of every table."""

from __future__ import annotations

import datetime as dt
import shutil
import zoneinfo
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from conftest import make_event, make_shift
from rallyorg.db import Database
from rallyorg.models import Contact, ExportRecord, ImportBatch, ImportChange, PartnerGroup, SignUp, Volunteer
from rallyorg.services.imports import ImportReport

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TABLES = {
    "volunteer": Volunteer,
    "partner_group": PartnerGroup,
    "contact": Contact,
    "signup": SignUp,
    "import_batch": ImportBatch,
    "import_change": ImportChange,
    "export_record": ExportRecord,
}


@pytest.fixture
def fixture_file(tmp_path: Path) -> Callable[[str], Path]:
    """Copy a committed fixture into the test's temporary folder and return its path."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copyfile(FIXTURES / name, target)
        return target

    return copy


def counts(db: Database) -> dict[str, int]:
    with db.reading() as session:
        return {
            name: int(session.scalar(select(func.count()).select_from(model)) or 0)
            for name, model in TABLES.items()
        }


def fates(report: ImportReport) -> list[tuple[int, str, str | None]]:
    """(line, fate, field the reason names) for every row, in file order."""
    return [(o.line, o.fate.value, o.reason.field if o.reason is not None else None) for o in report.outcomes]


def make_rally(db: Database, start: dt.datetime | None = None) -> tuple[int, int, int]:
    """An event (default 2025-05-20 14:00) with a Marshals shift at its start (2 places) and a
    Sign-in desk shift half an hour before (1 place): (event id, marshals shift id, desk shift id)."""
    start = start or dt.datetime(2025, 5, 20, 14, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    event = make_event(db, "Rally for the TRUST Act", starts_at=start)
    marshals = make_shift(db, event.id, role="Marshals", capacity=2, starts_at=start, hours=2)
    desk = make_shift(
        db, event.id, role="Sign-in desk", capacity=1, starts_at=start - dt.timedelta(minutes=30)
    )
    return event.id, marshals.id, desk.id
