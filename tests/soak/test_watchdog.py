"""A frozen window leaves the Python stacks in the log folder's hangs.log — stacks only."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_script


def hangs_log(env: dict[str, str]) -> Path:
    [path] = Path(env["HOME"]).rglob("hangs.log")
    return path


@pytest.mark.soak
def test_a_ui_thread_blocked_for_three_seconds_leaves_its_stack(
    sample_db: Path, app_env: dict[str, str]
) -> None:
    env = {**app_env, "QT_QPA_PLATFORM": "offscreen"}
    run_script("frozen_window.py", [f"sqlite:///{sample_db}", "3"], env, timeout=60)
    log = hangs_log(env).read_text(encoding="utf-8")
    assert log.startswith("rallyorg ") and " started " in log
    assert "Timeout (0:00:02.250000)!" in log
    # The blocked function, called from the event loop, in the UI thread's stack.
    assert "line " in log and "in block_the_ui_thread" in log and "in run_gui" in log
    assert "555-" not in log and "María" not in log and "Gon" not in log


@pytest.mark.soak
def test_a_short_pause_writes_no_stack(sample_db: Path, app_env: dict[str, str]) -> None:
    env = {**app_env, "QT_QPA_PLATFORM": "offscreen"}
    run_script("frozen_window.py", [f"sqlite:///{sample_db}", "1.0"], env, timeout=60)
    log = hangs_log(env).read_text(encoding="utf-8")
    assert log.startswith("rallyorg ") and "Timeout" not in log
