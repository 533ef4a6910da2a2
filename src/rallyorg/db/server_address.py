"""A coalition's shared PostgreSQL server as a person gives it in the app: host, port, database,
login and how the connection is protected (TLS), and the SQLAlchemy address built from them.

The password is never part of a ``ServerAddress``: it goes straight into the in-memory ``URL``
(``url(password)``), which SQLAlchemy shows as ``***``, so nothing that is stored, logged or
shown can hold it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from rallyorg.domain.errors import ValidationError
from rallyorg.i18n import N_

DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
# libpq's sslmode values, safest first. verify-full: encrypted, to the server whose certificate
# matches its name; disable: names and phones cross the network in the clear.
SSL_MODES = ("verify-full", "verify-ca", "require", "prefer", "disable")
DEFAULT_SSL_MODE = "verify-full"
# Seconds libpq waits for a server before giving up (its default is forever): an unreachable
# server at start must turn into a question within seconds, not a frozen window.
CONNECT_TIMEOUT_S = 10


@dataclass(frozen=True)
class ServerAddress:
    host: str  # a name, an address, or a folder holding the server's Unix socket
    database: str
    user: str
    port: int = DEFAULT_PORT
    sslmode: str = DEFAULT_SSL_MODE
    ca_file: str = ""  # the certificate authority's file (sslrootcert); "" for the system's

    @property
    def is_local_socket(self) -> bool:
        """A Unix socket folder: nothing crosses a network (libpq then ignores sslmode)."""
        return self.host.startswith("/")

    @property
    def keyring_name(self) -> str:
        """The name its password is kept under in the keyring: one login on one database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str | None, *, connect_timeout: int = CONNECT_TIMEOUT_S) -> URL:
        """The address to connect with; keep it in memory only (it holds the password)."""
        query = {"sslmode": self.sslmode, "connect_timeout": str(connect_timeout)}
        if self.ca_file:
            query["sslrootcert"] = str(Path(self.ca_file).expanduser())
        return URL.create(
            DRIVER,
            username=self.user,
            password=password or None,
            host=self.host,
            port=self.port,
            database=self.database,
            query=query,
        )

    def shown(self) -> str:
        """The address as text, for a label or a log: never a password."""
        return self.url(None).render_as_string(hide_password=True)

    def check(self) -> None:
        """A ``ValidationError`` naming the first field that cannot work."""
        for field, value in (("host", self.host), ("database", self.database), ("user", self.user)):
            if not value.strip():
                raise ValidationError(field, N_("Required."))
            if any(character.isspace() for character in value.strip()) and field != "host":
                raise ValidationError(field, N_("No spaces, please."))
        if not 0 < self.port < 65536:
            raise ValidationError("port", N_("A port is a number from 1 to 65535 (usually 5432)."))
        if self.sslmode not in SSL_MODES:
            raise ValidationError("sslmode", N_("Unknown TLS mode: {mode}."), mode=self.sslmode)
        if self.ca_file and not Path(self.ca_file).expanduser().is_file():
            raise ValidationError("ca_file", N_("{path} was not found."), path=self.ca_file)


def server_address(url: URL) -> ServerAddress | None:
    """The server behind an open PostgreSQL ``url`` (None for SQLite): for the window's title
    and Settings, whether it was chosen in the app or given with --db / RALLYORG_DB."""
    if not url.drivername.startswith("postgresql"):
        return None
    query_host = url.query.get("host")
    host = url.host or (query_host if isinstance(query_host, str) else "") or "localhost"
    sslmode = url.query.get("sslmode")
    ca_file = url.query.get("sslrootcert")
    return ServerAddress(
        host=host,
        database=url.database or "",
        user=url.username or "",
        port=url.port or DEFAULT_PORT,
        # libpq's own default when an address names none.
        sslmode=sslmode if isinstance(sslmode, str) else "prefer",
        ca_file=ca_file if isinstance(ca_file, str) else "",
    )
