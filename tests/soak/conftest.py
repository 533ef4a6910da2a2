"""Soak fixtures: the sample coalition in a database file, a private home for the app, and a
real X server with a window manager (Xvfb + openbox), as a user's desktop has.

Offscreen Qt does not show every layout bug: a widget that resizes itself forever as its scroll
bar comes and goes only did so maximized under a window manager. So those tests run the app
with ``QT_QPA_PLATFORM=xcb`` on Xvfb with openbox managing the window.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from rallyorg.app import main as rallyorg_main

HERE = Path(__file__).parent
STARTUP_SECONDS = 20


@pytest.fixture(scope="session")
def sample_coalition_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample coalition, loaded once per run (a few seconds); tests copy it."""
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    assert rallyorg_main(["--db", f"sqlite:///{path}", "demo"]) == 0
    return path


@pytest.fixture
def sample_db(sample_coalition_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "coalition.db"
    shutil.copyfile(sample_coalition_file, path)
    return path


@pytest.fixture
def app_env(tmp_path: Path) -> dict[str, str]:
    """Environment for the app in a fresh process: its own home, so no user settings, logs or
    backups are read or written, and Python's faulthandler on."""
    home = tmp_path / "home"
    home.mkdir()
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PYTHONFAULTHANDLER": "1",
        "LANG": "en_US.UTF-8",
    }


def run_script(script: str, args: list[str], env: dict[str, str], timeout: float) -> str:
    """Run ``tests/soak/<script>`` in a fresh Python; its stdout, or a failure with its stderr."""
    try:
        done = subprocess.run(
            [sys.executable, str(HERE / script), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        stderr = expired.stderr.decode(errors="replace") if isinstance(expired.stderr, bytes) else ""
        pytest.fail(f"{script} {' '.join(args)} did not finish in {timeout:.0f} s (hung?)\n{stderr[-3000:]}")
    if done.returncode != 0:
        pytest.fail(f"{script} {' '.join(args)} exited {done.returncode}\n{done.stderr[-4000:]}")
    return done.stdout


def _missing_real_window_tools() -> list[str]:
    return [tool for tool in ("Xvfb", "openbox") if shutil.which(tool) is None]


@contextmanager
def _x_server(size: str) -> Iterator[str]:
    """Xvfb with openbox running on it; yields the DISPLAY. Both are waited for by what they
    report (Xvfb writes its display number when it accepts clients; openbox runs its startup
    command once it manages windows), never by a fixed sleep."""
    with tempfile.TemporaryDirectory(prefix="rallyorg-x-") as folder:
        read_end, write_end = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        openbox: subprocess.Popen[bytes] | None = None
        try:
            with os.fdopen(read_end) as reader:
                ready, _, _ = select.select([reader], [], [], STARTUP_SECONDS)
                number = reader.readline().strip() if ready else ""
            if not number:
                pytest.fail("Xvfb did not start")
            display = f":{number}"
            ready = Path(folder) / "openbox-ready"
            openbox = subprocess.Popen(
                ["openbox", "--startup", f"touch {ready}"],
                env={**os.environ, "DISPLAY": display},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + STARTUP_SECONDS
            while not ready.exists():
                if openbox.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("openbox did not start on Xvfb")
                time.sleep(0.05)  # polling the condition above, not standing in for it
            yield display
        finally:
            for process in (openbox, xvfb):
                if process is not None:
                    process.terminate()
            for process in (openbox, xvfb):
                if process is not None:
                    try:
                        process.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        process.kill()
                        process.wait()


@pytest.fixture
def real_x_server() -> Callable[[str], object]:
    """``with real_x_server("1366x768") as display:`` — skipped where Xvfb or openbox are not
    installed, except where RALLYORG_REQUIRE_REAL_WINDOW is set (CI: it must not skip)."""
    missing = _missing_real_window_tools()
    if missing:
        message = f"needs {' and '.join(missing)} (Debian: apt install xvfb openbox)"
        if os.environ.get("RALLYORG_REQUIRE_REAL_WINDOW"):
            pytest.fail(message)
        pytest.skip(message)
    return _x_server
