"""Kill real rallyorg commands at random moments and check what they leave behind.

Used by tests/test_crash_safety.py (a few runs per command, in the normal test run) and by
benchmarks/bench_crash_safety.py (many more). Each run gets a private folder with its own
database (and input files), starts ``python -m rallyorg.app --db … COMMAND`` and waits until
the process has opened a file in that folder (Python and rallyorg are loaded: the work has
begun). Then it waits a random part of the command's measured working time and sends
SIGKILL — like a laptop whose battery dies, or a user who kills a hung window. After it:

1. **integrity**: the database passes ``PRAGMA integrity_check``;
2. **all or nothing**: the command's checker compares what is there with what was there
   before the run: unchanged, complete, or partial (a failure);
3. **next start**: the database is opened the way every command opens it (which removes the
   leftovers of killed backups and restores), the checker's verdict must not change, and no
   hidden copies of the data (``.rallyorg-*`` scratch folders and temporary files, an atomic
   writer's ``.<name>.*.tmp``) may remain beside the database, in its backups folder or
   beside the file the command wrote.

Whether a kill was "mid-run" is measured, not assumed: the process must still have been
running when it was killed (its exit status is SIGKILL's), and at the moment of the kill the
harness notes whether it held the database's write lock (an ``F_GETLK`` probe on the WAL
index; nothing is locked by the probe) or had a scratch folder open — "while writing".

Adding a command is one ``CrashCommand`` entry in a table: how to prepare a run, its
arguments, extra environment, and an ``AllOrNothing`` checker (see that class for the hook).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from rallyorg.services.backup_manifest import content_digest

# The start of the kill window is the moment the process first holds a file of its run folder;
# the window then lasts the working time measured on uncut runs, times this (so that a few
# kills land after the end and the "finished" branch of each checker is exercised as well).
WINDOW_STRETCH = 1.1
CALIBRATION_RUNS = 2  # uncut runs per command that measure its working time
POLL_SECONDS = 0.002


# --- What a run is ---------------------------------------------------------------------------


@dataclass
class Run:
    """One run's private folder and files. ``choice`` holds what the command's ``prepare``
    decided at random for it (from the run's own seeded RNG), so a verdict can be explained."""

    index: int
    folder: Path
    rng: random.Random
    choice: dict[str, Any] = field(default_factory=dict)

    @property
    def db(self) -> Path:
        return self.folder / "coalition.sqlite3"

    @property
    def url(self) -> str:
        return f"sqlite:///{self.db}"

    @property
    def backups_folder(self) -> Path:
        return self.folder / f"{self.db.stem}-backups"

    def file(self, name: str) -> Path:
        return self.folder / name


class State(StrEnum):
    UNCHANGED = "unchanged"  # as before the run: nothing happened
    COMPLETE = "complete"  # the whole command's work is there
    # The database is whole, and what the command had still to do beside it is done by the
    # next start (only then is the verdict all or nothing): e.g. the backups of a database
    # whose encryption was killed between the database and its backups.
    FINISHED_BY_NEXT_START = "finished by the next start"
    PARTIAL = "partial"  # anything else: a failure


@dataclass(frozen=True)
class Verdict:
    state: State
    detail: str = ""

    @classmethod
    def partial(cls, detail: str) -> Verdict:
        return cls(State.PARTIAL, detail)


class AllOrNothing:
    """The checker hook of one command. Subclass and implement ``before`` and ``verdict``.

    ``before(run)`` is called after the run's files are prepared and before the process starts:
    note whatever the command may change (a content digest, counts, a file's checksum) and
    return it. ``verdict(run, noted)`` is called after the process ended (killed or not),
    and again after the next start (which must not change it): say whether the data is
    ``UNCHANGED``, ``COMPLETE`` or ``PARTIAL`` (with what is wrong) — or
    ``FINISHED_BY_NEXT_START`` when the command's design is to let the next start finish an
    interrupted part (the verdict after the next start must then be COMPLETE). Read files directly
    (sqlite3, read-only where possible) rather than through rallyorg, so that what is checked
    does not depend on the code under test.

    The other methods have defaults that suit a plain SQLite database: override
    ``integrity`` (and ``next_start``) for a database plain sqlite3 cannot read, e.g. an
    encrypted one, and ``hidden_copy_places`` when the command writes elsewhere.
    """

    def before(self, run: Run) -> Any:
        raise NotImplementedError

    def verdict(self, run: Run, noted: Any) -> Verdict:
        raise NotImplementedError

    def integrity(self, run: Run) -> list[str]:
        """What ``PRAGMA integrity_check`` finds wrong in the database (nothing: [])."""
        return integrity_problems(run.db)

    def next_start(self, run: Run) -> None:
        """Open the database the way every command does (which removes leftovers)."""
        from rallyorg.cli.context import CliContext

        context = CliContext(db_url=run.url)
        try:
            context.db  # noqa: B018 (opening is the point)
        finally:
            context.close()

    def hidden_copy_places(self, run: Run) -> list[Path]:
        """Folders where no hidden copy may remain after the next start."""
        return [run.folder, run.backups_folder]


@dataclass(frozen=True)
class CrashCommand:
    """One command the harness kills. ``prepare`` puts the run's database and inputs in place
    (it may decide things at random with ``run.rng`` and note them in ``run.choice``);
    ``arguments`` gives what follows ``rallyorg --db URL``; ``env`` is added to the process's
    environment (e.g. ``RALLYORG_PASSPHRASE``)."""

    name: str
    prepare: Callable[[Run], None]
    arguments: Callable[[Run], Sequence[str]]
    checker: AllOrNothing
    env: Mapping[str, str] = field(default_factory=dict)


# --- Probes ----------------------------------------------------------------------------------

_FLOCK = "hhqqi4x"  # struct flock on Linux (64-bit): type, whence, start, len, pid
_WAL_WRITE_LOCK = 120  # SQLite holds this byte of the -shm file while it writes (WAL mode)


def write_lock_held(db: Path) -> bool:
    """Whether some process holds ``db``'s write lock, asked without taking any lock."""
    try:
        fd = os.open(f"{db}-shm", os.O_RDONLY)
    except OSError:
        return False
    try:
        asked = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, _WAL_WRITE_LOCK, 1, 0)
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, asked)
        return struct.unpack(_FLOCK, answer)[0] != fcntl.F_UNLCK
    except OSError:
        return False
    finally:
        os.close(fd)


