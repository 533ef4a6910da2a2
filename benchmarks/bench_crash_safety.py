"""Kill ``import``, ``db backup``, ``db restore``, ``demo`` and ``db encrypt`` many times at random moments
(SIGKILL, real processes) and print what each kill left: the crash test's figures
(tests/test_crash_safety.py) over more runs, and when in the work the kills landed.

    python benchmarks/bench_crash_safety.py [RUNS] [COMMAND ...]

RUNS per command (default 100); COMMAND picks some of import, backup, restore, demo, encrypt.
RALLYORG_CRASH_SEED repeats a run's choices and delays. Runs whose checks found a problem
keep their folder (printed at the end) to look at.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from crash_commands import Materials, commands
from crash_harness import Ending, RunResult, can_run_here, kill_runs, seed_from_environment

WORKERS = 2


def when_in_the_work(results: list[RunResult]) -> str:
    """How the kills spread over the working time, in fifths (0-20 % … 80-100 %, after)."""
    buckets: Counter[str] = Counter()
    for result in results:
        if result.delay is None or not result.window or result.ending != Ending.KILLED:
            continue
        fifth = min(int(result.delay / result.window * 5), 5)
        buckets["after" if fifth >= 5 else f"{fifth * 20}-{fifth * 20 + 20}%"] += 1
    order = [f"{i * 20}-{i * 20 + 20}%" for i in range(5)] + ["after"]
    return " ".join(f"{name}: {buckets[name]}" for name in order if buckets[name])


def main(runs: int, names: list[str]) -> int:
    if not can_run_here():
        print("Needs Linux (/proc and SIGKILL).")
        return 1
    seed = seed_from_environment()
    print(
        f"seed {seed} (RALLYORG_CRASH_SEED={seed} repeats it), {runs} runs per command, {WORKERS} at a time"
    )
    kept: list[str] = []
    with tempfile.TemporaryDirectory(prefix="rallyorg-crash-") as scratch:
        folder = Path(scratch)
        materials = Materials(folder / "materials")
        started = time.monotonic()
        for command in commands(materials):
            if names and command.name not in names:
                continue
            materials.make(command.name)
            results, figures = kill_runs(
                command, folder / command.name, runs=runs, seed=seed, workers=WORKERS
            )
            print(figures.line())
            print(f"    kills by moment in the work: {when_in_the_work(results)}")
            if command.name == "backup":
                elsewhere = [r for r in results if "left elsewhere until the next backup there" in r.choice]
                waiting = sum(1 for r in elsewhere if r.choice["left elsewhere until the next backup there"])
                print(
                    f"    backups into another folder: {len(elsewhere)}; a killed one's scratch folder "
                    f"waited there for the next backup into it: {waiting}"
                )
            for result in results:
                for problem in result.problems:
                    print(f"    run {result.index} {dict(result.choice)} ({result.ending}): {problem}")
                if result.problems:
                    kept.append(str(folder / command.name / f"{command.name}-{result.index:03d}"))
        print(f"{time.monotonic() - started:.0f} s in all")
        if kept:
            keep = Path(tempfile.mkdtemp(prefix="rallyorg-crash-failed-"))
            for path in kept:
                source = Path(path)
                source.rename(keep / source.name)
                source.with_suffix(".log").rename(keep / f"{source.name}.log")
            print(f"the runs with problems are kept in {keep}")
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    count = int(arguments.pop(0)) if arguments and arguments[0].isdigit() else 100
    sys.exit(main(count, arguments))
