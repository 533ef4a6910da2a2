"""Kill ``import``, ``db backup``, ``db restore``, ``demo`` and ``db encrypt`` at random moments
(SIGKILL, real processes): the database stays sound, every result is all or nothing, and the
next start leaves no hidden copy of the data behind. See crash_harness.py for how, crash_commands.py for
the commands and their checks.

20 runs per command here (2 uncut ones measure the working time, then 18 kills); more in
``benchmarks/bench_crash_safety.py``. ``RALLYORG_CRASH_SEED`` repeats a run's choices and
delays; ``RALLYORG_CRASH_RUNS`` changes the number of runs. A failed run's folder is kept
under pytest's temporary folder, with the command's output beside it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crash_commands import Materials, commands
from crash_harness import CALIBRATION_RUNS, Ending, can_run_here, kill_runs, seed_from_environment

RUNS = int(os.environ.get("RALLYORG_CRASH_RUNS", "20"))
COMMANDS = ("import", "backup", "restore", "demo", "encrypt")

pytestmark = [
    pytest.mark.sqlite_only,
    pytest.mark.skipif(not can_run_here(), reason="needs Linux (/proc, SIGKILL)"),
]


@pytest.fixture(scope="module")
def materials(tmp_path_factory: pytest.TempPathFactory) -> Materials:
    return Materials(tmp_path_factory.mktemp("crash-materials"))


@pytest.fixture(scope="module")
def seed() -> int:
    return seed_from_environment()


@pytest.mark.parametrize("name", COMMANDS)
def test_killed_command_leaves_all_or_nothing(
    name: str, materials: Materials, seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [command] = [c for c in commands(materials) if c.name == name]
    materials.make(name)
    results, figures = kill_runs(command, tmp_path, runs=RUNS, seed=seed)
    with capsys.disabled():
        print(f"\n[crash seed {seed}] {figures.line()}")
    problems = [f"run {r.index} {dict(r.choice)} ({r.ending}): {p}" for r in results for p in r.problems]
    assert not problems, "\n".join(problems)
    # The kills must mean something: most of them land while the command is at work.
    assert figures.killed >= (RUNS - CALIBRATION_RUNS) // 2, figures.line()
    assert sum(r.ending == Ending.FINISHED for r in results) >= min(RUNS, CALIBRATION_RUNS)


def test_the_checkers_tell_a_partial_result_from_a_whole_one(materials: Materials, tmp_path: Path) -> None:
    """The harness is only as good as its checkers: each must call a half-done result partial."""
    import random
    import shutil
    import sqlite3
    from contextlib import closing

    from crash_harness import Run, State

    checkers = {c.name: c for c in commands(materials)}

    def prepared(name: str, index: int = 0) -> tuple[Run, object]:
        materials.make(name)
        run = Run(index, tmp_path / f"{name}-{index}", random.Random(index))
        run.folder.mkdir()
        checkers[name].prepare(run)
        return run, checkers[name].checker.before(run)

    def state(name: str, run: Run, noted: object) -> State:
        return checkers[name].checker.verdict(run, noted).state

    def change(path: Path, statement: str) -> None:
        connection = sqlite3.connect(path)
        connection.execute(statement)
        connection.commit()
        connection.close()

    run, noted = prepared("import")
    assert state("import", run, noted) == State.UNCHANGED
    with closing(sqlite3.connect(run.db)) as connection:
        names = [row[1] for row in connection.execute("PRAGMA table_info(volunteer)") if row[1] != "id"]
    columns = ", ".join(names)
    change(run.db, f"INSERT INTO volunteer ({columns}) SELECT {columns} FROM volunteer LIMIT 10")
    assert state("import", run, noted) == State.PARTIAL  # people, but no import that made them

    run, noted = prepared("backup")
    target: Path = run.choice["target"]
    shutil.copyfile(materials.restore_backup, target)  # a whole backup, of other content
    assert state("backup", run, noted) == State.PARTIAL
    target.write_bytes(materials.restore_backup.read_bytes()[:50_000])  # a cut one
    assert state("backup", run, noted) == State.PARTIAL

    run, noted = prepared("restore")
    assert state("restore", run, noted) == State.UNCHANGED
    shutil.copyfile(materials.restore_backup, run.db)
    assert state("restore", run, noted) == State.COMPLETE
    change(run.db, "DELETE FROM volunteer WHERE id IN (SELECT max(id) FROM volunteer)")
    assert state("restore", run, noted) == State.PARTIAL

    run, noted = prepared("demo", index=1)  # --force over a sample and the user's records
    assert state("demo", run, noted) == State.UNCHANGED
    change(run.db, "UPDATE volunteer SET sample = 0 WHERE id IN (SELECT max(id) FROM volunteer WHERE sample)")
    assert state("demo", run, noted) == State.PARTIAL