def holds_file_in(pid: int, folder: Path) -> bool:
    """Whether process ``pid`` has a file of ``folder`` open (Linux: /proc/PID/fd)."""
    prefix = str(folder) + os.sep
    try:
        descriptors = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in descriptors:
        with contextlib.suppress(OSError):
            if os.readlink(f"/proc/{pid}/fd/{fd}").startswith(prefix):
                return True
    return False


def can_run_here() -> bool:
    return sys.platform == "linux" and Path("/proc/self/fd").is_dir()


def integrity_problems(path: Path) -> list[str]:
    """``PRAGMA integrity_check``, read-only: what the kill left (a write-ahead log too) is
    left for the next start to find, not checkpointed away by the check."""
    if not path.exists():
        return [f"{path.name} is missing"]
    try:
        with read_only(path) as connection:
            rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        return [f"{path.name}: {error}"]
    return [] if rows == ["ok"] else rows


def digest(path: Path) -> str:
    """The SHA-256 of a SQLite file's content (schema and rows, as the backup manifest)."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return content_digest(connection)
    finally:
        connection.close()


def file_checksum(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        yield connection
    finally:
        connection.close()


def hidden_copies(places: Sequence[Path]) -> list[Path]:
    """Scratch folders and temporary files a killed command may leave: ``.rallyorg-…``
    (backup, restore and rewrite folders, atomic writers' files) and ``.<name>.….tmp``."""
    found = []
    for place in places:
        if not place.is_dir():
            continue
        for entry in place.iterdir():
            if entry.name.startswith(".rallyorg-") or (
                entry.name.startswith(".") and entry.name.endswith(".tmp")
            ):
                found.append(entry)
    return found


def holds_data(entry: Path) -> bool:
    """Whether a leftover holds anything: a file with bytes in it, or a folder with a file in
    it other than its (empty) lock. An empty scratch folder of a rallyorg killed the instant it
    made it holds nobody's details; the next start lets it be for a while (leftovers.py)."""
    if entry.is_file():
        return entry.stat().st_size > 0
    return any(p.is_file() and (p.name != ".in-use" or p.stat().st_size > 0) for p in entry.rglob("*"))


# --- Running ---------------------------------------------------------------------------------


class Ending(StrEnum):
    KILLED = "killed"  # SIGKILL arrived while the command was working
    FINISHED = "finished"  # it ended by itself before the kill (exit status 0)
    FAILED = "failed"  # it ended by itself with an error: a problem to look at


@dataclass(frozen=True)
class RunResult:
    command: str
    index: int
    ending: Ending
    while_writing: bool  # at the kill: write lock held or a scratch folder present
    working_seconds: float  # from the first file held to the end (or the kill)
    delay: float | None  # the kill's delay after the work began (None: not killed)
    window: float | None  # the working time the delay was drawn from
    verdict: Verdict
    problems: tuple[str, ...]  # integrity failures, partial results, leftovers, errors
    leftovers: tuple[str, ...]  # hidden copies of the data after the next start
    empty_leftovers: tuple[str, ...]  # empty scratch folders after the next start (no data)
    choice: Mapping[str, Any]


def _command_line(run: Run, command: CrashCommand) -> list[str]:
    return [sys.executable, "-m", "rallyorg.app", "--db", run.url, *command.arguments(run)]


def _scratch_present(run: Run, places: Sequence[Path]) -> bool:
    return any(p.is_dir() for p in hidden_copies(places))


def run_once(
    command: CrashCommand, run: Run, kill_after: float | None, window: float | None = None
) -> RunResult:
    """Prepare, start, kill ``kill_after`` seconds into the work (None: let it finish), check.
    ``window``: the working time ``kill_after`` was drawn from (for the figures)."""
    run.folder.mkdir(parents=True)
    command.prepare(run)
    noted = command.checker.before(run)
    places = command.checker.hidden_copy_places(run)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **command.env}
    log_path = run.folder.with_suffix(".log")  # outside the folder: the process holds it from the start
    log = log_path.open("wb")
    process = subprocess.Popen(
        _command_line(run, command), stdout=log, stderr=subprocess.STDOUT, env=env, cwd=run.folder
    )
    began: float | None = None
    while process.poll() is None and began is None:
        if holds_file_in(process.pid, run.folder):
            began = time.monotonic()
        else:
            time.sleep(POLL_SECONDS)
    began = began or time.monotonic()
    writing = False
    if kill_after is not None:
        deadline = began + kill_after
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(min(POLL_SECONDS * 5, max(0.0, deadline - time.monotonic())))
        if process.poll() is None:
            writing = write_lock_held(run.db) or _scratch_present(run, places)
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGKILL)
    process.wait()
    ended = time.monotonic()
    log.close()
    if process.returncode == -signal.SIGKILL:
        ending = Ending.KILLED
    elif process.returncode == 0:
        ending, writing = Ending.FINISHED, False
    else:
        ending, writing = Ending.FAILED, False
    problems: list[str] = []
    if ending == Ending.FAILED:
        output = log_path.read_text("utf-8", "replace").strip().splitlines()
        problems.append(f"exit status {process.returncode}: {output[-1] if output else ''}")
    problems += [f"integrity: {p}" for p in command.checker.integrity(run)]
    verdict = command.checker.verdict(run, noted)
    if verdict.state == State.PARTIAL:
        problems.append(f"partial: {verdict.detail}")
    elif ending == Ending.FINISHED and verdict.state != State.COMPLETE:
        problems.append("finished, but its work is not there")
    try:
        command.checker.next_start(run)
    except Exception as error:
        problems.append(f"next start failed: {type(error).__name__}: {error}")
    again = command.checker.verdict(run, noted)
    if verdict.state == State.FINISHED_BY_NEXT_START:
        if again.state != State.COMPLETE:
            problems.append(f"the next start did not finish the work: {again.state} {again.detail}")
    elif again != verdict:
        problems.append(f"the next start changed the result: {verdict.state} → {again.state} {again.detail}")
    everything_left = hidden_copies(places)
    left = [p for p in everything_left if holds_data(p)]
    problems += [f"leftover after next start: {p.relative_to(run.folder)}" for p in left]
    return RunResult(
        command=command.name,
        index=run.index,
        ending=ending,
        while_writing=writing,
        working_seconds=ended - began,
        delay=kill_after,
        window=window,
        verdict=verdict,
        problems=tuple(problems),
        leftovers=tuple(str(p.relative_to(run.folder)) for p in left),
        empty_leftovers=tuple(str(p.relative_to(run.folder)) for p in everything_left if p not in left),
        choice=dict(run.choice),
    )


