"""Flyer test helpers: a bilingual rally with accents, a venue, three co-sponsors and a public
page; and readers that see a PDF the way a person, a phone or a print shop would."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

import pdfplumber
import pypdfium2
import zxingcpp
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from rallyorg.db import Database
from rallyorg.domain.enums import PartnerRole
from rallyorg.domain.events import EventData, EventInput, EventPartnerInput, EventTextInput
from rallyorg.domain.venues import VenueInput
from rallyorg.flyers import FlyerResult, Region
from rallyorg.services import events, partners, venues

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
# Tuesday 20 May 2025, 15:00-17:00 in Danbury.
RALLY_START = dt.datetime(2025, 5, 20, 15, 0, tzinfo=NEW_YORK)
RALLY_URL = "https://example.org/e/trust-act-danbury"
CO_SPONSORS = ("Iglesia San José", "Maple Street Workers Center", "Centro Comunitário Brasileiro")
ORGANIZER = "Familias Unidas Coalition"

TEXTS = {
    "en": EventTextInput(
        title="Rally for the TRUST Act",
        summary="Join neighbors, faith leaders and workers to demand that Connecticut strengthen the "
        "TRUST Act. Hear from families affected by detentions.",
        call_to_action="Bring a sign, bring a friend.",
        accessibility_note="Wheelchair accessible. ASL and Spanish interpretation.",
        headline="TRUST Act!",
    ),
    "es": EventTextInput(
        title="Manifestación por la Ley TRUST",
        summary="Únete a vecinos, líderes religiosos y trabajadores para exigir que Connecticut "
        "fortalezca la Ley TRUST. Escucha a familias afectadas por las detenciones.",
        call_to_action="Trae un cartel, trae a un amigo.",
        accessibility_note="Accesible para sillas de ruedas. Interpretación en ASL y español.",
        headline="¡Ley TRUST!",
    ),
    "pt_BR": EventTextInput(
        title="Ato pela Lei TRUST: famílias unidas",
        summary="Junte-se a vizinhos, líderes religiosos e trabalhadores para exigir que Connecticut "
        "fortaleça a Lei TRUST. Ouça famílias afetadas pelas detenções.",
        call_to_action="Traga um cartaz, traga um amigo.",
        accessibility_note="Acessível para cadeirantes. Interpretação em ASL e espanhol.",
        headline="Lei TRUST!",
    ),
}


def make_rally(
    db: Database,
    texts: dict[str, EventTextInput] | None = None,
    *,
    starts_at: dt.datetime = RALLY_START,
    public_url: str = RALLY_URL,
    co_sponsors: Sequence[str] = CO_SPONSORS,
) -> EventData:
    """The Danbury rally: organiser, three co-sponsors (or ``co_sponsors``), a venue and texts
    in three languages."""
    existing = {g.name: g for g in partners.list_groups(db)}
    lead, *groups = [
        existing.get(name) or partners.create_group(db, partners.PartnerGroupInput(name=name))
        for name in (ORGANIZER, *co_sponsors)
    ]
    venue = venues.create_venue(
        db,
        VenueInput(
            name="Danbury City Hall Plaza",
            street="155 Deer Hill Ave",
            city="Danbury",
            state="CT",
            postal_code="06810",
        ),
    )
    return events.create_event(
        db,
        EventInput(
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=2),
            venue_id=venue.id,
            public_url=public_url,
            texts=TEXTS if texts is None else texts,
            partners=(
                EventPartnerInput(lead.id, PartnerRole.LEAD),
                *(EventPartnerInput(g.id) for g in groups),
            ),
        ),
    )


def pdf_text(pdf: bytes) -> str:
    """All the words on the first page, with no-break spaces read as spaces."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = document.pages[0].extract_text() or ""
    return normalise(text)


def normalise(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float  # from the top of the page, as pdfplumber measures
    bottom: float
    size: float
    font: str


def pdf_chars(pdf: bytes) -> tuple[tuple[float, float], list[Char]]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        chars = [
            Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"], c["fontname"])
            for c in page.chars
        ]
        return (float(page.width), float(page.height)), chars


def region_box(region: Region, page_height: float) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) of a region in pdfplumber's top-down coordinates."""
    rect = region.rect
    return rect.x, page_height - rect.top, rect.right, page_height - rect.y


def _widen(box: tuple[float, float, float, float], by: float = 0.5) -> tuple[float, float, float, float]:
    """PDF coordinates round-trip with float noise; half a point is far below any gap."""
    x0, top, x1, bottom = box
    return x0 - by, top - by, x1 + by, bottom + by


def text_in(pdf: bytes, box: tuple[float, float, float, float]) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return normalise(document.pages[0].within_bbox(_widen(box)).extract_text() or "")


def read_qr_codes(pdf: bytes, dpi: int = 150) -> list[tuple[str, float]]:
    """(text, width in inches) of every QR code on the first page, as a phone would see it."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    found = []
    for barcode in zxingcpp.read_barcodes(image):
        corners = barcode.position
        width = max(corners.top_right.x, corners.bottom_right.x) - min(
            corners.top_left.x, corners.bottom_left.x
        )
        found.append((barcode.text, width / dpi))
    return found


def region_texts(result: FlyerResult) -> dict[str, str]:
    """The words in each area of the first card: ``{"en": ..., "es": ..., "footer": ...}``."""
    texts: dict[str, str] = {}
    with pdfplumber.open(io.BytesIO(result.pdf)) as document:
        page = document.pages[0]
        for region in result.regions:
            if region.name not in texts:
                box = _widen(region_box(region, float(page.height)))
                texts[region.name] = normalise(page.within_bbox(box).extract_text() or "")
    return texts


def pdf_font_dicts(pdf: bytes) -> list[DictionaryObject]:
    """Every font dictionary in the file, used or not."""
    reader = PdfReader(io.BytesIO(pdf))
    fonts = []
    for generation, numbers in reader.xref.items():
        for number in numbers:
            obj = reader.get_object(IndirectObject(number, generation, reader))
            if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/Font":
                fonts.append(obj)
    return fonts


def run_flyer_cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``rallyorg --db URL --lang en flyer ARGS…`` in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "rallyorg.app", "--db", db_url, "--lang", "en", "flyer", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
