"""How the coalition benchmark runs things: processes with their wall time and peak memory, in a
throwaway home (nothing of the user's is read or written), copies of the cached databases for
commands that write, and a throwaway PostgreSQL server when its programs are installed."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from coalition_data import checkpoint

BENCHMARKS = Path(__file__).resolve().parent
REPOSITORY = BENCHMARKS.parent
TIMEOUT_S = 3600.0

# A process's peak memory (ru_maxrss from wait4) counts the memory of the process that started
# it, on Linux: a child of this benchmark, which may hold a gigabyte of rows, would report at
# least that. So a small Python process starts each command, times it and reads its memory.
METER = """
import json, os, subprocess, sys, time
started = time.perf_counter()
command = subprocess.Popen(sys.argv[2:])
_pid, status, usage = os.wait4(command.pid, 0)
seconds = time.perf_counter() - started
result = {"seconds": seconds, "rss_kb": usage.ru_maxrss, "returncode": os.waitstatus_to_exitcode(status)}
with open(sys.argv[1], "w", encoding="ascii") as measured:
    json.dump(result, measured)
"""


@dataclass
class ProcessRun:
    seconds: float
    rss_mb: float  # the process's own peak resident memory (ru_maxrss from wait4)
    returncode: int
    stdout: str
    stderr: str

    def failure(self) -> str:
        """Empty when the process succeeded; else its exit status and the last thing it said
        (on stderr first: a traceback ends with the error)."""
        if self.returncode == 0:
            return ""
        for stream in (self.stderr, self.stdout):
            said = [line for line in stream.splitlines() if line.strip()]
            if said:
                return f"exit {self.returncode}: {said[-1].strip()[:300]}"
        return f"exit {self.returncode}: no message"


def rallyorg_command() -> list[str]:
    """The installed ``rallyorg`` script beside this Python, else the same entry point."""
    script = Path(sys.executable).with_name("rallyorg")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from rallyorg.app import main; sys.exit(main())"]


class Bench:
    """What every figure needs: the number of runs, a scratch folder, the environment."""

    def __init__(self, runs: int, progress: Callable[[str], None]) -> None:
        self.runs = runs
        self.progress = progress
        self.scratch = Path(tempfile.mkdtemp(prefix="rallyorg-coalition-"))
        home = self.scratch / "home"
        # Bytecode is cached as for an installed app: with PYTHONDONTWRITEBYTECODE (set on some
        # machines) every process would compile rallyorg's few hundred modules again.
        skipped = ("RALLYORG_", "XDG_", "PYTHONDONTWRITEBYTECODE")
        self.env = {key: value for key, value in os.environ.items() if not key.startswith(skipped)}
        self.env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_STATE_HOME=str(home / ".local" / "state"),
            XDG_RUNTIME_DIR=str(self.scratch / "runtime"),
            QT_QPA_PLATFORM="offscreen",
            # Were --db forgotten somewhere, the default database would be this one.
            RALLYORG_DB=f"sqlite:///{self.scratch / 'not-used.sqlite3'}",
        )
        for folder in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            Path(self.env[folder]).mkdir(parents=True, exist_ok=True)
        (self.scratch / "runtime").mkdir(mode=0o700)
        self.rallyorg = rallyorg_command()
        package = Path(importlib.import_module("rallyorg").__file__ or "").parent
        self.run([sys.executable, "-m", "compileall", "-q", str(package)])
        self.postgres = Postgres()
        self.notes: list[str] = []  # printed under the table: counts, hits, what each run said
        self.help_rss_mb: float | None = None  # `rallyorg --help`'s peak memory: "flat" is near it

    def slow_runs(self, size: str) -> int:
        """Runs of a slow process-level figure: at 1M at most 3 (the table's runs column says so)."""
        return min(self.runs, 3) if size == "1m" else self.runs

    def note(self, text: str) -> None:
        self.notes.append(text)
        self.progress(f"  {text}")

    def __enter__(self) -> Bench:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.postgres.stop()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def path(self, name: str) -> Path:
        return self.scratch / name

    def run(self, argv: Sequence[str], timeout: float = TIMEOUT_S) -> ProcessRun:
        """Run ``argv`` to its end: its wall time and its own peak memory (see ``METER``)."""
        out, err, measured = self.path("stdout.txt"), self.path("stderr.txt"), self.path("measured.json")
        measured.unlink(missing_ok=True)
        with out.open("wb") as stdout, err.open("wb") as stderr:
            meter = subprocess.Popen(
                [sys.executable, "-c", METER, str(measured), *argv],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                stderr=stderr,
                start_new_session=True,  # a timeout ends the meter and the command together
            )
            try:
                meter.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(meter.pid, signal.SIGKILL)
                meter.wait()
        said = (
            out.read_text(encoding="utf-8", errors="replace"),
            err.read_text(encoding="utf-8", errors="replace"),
        )
        if not measured.exists():
            return ProcessRun(timeout, 0.0, -9, said[0], f"{said[1]}\nkilled after {timeout:.0f} s")
        result = json.loads(measured.read_text(encoding="utf-8"))
        return ProcessRun(result["seconds"], result["rss_kb"] / 1024, result["returncode"], *said)

    def app(self, *arguments: str | Path) -> ProcessRun:
        return self.run([*self.rallyorg, *(str(a) for a in arguments)])

    def copy_of(self, database: Path, name: str) -> Path:
        """A private copy of a cached database (the cache itself is never written)."""
        checkpoint(database)
        copy = self.path(name)
        for leftover in (copy, copy.with_name(copy.name + "-wal"), copy.with_name(copy.name + "-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(database, copy)
        return copy


def timed(action: Callable[..., object], *args: Any, **kwargs: Any) -> float:
    """Seconds ``action(*args, **kwargs)`` took."""
    started = time.perf_counter()
    action(*args, **kwargs)
    return time.perf_counter() - started


class Postgres:
    """tests/postgres_server.py's throwaway server, started on first use (None: not installed)."""

    def __init__(self) -> None:
        self.folder = Path()
        self.server: Any = None
        self.missing = ""

    def available(self) -> bool:
        if self.server is not None:
            return True
        if self.missing:
            return False
        sys.path.insert(0, str(REPOSITORY / "tests"))
        try:
            servers = importlib.import_module("postgres_server")  # tests/postgres_server.py
        finally:
            sys.path.pop(0)
        binaries = servers.find_binaries()
        if binaries is None:
            self.missing = "no PostgreSQL"
            return False
        try:
            import psycopg  # noqa: F401
        except ImportError:
            self.missing = "no psycopg (pip install -e '.[postgres]')"
            return False
        # Not under the scratch folder: as root the server runs as the postgres account, which
        # must reach its folder (tests/conftest.py does the same).
        self.folder = Path(tempfile.mkdtemp(prefix="rallyorg-coalition-postgres-"))
        server = servers.PostgresServer(binaries, self.folder)
        try:
            server.start()
        except (RuntimeError, KeyError) as error:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.missing = f"PostgreSQL did not start: {str(error).splitlines()[0]}"
            return False
        self.server = server
        return True

    def create(self, name: str) -> str:
        return str(self.server.create_database(name))

    def drop(self, name: str) -> None:
        engine = self.server.admin()
        try:
            with engine.connect() as connection:
                connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        finally:
            engine.dispose()

    def conninfo(self, name: str) -> str:
        return f"host={self.folder} user=postgres dbname={name}"

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None
            shutil.rmtree(self.folder, ignore_errors=True)
