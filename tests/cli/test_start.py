"""The command line starts fast because a command imports only what it uses: ``rallyorg --help``
builds every subcommand's parser, yet loads no database, PDF, CSV, phone or Qt library; a
command that lists events loads SQLAlchemy but none of the others (cli/__init__.py says how).

Each case runs ``python -m rallyorg …`` in a fresh process and reads which modules it loaded;
nothing is timed, so the tests do not depend on the machine's speed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_event
from rallyorg.db import Database

# `python -m rallyorg ARGS`, then the names in sys.modules written to $MODULES_FILE as the
# process exits (after argparse's SystemExit too).
RUN_AND_LIST_MODULES = (
    "import atexit, os, runpy, sys\n"
    "def write_modules():\n"
    "    with open(os.environ['MODULES_FILE'], 'w', encoding='utf-8') as file:\n"
    "        file.write('\\n'.join(sorted(sys.modules)))\n"
    "atexit.register(write_modules)\n"
    "runpy.run_module('rallyorg', run_name='__main__', alter_sys=True)\n"
)

# What each costs to import on this kind of machine, and who needs it.
DATABASE = {"sqlalchemy", "alembic", "psycopg", "sqlcipher3", "keyring"}
FILES = {"reportlab", "pypdfium2", "uharfbuzz", "clevercsv", "openpyxl", "vobject", "icalendar"}
CHECKS = {"phonenumbers", "email_validator"}
QT = {"PySide6", "shiboken6", "qtawesome"}


def run_listing_modules(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``python -m rallyorg *args``; its result and the top-level packages it loaded."""
    modules_file = tmp_path / "modules.txt"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RALLYORG_", "LC_", "LANG"))}
    env.update(
        LANG="C.UTF-8",
        MODULES_FILE=str(modules_file),
        # Nothing read from or written to the real home (compiled catalogs go to the cache).
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
        XDG_STATE_HOME=str(tmp_path / "xdg-state"),
    )
    result = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )
    loaded = modules_file.read_text(encoding="utf-8").split()
    return result, {name.split(".")[0] for name in loaded} | set(loaded)


@pytest.mark.parametrize(
    ("args", "usage"), [(("--help",), "usage: rallyorg"), (("--lang", "es", "--help"), "uso: rallyorg")]
)
def test_help_loads_no_database_file_phone_or_qt_library(
    tmp_path: Path, args: tuple[str, ...], usage: str
) -> None:
    result, loaded = run_listing_modules(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(usage)
    # The whole parser was built (every area's subcommand is in the help), in the language asked.
    for command in ("demo", "events", "partners", "volunteers", "flyer", "import", "export", "db", "forget"):
        assert f"    {command} " in result.stdout
    assert {"rallyorg.cli.flyer", "rallyorg.cli.exchange", "rallyorg.cli.database"} <= loaded
    assert loaded & (DATABASE | FILES | CHECKS | QT) == set()


def test_help_from_a_compiled_catalog_needs_no_babel(tmp_path: Path) -> None:
    """Babel compiles a catalog the first time (it is then kept in the cache folder); after
    that, translated --help reads it with the standard library alone."""
    first, _loaded = run_listing_modules(tmp_path, "--lang", "pt_BR", "--help")
    again, loaded = run_listing_modules(tmp_path, "--lang", "pt_BR", "--help")
    assert again.stdout == first.stdout
    assert again.stdout.startswith("uso: rallyorg")
    assert "babel" not in loaded


def test_listing_events_loads_the_database_but_no_file_or_qt_library(
    tmp_path: Path, db: Database, db_url: str
) -> None:
    make_event(db, "Vigil for the TRUST Act")
    result, loaded = run_listing_modules(tmp_path, "--db", db_url, "events", "list", "--json")
    assert result.returncode == 0, result.stderr
    assert [event["titles"]["en"] for event in json.loads(result.stdout)] == ["Vigil for the TRUST Act"]
    assert {"sqlalchemy", "rallyorg.services.events"} <= loaded  # what it uses, and is seen here
    assert loaded & (FILES | QT) == set()


def test_choices_written_out_for_the_parser_match_their_sources() -> None:
    """cli/choices.py repeats a few values so the parser need not import ReportLab or
    phonenumbers; a value added or renamed at its source must be added there too."""
    from rallyorg.cli import choices
    from rallyorg.domain.validation import DEFAULT_PHONE_REGION
    from rallyorg.flyers import FLYER_LANGUAGES, Layout, Paper
    from rallyorg.services.imports import OnDuplicate

    assert FLYER_LANGUAGES == choices.FLYER_LANGUAGES
    assert tuple(layout.value for layout in Layout) == choices.FLYER_LAYOUTS
    assert Layout.COLUMNS.value == choices.DEFAULT_FLYER_LAYOUT
    assert tuple(paper.value for paper in Paper) == choices.FLYER_PAPERS
    assert tuple(option.value for option in OnDuplicate) == choices.ON_DUPLICATE
    assert OnDuplicate.SKIP.value == choices.DEFAULT_ON_DUPLICATE
    assert DEFAULT_PHONE_REGION == choices.DEFAULT_PHONE_REGION
