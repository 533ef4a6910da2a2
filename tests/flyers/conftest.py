"""Fixtures for the flyer tests (helpers live in flyer_helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flyer_helpers import make_rally

from rallyorg.db import Database, open_database
from rallyorg.domain.events import EventData


@pytest.fixture
def flyer_db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def rally(flyer_db: Database) -> EventData:
    return make_rally(flyer_db)
