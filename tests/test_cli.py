"""The ``rallyorg`` command line: a few runs as real subprocesses (the installed script and
``python -m rallyorg.app``), the rest through ``rallyorg.app.main`` in-process (each process start
costs ~0.9 s of imports); and the layering contracts: import-linter passes, and the command line,
services and storage never load Qt."""

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
from rallyorg import app, paths
from rallyorg.cli import volunteers as cli_volunteers
from rallyorg.db import open_database
from rallyorg.domain.enums import PartnerKind, PartnerRole, Skill
from rallyorg.domain.events import EventPartnerInput, EventTextInput
from rallyorg.migrations import head_revision
from rallyorg.services import partners, signups
from rallyorg.services.partners import ContactInput

REPO = Path(__file__).resolve().parents[1]
Result = subprocess.CompletedProcess[str]


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


def _argv(args: tuple[str, ...], db_url: str | None) -> list[str]:
    return ["--lang", "en", *(["--db", db_url] if db_url is not None else []), *args]


def run_process(tmp_path: Path, *args: str, db_url: str | None = None, script: str | None = None) -> Result:
    """A real ``rallyorg`` process: the installed script if given, else ``python -m rallyorg.app``."""
    command = [script] if script else [sys.executable, "-m", "rallyorg.app"]
    return subprocess.run(
        [*command, *_argv(args, db_url)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(tmp_path),
        timeout=60,
        check=False,
    )


def run_main(capsys: pytest.CaptureFixture[str], *args: str, db_url: str | None = None) -> Result:
    """``rallyorg`` in this process; an exception escaping ``main`` fails the test by itself."""
    argv = _argv(args, db_url)
    try:
        code = app.main(argv)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(argv, code, out, err)


def _assert_one_line_error(result: Result) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("rallyorg: ")
    assert result.stdout == ""
    return lines[0]


def _future_database(folder: Path) -> Path:
    """A database stamped with a schema revision this rallyorg does not know."""
    path = folder / "future.db"
    open_database(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0999'")
    raw.close()
    return path


def _not_a_database(folder: Path) -> Path:
    path = folder / "minutes.txt"
    path.write_text("Minutes of the coalition meeting\n" * 100)
    return path


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
            partners=(EventPartnerInput(church.id, PartnerRole.LEAD),),
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


@pytest.fixture(scope="module")
def processes(coalition: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    """The real-process runs, two at a time (more does not help on this kind of machine)."""
    tmp = tmp_path_factory.mktemp("cli-processes")
    script = shutil.which("rallyorg", path=str(Path(sys.executable).parent))
    plan: dict[str, tuple[tuple[str, ...], str | None, str | None]] = {
        "events-json": (("events", "list", "--json"), coalition, script),
        "volunteers-jose": (("volunteers", "list", "--search", "jose", "--json"), coalition, None),
        "bad-url": (("events", "list"), "definitely not a url", None),
        "not-a-db": (("db", "upgrade"), f"sqlite:///{_not_a_database(tmp)}", None),
        "help": (("--help",), None, None),
    }
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            name: pool.submit(run_process, tmp, *args, db_url=url, script=exe)
            for name, (args, url, exe) in plan.items()
        }
        return {name: future.result() for name, future in futures.items()}


# --- real processes -------------------------------------------------------------------------


def test_events_list_json_has_every_title(processes: dict[str, Result]) -> None:
    result = processes["events-json"]
    assert result.returncode == 0, result.stderr
    [event] = json.loads(result.stdout)
    assert event["titles"]["es"] == "Manifestación: firme la Ley TRUST"
    assert event["starts_at"] == "2025-05-20T15:00:00-04:00"
    assert event["lead_group"] == "Iglesia San José"
    assert {"language": "pt_BR", "field": "title"} in event["missing_texts"]
    assert event["places"] == {"needed": 3, "filled": 1}


def test_volunteers_search_jose_finds_accented_names(processes: dict[str, Result]) -> None:
    result = processes["volunteers-jose"]
    assert result.returncode == 0, result.stderr
    people = json.loads(result.stdout)
    assert [(p["given_name"], p["family_name"]) for p in people] == [
        ("José", "Gonçalves"),
        ("Josefina", "Ramírez"),
    ]
    assert people[0]["phone"] == "+12035550123"
    assert people[0]["skills"] == ["marshal"]


def test_bad_url_is_one_line(processes: dict[str, Result]) -> None:
    line = _assert_one_line_error(processes["bad-url"])
    assert (
        line == "rallyorg: Not a database address: definitely not a url. Use e.g. sqlite:///path/to/file.db"
    )


def test_not_a_database_file_is_one_line_for_db_upgrade(processes: dict[str, Result]) -> None:
    line = _assert_one_line_error(processes["not-a-db"])
    assert line.endswith("file is not a database")


def test_help(processes: dict[str, Result]) -> None:
    result = processes["help"]
    assert result.returncode == 0
    assert result.stdout.startswith("usage: rallyorg")
    for command in ("events", "partners", "volunteers", "db"):
        assert command in result.stdout


# --- in-process -----------------------------------------------------------------------------


def test_events_list_table(capsys: pytest.CaptureFixture[str], coalition: str) -> None:
    result = run_main(capsys, "events", "list", db_url=coalition)
    assert result.returncode == 0, result.stderr
    header, rule, row = result.stdout.splitlines()
    assert header.split() == ["ID", "Date", "Time", "Status", "Title", "Place", "Staffed"]
    assert set(rule.replace(" ", "")) == {"-"}
    assert "May 20, 2025" in row
    assert "3:00\u202fPM" in row  # 15:00 in the event's own zone (America/New_York)
    assert "Rally: sign the TRUST Act" in row
    assert row.rstrip().endswith("1/3")


def test_events_list_search_is_accent_insensitive(capsys: pytest.CaptureFixture[str], coalition: str) -> None:
    result = run_main(capsys, "events", "list", "--json", "--search", "MANIFESTACION", db_url=coalition)
    assert [e["titles"]["en"] for e in json.loads(result.stdout)] == ["Rally: sign the TRUST Act"]


def test_partners_list(capsys: pytest.CaptureFixture[str], coalition: str) -> None:
    table = run_main(capsys, "partners", "list", db_url=coalition)
    assert table.returncode == 0, table.stderr
    assert "Iglesia San José" in table.stdout and "SEIU 32BJ" in table.stdout
    found = run_main(capsys, "partners", "list", "--json", "--search", "padre luis", db_url=coalition)
    groups = json.loads(found.stdout)
    assert [(g["name"], g["kind"], g["contacts"]) for g in groups] == [("Iglesia San José", "faith", 1)]


def test_volunteers_table_and_filters(capsys: pytest.CaptureFixture[str], coalition: str) -> None:
    table = run_main(capsys, "volunteers", "list", "--language", "es", db_url=coalition)
    assert table.returncode == 0, table.stderr
    assert "Josefina Ramírez" in table.stdout
    assert "José Gonçalves" not in table.stdout
    by_surname = run_main(capsys, "volunteers", "list", "--search", "GONCALVES", "--json", db_url=coalition)
    assert [p["given_name"] for p in json.loads(by_surname.stdout)] == ["José"]
    marshals = run_main(capsys, "volunteers", "list", "--skill", "marshal", "--json", db_url=coalition)
    assert [p["given_name"] for p in json.loads(marshals.stdout)] == ["José"]


def test_rallyorg_db_environment_variable(
    capsys: pytest.CaptureFixture[str], coalition: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.DB_ENV_VAR, coalition)
    result = run_main(capsys, "partners", "list", "--json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 2


def test_db_upgrade_on_a_fresh_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    first = run_main(capsys, "db", "upgrade", db_url=url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == f"Upgraded the database from schema empty to {head_revision()}."
    assert (tmp_path / "fresh.db").stat().st_mode & 0o777 == 0o600

    again = run_main(capsys, "db", "upgrade", db_url=url)
    assert again.stdout.strip() == f"The database is up to date (schema {head_revision()})."


def test_unknown_driver_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    line = _assert_one_line_error(run_main(capsys, "partners", "list", db_url="oracle+nothing://x/y"))
    assert line.startswith("rallyorg: Cannot use the database oracle+nothing://x/y:")


def test_not_a_database_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = f"sqlite:///{_not_a_database(tmp_path)}"
    line = _assert_one_line_error(run_main(capsys, "events", "list", db_url=url))
    assert line == f"rallyorg: Cannot open the database {url}: file is not a database"


@pytest.mark.parametrize("command", [("volunteers", "list"), ("db", "upgrade")])
def test_missing_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: tuple[str, ...]
) -> None:
    missing = tmp_path / "gone" / "x.db"
    line = _assert_one_line_error(run_main(capsys, *command, db_url=f"sqlite:///{missing}"))
    assert (
        line
        == f"rallyorg: Cannot create the database file {missing}: the folder {missing.parent} does not exist."
    )
    assert not missing.parent.exists()


@pytest.mark.parametrize("command", [("events", "list"), ("db", "upgrade")])
def test_newer_schema_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: tuple[str, ...]
) -> None:
    url = f"sqlite:///{_future_database(tmp_path)}"
    line = _assert_one_line_error(run_main(capsys, *command, db_url=url))
    assert line == "rallyorg: This database was written by a newer rallyorg (schema 0999); please update."


def test_a_command_without_an_action_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_main(capsys, "events")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith("rallyorg events: error:")


def test_a_closed_pipe_ends_quietly(
    capsys: pytest.CaptureFixture[str], coalition: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rallyorg volunteers list | head -1`: the reader leaves early; no error message."""

    def reader_went_away(args: object, context: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(cli_volunteers, "run_list", reader_went_away)
    result = run_main(capsys, "volunteers", "list", db_url=coalition)
    assert (result.returncode, result.stderr) == (141, "")


def test_an_os_error_without_a_file_name_is_one_clean_line(
    capsys: pytest.CaptureFixture[str], coalition: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(args: object, context: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli_volunteers, "run_list", disk_full)
    line = _assert_one_line_error(run_main(capsys, "volunteers", "list", db_url=coalition))
    assert line == "rallyorg: the disk is full"


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


def test_file_errors_are_said_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str], coalition: str, tmp_path: Path
) -> None:
    missing = tmp_path / "inscripciones.csv"
    result = run_main(capsys, "--lang", "es", "import", "volunteers", str(missing), db_url=coalition)
    assert _assert_one_line_error(result) == f"rallyorg: No se puede leer {missing}: el archivo no existe"
    result = run_main(
        capsys, "--lang", "pt_BR", "flyer", "1", "-o", str(missing.parent / "no" / "f.pdf"), db_url=coalition
    )
    assert _assert_one_line_error(result) == (
        f"rallyorg: Não foi possível gravar {missing.parent / 'no' / 'f.pdf'}: a pasta não existe. "
        "Nenhum arquivo foi gravado."
    )


def test_argparse_speaks_the_chosen_language_too(capsys: pytest.CaptureFixture[str], coalition: str) -> None:
    help_text = run_main(capsys, "--lang", "es", "--help", db_url=coalition).stdout
    assert help_text.startswith("uso: rallyorg")
    assert "opciones:" in help_text and "mostrar esta ayuda y salir" in help_text
    result = run_main(capsys, "--lang", "pt_BR", "flyer", "abc", db_url=coalition)
    assert result.returncode == 2
    assert (
        result.stderr.splitlines()[-1]
        == "rallyorg flyer: erro: argumento EVENT_ID: valor int inválido: 'abc'"
    )
    assert run_main(capsys, "--help", db_url=coalition).stdout.startswith("usage: rallyorg")  # English again