@dataclass(frozen=True)
class Figures:
    command: str
    runs: int
    killed: int
    while_writing: int
    finished: int
    finished_by_next_start: int
    partial: int
    integrity_failures: int
    leftovers: int
    empty_scratch_folders: int
    other_problems: int
    working_seconds: float  # median of the runs that finished
    elapsed: float

    def line(self) -> str:
        return (
            f"{self.command}: {self.runs} runs, killed mid-run {self.killed} "
            f"(while writing {self.while_writing}), finished before the kill {self.finished}, "
            + (
                f"finished by the next start {self.finished_by_next_start}, "
                if self.finished_by_next_start
                else ""
            )
            + f"partial results {self.partial}, integrity failures {self.integrity_failures}, "
            f"leftovers after next start {self.leftovers}, "
            + (f"empty scratch folders {self.empty_scratch_folders}, " if self.empty_scratch_folders else "")
            + f"other problems {self.other_problems} "
            f"[work ≈ {self.working_seconds:.2f} s, {self.elapsed:.1f} s in all]"
        )


def figures(command: str, results: Sequence[RunResult], working: float, elapsed: float) -> Figures:
    def count(test: Callable[[RunResult], bool]) -> int:
        return sum(1 for r in results if test(r))

    def with_problem(prefix: str) -> Callable[[RunResult], bool]:
        return lambda r: any(p.startswith(prefix) for p in r.problems)

    known = ("partial", "integrity", "leftover")
    return Figures(
        command=command,
        runs=len(results),
        killed=count(lambda r: r.ending == Ending.KILLED),
        while_writing=count(lambda r: r.while_writing),
        finished=count(lambda r: r.ending == Ending.FINISHED),
        finished_by_next_start=count(lambda r: r.verdict.state == State.FINISHED_BY_NEXT_START),
        partial=count(with_problem("partial")),
        integrity_failures=count(with_problem("integrity")),
        leftovers=count(lambda r: bool(r.leftovers)),
        empty_scratch_folders=count(lambda r: bool(r.empty_leftovers)),
        other_problems=count(lambda r: any(not p.startswith(known) for p in r.problems)),
        working_seconds=working,
        elapsed=elapsed,
    )


