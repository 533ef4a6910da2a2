"""The ``rallyorg`` command line end to end (real subprocesses), and the layering contracts:
import-linter passes, and the command line, services and storage never load Qt."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import make_event, make_group, make_shift, make_volunteer
from rallyorg.db import open_database
from rallyorg.enums import PartnerKind, Skill
from rallyorg.migrations import head_revision
from rallyorg.services import partners, signups
from rallyorg.services.events import EventTextInput
from rallyorg.services.partners import ContactInput

REPO = Path(__file__).resolve().parents[1]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RALLYORG_", "LC_", "LANG"))}
    env.update(
        LANG="C.UTF-8",
        # Keep the default database (if any test falls back to it) out of the real home.
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_STATE_HOME=str(tmp_path / "xdg-state"),
    )
    env.update(extra)
    return env


def run_cli(
    tmp_path: Path, *args: str, db_url: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "rallyorg.app", "--lang", "en"]
    if db_url is not None:
        command += ["--db", db_url]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env or _env(tmp_path),
        timeout=60,
        check=False,
    )


def _assert_one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("rallyorg: ")
    assert result.stdout == ""
    return lines[0]


@pytest.fixture(scope="module")
def coalition(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A small coalition written through the services (not `rallyorg demo`)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'coalition.db'}"
    db = open_database(url)
    try:
        church = make_group(db, "Iglesia San José", kind=PartnerKind.FAITH, city="Danbury")
        partners.add_contact(db, church.id, ContactInput(name="Padre Luis", is_primary=True))
        make_group(db, "SEIU 32BJ", kind=PartnerKind.UNION, city="Hartford")
        event = make_event(
            db,
            texts={
                "en": EventTextInput(title="Rally: sign the TRUST Act", summary="Danbury City Hall"),
                "es": EventTextInput(title="Manifestación: firme la Ley TRUST", summary="Alcaldía"),
            },
            lead_group_id=church.id,
        )
        shift = make_shift(db, event.id, capacity=3)
        jose = make_volunteer(
            db,
            "José",
            "Gonçalves",
            city="Danbury",
            phone="203-555-0123",
            languages=("pt",),
            skills=(Skill.MARSHAL,),
        )
        make_volunteer(db, "Josefina", "Ramírez", email="josefina@example.org", languages=("es",))
        make_volunteer(db, "Ana", "Souza")
        signups.sign_up(db, jose.id, shift.id)
    finally:
        db.close()
    return url


ERROR_COMMANDS = (("events", "list"), ("db", "upgrade"))


@pytest.fixture(scope="module")
def runs(
    coalition: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every independent invocation, run a few at a time: each process start costs ~0.6 s."""
    tmp = tmp_path_factory.mktemp("cli-runs")
    not_a_db = tmp / "minutes.txt"
    not_a_db.write_text("Minutes of the coalition meeting\n" * 100)
    future = tmp / "future.db"
    open_database(f"sqlite:///{future}").close()
    with sqlite3.connect(future) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0999'")
    raw.close()
    missing = tmp / "gone" / "x.db"
    plan: dict[str, tuple[tuple[str, ...], str | None, dict[str, str] | None]] = {
        "events": (("events", "list"), coalition, None),
        "events-json": (("events", "list", "--json"), coalition, None),
        "events-search": (("events", "list", "--json", "--search", "MANIFESTACION"), coalition, None),
        "partners": (("partners", "list"), coalition, None),
        "partners-search": (("partners", "list", "--json", "--search", "padre luis"), coalition, None),
        "volunteers-jose": (("volunteers", "list", "--search", "jose", "--json"), coalition, None),
        "volunteers-goncalves": (("volunteers", "list", "--search", "GONCALVES", "--json"), coalition, None),
        "volunteers-es": (("volunteers", "list", "--language", "es"), coalition, None),
        "env": (("partners", "list", "--json"), None, _env(tmp, RALLYORG_DB=coalition)),
        "bad-url": (("events", "list"), "definitely not a url", None),
        "help": (("--help",), None, None),
        "help-volunteers": (("volunteers", "list", "--help"), None, None),
    }
    for command in ERROR_COMMANDS:
        name = "-".join(command)
        plan[f"not-a-db {name}"] = (command, f"sqlite:///{not_a_db}", None)
        plan[f"missing {name}"] = (command, f"sqlite:///{missing}", None)
        plan[f"future {name}"] = (command, f"sqlite:///{future}", None)
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {
            name: pool.submit(run_cli, tmp, *args, db_url=url, env=env)
            for name, (args, url, env) in plan.items()
        }
        results = {name: future.result() for name, future in futures.items()}
    results["_missing"] = subprocess.CompletedProcess([], 0, str(missing), "")
    return results


