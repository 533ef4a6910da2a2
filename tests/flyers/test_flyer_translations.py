"""The catalogs the flyers read their labels from: they load, every flyer word is translated,
and no translation drops or renames a {placeholder} (which would crash ``str.format``)."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from rallyorg.flyers import labels, report
from rallyorg.i18n import translator
from rallyorg.paths import translations_dir

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
FLYER_WORDS = [
    labels.WHEN,
    labels.WHERE,
    labels.ORGANIZED_BY,
    labels.CO_SPONSORED_BY,
    labels.SCAN_FOR_DETAILS,
    labels.TIME_RANGE,
    labels.TIME_RANGE_DAYS,
    *report.FIELD_NAMES.values(),
    report.FIELD_MISSING,
    report.TITLE_MISSING,
    report.FIELD_CUT,
    report.FIELD_CUT_ONE,
    report.FIELD_DROPPED,
    report.NO_URL,
    report.CANCELLED,
    report.UNPRINTABLE,
]


@pytest.mark.parametrize("language", ["es", "pt_BR"])
def test_every_flyer_word_is_translated(language: str) -> None:
    path = translations_dir() / language / "LC_MESSAGES" / "rallyorg.po"
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=language)
    missing = [word for word in FLYER_WORDS if catalog.get(word) is None or not catalog.get(word).string]
    assert missing == []
    assert translator(language).gettext(labels.WHEN) != labels.WHEN


@pytest.mark.parametrize("language", ["es", "pt_BR"])
def test_translations_keep_placeholders_and_accelerators(language: str) -> None:
    path = translations_dir() / language / "LC_MESSAGES" / "rallyorg.po"
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=language)
    problems = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        allowed = [sorted(set(PLACEHOLDER.findall(i))) for i in ids]
        for string in strings:
            if string and sorted(set(PLACEHOLDER.findall(string))) not in allowed:
                problems.append((ids[0], string))
            if string and ids[0].count("&") != string.count("&"):
                problems.append((ids[0], string))
    assert problems == []
