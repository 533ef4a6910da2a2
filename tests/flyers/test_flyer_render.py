"""Flyer PDFs read back as a reader, a phone and a print shop would: words, fonts, QR code,
and every character inside the page and inside its own language's area."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest
from flyer_helpers import (
    CO_SPONSORS,
    ORGANIZER,
    RALLY_URL,
    make_rally,
    pdf_chars,
    pdf_font_dicts,
    pdf_text,
    read_qr_codes,
    region_box,
    region_texts,
    text_in,
)
from PIL import Image
from pypdf import PdfReader

from rallyorg.db import Database
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.events import EventData, EventTextInput
from rallyorg.flyers import FlyerOptions, Layout, Paper, render_flyer
from rallyorg.flyers.geometry import MIN_MARGIN
from rallyorg.flyers.report import HEADLINE_USED
from rallyorg.flyers.style import SHEET_TITLE_FLOOR

ALL_COMBINATIONS = list(itertools.product(Layout, Paper))


def test_both_languages_with_accents_dates_and_co_sponsors(rally: EventData) -> None:
    result = render_flyer(rally, FlyerOptions(languages=("en", "es")))
    texts = region_texts(result)
    expected = {
        "en": (
            "EN RALLY",
            "Rally for the TRUST Act",
            "WHEN Tuesday, May 20, 2025 3:00 PM – 5:00 PM",
            "WHERE Danbury City Hall Plaza 155 Deer Hill Ave, Danbury, CT 06810",
            "Wheelchair accessible. ASL and Spanish interpretation.",
            "Join neighbors, faith leaders and workers",
            "Bring a sign, bring a friend.",
        ),
        "es": (
            "ES MANIFESTACIÓN",
            "Manifestación por la Ley TRUST",
            "CUÁNDO martes, 20 de mayo de 2025 3:00 p.m. – 5:00 p.m.",
            "DÓNDE Danbury City Hall Plaza",
            "Accesible para sillas de ruedas. Interpretación en ASL y español.",
            "Únete a vecinos, líderes religiosos y trabajadores",
            "Trae un cartel, trae a un amigo.",
        ),
        # Shared: headings in both languages (each from its own catalog), names once.
        "footer": (
            "ORGANIZED BY · ORGANIZA",
            ORGANIZER,
            "CO-SPONSORED BY · CON EL APOYO DE",
            *CO_SPONSORS,
            "Scan for details",
            "Escanea para más",  # the caption is narrow: "información" on its own line
        ),
    }
    for area, phrases in expected.items():
        for phrase in phrases:
            assert phrase in texts[area], (area, phrase, texts[area])
    assert "información" in texts["footer"].split()
    assert result.warnings == ()


def test_portuguese_dates_and_labels(rally: EventData) -> None:
    texts = region_texts(render_flyer(rally, FlyerOptions(languages=("en", "pt_BR"))))
    for phrase in (
        "PT ATO",
        "Ato pela Lei TRUST: famílias unidas",
        "QUANDO terça-feira, 20 de maio de 2025 15:00 – 17:00",
        "ONDE Danbury City Hall Plaza",
        "fortaleça a Lei TRUST",
        "Interpretação em ASL e espanhol.",
    ):
        assert phrase in texts["pt_BR"], phrase
    assert {"Escaneie", "para", "mais", "informações"} <= set(texts["footer"].split())
    assert "CO-SPONSORED BY · COM O APOIO DE" in texts["footer"]


def test_the_narrow_no_break_space_of_english_times_is_printed(rally: EventData) -> None:
    _, chars = pdf_chars(render_flyer(rally, FlyerOptions(languages=("en",))).pdf)
    assert "\u202f" in {c.text for c in chars}


def test_only_embedded_noto_fonts(rally: EventData) -> None:
    pdf = render_flyer(rally, FlyerOptions(languages=("en", "es"))).pdf
    fonts = pdf_font_dicts(pdf)
    assert fonts
    for font in fonts:
        name = str(font["/BaseFont"])
        assert name.split("+")[-1].startswith("NotoSans"), name
        descriptor = font.get("/FontDescriptor")
        if descriptor is None:  # a Type0 font: the descriptor is on its descendant
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object(), f"{name} is not embedded"
    # Not even the page preamble or invisible text may name a base-14 font.
    for base14 in (b"Helvetica", b"Times-Roman", b"Courier", b"Symbol", b"ZapfDingbats"):
        assert base14 not in pdf


@pytest.mark.parametrize(("layout", "paper"), ALL_COMBINATIONS, ids=lambda v: str(v))
@pytest.mark.parametrize("languages", [("en", "es"), ("pt_BR",)], ids=["en-es", "pt_BR"])
def test_every_character_inside_the_page_and_its_languages_area(
    rally: EventData, layout: Layout, paper: Paper, languages: tuple[str, ...]
) -> None:
    result = render_flyer(rally, FlyerOptions(languages=languages, layout=layout, paper=paper))
    (width, height), chars = pdf_chars(result.pdf)
    assert (width, height) == pytest.approx(paper.size)
    boxes = [region_box(region, height) for region in result.regions]
    for a, b in itertools.combinations(result.regions, 2):
        assert not a.rect.overlaps(b.rect), f"{a.name} overlaps {b.name}"
    slack = 0.5
    for char in chars:
        assert MIN_MARGIN - slack <= char.x0 and char.x1 <= width - MIN_MARGIN + slack, char
        assert MIN_MARGIN - slack <= char.top and char.bottom <= height - MIN_MARGIN + slack, char
        assert any(
            x0 - slack <= char.x0
            and char.x1 <= x1 + slack
            and top - slack <= char.top
            and char.bottom <= bottom + slack
            for x0, top, x1, bottom in boxes
        ), f"{char} is outside every area"
    # Each language's own words are in its own area, and not in the other's: its title, or its
    # short headline where the flyer says it printed that instead.
    headlines = {w.language for w in result.warnings if w.message == HEADLINE_USED}
    titles = {
        code: rally.texts[code].headline if code in headlines else rally.texts[code].title
        for code in languages
    }
    for region in result.regions:
        if region.language is None:
            continue
        inside = text_in(result.pdf, region_box(region, height))
        assert titles[region.language].split(":")[0] in inside
        for other, title in titles.items():
            if other != region.language:
                assert title.split(":")[0] not in inside
    if paper == Paper.LETTER and layout in (Layout.COLUMNS, Layout.STACKED):
        assert result.warnings == ()
    if paper == Paper.TABLOID and layout == Layout.POSTER:
        assert {w.message for w in result.warnings} <= {HEADLINE_USED}


@pytest.mark.parametrize("layout", list(Layout), ids=str)
def test_absurdly_long_texts_are_cut_reported_and_stay_inside(flyer_db: Database, layout: Layout) -> None:
    sentence = "Esta es una frase que explica algo importante sobre la marcha. "
    texts = {
        code: EventTextInput(
            title="Palabra " * 30,
            summary=sentence * 30,
            call_to_action=sentence * 5,
            accessibility_note=sentence * 6,
        )
        for code in ("en", "es")
    }
    event = make_rally(flyer_db, texts)
    result = render_flyer(event, FlyerOptions(languages=("en", "es"), layout=layout, paper=Paper.LETTER))
    (_, height), chars = pdf_chars(result.pdf)
    boxes = [region_box(region, height) for region in result.regions]
    for char in chars:
        assert any(
            x0 - 0.5 <= char.x0
            and char.x1 <= x1 + 0.5
            and top - 0.5 <= char.top
            and char.bottom <= bottom + 0.5
            for x0, top, x1, bottom in boxes
        ), char
    # A poster prints no summary (its QR code leads to it): there the titles give way.
    cut = "title" if layout == Layout.POSTER else "summary"
    assert {(w.language, w.field) for w in result.warnings} >= {("en", cut), ("es", cut)}


@pytest.mark.parametrize(
    ("layout", "paper"),
    [(Layout.COLUMNS, Paper.LETTER), (Layout.HANDBILL, Paper.A4), (Layout.POSTER, Paper.TABLOID)],
)
def test_qr_code_reads_back_as_the_event_url_and_is_at_least_an_inch(
    rally: EventData, layout: Layout, paper: Paper
) -> None:
    result = render_flyer(rally, FlyerOptions(languages=("en", "es"), layout=layout, paper=paper))
    codes = read_qr_codes(result.pdf)
    assert [text for text, _ in codes] == [RALLY_URL] * (2 if layout == Layout.HANDBILL else 1)
    for _, inches in codes:
        assert inches >= 0.98  # one inch, less a pixel of rendering


def test_no_url_means_no_qr_code_and_a_warning(flyer_db: Database) -> None:
    event = make_rally(flyer_db, public_url="")
    result = render_flyer(event, FlyerOptions(languages=("en", "es")))
    assert read_qr_codes(result.pdf) == []
    assert [(w.language, w.field) for w in result.warnings] == [(None, "qr_code")]
    assert "no QR code" in str(result.warnings[0])
    assert "Scan for details" not in pdf_text(result.pdf)


def test_long_title_keeps_its_floor_then_takes_the_headline(flyer_db: Database) -> None:
    """A title too long for a Letter flyer shrinks no further than 36 pt: the short headline
    takes its place when the writer gave one; without one the title is cut, and both are said."""
    long_es = (
        "Gran manifestación comunitaria por la aprobación inmediata de la Ley TRUST y por la "
        "protección de todas las familias inmigrantes de Connecticut"
    )
    texts = {
        "en": EventTextInput(title="Rally for the TRUST Act", summary="Be there."),
        "es": EventTextInput(title=long_es, summary="Ven con tu familia."),
    }
    cut = render_flyer(make_rally(flyer_db, texts), FlyerOptions(languages=("en", "es")))
    assert cut.title_size == SHEET_TITLE_FLOOR
    assert [(w.language, w.field) for w in cut.warnings] == [("es", "title")]
    assert "cut after" in cut.warnings[0].translated()

    texts["es"] = EventTextInput(title=long_es, summary="Ven con tu familia.", headline="¡Ley TRUST ya!")
    short = render_flyer(make_rally(flyer_db, texts), FlyerOptions(languages=("en", "es")))
    assert short.title_size >= SHEET_TITLE_FLOOR
    assert [(w.language, w.message) for w in short.warnings] == [("es", HEADLINE_USED)]
    areas = region_texts(short)
    assert "¡Ley TRUST ya!" in areas["es"] and "Rally for the TRUST Act" in areas["en"]
    assert "manifestación comunitaria" not in pdf_text(short.pdf)
    _, chars = pdf_chars(short.pdf)
    title_sizes = {round(c.size, 1) for c in chars if "Bold" in c.font and c.size > 30}
    assert title_sizes == {round(short.title_size, 1)}  # both titles at the same size


def test_text_too_long_for_its_area_is_cut_and_reported(flyer_db: Database) -> None:
    sentence = "Esta es una frase larga que explica por qué marchamos juntos por nuestras familias. "
    texts = {
        "en": EventTextInput(title="Rally for the TRUST Act", summary="Be there."),
        "es": EventTextInput(title="Manifestación por la Ley TRUST", summary=sentence * 40),
    }
    result = render_flyer(make_rally(flyer_db, texts), FlyerOptions(languages=("en", "es")))
    summary_warnings = [w for w in result.warnings if w.field == "summary"]
    assert [w.language for w in summary_warnings] == ["es"]
    assert str(summary_warnings[0]).startswith("es: summary cut after ")
    (_, height), chars = pdf_chars(result.pdf)
    es_area = next(r for r in result.regions if r.language == "es")
    x0, top, x1, bottom = region_box(es_area, height)
    in_column = [c for c in chars if x0 - 0.5 <= c.x0 and c.x1 <= x1 + 0.5 and c.top < bottom]
    assert in_column
    assert all(top - 0.5 <= c.top and c.bottom <= bottom + 0.5 for c in in_column)
    assert "por nuestras familias." in text_in(result.pdf, (x0, top, x1, bottom))


def test_missing_translation_is_reported_by_field(flyer_db: Database) -> None:
    texts = {
        "en": TEXTS_EN,
        "es": EventTextInput(title="Manifestación por la Ley TRUST"),
    }
    result = render_flyer(make_rally(flyer_db, texts), FlyerOptions(languages=("en", "es")))
    missing = {(w.language, w.field) for w in result.warnings}
    assert missing == {("es", "summary"), ("es", "call_to_action"), ("es", "accessibility_note")}
    assert "es: summary missing; left off the flyer" in [str(w) for w in result.warnings]


def test_missing_title_falls_back_and_says_so(flyer_db: Database) -> None:
    texts = {"en": TEXTS_EN, "es": EventTextInput(summary="Ven.")}
    result = render_flyer(make_rally(flyer_db, texts), FlyerOptions(languages=("en", "es")))
    assert "es: title missing; printed “Rally for the TRUST Act” instead" in [str(w) for w in result.warnings]


def test_same_input_same_bytes(rally: EventData, tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 120), (180, 35, 60)).save(logo)
    for options in (
        FlyerOptions(languages=("en", "es")),
        FlyerOptions(languages=("es", "pt_BR"), layout=Layout.HANDBILL, paper=Paper.A4, logo=logo),
    ):
        assert render_flyer(rally, options).pdf == render_flyer(rally, options).pdf


def test_logo_is_embedded_and_a_bad_one_is_refused(rally: EventData, tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 120), (180, 35, 60)).save(logo)
    pdf = render_flyer(rally, FlyerOptions(logo=logo)).pdf
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in page["/Resources"]["/XObject"].values())
    not_an_image = tmp_path / "notes.txt"
    not_an_image.write_text("hello")
    for bad in (not_an_image, tmp_path / "missing.png"):
        with pytest.raises(ValidationError) as caught:
            render_flyer(rally, FlyerOptions(logo=bad))
        assert caught.value.field == "logo"


def test_characters_the_font_lacks_are_left_out_and_reported(flyer_db: Database) -> None:
    texts = {"en": EventTextInput(title="Rally ✊ for families", summary="Be there.")}
    result = render_flyer(make_rally(flyer_db, texts), FlyerOptions(languages=("en",)))
    assert "✊" not in pdf_text(result.pdf)
    assert "Rally for families" in pdf_text(result.pdf)
    assert [(w.language, w.field, w.params) for w in result.warnings] == [
        ("en", "title", {"characters": "✊"})
    ]


TEXTS_EN = EventTextInput(
    title="Rally for the TRUST Act",
    summary="Be there.",
    call_to_action="Bring a friend.",
    accessibility_note="Wheelchair accessible.",
)
