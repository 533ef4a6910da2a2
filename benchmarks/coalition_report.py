"""The coalition benchmark's table: one row per figure and size, its target and its verdict.

Targets are stated for 100k volunteers on 2 cores and hold at 10k as well. At 1M the question
is only whether the app stays usable: a screen within 2 s, a process within 1 GB, a batch job
within ten times its 100k time; ratios to a reference (backup, copy) still hold.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from enum import Enum

GB_MB = 1024.0


class Scale(Enum):
    SCREEN = "screen"  # something a person waits for on screen: ≤ 2 s at 1M
    BATCH = "batch"  # grows with the data: ten times the 100k target at 1M
    FIXED = "fixed"  # does not grow with the data (flyers, --help): the same target at 1M


@dataclass(frozen=True)
class Target:
    value: float | None = None  # the median at most (seconds, or MB for a memory figure)
    p95: float | None = None
    ratio: float | None = None  # the median over the reference's at most
    rss_mb: float | None = None  # the process's peak memory at most
    text: str = ""


def target_at(size: str, scale: Scale, base: Target, *, process: bool) -> Target:
    """``base`` (the 100k target) as it applies at ``size``."""
    if size != "1m":
        return base
    memory = GB_MB if process else None
    if scale is Scale.SCREEN:
        return Target(value=2.0, rss_mb=memory, text="usable: ≤ 2 s screen, ≤ 1 GB")
    if scale is Scale.BATCH and base.value is not None:
        value = base.value * 10
        return Target(value=value, rss_mb=memory, text=f"usable: ≤ {value:g} s (10× 100k's), ≤ 1 GB")
    return Target(base.value, None, base.ratio, memory, f"usable: {base.text}, ≤ 1 GB")


@dataclass
class Row:
    figure: str
    size: str
    target: Target
    runs: int = 0
    values: list[float] = field(default_factory=list)  # seconds (or MB when unit is "MB")
    unit: str = "s"
    p95_shown: bool = False
    rss_mb: float | None = None  # peak over the runs, for a process
    reference: str = "—"
    reference_value: float | None = None
    failure: str = ""  # the figure could not be measured: why (a crash, a missing server)
    skipped: bool = False

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    @property
    def p95(self) -> float | None:
        if len(self.values) < 2:
            return self.median
        return statistics.quantiles(self.values, n=20, method="inclusive")[18]

    @property
    def ratio(self) -> float | None:
        median = self.median
        if median is None or not self.reference_value:
            return None
        return median / self.reference_value


def amount(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if value < 1:
        return f"{value * 1000:.1f} ms" if value < 0.1 else f"{value * 1000:.0f} ms"
    return f"{value:.2f} s"


def verdict(row: Row) -> str:
    if row.skipped:
        return f"skipped: {row.failure}"
    if row.failure:
        return f"FAILED: {row.failure}"
    target, misses = row.target, []
    median, p95, ratio = row.median, row.p95, row.ratio
    if target.value is not None and median is not None and median > target.value:
        misses.append(f"{amount(median - target.value, row.unit)} (median)")
    if target.p95 is not None and p95 is not None and p95 > target.p95:
        misses.append(f"{amount(p95 - target.p95, row.unit)} (p95)")
    if target.ratio is not None and ratio is not None and ratio > target.ratio:
        misses.append(f"{ratio - target.ratio:.2f}× (ratio {ratio:.2f}× > {target.ratio:g}×)")
    if target.rss_mb is not None and row.rss_mb is not None and row.rss_mb > target.rss_mb:
        misses.append(f"{row.rss_mb - target.rss_mb:,.0f} MB (peak RSS)")
    if not (target.value or target.p95 or target.ratio or target.rss_mb):
        return "no target"
    return f"misses by {'; '.join(misses)}" if misses else "meets"


HEADER = ("figure", "size", "runs", "median", "p95", "peak RSS", "target", "reference", "ratio", "verdict")


def cells(row: Row) -> tuple[str, ...]:
    reference = row.reference
    if row.reference_value is not None:
        reference = f"{row.reference}: {amount(row.reference_value, row.unit)}"
    ratio = row.ratio
    return (
        row.figure,
        row.size,
        str(row.runs),
        amount(row.median, row.unit),
        amount(row.p95, row.unit) if row.p95_shown else "",
        amount(row.rss_mb, "MB") if row.rss_mb is not None else "",
        row.target.text,
        reference,
        f"{ratio:.2f}×" if ratio is not None else "—",
        verdict(row),
    )


def table(rows: list[Row], *, markdown: bool = False) -> str:
    lines = [HEADER, *(cells(row) for row in rows)]
    if markdown:
        escaped = [tuple(cell.replace("|", "\\|") for cell in line) for line in lines]
        out = [f"| {' | '.join(escaped[0])} |", f"|{'|'.join('---' for _ in HEADER)}|"]
        out.extend(f"| {' | '.join(line)} |" for line in escaped[1:])
        return "\n".join(out)
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    rule = "-+-".join("-" * w for w in widths)
    text = [
        " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() for line in lines
    ]
    return "\n".join([text[0], rule, *text[1:]])
