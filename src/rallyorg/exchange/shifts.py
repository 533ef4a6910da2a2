"""Which shift of an event a sign-up row means: by role name (exact, then a prefix either way,
accents and case ignored) and, when given, by start time and date in the event's time zone."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence
from typing import Protocol, TypeVar

from rallyorg.domain.text import fold
from rallyorg.exchange import values as cells
from rallyorg.exchange.rows import MappedRow, Notice, RowRejected
from rallyorg.i18n import N_


class ShiftLike(Protocol):
    @property
    def role(self) -> str: ...

    @property
    def starts_at(self) -> dt.datetime: ...


S = TypeVar("S", bound=ShiftLike)


def find_shift(row: MappedRow, shifts: Sequence[S], zone: zoneinfo.ZoneInfo) -> S:
    """The one shift the row names, or ``RowRejected`` saying which shifts there are."""
    wanted = row.values.get("shift", "")
    candidates = list(shifts)
    if wanted:
        folded = fold(wanted)
        candidates = [s for s in shifts if fold(s.role) == folded] or [
            s for s in shifts if fold(s.role).startswith(folded) or folded.startswith(fold(s.role))
        ]
    start_text = row.values.get("shift_start", "")
    if start_text:
        moment = cells.parse_moment(start_text, zone)
        if moment is None:
            raise RowRejected(
                Notice("shift_start", N_("Not understood as a time: {value}"), {"value": start_text})
            )
        day, time = moment
        candidates = [
            s
            for s in candidates
            if s.starts_at.astimezone(zone).time().replace(tzinfo=None) == time
            and (day is None or s.starts_at.astimezone(zone).date() == day)
        ]
    if len(candidates) == 1:
        return candidates[0]
    names = "; ".join(f"{s.role} {s.starts_at.astimezone(zone):%H:%M}" for s in shifts)
    if not candidates:
        raise RowRejected(
            Notice(
                "shift",
                N_("No shift of this event matches {value}. Its shifts are: {shifts}."),
                {"value": " ".join(p for p in (wanted, start_text) if p), "shifts": names},
            )
        )
    raise RowRejected(
        Notice(
            "shift",
            N_("{count} shifts match; add a shift or start-time column. The shifts are: {shifts}."),
            {"count": len(candidates), "shifts": names},
        )
    )
