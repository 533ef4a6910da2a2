"""The one-folder app an organizer downloads (packaging/build.py, `make bundle`), built from
this checkout and run from its unpacked tarball in a fresh home with no Python on PATH:
the command line in English and Spanish, the sample coalition, events as JSON, a bilingual
flyer, a contacts export, a backup, the desktop app's window, and install.sh's menu entry.

Runs whenever PyInstaller is installed (the test extra installs it); CI sets
RALLYORG_REQUIRE_BUNDLE so that it can never quietly skip there."""

from __future__ import annotations

import csv
import json
import os
import platform
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 120

if sys.platform != "linux":
    pytest.skip("the Linux tarball is built on Linux; other systems build in the release workflows",
                allow_module_level=True)  # fmt: skip
try:
    import PyInstaller  # noqa: F401
except ImportError:
    if os.environ.get("RALLYORG_REQUIRE_BUNDLE"):
        raise
    pytest.skip("PyInstaller is not installed (pip install -e '.[test]')", allow_module_level=True)


@pytest.fixture(scope="module")
def tarball(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built here from the checkout, or the release workflow's own build (a folder holding it)."""
    built_before = os.environ.get("RALLYORG_BUNDLE_TARBALL")
    if built_before:
        (found,) = Path(built_before).glob("rallyorg-*-linux-*.tar.gz")
        return found
    out = tmp_path_factory.mktemp("bundle")
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(out / "dist"),
         "--work", str(out / "work")],
        check=True, timeout=1800,
    )  # fmt: skip
    (built,) = (out / "dist").glob("rallyorg-*-linux-*.tar.gz")
    return built


