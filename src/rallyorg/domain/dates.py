"""Dates as people type and plan them: the years a date may fall in, a date typed in the
order the interface language writes it, and how far from its rally a shift may be.

A date widget that reads "12/3/2026" section by section turned it into 12/20/3202 and the
year 3202 was saved; so every date a person gives passes through these rules."""

from __future__ import annotations

import datetime as dt
import re

#: no date field takes a year outside these (a typo in a year is never a plan)
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100
EARLIEST_DAY = dt.date(EARLIEST_YEAR, 1, 1)
LATEST_DAY = dt.date(LATEST_YEAR, 12, 31)

#: a shift starts at most this many days before its rally's day or after its last day
#: (a set-up crew the day before, a phone bank in the week before, a clean-up after)
SHIFT_WINDOW_DAYS = 7

#: the order each interface language writes a short date in (day, month and year)
DATE_ORDERS = {"en": "MDY", "es": "DMY", "pt_BR": "DMY"}


def in_year_range(day: dt.date) -> bool:
    return EARLIEST_DAY <= day <= LATEST_DAY


def date_order(pattern: str) -> str:
    """The order of day, month and year in a Qt or CLDR date pattern ("M/d/yyyy" → "MDY")."""
    positions = {part: pattern.find(letter) for part, letter in (("D", "d"), ("M", "M"), ("Y", "y"))}
    if min(positions.values()) < 0:
        return "MDY"
    return "".join(sorted(positions, key=lambda part: positions[part]))


def parse_typed_date(text: str, order: str, *, default_year: int, short_year: bool = True) -> dt.date | None:
    """A date typed as numbers in ``order`` ("MDY" or "DMY" or "YMD"), any separator:
    "12/3/2026" in MDY is December 3, 2026, in DMY 12 March 2026. Two-digit years are this
    century's (unless ``short_year`` is False: while typing "2026", "20" is not yet a year);
    with only day and month, ``default_year``. None when it is not a date, or its year is
    outside EARLIEST_YEAR–LATEST_YEAR."""
    parts = re.findall(r"\d+", text)
    if re.search(r"[^\d\s/.\-,]", text) or len(parts) not in (2, 3):
        return None
    if len(parts) == 3 and len(parts[0]) == 4:
        order = "YMD"  # ISO, 2026-12-03, whatever the language
    if len(parts) == 2:
        order = order.replace("Y", "")
        parts.append(str(default_year))
        order += "Y"
    values = dict(zip(order, parts, strict=True))
    year_text = values["Y"]
    if len(year_text) != 4 and not (short_year and len(year_text) == 2):
        return None
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    try:
        day = dt.date(year, int(values["M"]), int(values["D"]))
    except ValueError:
        return None
    return day if in_year_range(day) else None


def shift_window(rally_starts: dt.datetime, rally_ends: dt.datetime) -> tuple[dt.date, dt.date]:
    """The first and last day a rally's shift may start on, in the rally's own time zone
    (both datetimes are local to it)."""
    window = dt.timedelta(days=SHIFT_WINDOW_DAYS)
    return rally_starts.date() - window, rally_ends.date() + window


def wall_clock_offset(old_start: dt.datetime, new_start: dt.datetime) -> dt.timedelta:
    """How far a rally moved on the clock on the wall (each datetime local to its own zone):
    moving its shifts by this keeps "an hour before the rally" an hour before, across a change
    of daylight saving time or of time zone."""
    return new_start.replace(tzinfo=None) - old_start.replace(tzinfo=None)
