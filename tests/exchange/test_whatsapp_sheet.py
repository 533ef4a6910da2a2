"""The printable WhatsApp list: every person's code opens their chat (decoded from a 150 dpi
rendering, as a phone or a scan sees the paper), a long message gets a bigger code rather
than a denser one, and a message too long for any QR code is said so — the others still print."""

from __future__ import annotations

import io
from urllib.parse import quote

import pdfplumber
import pytest
import zxingcpp
from PIL import Image

from rallyorg.domain.qr_code import qr_modules
from rallyorg.exchange.whatsapp_sheet import MARGIN, MODULE, QR_SIDE, QUIET, SheetEntry, whatsapp_sheet
from rallyorg.flyers.pages import render_page

DPI = 150
SHORT = "Hola, Lucía:\n\nTe esperamos el viernes a las 5:45 p.m. en New Haven Green.\n\n¡Nos vemos allí!"
LONG = "Hola, José: " + "recuerda traer agua, tu chaleco y tu teléfono cargado. " * 14  # ~800 characters


def _entry(name: str, message: str) -> SheetEntry:
    url = f"https://wa.me/12035550151?text={quote(message, safe='')}"
    return SheetEntry(name, "(203) 555-0151", "Español", message, url)


def _codes(pdf: bytes) -> list[zxingcpp.Barcode]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = len(document.pages)
    codes = []
    for index in range(pages):
        page = render_page(pdf, index, DPI / 72)
        image = Image.frombytes("RGB", (page.width, page.height), page.pixels, "raw", "BGRX", page.stride)
        codes.extend(zxingcpp.read_barcodes(image))
    return codes


def _side_in_points(code: zxingcpp.Barcode) -> float:
    position = code.position
    return (position.top_right.x - position.top_left.x) * 72 / DPI


def _column(pdf: bytes, left: float, right: float) -> str:
    """The words of one column of the first page, lines joined by spaces."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        text = page.crop((left, 0, right, page.height)).extract_text() or ""
    return " ".join(text.split())


def test_each_code_opens_its_persons_chat_and_a_long_message_gets_a_bigger_code() -> None:
    entries = [_entry("Lucía Ramos", SHORT), _entry("José Pérez", LONG)]
    pdf = whatsapp_sheet("Vigilia del Día Internacional del Migrante", entries, "es")
    codes = {code.text: code for code in _codes(pdf)}
    assert set(codes) == {entry.url for entry in entries}
    short, long = (codes[entry.url] for entry in entries)
    assert _side_in_points(short) == pytest.approx(QR_SIDE, rel=0.03)
    modules = len(qr_modules(entries[1].url))
    assert modules * MODULE > QR_SIDE  # dense enough to be drawn bigger: about a millimetre a module
    assert _side_in_points(long) == pytest.approx(modules * MODULE, rel=0.03)
    words = _column(pdf, MARGIN + QR_SIDE, 612)
    assert "Lucía Ramos (203) 555-0151 · Español Hola, Lucía:" in words


def test_a_message_too_long_for_any_code_is_said_so_and_the_rest_still_print() -> None:
    huge = "Hola, Ana: " + "esta es una nota muy larga con acentos: áéíóú ñ. " * 60  # ~3,000 characters
    entries = [_entry("Ana Souza", huge), _entry("Lucía Ramos", SHORT)]
    pdf = whatsapp_sheet("Vigil", entries, "en")
    beside = _column(pdf, 0, MARGIN + QR_SIDE + 2 * QUIET)
    assert "This message is too long for a QR code: shorten it (Edit messages…) or open the link." in beside
    assert [code.text for code in _codes(pdf)] == [entries[1].url]
