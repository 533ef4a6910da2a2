"""Another rallyorg writing (a long import) is not an error here: readers read, writers wait
and say so, and whoever waits can stop waiting with nothing half-saved."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import make_volunteer
from rallyorg import app
from rallyorg.db import Database, open_database
from rallyorg.domain.errors import DatabaseBusyError
from rallyorg.services import volunteers

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def other_writer(db: Database, tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """Another process's connection in the middle of a long write transaction."""
    make_volunteer(db, "Ana")
    connection = sqlite3.connect(tmp_path / "test.db", isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("UPDATE volunteer SET notes = 'being imported' WHERE given_name = 'Ana'")
    yield connection
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    connection.close()


def test_opening_and_reading_never_wait_for_a_writer(db_url: str, other_writer: sqlite3.Connection) -> None:
    # Before: every open ran the migration check under BEGIN IMMEDIATE and failed after the
    # busy timeout with "database is locked".
    second = open_database(db_url)
    try:
        assert [v.name for v in volunteers.list_volunteers(second)] == ["Ana Souza"]
    finally:
        second.close()


def test_a_writer_waits_says_so_and_saves_once_the_other_is_done(
    db: Database, other_writer: sqlite3.Connection
) -> None:
    waited: list[float] = []

    def on_busy(seconds: float) -> bool:
        waited.append(seconds)
        if len(waited) == 2:
            other_writer.execute("COMMIT")  # the import elsewhere finishes
        return True

    db.on_busy = on_busy
    saved = make_volunteer(db, "Bruno")
    assert len(waited) == 2 and 0 < waited[0] < waited[1]
    assert [v.name for v in volunteers.list_volunteers(db)] == ["Ana Souza", saved.name]
    ana = volunteers.list_volunteers(db, search="Ana")[0]
    assert volunteers.get_volunteer(db, ana.id).notes == "being imported"


def test_a_writer_that_stops_waiting_saves_nothing_and_says_why(
    db: Database, other_writer: sqlite3.Connection
) -> None:
    asked: list[float] = []
    db.on_busy = lambda seconds: asked.append(seconds) is not None  # stop at the first ask
    with pytest.raises(DatabaseBusyError) as refused:
        make_volunteer(db, "Bruno")
    assert str(refused.value) == (
        "Another rallyorg is still writing to this database (an import, perhaps): nothing was "
        "saved. Try again when it has finished."
    )
    assert len(asked) == 1
    other_writer.execute("ROLLBACK")
    assert [v.name for v in volunteers.list_volunteers(db)] == ["Ana Souza"]


def _sign_up_sheet(folder: Path) -> str:
    sheet = folder / "sheet.csv"
    sheet.write_text("First name,Last name,Phone\nBruno,Lima,203 555 0100\n", encoding="utf-8")
    return str(sheet)


def test_the_command_line_says_it_waits_then_gives_up_after_wait_seconds(
    db_url: str, other_writer: sqlite3.Connection, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sheet = _sign_up_sheet(tmp_path)
    code = app.main(["--lang", "en", "--db", db_url, "--wait", "1", "import", "volunteers", sheet])
    out, err = capsys.readouterr()
    assert code == 1 and out.startswith("Read ") and "added" not in out and "Saved" not in out
    assert err.splitlines() == [
        "Waiting for another rallyorg to finish writing to this database (up to 1 s; --wait SECONDS "
        "changes this)…",
        "rallyorg: Another rallyorg is still writing to this database (an import, perhaps): nothing "
        "was saved. Try again when it has finished.",
    ]
    # Reading needs no wait at all.
    assert app.main(["--lang", "en", "--db", db_url, "--wait", "0", "volunteers", "list"]) == 0
    assert "Ana Souza" in capsys.readouterr().out


def test_an_address_that_names_no_file_keeps_the_command_from_running(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sheet = _sign_up_sheet(tmp_path)
    code = app.main(["--lang", "en", "--db", "sqlite:///", "import", "volunteers", sheet])
    out, err = capsys.readouterr()
    assert code == 1 and "added" not in out and "Saved" not in out
    assert err == (
        "rallyorg: The database address sqlite:/// names no file, so nothing would be kept. "
        "Give a file, e.g. sqlite:///path/to/coalition.db\n"
    )
