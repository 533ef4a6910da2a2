"""The coalition's flyer look: colours checked against WCAG 2's contrast in colour and in black
and white, stored for everyone (services/look.py), shown and changed with ``rallyorg look``;
and the three shipped font families register with ReportLab and embed in a PDF."""

from __future__ import annotations

import io
import subprocess

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from rallyorg import app, paths
from rallyorg.db import Database
from rallyorg.domain import fonts
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.look import (
    FlyerLook,
    check_look,
    contrast_ratio,
    format_ratio,
    grayscale,
    grey_contrast,
    parse_colour,
    relative_luminance,
    validate_look,
)
from rallyorg.services import look as look_service

# --- contrast and grey ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("#000000", "#FFFFFF", 21.0),  # the largest there is
        ("#FFFFFF", "#000000", 21.0),  # either way round
        ("#777777", "#FFFFFF", 4.48),  # WCAG's classic "just fails AA"
        ("#767676", "#FFFFFF", 4.54),  # and the grey that just passes
        ("#FF0000", "#FFFFFF", 4.00),
        ("#0000FF", "#FFFFFF", 8.59),
        ("#FFFFFF", "#FFFFFF", 1.0),
    ],
)
def test_contrast_ratio_matches_wcag(a: str, b: str, expected: float) -> None:
    assert contrast_ratio(a, b) == pytest.approx(expected, abs=0.005)


def test_relative_luminance_of_black_white_and_the_primaries() -> None:
    assert relative_luminance("#000") == 0.0
    assert relative_luminance("#fff") == pytest.approx(1.0)
    assert relative_luminance("#FF0000") == pytest.approx(0.2126)
    assert relative_luminance("#00FF00") == pytest.approx(0.7152)
    assert relative_luminance("#0000FF") == pytest.approx(0.0722)


@pytest.mark.parametrize(
    ("colour", "grey"),
    [
        ("#000000", "#000000"),
        ("#FFFFFF", "#FFFFFF"),
        ("#808080", "#808080"),  # a grey stays itself
        ("#FF0000", "#7F7F7F"),  # luminance 0.2126
        ("#00FF00", "#DCDCDC"),  # 0.7152: green is light
        ("#0000FF", "#4C4C4C"),  # 0.0722: blue is dark, not a mid grey
        ("#FFFF00", "#F7F7F7"),  # yellow all but vanishes on a copy
    ],
)
def test_grayscale_keeps_the_luminance(colour: str, grey: str) -> None:
    assert grayscale(colour) == grey
    assert relative_luminance(grey) == pytest.approx(relative_luminance(colour), abs=0.005)


def test_a_printer_may_print_a_muted_purple_lighter_than_its_luminance() -> None:
    """The grey check is more than the colour check again: PDF's DeviceGray rule prints #8769A5
    lighter than a photocopy would, under 4.5:1, though in colour it passes."""
    assert contrast_ratio("#8769A5", "#FFFFFF") > 4.5
    grey, ratio = grey_contrast("#8769A5")
    assert ratio == pytest.approx(4.38, abs=0.01) and grey == "#797979"
    problems = check_look(FlyerLook(accent="#8769A5"))
    assert [(p.role, p.in_grey) for p in problems] == [("accent", True)]
    assert "#797979" in problems[0].translated() and "4.4:1" in problems[0].translated()


def test_ratios_are_never_shown_as_reaching_the_limit() -> None:
    assert format_ratio(6.468) == "6.5"
    assert format_ratio(4.478) == "4.48"
    assert format_ratio(4.4999) == "4.49"
    assert format_ratio(1.4026) == "1.4"


@pytest.mark.parametrize(
    ("text", "colour"),
    [("#abc", "#AABBCC"), ("#aabbcc", "#AABBCC"), ("aabbcc", "#AABBCC"), (" #B4233c ", "#B4233C")],
)
def test_parse_colour_normalises(text: str, colour: str) -> None:
    assert parse_colour(text) == colour


