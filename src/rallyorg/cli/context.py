"""What every subcommand gets: the database (opened on first use) and output helpers."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from rallyorg.db import Database, open_database


@dataclass
class CliContext:
    db_url: str
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    _db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = open_database(self.db_url)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    def print(self, text: str = "") -> None:
        print(text, file=self.out)

    def progress(self, text: str) -> None:
        """Progress goes to stderr so stdout stays clean for scripts."""
        print(text, file=self.err, flush=True)

    def print_json(self, value: Any) -> None:
        json.dump(value, self.out, ensure_ascii=False, indent=2, default=str)
        self.out.write("\n")

    def print_table(self, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        """A plain aligned table; numbers right-aligned."""
        text_rows = [["" if c is None else str(c) for c in row] for row in rows]
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
