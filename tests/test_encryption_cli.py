"""The command line on an encrypted database: ``db encrypt|decrypt|change-passphrase`` and every
other command, as real processes, with the passphrase from RALLYORG_PASSPHRASE (a script's
way; the keyring is the null one in tests, as on a server without a desktop)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rallyorg.db.encryption import SQLITE_HEADER

PASSPHRASE = "correct horse battery"
MARKER = "Zyxquorth"
ENCRYPT = ("--lang", "en", "db", "encrypt", "--yes")


def rallyorg(
    tmp_path: Path, *args: str, passphrase: str | None = PASSPHRASE, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("RALLYORG_", "LC_", "LANG"))}
    environment.update(
        LANG="C.UTF-8", XDG_DATA_HOME=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "state")
    )
    if passphrase is not None:
        environment["RALLYORG_PASSPHRASE"] = passphrase
    environment.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "rallyorg.app",
            "--lang",
            "en",
            "--db",
            f"sqlite:///{tmp_path / 'c.db'}",
            *args,
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        stdin=subprocess.DEVNULL,  # no terminal: nobody to ask
        timeout=120,
        check=False,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def people_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("csv") / "people.csv"
    path.write_text(
        "First name,Last name,Email,Phone\n"
        f"{MARKER},Vembleton,zyxquorth@example.org,203-555-0199\n"
        "Rosa,Parks,rosa@example.org,203-555-0101\n",
        encoding="utf-8",
    )
    return path


def test_every_command_works_on_an_encrypted_database(tmp_path: Path, people_csv: Path) -> None:
    database = tmp_path / "c.db"
    ok(rallyorg(tmp_path, "demo", passphrase=None))
    refused = one_line_error(rallyorg(tmp_path, "db", "encrypt"))
    assert "A forgotten passphrase cannot be recovered. Run again with --yes to go ahead." in refused
    assert database.read_bytes()[:16] == SQLITE_HEADER
    said = ok(rallyorg(tmp_path, "db", "encrypt", "--yes"))
    assert f"Encrypted {database}." in said and "no keyring" in said
    assert database.read_bytes()[:16] != SQLITE_HEADER

    ok(rallyorg(tmp_path, "import", "volunteers", str(people_csv)))
    debug = rallyorg(tmp_path, "volunteers", "list", RALLYORG_DEBUG="1")  # the log on stderr, verbose
    listed = ok(debug)
    assert MARKER in listed and "Rosa" in listed
    assert "database open: sqlite" in debug.stderr and PASSPHRASE not in debug.stderr
    events = json.loads(ok(rallyorg(tmp_path, "events", "list", "--json")))
    event_id = str(events[0]["id"])
    ok(rallyorg(tmp_path, "export", "volunteers", "-o", str(tmp_path / "volunteers.csv")))
    assert MARKER in (tmp_path / "volunteers.csv").read_text(encoding="utf-8-sig")
    ok(rallyorg(tmp_path, "export", "roster", event_id, "-o", str(tmp_path / "roster.pdf")))
    ok(rallyorg(tmp_path, "flyer", event_id, "-o", str(tmp_path / "flyer.pdf")))
    assert "Schema:" in ok(rallyorg(tmp_path, "db", "info"))
    ok(rallyorg(tmp_path, "db", "backup", str(tmp_path / "backup.sqlite3")))
    assert (tmp_path / "backup.sqlite3").read_bytes()[:16] != SQLITE_HEADER
    ok(rallyorg(tmp_path, "db", "restore", str(tmp_path / "backup.sqlite3"), "--yes"))
    ok(rallyorg(tmp_path, "retention", "--inactive-months", "24", "--dry-run"))
    for path in (database, database.with_name("c.db-wal")):
        assert not path.exists() or MARKER.encode() not in path.read_bytes()

    # Without the passphrase: one clean line, from every command.
    for args in (("volunteers", "list"), ("db", "decrypt", "--yes")):
        missing = one_line_error(rallyorg(tmp_path, *args, passphrase=None))
        assert "is encrypted and its passphrase is not in this computer's keyring" in missing
        wrong = one_line_error(rallyorg(tmp_path, *args, passphrase="not the one at all"))
        assert wrong == f"rallyorg: The passphrase in RALLYORG_PASSPHRASE does not open {database}."

    new = "staple battery horse"
    ok(rallyorg(tmp_path, "db", "change-passphrase", RALLYORG_NEW_PASSPHRASE=new))
    one_line_error(rallyorg(tmp_path, "volunteers", "list"))
    assert MARKER in ok(rallyorg(tmp_path, "volunteers", "list", passphrase=new))
    assert "is no longer encrypted" in ok(rallyorg(tmp_path, "db", "decrypt", "--yes", passphrase=new))
    assert database.read_bytes()[:16] == SQLITE_HEADER
    assert MARKER in ok(rallyorg(tmp_path, "volunteers", "list", passphrase=None))


def test_encrypting_a_server_database_is_explained() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rallyorg.app", "--db", "postgresql+psycopg://u@db.example.org/r", *ENCRYPT],
        capture_output=True,
        text=True,
        env={**os.environ, "RALLYORG_PASSPHRASE": PASSPHRASE},
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert one_line_error(result) == (
        "rallyorg: Only a SQLite database file is encrypted by rallyorg. A server database is encrypted "
        "by its server; rallyorg connects to PostgreSQL with sslmode=verify-full."
    )