@pytest.mark.parametrize("text", ["", "#ab", "#abcd", "#gggggg", "red", "#aabbccdd", "rgb(1,2,3)"])
def test_parse_colour_refuses_anything_else(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_colour(text, "accent")
    assert refused.value.field == "accent"
    assert "#B4233C" in refused.value.translated()  # it shows how to write one


# --- what is refused, and why ------------------------------------------------------------------


def test_the_default_look_is_accepted() -> None:
    assert check_look(FlyerLook()) == []
    assert validate_look(FlyerLook()) == FlyerLook()


def test_yellow_is_refused_with_the_reason_and_the_measured_ratio() -> None:
    problems = check_look(FlyerLook(accent="#ffd700"))
    assert [(p.role, p.in_grey) for p in problems] == [("accent", False), ("accent", True)]
    with pytest.raises(ValidationError) as refused:
        validate_look(FlyerLook(accent="#ffd700"))
    assert refused.value.field == "accent"
    assert refused.value.translated() == (
        "The accent colour #FFD700 is too light: headings in it on the white page, and the white "
        "words of the language tags on it, have a contrast of 1.4:1, and need at least 4.5:1 to "
        "read from a distance and on a photocopy."
    )
    grey = problems[1].translated()
    assert "black and white" in grey and "#DADADA" in grey and "1.4:1" in grey


def test_the_second_colour_is_checked_too_and_named() -> None:
    with pytest.raises(ValidationError) as refused:
        validate_look(FlyerLook(second="#777777"))
    assert refused.value.field == "second"
    assert refused.value.translated().startswith("The second colour #777777 is too light")
    assert "4.48:1" in refused.value.translated()


def test_two_colours_alike_in_grey_are_allowed() -> None:
    """Meaning never rides on colour alone: both may print as the same grey."""
    assert grayscale("#B4233C") != grayscale("#1F4E79")
    assert check_look(FlyerLook(accent="#1F4E79", second="#1F4E79")) == []


def test_an_unknown_font_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        validate_look(FlyerLook(font="comic-sans"))
    assert refused.value.field == "font"
    assert "noto-serif" in refused.value.translated()


# --- stored for the coalition ----------------------------------------------------------------------


def test_the_look_round_trips_through_the_services(db: Database) -> None:
    assert look_service.get_look(db) == FlyerLook()
    stored = look_service.save_look(db, FlyerLook(accent="#0b6e4f", second="#333", font="noto-serif"))
    assert stored == FlyerLook(accent="#0B6E4F", second="#333333", font="noto-serif")
    assert look_service.get_look(db) == stored
    # Changed again: the same three rows, new values.
    look_service.save_look(db, FlyerLook(font="noto-sans-display"))
    assert look_service.get_look(db) == FlyerLook(font="noto-sans-display")
    assert look_service.reset_look(db) == FlyerLook()
    assert look_service.get_look(db) == FlyerLook()


def test_a_refused_look_changes_nothing(db: Database) -> None:
    kept = look_service.save_look(db, FlyerLook(accent="#0B6E4F"))
    with pytest.raises(ValidationError):
        look_service.save_look(db, FlyerLook(accent="#0B6E4F", second="#FFD700", font="noto-serif"))
    assert look_service.get_look(db) == kept


def test_a_stored_value_this_version_cannot_use_falls_back_to_the_default(db: Database) -> None:
    from rallyorg.models import CoalitionSetting

    with db.transaction() as session:
        session.add(CoalitionSetting(key=look_service.ACCENT_KEY, value="chartreuse"))
        session.add(CoalitionSetting(key=look_service.FONT_KEY, value="noto-sans-mono"))
        session.add(CoalitionSetting(key=look_service.SECOND_KEY, value="#123"))
    assert look_service.get_look(db) == FlyerLook(second="#112233")


# --- rallyorg look ----------------------------------------------------------------------------------


def run_look(capsys: pytest.CaptureFixture[str], db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    argv = ["--lang", "en", "--db", db_url, "look", *args]
    try:
        code = app.main(argv)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(argv, code, out, err)


def test_the_command_shows_sets_and_refuses(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    shown = run_look(capsys, db_url)
    assert shown.returncode == 0
    assert "#B4233C" in shown.stdout and "#1F4E79" in shown.stdout and "Noto Sans" in shown.stdout

    changed = run_look(capsys, db_url, "--accent", "#0b6e4f", "--font", "noto-serif")
    assert changed.returncode == 0, changed.stderr
    assert "#0B6E4F" in changed.stdout and "Noto Serif (noto-serif)" in changed.stdout

    refused = run_look(capsys, db_url, "--second", "#FFD700")
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert refused.stderr.startswith("rallyorg: The second colour #FFD700 is too light:")
    assert "1.4:1" in refused.stderr and "4.5:1" in refused.stderr

    bad = run_look(capsys, db_url, "--accent", "crimson")
    assert bad.returncode == 1 and "crimson is not a colour" in bad.stderr

    kept = run_look(capsys, db_url, "--json")
    assert kept.returncode == 0
    import json

    assert json.loads(kept.stdout) == {
        "accent": "#0B6E4F",
        "second": "#1F4E79",
        "font": "noto-serif",
        "font_name": "Noto Serif",
    }
    reset = run_look(capsys, db_url, "--reset", "--json")
    assert json.loads(reset.stdout)["accent"] == "#B4233C"


def test_the_command_refuses_a_font_it_does_not_ship(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    result = run_look(capsys, db_url, "--font", "comic-sans")
    assert result.returncode == 2
    assert "noto-sans-display" in result.stderr


# --- font families ----------------------------------------------------------------------------------


def test_the_default_family_keeps_the_names_the_flyers_use() -> None:
    sans = fonts.family("noto-sans")
    assert (sans.regular, sans.bold, sans.italic) == (fonts.REGULAR, fonts.BOLD, fonts.ITALIC)
    assert (fonts.REGULAR, fonts.BOLD, fonts.ITALIC) == ("NotoSans", "NotoSans-Bold", "NotoSans-Italic")
    assert list(fonts.FAMILIES) == ["noto-sans", "noto-serif", "noto-sans-display"]
    with pytest.raises(ValidationError):
        fonts.family("noto-mono")


def test_every_shipped_face_is_a_file_under_the_licence() -> None:
    folder = paths.resource("fonts")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for family in fonts.FAMILIES.values():
        assert family.name in readme
        for filename in family.files:
            assert (folder / filename).is_file(), filename


@pytest.mark.parametrize("key", ["noto-sans", "noto-serif", "noto-sans-display"])
def test_every_family_registers_and_embeds(key: str) -> None:
    fonts.register_fonts()
    fonts.register_fonts()  # again: nothing changes
    family = fonts.family(key)
    registered = set(pdfmetrics.getRegisteredFontNames())
    assert {family.regular, family.bold, family.italic} <= registered

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=letter)
    for line, face in enumerate((family.regular, family.bold, family.italic)):
        page.setFont(face, 14)
        page.drawString(72, 700 - 24 * line, "Manifestação · Día del Inmigrante · 3:00\u202fPM")
    page.showPage()
    page.save()

    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    used = reader.pages[0]["/Resources"]["/Font"]
    embedded = {}
    for reference in used.values():
        font = reference.get_object()
        if font["/Subtype"] == "/Type1":
            continue  # the canvas's initial Helvetica, never drawn with
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        # A subset's name is "ABCDEF+NotoSerif-Bold"; the TrueType program itself is in FontFile2.
        embedded[str(font["/BaseFont"]).split("+", 1)[-1]] = "/FontFile2" in descriptor
    expected = {name.removesuffix(".ttf") for name in family.files}
    assert embedded == dict.fromkeys(expected, True)
    assert "Manifestação" in reader.pages[0].extract_text()


def test_every_family_draws_what_noto_sans_draws() -> None:
    """printable() checks text against Noto Sans alone: the other families must cover as much."""
    fonts.register_fonts()
    sans = fonts._covered()
    for family in fonts.FAMILIES.values():
        for face in (family.regular, family.bold, family.italic):
            missing = sans - set(pdfmetrics.getFont(face).face.charToGlyph)
            assert not missing, f"{face} lacks {''.join(map(chr, sorted(missing)[:20]))!r}"
