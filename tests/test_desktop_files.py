"""The files that make rallyorg a desktop app on Linux — the .desktop entry and AppStream
metainfo — and the `rallyorg-gui` entry point that opens no console window on Windows."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from rallyorg import app

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "org.rallyorg.Rallyorg"
DESKTOP = ROOT / "resources" / "desktop" / f"{APP_ID}.desktop"
METAINFO = ROOT / "resources" / "desktop" / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  (keys are case-sensitive)
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_starts_the_gui_with_its_icon() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "rallyorg"
    assert entry["Exec"].split()[0] == "rallyorg-gui"
    assert entry["Terminal"] == "false"
    assert entry["Icon"] == APP_ID
    categories = entry["Categories"].rstrip(";").split(";")
    assert "Office" in categories and "Qt" in categories
    assert entry["Comment"] and entry["Comment[es]"] and entry["Comment[pt_BR]"]
    assert entry["Keywords"].endswith(";") and entry["Categories"].endswith(";")


def test_metainfo_describes_the_app() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("project_license") == PYPROJECT["project"]["license"]
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("name") == "rallyorg"
    assert root.findtext("summary") and len(root.findtext("summary") or "") < 80
    description = root.find("description")
    assert (
        description is not None and len(description.findall("p")) >= 1 and description.find("ul") is not None
    )
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == DESKTOP.name
    assert root.find("content_rating") is not None
    assert {c.text for c in root.iter("category")} <= set(desktop_entry()["Categories"].split(";"))
    images = [i.text or "" for i in root.iter("image")]
    assert images and all(i.startswith("https://") for i in images)
    for image in images:  # each screenshot is in the repository under that name
        assert (ROOT / "docs" / "screenshots" / image.rsplit("/", 1)[1]).is_file(), image
    assert root.find("releases/release").get("version") == PYPROJECT["project"]["version"]


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-validate not installed"
)
def test_desktop_file_validate() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli not installed")
def test_appstreamcli_validate() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_icons_exist_in_every_size() -> None:
    from PIL import Image

    assert (ICONS / "rallyorg.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for size in (16, 32, 48, 64, 128, 256, 512):
        with Image.open(ICONS / f"rallyorg-{size}.png") as image:
            assert image.size == (size, size) and image.mode == "RGBA"


def test_the_wheel_installs_the_desktop_files_under_share() -> None:
    shared = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared[f"resources/desktop/{DESKTOP.name}"] == f"share/applications/{DESKTOP.name}"
    assert shared[f"resources/desktop/{METAINFO.name}"] == f"share/metainfo/{METAINFO.name}"
    assert shared["resources/icons/rallyorg.svg"] == f"share/icons/hicolor/scalable/apps/{APP_ID}.svg"
    assert shared["resources/icons/rallyorg-48.png"] == f"share/icons/hicolor/48x48/apps/{APP_ID}.png"
    for source in shared:
        assert (ROOT / source).is_file(), source


def test_rallyorg_gui_is_a_gui_script_with_the_same_options(monkeypatch: pytest.MonkeyPatch) -> None:
    assert PYPROJECT["project"]["gui-scripts"]["rallyorg-gui"] == "rallyorg.app:gui_main"
    started: list[tuple[str, str | None, bool]] = []

    def fake_start(db_url: str, args: object) -> int:
        started.append((db_url, getattr(args, "lang", None), getattr(args, "command", None) is None))
        return 0

    monkeypatch.setattr(app, "start_gui", fake_start)
    assert app.gui_main(["--db", "sqlite:////tmp/coalition.db", "--lang", "es"]) == 0
    assert started == [("sqlite:////tmp/coalition.db", "es", True)]
    # A command belongs to `rallyorg`: refused, and nothing runs.
    assert app.gui_main(["demo"]) == 2
    assert len(started) == 1


def test_rallyorg_gui_survives_a_process_without_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    """pythonw on Windows gives a GUI script no stdout or stderr; --version must not crash it."""
    monkeypatch.setattr("sys.stdout", None)
    monkeypatch.setattr("sys.stderr", None)
    with pytest.raises(SystemExit) as exit_:
        app.gui_main(["--version"])
    assert exit_.value.code == 0