@pytest.fixture(scope="module")
def app(tarball: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tarball unpacked as an organizer would: a folder named rallyorg."""
    place = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(tarball) as tar:
        tar.extractall(place, filter="tar")
    return place / "rallyorg"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


def environment(home: Path, **extra: str) -> dict[str, str]:
    """A fresh user: own home and XDG folders, English locale, and a PATH with no Python."""
    empty_bin = home / "empty-bin"
    empty_bin.mkdir(exist_ok=True)
    return {
        "HOME": str(home),
        "PATH": str(empty_bin),
        "LANG": "C.UTF-8",
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        **extra,
    }


def run(app: Path, home: Path, *args: str) -> str:
    done = subprocess.run(
        [str(app / "rallyorg"), *args], env=environment(home), capture_output=True, text=True,
        timeout=TIMEOUT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def database(app: Path, home: Path) -> str:
    url = f"sqlite:///{home / 'coalition.sqlite3'}"
    assert "Loaded the sample coalition" in run(app, home, "--db", url, "demo")
    return url


def test_tarball_carries_the_app_menu_files(app: Path, tarball: Path) -> None:
    assert tarball.name == f"rallyorg-{version()}-linux-{platform.machine()}.tar.gz"
    for name in ("rallyorg", "rallyorg-gui", "install.sh"):
        assert os.access(app / name, os.X_OK), name
    assert (app / "share/applications/org.rallyorg.Rallyorg.desktop").is_file()
    assert (app / "share/metainfo/org.rallyorg.Rallyorg.metainfo.xml").is_file()
    assert (app / "share/icons/hicolor/256x256/apps/org.rallyorg.Rallyorg.png").is_file()
    assert "install.sh" in (app / "README.txt").read_text("utf-8")


def test_help_in_english_and_spanish(app: Path, home: Path) -> None:
    english = run(app, home, "--help")
    assert "Plan rallies, partner groups" in english and "usage: rallyorg" in english
    spanish = run(app, home, "--lang", "es", "--help")
    assert "uso: rallyorg" in spanish and "usage:" not in spanish
    assert "Plan rallies" not in spanish


def test_sample_events_flyer_export_and_backup(app: Path, home: Path, database: str) -> None:
    events = json.loads(run(app, home, "--db", database, "events", "list", "--json"))
    assert len(events) == 13
    first = events[0]

    flyer = home / "flyer.pdf"
    run(app, home, "--db", database, "flyer", str(first["id"]), "--langs", "en,es", "-o", str(flyer))
    import pdfplumber
    from pypdf import PdfReader

    with pdfplumber.open(flyer) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    for language in ("en", "es"):
        assert first["titles"][language].split()[0] in text, language
    assert "Wednesday" in text and "miércoles" in text  # the sample's first rally: 12 March 2025
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(flyer).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("NotoSans" in font for font in fonts), fonts

    contacts = home / "contacts.csv"
    run(app, home, "--db", database, "export", "contacts", "-o", str(contacts))
    with contacts.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) > 50 and all(row for row in rows)

    backup = home / "coalition-backup.sqlite3"
    run(app, home, "--db", database, "db", "backup", str(backup))
    assert backup.stat().st_size > 100_000


def test_desktop_app_shows_its_window(app: Path, home: Path, database: str) -> None:
    env = environment(home, QT_QPA_PLATFORM="offscreen", RALLYORG_DEBUG="1")
    process = subprocess.Popen(
        [str(app / "rallyorg-gui"), "--db", database], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stderr is not None
        seen = list(lines_until("main window shown", process.stderr))
        assert seen[-1].endswith("main window shown"), "".join(seen)
        assert not any("Traceback" in line for line in seen), "".join(seen)
    finally:
        process.terminate()
        process.wait(TIMEOUT)


def lines_until(wanted: str, stream: Iterator[str]) -> Iterator[str]:
    """The process's lines up to the wanted one (the process's end stops it too; the test's
    timeout guards a process that hangs without ending)."""
    for line in stream:
        yield line.rstrip("\n")
        if line.rstrip("\n").endswith(wanted):
            return


def test_install_sh_puts_rallyorg_in_the_app_menu(app: Path, tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(["sh", str(app / "install.sh")], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    entry = tmp_path / ".local/share/applications/org.rallyorg.Rallyorg.desktop"
    assert f'Exec="{app}/rallyorg-gui"' in entry.read_text("utf-8").splitlines()
    assert (tmp_path / ".local/share/icons/hicolor/48x48/apps/org.rallyorg.Rallyorg.png").is_file()
    command = tmp_path / ".local/bin/rallyorg"
    assert command.resolve() == (app / "rallyorg").resolve()
    done = subprocess.run(["sh", str(app / "install.sh"), "--uninstall"], env=env, capture_output=True)
    assert done.returncode == 0
    assert not entry.exists() and not command.exists()


def test_size_and_start_time_beside_the_venv(app: Path, home: Path, tarball: Path) -> None:
    """Figures for the note, not targets: what an organizer downloads and waits for."""
    folder_size = sum(f.lstat().st_size for f in app.rglob("*") if f.is_file() and not f.is_symlink())
    venv_cli = Path(sys.executable).with_name("rallyorg")
    bundle_start = median_seconds([str(app / "rallyorg"), "--help"], environment(home))
    venv_start = median_seconds([str(venv_cli), "--help"], {**os.environ})
    print(
        f"\nbundle: {folder_size / 1e6:.0f} MB unpacked, {tarball.stat().st_size / 1e6:.0f} MB as tar.gz;"
        f" `rallyorg --help` {bundle_start * 1000:.0f} ms (venv: {venv_start * 1000:.0f} ms)"
    )
    assert folder_size > tarball.stat().st_size


def median_seconds(command: list[str], env: dict[str, str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True, timeout=TIMEOUT)
        times.append(time.perf_counter() - started)
    return sorted(times)[runs // 2]


def version() -> str:
    import tomllib

    return str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"])


def test_release_smoke_script_passes_on_this_build(app: Path, tmp_path: Path) -> None:
    """packaging/smoke.sh is what the Windows and macOS release jobs run on their builds: it
    must pass on this one, so that a failure there means the build, not the script."""
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    done = subprocess.run(
        ["bash", str(ROOT / "packaging" / "smoke.sh"), str(app / "rallyorg")],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(f"smoke test passed: {app / 'rallyorg'}")
