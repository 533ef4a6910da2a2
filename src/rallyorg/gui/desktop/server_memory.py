"""The server chosen in Settings ▸ Database, remembered for the next start: its address in the
settings, its password only in the keyring (or asked at each start), never in the settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from rallyorg.services.server_connection import (
    DEFAULT_PORT,
    ServerAddress,
    forget_password,
    keep_password,
    ssl_mode_or_default,
)

ON_SERVER_KEY = "database/on_server"  # true: the next start opens the server below, not a file
_GROUP = "server"
_FIELDS = ("host", "port", "database", "user", "sslmode", "ca_file")


def remember_server(settings: QSettings, address: ServerAddress, password: str, keep: bool) -> bool:
    """The server is the one to open next time; the password goes to the keyring if ``keep``
    (any one kept before is dropped otherwise). True when the keyring kept it."""
    settings.beginGroup(_GROUP)
    try:
        for name in _FIELDS:
            settings.setValue(name, getattr(address, name))
    finally:
        settings.endGroup()
    settings.setValue(ON_SERVER_KEY, True)
    if keep:
        return keep_password(address, password)
    forget_password(address)
    return False


def remembered_server(settings: QSettings) -> ServerAddress | None:
    """The server last connected to (whether or not it is the one to open next)."""
    settings.beginGroup(_GROUP)
    try:
        values = {name: settings.value(name) for name in _FIELDS}
    finally:
        settings.endGroup()
    if not values["host"] or not values["database"]:
        return None
    try:
        port = int(str(values["port"] or DEFAULT_PORT))
    except ValueError:
        port = DEFAULT_PORT
    return ServerAddress(
        host=str(values["host"]),
        database=str(values["database"]),
        user=str(values["user"] or ""),
        port=port,
        sslmode=ssl_mode_or_default(str(values["sslmode"] or "")),
        ca_file=str(values["ca_file"] or ""),
    )


def server_to_open(settings: QSettings) -> ServerAddress | None:
    """The server to open at start (None: a file)."""
    on_server = str(settings.value(ON_SERVER_KEY, "false")).lower() == "true"
    return remembered_server(settings) if on_server else None


def use_file_next(settings: QSettings) -> None:
    """A file was opened: it, not the server, opens next time (the address stays to fill in
    the dialog again)."""
    settings.setValue(ON_SERVER_KEY, False)
