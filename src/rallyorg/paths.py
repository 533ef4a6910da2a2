"""Where rallyorg keeps its data and finds its shipped resources.

In a wheel, ``resources/`` and ``translations/`` are packaged inside ``rallyorg``; in a
checkout (editable install) they sit at the top of the repository, beside ``src/``.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "rallyorg"
DB_ENV_VAR = "RALLYORG_DB"


def data_dir() -> Path:
    """The user's data directory, created private (0700) on first use."""
    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def config_dir() -> Path:
    path = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def cache_dir() -> Path:
    """Files rallyorg can always make again (compiled translation catalogs)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def private_file(path: Path) -> Path:
    """``path``, created readable by its owner only if it does not exist yet (a log file: it
    holds no personal data, but says when and how the app was used)."""
    os.close(os.open(path, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600))
    return path


def log_dir() -> Path:
    path = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def default_database_url() -> str:
    """``RALLYORG_DB`` if set, else a SQLite file in the user's data directory."""
    from_env = os.environ.get(DB_ENV_VAR)
    if from_env:
        return from_env
    return f"sqlite:///{data_dir() / 'rallyorg.sqlite3'}"


def _shipped_dir(name: str) -> Path:
    packaged = Path(str(resources.files(APP_NAME))) / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"rallyorg is installed without its {name}/ folder")


def resources_dir() -> Path:
    return _shipped_dir("resources")


def translations_dir() -> Path:
    return _shipped_dir("translations")


def resource(*parts: str) -> Path:
    """Path of a file under ``resources/``, e.g. ``resource("fonts", "NotoSans-Regular.ttf")``."""
    return resources_dir().joinpath(*parts)