def test_events_list_table(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    result = runs["events"]
    assert result.returncode == 0, result.stderr
    header, rule, row = result.stdout.splitlines()
    assert header.split() == ["ID", "Date", "Time", "Status", "Title", "Place", "Staffed"]
    assert set(rule.replace(" ", "")) == {"-"}
    assert "May 20, 2025" in row
    assert "3:00\u202fPM" in row  # 15:00 in the event's own zone (America/New_York)
    assert "Rally: sign the TRUST Act" in row
    assert row.rstrip().endswith("1/3")


def test_events_list_json_has_every_title(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    result = runs["events-json"]
    assert result.returncode == 0, result.stderr
    [event] = json.loads(result.stdout)
    assert event["titles"]["es"] == "Manifestación: firme la Ley TRUST"
    assert event["starts_at"] == "2025-05-20T15:00:00-04:00"
    assert event["lead_group"] == "Iglesia San José"
    assert {"language": "pt_BR", "field": "title"} in event["missing_texts"]
    assert event["places"] == {"needed": 3, "filled": 1}


def test_events_list_search_is_accent_insensitive(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    found = json.loads(runs["events-search"].stdout)
    assert [e["titles"]["en"] for e in found] == ["Rally: sign the TRUST Act"]


def test_partners_list(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    table = runs["partners"]
    assert table.returncode == 0, table.stderr
    assert "Iglesia San José" in table.stdout and "SEIU 32BJ" in table.stdout
    groups = json.loads(runs["partners-search"].stdout)
    assert [(g["name"], g["kind"], g["contacts"]) for g in groups] == [("Iglesia San José", "faith", 1)]


def test_volunteers_search_jose_finds_accented_names(
    runs: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    result = runs["volunteers-jose"]
    assert result.returncode == 0, result.stderr
    people = json.loads(result.stdout)
    assert [(p["given_name"], p["family_name"]) for p in people] == [
        ("José", "Gonçalves"),
        ("Josefina", "Ramírez"),
    ]
    assert people[0]["phone"] == "+12035550123"
    assert people[0]["skills"] == ["marshal"]
    assert [p["given_name"] for p in json.loads(runs["volunteers-goncalves"].stdout)] == ["José"]


def test_volunteers_table_with_a_language_filter(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    table = runs["volunteers-es"]
    assert table.returncode == 0, table.stderr
    assert "Josefina Ramírez" in table.stdout
    assert "José Gonçalves" not in table.stdout


def test_rallyorg_db_environment_variable(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    result = runs["env"]
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 2


def test_db_upgrade_on_a_fresh_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    first = run_cli(tmp_path, "db", "upgrade", db_url=url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == f"Upgraded the database from schema empty to {head_revision()}."
    assert (tmp_path / "fresh.db").stat().st_mode & 0o777 == 0o600

    again = run_cli(tmp_path, "db", "upgrade", db_url=url)
    assert again.stdout.strip() == f"The database is up to date (schema {head_revision()})."


def test_bad_url_is_one_line(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    line = _assert_one_line_error(runs["bad-url"])
    assert (
        line == "rallyorg: Not a database address: definitely not a url. Use e.g. sqlite:///path/to/file.db"
    )


@pytest.mark.parametrize("command", ["-".join(c) for c in ERROR_COMMANDS])
def test_not_a_database_file_is_one_line(
    runs: dict[str, subprocess.CompletedProcess[str]], command: str
) -> None:
    line = _assert_one_line_error(runs[f"not-a-db {command}"])
    assert line.endswith("file is not a database")


@pytest.mark.parametrize("command", ["-".join(c) for c in ERROR_COMMANDS])
def test_missing_folder_is_one_line(runs: dict[str, subprocess.CompletedProcess[str]], command: str) -> None:
    missing = Path(runs["_missing"].stdout)
    line = _assert_one_line_error(runs[f"missing {command}"])
    assert (
        line
        == f"rallyorg: Cannot create the database file {missing}: the folder {missing.parent} does not exist."
    )
    assert not missing.parent.exists()


@pytest.mark.parametrize("command", ["-".join(c) for c in ERROR_COMMANDS])
def test_newer_schema_is_one_line(runs: dict[str, subprocess.CompletedProcess[str]], command: str) -> None:
    line = _assert_one_line_error(runs[f"future {command}"])
    assert line == "rallyorg: This database was written by a newer rallyorg (schema 0999); please update."


def test_help(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    result = runs["help"]
    assert result.returncode == 0
    assert result.stdout.startswith("usage: rallyorg")
    for command in ("events", "partners", "volunteers", "db"):
        assert command in result.stdout
    sub = runs["help-volunteers"]
    assert sub.returncode == 0 and "--search TEXT" in sub.stdout


def test_installed_script_runs(tmp_path: Path, coalition: str) -> None:
    script = shutil.which("rallyorg", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the rallyorg script is not installed beside this Python")
    result = subprocess.run(
        [script, "--db", coalition, "events", "list", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(tmp_path),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 1


def test_import_contracts_hold() -> None:
    """import-linter (config in .importlinter): Qt only in gui/, GUI never touches storage."""
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which(
        "lint-imports"
    )
    assert lint_imports is not None, "import-linter is not installed"
    result = subprocess.run(
        [lint_imports], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and " 0 broken" in result.stdout


def test_command_line_services_and_storage_do_not_load_qt() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import rallyorg.cli, rallyorg.db, rallyorg.app, rallyorg.services\n"
        "for info in pkgutil.iter_modules(rallyorg.services.__path__):\n"
        "    importlib.import_module('rallyorg.services.' + info.name)\n"
        "from rallyorg.cli import build_parser\n"
        "build_parser()\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
