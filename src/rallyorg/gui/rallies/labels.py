"""Words the rallies place shows for codes: languages and time zones; date formats."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateTimeEdit

from rallyorg.domain.dates import EARLIEST_DAY, LATEST_DAY
from rallyorg.i18n import N_, _

# The zones US coalitions hold events in, east to west; an event in another zone keeps it.
COMMON_TIME_ZONES: tuple[tuple[str, str], ...] = (
    ("America/New_York", N_("Eastern time (New York)")),
    ("America/Chicago", N_("Central time (Chicago)")),
    ("America/Denver", N_("Mountain time (Denver)")),
    ("America/Phoenix", N_("Mountain time, no daylight saving (Phoenix)")),
    ("America/Los_Angeles", N_("Pacific time (Los Angeles)")),
    ("America/Anchorage", N_("Alaska time (Anchorage)")),
    ("Pacific/Honolulu", N_("Hawaii time (Honolulu)")),
    ("America/Puerto_Rico", N_("Atlantic time (Puerto Rico)")),
)


def time_zone_label(zone: str) -> str:
    for code, label in COMMON_TIME_ZONES:
        if code == zone:
            return _(label)
    return zone


def _full_year(pattern: str) -> str:
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def use_locale_format(edit: QDateTimeEdit, *, date: bool = True, time: bool = True) -> None:
    """The locale's short date and time formats, but with the year written out: "5/20/2025",
    not "5/20/25", so a rally is never planned a century off."""
    locale = QLocale()
    parts = []
    if date:
        parts.append(_full_year(locale.dateFormat(QLocale.FormatType.ShortFormat)))
    if time:
        parts.append(locale.timeFormat(QLocale.FormatType.ShortFormat))
    edit.setDisplayFormat(" ".join(parts))
    if date:  # no year like 3202
        first, last = EARLIEST_DAY, LATEST_DAY
        edit.setDateRange(QDate(first.year, first.month, first.day), QDate(last.year, last.month, last.day))
