"""50,000 signal emits, connects and disconnects, 50,000 setText calls and 50,000 status-bar
messages through the real main window, in a fresh process: it must exit 0, and None's and True's
reference counts must not sink (on PySide6 6.12.0 each call lost one; the process aborted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run_script

CALLS = 50_000


@pytest.mark.soak
def test_fifty_thousand_of_each_qt_call_leave_the_app_running(
    tmp_path: Path, app_env: dict[str, str]
) -> None:
    env = {**app_env, "QT_QPA_PLATFORM": "offscreen"}
    args = [str(CALLS), f"sqlite:///{tmp_path / 'calls.db'}", str(tmp_path / "settings.ini")]
    report = json.loads(run_script("qt_calls.py", args, env, timeout=180).strip().splitlines()[-1])
    for name in ("None", "True"):
        # A leak of one reference per call would show as ~150,000 fewer; allow for ordinary churn.
        assert report["after"][name] > report["before"][name] - 1000, report