def kill_runs(
    command: CrashCommand,
    folder: Path,
    *,
    runs: int,
    seed: int,
    workers: int = 2,
    on_result: Callable[[RunResult], None] | None = None,
) -> tuple[list[RunResult], Figures]:
    """``runs`` runs of ``command`` in ``folder``: the first ``CALIBRATION_RUNS`` uncut (they
    measure the working time), the others killed after a delay drawn uniformly from the
    stretched working time. The working time is the median of every run that finished so far
    (a kill that came too late is a shorter run measured), as the machine's load changes.
    ``seed`` decides every delay (as a part of the working time) and every ``prepare`` choice."""
    rng = random.Random(f"{seed}:{command.name}")
    run_seeds = [rng.getrandbits(64) for _ in range(runs)]
    fractions = [rng.uniform(0.0, WINDOW_STRETCH) for _ in range(runs)]
    started = time.monotonic()
    lock = threading.Lock()
    results: list[RunResult] = []

    def working() -> float:
        with lock:
            finished = [r.working_seconds for r in results if r.ending == Ending.FINISHED]
        return statistics.median(finished) if finished else 1.0

    def one(index: int, cut: bool) -> RunResult:
        run = Run(index, folder / f"{command.name}-{index:03d}", random.Random(run_seeds[index]))
        window = working() if cut else None
        result = run_once(command, run, fractions[index] * window if window else None, window)
        with lock:
            results.append(result)
            if on_result is not None:
                on_result(result)
        if not result.problems:  # keep only what failed, to look at
            shutil.rmtree(run.folder, ignore_errors=True)
            run.folder.with_suffix(".log").unlink(missing_ok=True)
        return result

    calibration = min(CALIBRATION_RUNS, runs)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda i: one(i, False), range(calibration)))
        list(pool.map(lambda i: one(i, True), range(calibration, runs)))
    results.sort(key=lambda r: r.index)
    return results, figures(command.name, results, working(), time.monotonic() - started)


def seed_from_environment() -> int:
    """``RALLYORG_CRASH_SEED`` to repeat a run's choices and delays, else a fresh one."""
    text = os.environ.get("RALLYORG_CRASH_SEED", "")
    return int(text) if text.strip() else random.SystemRandom().randrange(1, 2**31)
