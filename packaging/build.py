"""Build the one-folder app with PyInstaller (``make bundle``): ``dist/rallyorg/`` and, on
Linux, ``dist/rallyorg-<version>-linux-<machine>.tar.gz`` carrying the app menu files and
``install.sh``. The release workflows run the same recipe on Windows and macOS.

    python packaging/build.py [--dist DIR] [--work DIR]
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "org.rallyorg.Rallyorg"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"])


def run_pyinstaller(dist: Path, work: Path) -> Path:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN"]
    command += ["--distpath", str(dist), "--workpath", str(work), str(ROOT / "packaging" / "rallyorg.spec")]
    subprocess.run(command, check=True, cwd=ROOT)
    return dist / "rallyorg"


def add_linux_desktop_files(folder: Path) -> None:
    """What install.sh puts in the user's app menu, laid out as under ~/.local/share."""
    share = folder / "share"
    desktop = ROOT / "resources" / "desktop"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copy2(desktop / f"{APP_ID}.desktop", share / "applications")
    shutil.copy2(desktop / f"{APP_ID}.metainfo.xml", share / "metainfo")
    icons = ROOT / "resources" / "icons"
    for size in ICON_SIZES:
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(icons / f"rallyorg-{size}.png", target / f"{APP_ID}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(icons / "rallyorg.svg", scalable / f"{APP_ID}.svg")
    for name in ("install.sh", "README.txt"):
        shutil.copy2(ROOT / "packaging" / "linux" / name, folder / name)
    (folder / "install.sh").chmod(0o755)


def linux_tarball(folder: Path) -> Path:
    archive = folder.parent / f"rallyorg-{version()}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname="rallyorg")
    return archive


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    args = parser.parse_args()
    folder = run_pyinstaller(args.dist.resolve(), args.work.resolve())
    if sys.platform.startswith("linux"):
        add_linux_desktop_files(folder)
        print(f"Built {linux_tarball(folder)}")
    print(f"Built {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
