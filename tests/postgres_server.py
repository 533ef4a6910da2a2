"""A throwaway PostgreSQL server for ``pytest --backend=postgresql``.

The cluster lives in a temporary folder, listens only on a Unix socket there (no TCP port to
collide with), trusts local connections and runs without fsync: it holds test data for one run
and is deleted with it. PostgreSQL refuses to run as root, so as root the server's commands run
as the ``postgres`` account that Debian's package creates.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine, create_engine

DRIVER = "postgresql+psycopg"


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: Debian's newest /usr/lib/postgresql/N/bin, else PATH."""
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    for folder in reversed(debian):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresServer:
    def __init__(self, binaries: Path, folder: Path) -> None:
        self.binaries = binaries
        self.folder = folder
        self.data = folder / "data"
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            pwd.getpwnam("postgres")  # KeyError: no account to run the server as
            self._as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(folder, "postgres")

    def _run(self, *command: str | Path) -> None:
        argv: Sequence[str] = [*self._as_user, *(str(part) for part in command)]
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        if done.returncode:
            raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}{done.stdout}")

    def start(self) -> None:
        self._run(self.binaries / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        options = f"-k {self.folder} -c listen_addresses='' -F"
        self._run(self.binaries / "pg_ctl", "-D", self.data, "-o", options,
                  "-l", self.folder / "server.log", "-w", "start")  # fmt: skip

    def stop(self) -> None:
        self._run(self.binaries / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")

    def url(self, database: str) -> str:
        return f"{DRIVER}://postgres@/{database}?host={self.folder}"

    def admin(self) -> Engine:
        """A connection to the maintenance database, outside transactions (CREATE DATABASE)."""
        return create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")

    def create_database(self, name: str, *, template: str | None = None) -> str:
        clause = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        engine = self.admin()
        try:
            with engine.connect() as connection:
                connection.exec_driver_sql(f"CREATE DATABASE {name}{clause}")
        finally:
            engine.dispose()
        return self.url(name)
