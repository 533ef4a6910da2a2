"""Issue #16's "Done when": OCR reads the poster at 12 dpi (across the street) and the letter
flyer at 36 dpi (across a room), in colour and from a black-and-white copy: both titles (or
the headlines, when the flyer prints those), the day and month, and the start time in each
language. The harness and its controls are in legibility.py and test_legibility_harness.py.

Each language's area is read on its own, as a person reads one column and then the other:
side by side, the columns' lines would otherwise run together into one line of OCR text.
"""

from __future__ import annotations

import re

import pytest
from flyer_helpers import region_texts
from legibility import area_image, page_image, read_text, require_ocr, words_found

from rallyorg.domain.events import EventData
from rallyorg.flyers import FlyerOptions, LanguageContent, Layout, Paper, build_content, render_flyer

LANGUAGES = ("en", "es")
CASES = {
    "poster": (FlyerOptions(LANGUAGES, Layout.POSTER, Paper.TABLOID), 12),
    "letter": (FlyerOptions(LANGUAGES, Layout.COLUMNS, Paper.LETTER), 36),
}
_YEAR = re.compile(r",?\s+(?:de\s+)?\d{4}$")


@pytest.fixture(autouse=True)
def _ocr() -> None:
    require_ocr("eng+spa")


def expected_words(half: LanguageContent, printed: str) -> list[str]:
    """What a passer-by must make out in ``half``'s language: the headline if the flyer prints
    it, else the title; the day and month as the flyer prints them, the short date ("Tue, May
    20") or the long one ("Tuesday, May 20, 2025") without its year; and the start time."""
    title = half.headline if half.headline and half.headline in printed else half.title
    # Word by word: beside the place (stacked, quarter) the date's lines mix with the place's.
    words = printed.split()
    candidates = (half.short_date, half.shorter_date, half.date)
    date = next((d for d in candidates if all(w in words for w in d.split())), None)
    assert date is not None, f"{half.language}: neither {half.short_date!r} nor {half.date!r} is printed"
    weekday, _, day_and_month = date.partition(",")
    return [title, weekday.strip(), _YEAR.sub("", day_and_month.strip()), half.start_time]


@pytest.mark.parametrize("one_bit", [False, True], ids=["colour", "one-bit"])
@pytest.mark.parametrize("case", list(CASES))
def test_flyer_reads_from_afar(rally: EventData, case: str, one_bit: bool) -> None:
    options, dpi = CASES[case]
    result = render_flyer(rally, options)
    printed = region_texts(result)
    page = page_image(result.pdf, dpi, one_bit=one_bit)
    areas = {region.name: region.rect for region in result.regions if region.page == 0}
    failures = []
    for half in build_content(rally, options.languages).languages:
        expected = expected_words(half, " ".join(printed[half.language].replace("\u202f", " ").split()))
        text = read_text(area_image(page, dpi, result.page_size[1], areas[half.language]))
        missing = words_found(text, expected)
        if missing:
            failures.append(f"{half.language}: not read {missing}; OCR read:\n{text}")
    assert not failures, f"at {dpi} dpi, title {result.title_size} pt:\n" + "\n".join(failures)


@pytest.mark.parametrize("layout", list(Layout), ids=str)
def test_every_layout_survives_a_photocopy(rally: EventData, layout: Layout) -> None:
    """Printed in black and white and photocopied (1-bit at 150 dpi, read at arm's length):
    both languages' titles, day and month and start time still read on every layout, so no
    meaning rode on colour or on a tint the copier dropped."""
    options = FlyerOptions(LANGUAGES, layout, Paper.LETTER)
    result = render_flyer(rally, options)
    printed = region_texts(result)
    page = page_image(result.pdf, 150, one_bit=True)
    areas = {region.name: region.rect for region in result.regions if region.page == 0}
    failures = []
    for half in build_content(rally, options.languages).languages:
        expected = expected_words(half, " ".join(printed[half.language].replace("\u202f", " ").split()))
        text = read_text(area_image(page, 150, result.page_size[1], areas[half.language]), upscale=2)
        missing = words_found(text, expected)
        if missing:
            failures.append(f"{half.language}: not read {missing}; OCR read:\n{text}")
    assert not failures, "\n".join(failures)
