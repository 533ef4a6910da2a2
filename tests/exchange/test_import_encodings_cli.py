"""``rallyorg import`` and the file's encoding: a Mac file read as Mac Roman, a file whose
letters read two ways refused until ``--encoding`` says which, and files the import refuses
as a whole (column names without rows, a giant cell) leaving nothing behind."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from rallyorg.app import main
from rallyorg.db import Database
from rallyorg.services import imports as import_service
from rallyorg.services import volunteers

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _run(db_url: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", db_url, "--lang", "en", *map(str, args)])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def _names(db: Database) -> list[str]:
    return sorted(f"{v.given_name} {v.family_name}" for v in volunteers.list_volunteers(db))


def test_a_mac_file_is_read_as_mac_roman(db: Database, db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "names_mac_roman.csv"
    shutil.copyfile(FIXTURES / "names_mac_roman.csv", path)
    result = _run(db_url, "import", "volunteers", path)
    assert result.returncode == 0, result.stderr
    assert "Read " in result.stdout and ": Mac Roman, comma-separated, 6 rows." in result.stdout
    assert "José Núñez" in _names(db) and "Maria da Conceição" in _names(db)


def test_a_file_that_reads_two_ways_is_refused_until_encoding_says_which(
    db: Database, db_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "old_list.csv"
    path.write_bytes("Name,Email\nJOSÉ PEREIRA,jose@example.org\n".encode("cp1252"))
    refused = _run(db_url, "import", "volunteers", path)
    assert refused.returncode == 1
    assert refused.stderr == (
        f"rallyorg: {path} could be read two ways, and rallyorg will not guess: line 2 reads "
        "“JOSÉ PEREIRA” as Windows-1252 but “JOS… PEREIRA” as Mac Roman. Say which is right with "
        "--encoding cp1252 or --encoding mac-roman (or save the file again as CSV UTF-8).\n"
    )
    assert volunteers.count_volunteers(db) == 0 and import_service.list_imports(db) == []

    chosen = _run(db_url, "import", "volunteers", path, "--encoding", "cp1252")
    assert chosen.returncode == 0, chosen.stderr
    assert ": Windows-1252, comma-separated, 1 rows." in chosen.stdout
    assert _names(db) == ["JOSÉ PEREIRA"]
    (batch,) = import_service.list_imports(db)
    assert batch.encoding == "windows-1252"


def test_an_unknown_encoding_is_a_usage_error(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Name\nAna\n", encoding="utf-8")
    with contextlib.redirect_stderr(io.StringIO()) as err, pytest.raises(SystemExit) as stopped:
        main(["--db", db_url, "--lang", "en", "import", "volunteers", str(path), "--encoding", "koi8-r"])
    assert stopped.value.code == 2
    assert "--encoding" in err.getvalue() and "mac-roman" in err.getvalue()


def test_column_names_without_rows_import_nothing(db: Database, db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "empty_signup_sheet.csv"
    path.write_bytes(b"First name,Last name,Email\r\n\r\n\r\n")
    result = _run(db_url, "import", "volunteers", path)
    assert result.returncode == 1
    assert result.stderr == "rallyorg: empty_signup_sheet.csv has column names but no rows of people.\n"
    assert import_service.list_imports(db) == []


def test_a_giant_cell_is_refused_naming_line_and_size(db: Database, db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    path.write_bytes(b"Name\n" + b"x" * (50 * 1024 * 1024))
    result = _run(db_url, "import", "volunteers", path, "--dry-run")
    assert result.returncode == 1
    assert result.stderr.startswith(
        "rallyorg: dump.csv: line 2 holds a cell of 52,428,800 characters; rallyorg reads cells "
        "up to 100,000."
    )
    assert import_service.list_imports(db) == []
