"""Which automatic backups (and safety copies taken before a restore) are kept, Anki-style.

The rule, for each kind of copy on its own, by the time in its file name (local time):

- every copy from the last ``KEEP_ALL_DAYS`` days (7) is kept;
- then the newest copy of each of the last ``KEEP_WEEKS`` calendar weeks (8, Monday to Sunday,
  this week included);
- then the newest copy of each of the last ``KEEP_MONTHS`` calendar months (6, this month
  included);
- every other copy is removed. A copy dated after ``now`` (the clock was wrong when it was
  made) is kept: there is no telling how old it is.

Weeks and months are calendar ones, so the copy a week keeps no longer changes once the week
is over: with one automatic backup a day, a month-old database still has one copy per week and
a half-year-old one a copy per month, about 20 files in all, never more than ~25. Forgetting a
person rewrites all of them (services/forget.py), so keeping them does not keep the forgotten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

KEEP_ALL_DAYS = 7
KEEP_WEEKS = 8
KEEP_MONTHS = 6

T = TypeVar("T")


def _months_back(day: dt.date, moment: dt.date) -> int:
    return (moment.year - day.year) * 12 + moment.month - day.month


def _weeks_back(day: dt.date, moment: dt.date) -> int:
    monday = moment - dt.timedelta(days=moment.weekday())
    return (monday - (day - dt.timedelta(days=day.weekday()))).days // 7


def to_remove(items: Sequence[T], now: dt.datetime, taken_at: Callable[[T], dt.datetime]) -> list[T]:
    """The items the rule above does not keep, oldest first."""
    newest_first = sorted(items, key=taken_at, reverse=True)
    kept: set[int] = set()
    weeks_seen: set[int] = set()
    months_seen: set[int] = set()
    for index, item in enumerate(newest_first):
        moment = taken_at(item)
        if moment > now or now - moment < dt.timedelta(days=KEEP_ALL_DAYS):
            kept.add(index)
        week = _weeks_back(moment.date(), now.date())
        if 0 <= week < KEEP_WEEKS and week not in weeks_seen:
            weeks_seen.add(week)
            kept.add(index)
        month = _months_back(moment.date(), now.date())
        if 0 <= month < KEEP_MONTHS and month not in months_seen:
            months_seen.add(month)
            kept.add(index)
    return [item for index, item in reversed(list(enumerate(newest_first))) if index not in kept]
