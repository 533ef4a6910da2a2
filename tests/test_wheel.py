"""A wheel built from the checkout works in a fresh virtual environment: its shipped
resources/ and translations/ are found, migrations run and the CLI answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from rallyorg.domain.font_families import FAMILIES

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (built,) = out.glob("rallyorg-*.whl")
    return built


def test_wheel_contains_resources_translations_and_migrations(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "rallyorg/migrations/env.py" in names
    assert any(n.startswith("rallyorg/migrations/versions/0001") for n in names)
    assert any(n.startswith("rallyorg/resources/") for n in names)
    assert any(n.startswith("rallyorg/translations/") for n in names)
    # The app's icon, its guide and licence, and the desktop files (in the package, and under
    # share/ where an install puts them into the app menu).
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert f"rallyorg/resources/icons/rallyorg-{size}.png" in names
        assert any(
            n.endswith(f"data/share/icons/hicolor/{size}x{size}/apps/org.rallyorg.Rallyorg.png")
            for n in names
        )
    assert "rallyorg/resources/icons/rallyorg.svg" in names
    for guide in ("en", "es", "pt_BR"):
        assert f"rallyorg/resources/guide/{guide}.html" in names
    assert "rallyorg/resources/licenses/GPL-3.0.txt" in names
    # Every face of every font family a coalition may choose for its flyers.
    for family in FAMILIES.values():
        for filename in family.files:
            assert f"rallyorg/resources/fonts/{filename}" in names
    assert any(n.endswith("data/share/applications/org.rallyorg.Rallyorg.desktop") for n in names)
    assert any(n.endswith("data/share/metainfo/org.rallyorg.Rallyorg.metainfo.xml") for n in names)
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    declared = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[gui_scripts]\nrallyorg-gui = rallyorg.app:gui_main" in declared


def test_wheel_runs_in_a_fresh_virtual_environment(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
    )
    # The dependencies (Qt, SQLAlchemy…) come from the test environment rather than a
    # second 300 MB download; rallyorg itself comes only from the wheel, because a path
    # added by a .pth file is appended after the new environment's own site-packages.
    new_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(new_site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "RALLYORG_DB")}
    env["HOME"] = str(tmp_path / "home")  # the user's data dir must not be touched

    where = subprocess.run(
        [
            str(python),
            "-c",
            "import rallyorg.paths as p; print(p.resources_dir()); print(p.translations_dir())",
        ],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.split()
    assert all(str(venv) in path for path in where), where

    rallyorg = str(venv / "bin" / "rallyorg")
    url = f"sqlite:///{tmp_path / 'x.db'}"
    demo = subprocess.run([rallyorg, "--db", url, "demo"], capture_output=True, text=True, env=env)
    assert demo.returncode == 0, demo.stderr
    listed = subprocess.run(
        [rallyorg, "--db", url, "events", "list", "--json"], capture_output=True, text=True, env=env
    )
    assert listed.returncode == 0, listed.stderr
    titles = [e["titles"].get("en", "") for e in json.loads(listed.stdout)]
    assert any("TRUST" in t for t in titles), titles
    spanish = subprocess.run(
        [rallyorg, "--db", url, "--lang", "es", "events", "list"], capture_output=True, text=True, env=env
    )
    assert spanish.returncode == 0, spanish.stderr
    assert "Título" in spanish.stdout  # the Spanish catalog shipped in the wheel is used

    # The GUI entry point (no console window on Windows) answers the same options; the desktop
    # entry and the icon are installed where the desktop's app menu finds them.
    version = subprocess.run(
        [str(venv / "bin" / "rallyorg-gui"), "--version"], capture_output=True, text=True, env=env
    )
    assert version.returncode == 0 and version.stdout.startswith("rallyorg "), version.stderr
    assert (venv / "share" / "applications" / "org.rallyorg.Rallyorg.desktop").is_file()
    assert (
        venv / "share" / "icons" / "hicolor" / "scalable" / "apps" / "org.rallyorg.Rallyorg.svg"
    ).is_file()


def test_wheel_metadata_is_ready_for_pypi(wheel: Path) -> None:
    """What PyPI and `pipx install rallyorg` show: licences (the app's and the fonts'), with
    their texts, classifiers, keywords and the project's addresses."""
    archive = zipfile.ZipFile(wheel)
    (metadata_name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    metadata = archive.read(metadata_name).decode()
    headers = [line for line in metadata.split("\n\n")[0].splitlines()]
    assert "License-Expression: GPL-3.0-or-later AND OFL-1.1" in headers
    licence_files = {line.split(": ", 1)[1] for line in headers if line.startswith("License-File: ")}
    assert licence_files == {"resources/licenses/GPL-3.0.txt", "resources/fonts/OFL.txt"}
    for name in licence_files:
        text = archive.read(metadata_name.replace("METADATA", f"licenses/{name}")).decode()
        assert "GNU GENERAL PUBLIC LICENSE" in text or "SIL OPEN FONT LICENSE" in text
    assert "Classifier: Intended Audience :: End Users/Desktop" in headers
    assert "Classifier: Natural Language :: Spanish" in headers
    assert any(line.startswith("Keywords:") and "volunteers" in line for line in headers)
    urls = [line for line in headers if line.startswith("Project-URL: ")]
    assert any(url.startswith("Project-URL: Source, https://") for url in urls), urls
    assert any(url.startswith("Project-URL: Issues, https://") for url in urls), urls
    assert "Requires-Python: >=3.11" in headers
