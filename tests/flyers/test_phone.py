"""Flyers for phones (issue #17): PNG pictures of the poster's content in three shapes, and the
text for a group chat. Checked like the PDFs, without OCR: the text runs of the page the picture
is drawn from, the QR code read off the pixels, nothing outside the picture."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import zxingcpp
from flyer_helpers import RALLY_URL, make_rally, pdf_chars, run_flyer_cli
from PIL import Image

from rallyorg.db import open_database
from rallyorg.domain.events import EventData
from rallyorg.flyers import build_content
from rallyorg.flyers.chat import chat_text
from rallyorg.flyers.phone import PhoneSize, parse_size, render_phone


@pytest.mark.parametrize("size", list(PhoneSize), ids=str)
def test_a_picture_for_phones_says_everything_in_both_languages(rally: EventData, size: PhoneSize) -> None:
    result = render_phone(rally, ("en", "es"), size)
    with Image.open(io.BytesIO(result.png)) as image:
        assert image.format == "PNG"
        assert image.size == size.pixels
        codes = zxingcpp.read_barcodes(image.convert("RGB"))
    assert [code.text for code in codes] == [RALLY_URL]
    (width, height), chars = pdf_chars(result.flyer.pdf)
    assert (width, height) == pytest.approx(size.pixels)
    for char in chars:  # nothing outside the picture, nor in its margins
        assert 0.04 * min(width, height) <= char.x0 and char.x1 <= width * 0.96 + 0.5, char
        assert 0.04 * min(width, height) <= char.top and char.bottom <= height * 0.96 + 0.5, char
    text = " ".join("".join(c.text for c in chars).split())
    for half in build_content(rally, ("en", "es")).languages:
        printed_title = half.headline if half.headline and half.headline in text else half.title
        assert printed_title.replace(" ", "") in text.replace(" ", ""), (half.language, printed_title)
        date = next(
            d for d in (half.short_date, half.shorter_date) if d.replace(" ", "") in text.replace(" ", "")
        )
        assert date
        assert half.start_time.replace("\u202f", "").replace(" ", "") in text.replace("\u202f", "").replace(
            " ", ""
        )
    # Big type, as on a poster: the title at least an eighteenth of the picture's shorter side.
    assert result.flyer.title_size >= min(width, height) / 18


def test_picture_sizes_are_named_or_refused() -> None:
    assert parse_size("Story") == PhoneSize.STORY
    with pytest.raises(Exception, match="not a picture size"):
        parse_size("banner")


def test_chat_text_has_both_languages_the_place_and_the_link(rally: EventData) -> None:
    text = chat_text(build_content(rally, ("en", "es")))
    assert "*Rally for the TRUST Act*" in text and "*Manifestación por la Ley TRUST*" in text
    assert "Tuesday, May 20, 2025" in text and "martes, 20 de mayo de 2025" in text
    assert "Danbury City Hall Plaza, 155 Deer Hill Ave" in text
    assert text.rstrip().endswith(RALLY_URL)


def test_cli_writes_a_png_and_prints_the_chat_text(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'phone.db'}"
    db = open_database(url)
    event = make_rally(db)
    db.close()
    target = tmp_path / "story.png"
    done = run_flyer_cli(url, str(event.id), "--format", "png", "--size", "story", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(target)
    with Image.open(target) as image:
        assert image.size == (1080, 1920)
    text = run_flyer_cli(url, str(event.id), "--format", "text", "-o", "-")
    assert text.returncode == 0, text.stderr
    assert "*Manifestación por la Ley TRUST*" in text.stdout
    refused = run_flyer_cli(
        url, str(event.id), "--format", "png", "--bleed", "3mm", "-o", str(tmp_path / "x.png")
    )
    assert refused.returncode != 0 and "Bleed is for a printed PDF" in refused.stderr
    assert not (tmp_path / "x.png").exists()
