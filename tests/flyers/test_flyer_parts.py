"""The flyer's parts without a PDF: words per language, choices, and text fitting."""

from __future__ import annotations

import pytest
from flyer_helpers import CO_SPONSORS, ORGANIZER, make_rally

from rallyorg.db import Database
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.events import EventData, EventTextInput
from rallyorg.domain.fonts import BOLD, REGULAR, printable
from rallyorg.flyers import FlyerOptions, Layout, Paper, build_content, default_paper, parse_languages
from rallyorg.flyers.content import missing_translations
from rallyorg.flyers.fit import cut_to_height, layout_text, shrink_to_fit, wrap
from rallyorg.i18n import format_time


def test_content_per_language_uses_each_locale_and_catalog(rally: EventData) -> None:
    content = build_content(rally, ("en", "es", "pt_BR")[:2])
    en, es = content.languages
    assert (en.date, es.date) == ("Tuesday, May 20, 2025", "martes, 20 de mayo de 2025")
    assert en.time == "3:00\u202fPM – 5:00\u202fPM"  # Babel's narrow no-break space, kept
    assert (en.labels.when, es.labels.when, es.labels.kind) == ("When", "Cuándo", "Manifestación")
    assert (en.labels.tag, es.labels.tag) == ("EN", "ES")
    assert content.organizer == ORGANIZER
    assert sorted(content.co_sponsors) == sorted(CO_SPONSORS)  # the organiser is not repeated
    pt = build_content(rally, ("pt_BR",)).languages[0]
    assert (pt.date, pt.time, pt.labels.where) == ("terça-feira, 20 de maio de 2025", "15:00 – 17:00", "Onde")


def test_missing_translations_by_language_and_field(flyer_db: Database) -> None:
    event = make_rally(
        flyer_db,
        {
            "en": EventTextInput(title="Rally", summary="Come.", accessibility_note="Step-free."),
            "es": EventTextInput(title="Manifestación", summary="Ven.", accessibility_note="Sin escalones."),
            "pt_BR": EventTextInput(title="Ato"),
        },
    )
    assert missing_translations(event, ("en", "es")) == []
    found = {(m.language, m.field) for m in missing_translations(event, ("es", "pt_BR"))}
    assert found == {("pt_BR", "summary"), ("pt_BR", "accessibility_note")}


def test_options_validate_and_default() -> None:
    assert parse_languages("en,es") == ("en", "es")
    assert parse_languages("pt-BR, ES") == ("pt_BR", "es")
    for bad in ("", "en,es,pt_BR", "en,en", "en,fr"):
        with pytest.raises(ValidationError) as caught:
            parse_languages(bad)
        assert caught.value.field == "languages"
    options = FlyerOptions(languages=("es",), layout="poster", paper="a4")  # type: ignore[arg-type]
    assert (options.layout, options.paper) == (Layout.POSTER, Paper.A4)
    with pytest.raises(ValidationError, match="not a layout"):
        FlyerOptions(layout="brochure")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="not a paper size"):
        FlyerOptions(paper="legal")  # type: ignore[arg-type]
    assert default_paper(Layout.POSTER) == Paper.TABLOID
    assert default_paper(Layout.HANDBILL) == Paper.LETTER


def test_wrap_never_breaks_inside_a_time() -> None:
    import datetime as dt

    time = format_time(dt.datetime(2025, 5, 20, 15, 0), "en")
    lines = wrap(f"Doors open at {time} sharp, rain or shine", REGULAR, 12, 90)
    assert any(time in line for line in lines)


def test_shrink_first_then_wrap() -> None:
    short = shrink_to_fit("Vigil", BOLD, 200, 200, max_size=40, min_size=16)
    long = shrink_to_fit(
        "Manifestación comunitaria por las familias inmigrantes", BOLD, 200, 200, max_size=40, min_size=16
    )
    assert short is not None and long is not None
    assert short.size == 40 and len(short.lines) == 1
    assert long.size < 40 and long.height <= 200
    assert shrink_to_fit("word " * 200, BOLD, 200, 100, max_size=40, min_size=16) is None


def test_cut_keeps_whole_sentences_or_marks_the_cut() -> None:
    block = layout_text("First sentence here. Second sentence that goes on and on. " * 3, REGULAR, 10, 120)
    cut = cut_to_height(block, block.height / 2)
    assert cut.cut_after == len(cut.lines) and cut.lines[-1].endswith(".")
    one = layout_text("one very long sentence without any stop " * 10, REGULAR, 10, 120)
    cut = cut_to_height(one, one.height / 3)
    assert cut.lines[-1].endswith("…")


def test_printable_keeps_accents_and_reports_what_the_font_lacks() -> None:
    assert printable("Ação, niño, 3:00\u202fPM") == ("Ação, niño, 3:00\u202fPM", "")
    assert printable("Cafe\u0301") == ("Café", "")  # decomposed accent composed
    assert printable("Marcha ✊🏽 hoy") == ("Marcha  hoy", "✊🏽")
