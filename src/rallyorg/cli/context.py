"""What every subcommand gets: the database (opened on first use) and output helpers.

Everything a command prints goes through these helpers, which escape control characters
(``\x1b``…): a name written into the database by an older version or another tool must not
act on the organiser's terminal."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from rallyorg.domain.control_chars import json_visible, visible
from rallyorg.i18n import _

if TYPE_CHECKING:
    from rallyorg.db import Database

# Exit status of a command that did its work but left records out (an export that skipped
# a record it could not write): 0 is all done, 1 an error, 2 a usage error (argparse).
EXIT_PARTIAL = 3

DEFAULT_WAIT_SECONDS = 120


@dataclass
class CliContext:
    db_url: str
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    wait_seconds: float = DEFAULT_WAIT_SECONDS
    _db: Database | None = None
    _said_waiting: bool = False

    @property
    def db(self) -> Database:
        if self._db is None:
            # Imported on first use, like the services in each command: `rallyorg --help`
            # builds no context, but keeping this module light keeps every area module light.
            from rallyorg.db import open_database
            from rallyorg.services.housekeeping import tidy

            self._db = open_database(self.db_url)
            self._db.on_busy = self._keep_waiting
            tidy(self._db)  # hidden copies a killed backup or restore left behind, and more
        return self._db

    def _keep_waiting(self, seconds: float) -> bool:
        """Another rallyorg holds the write lock: say so once, wait up to --wait seconds."""
        if not self._said_waiting and seconds < self.wait_seconds:
            self._said_waiting = True
            self.progress(
                _(
                    "Waiting for another rallyorg to finish writing to this database "
                    "(up to {seconds} s; --wait SECONDS changes this)…"
                ).format(seconds=round(self.wait_seconds))
            )
        return seconds < self.wait_seconds

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    def print(self, text: str = "") -> None:
        print(visible(text, keep_line_breaks=True), file=self.out)

    def progress(self, text: str) -> None:
        """Progress (and warnings) go to stderr so stdout stays clean for scripts."""
        print(visible(text, keep_line_breaks=True), file=self.err, flush=True)

    def error(self, text: str) -> None:
        """Why a command failed, on stderr (values in it may come from the database or a file)."""
        print(visible(text, keep_line_breaks=True), file=self.err)

    def print_json(self, value: Any) -> None:
        self.out.write(json_visible(json.dumps(value, ensure_ascii=False, indent=2, default=str)))
        self.out.write("\n")

    def print_table(self, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        """A plain aligned table; numbers right-aligned."""
        text_rows = [["" if c is None else visible(str(c)) for c in row] for row in rows]
        widths = [len(h) for h in headers]
        for row in text_rows:
            widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
        numeric = [
            bool(rows) and all(isinstance(r[i], int | float) for r in rows) for i in range(len(headers))
        ]

        def line(cells: Sequence[str]) -> str:
            parts = [
                c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric, strict=True)
            ]
            return "  ".join(parts).rstrip()

        self.print(line(headers))
        self.print("  ".join("-" * w for w in widths))
        for row in text_rows:
            self.print(line(row))
