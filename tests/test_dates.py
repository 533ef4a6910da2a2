"""Dates as people type them: in the interface language's order, never a year like 3202."""

from __future__ import annotations

import datetime as dt

import pytest

from rallyorg.domain.dates import date_order, parse_typed_date


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("12/3/2026", "MDY", dt.date(2026, 12, 3)),  # English: December 3
        ("12/3/2026", "DMY", dt.date(2026, 3, 12)),  # Spanish, Portuguese: 12 de marzo
        ("03/12/2026", "DMY", dt.date(2026, 12, 3)),
        ("12-3-26", "MDY", dt.date(2026, 12, 3)),
        ("12.3.2026", "DMY", dt.date(2026, 3, 12)),
        ("2026-12-03", "DMY", dt.date(2026, 12, 3)),  # ISO, whatever the language
        ("12/3", "MDY", dt.date(2027, 12, 3)),  # the year already shown
        ("12/3/3202", "MDY", None),
        ("12/3/1999", "MDY", None),
        ("2/30/2026", "MDY", None),
        ("12/3/202", "MDY", None),
        ("next friday", "MDY", None),
        ("", "MDY", None),
    ],
)
def test_typed_dates_are_read_in_the_languages_order(text: str, order: str, expected: dt.date | None) -> None:
    assert parse_typed_date(text, order, default_year=2027) == expected


def test_the_order_comes_from_the_locales_pattern() -> None:
    assert (date_order("M/d/yyyy"), date_order("d/M/yyyy"), date_order("dd/MM/yyyy")) == ("MDY", "DMY", "DMY")
    assert date_order("yyyy-MM-dd") == "YMD"


def test_while_typing_a_two_digit_year_is_not_yet_a_year() -> None:
    # On the way to "12/3/2026" (or to a mistyped "12/3/3202") the text passes "12/3/20" and
    # "12/3/32": neither is read as 2020 or 2032 until typing is done.
    assert parse_typed_date("12/3/32", "MDY", default_year=2026, short_year=False) is None
    assert parse_typed_date("12/3/32", "MDY", default_year=2026) == dt.date(2032, 12, 3)
