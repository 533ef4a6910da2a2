"""Regenerate the example flyers shown in the README (fictional groups, real layouts).

Run from the repository root:  python docs/flyers/make_examples.py

Writes ``columns-en-es-letter.png`` and ``handbill-en-pt_BR-letter.png`` beside this file: the
first page of each PDF rendered at 80 dpi with pypdfium2, reduced to 64 colours so the
pictures stay small in the repository.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import zoneinfo
from pathlib import Path

import pypdfium2

from rallyorg.db import open_database
from rallyorg.domain.enums import EventKind, PartnerRole
from rallyorg.domain.events import EventData, EventInput, EventPartnerInput, EventTextInput
from rallyorg.domain.venues import VenueInput
from rallyorg.flyers import FlyerOptions, Layout, Paper, render_flyer
from rallyorg.services import events, partners, venues

HERE = Path(__file__).resolve().parent
START = dt.datetime(2025, 9, 13, 11, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
EXAMPLES = {
    "columns-en-es-letter.png": FlyerOptions(("en", "es"), Layout.COLUMNS, Paper.LETTER),
    "handbill-en-pt_BR-letter.png": FlyerOptions(("en", "pt_BR"), Layout.HANDBILL, Paper.LETTER),
}


def sample_event(folder: Path) -> EventData:
    db = open_database(f"sqlite:///{folder / 'examples.db'}")
    try:
        lead, *groups = [
            partners.create_group(db, partners.PartnerGroupInput(name=name))
            for name in (
                "Familias Unidas Coalition",
                "Iglesia San José",
                "Maple Street Workers Center",
                "Centro Comunitário Brasileiro",
            )
        ]
        venue = venues.create_venue(
            db,
            VenueInput(
                name="Rogers Park", street="21 Memorial Dr", city="Danbury", state="CT", postal_code="06810"
            ),
        )
        texts = {
            "en": EventTextInput(
                title="March for Families: Know Your Rights",
                summary="Walk with neighbors from Rogers Park to City Hall. Lawyers will answer "
                "questions about your rights at home, at work and on the street.",
                call_to_action="Bring your family. Free water and snacks.",
                accessibility_note="Step-free route, 1.2 miles. Spanish, Portuguese and ASL interpreters.",
            ),
            "es": EventTextInput(
                title="Marcha por las familias: conoce tus derechos",
                summary="Camina con tus vecinos desde Rogers Park hasta la alcaldía. Abogados "
                "responderán preguntas sobre tus derechos en casa, en el trabajo y en la calle.",
                call_to_action="Trae a tu familia. Agua y bocadillos gratis.",
                accessibility_note="Ruta sin escalones, 2 km. Intérpretes de español, portugués y ASL.",
            ),
            "pt_BR": EventTextInput(
                title="Marcha pelas famílias: conheça seus direitos",
                summary="Caminhe com seus vizinhos do Rogers Park até a prefeitura. Advogados vão "
                "tirar dúvidas sobre seus direitos em casa, no trabalho e na rua.",
                call_to_action="Traga sua família. Água e lanches grátis.",
                accessibility_note="Percurso sem degraus, 2 km. Intérpretes de espanhol, português e ASL.",
            ),
        }
        return events.create_event(
            db,
            EventInput(
                kind=EventKind.MARCH,
                starts_at=START,
                ends_at=START + dt.timedelta(hours=2, minutes=30),
                venue_id=venue.id,
                lead_group_id=lead.id,
                public_url="https://example.org/march-for-families",
                texts=texts,
                partners=(
                    EventPartnerInput(lead.id, PartnerRole.LEAD),
                    *(EventPartnerInput(g.id) for g in groups),
                ),
            ),
        )
    finally:
        db.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        event = sample_event(Path(folder))
    for name, options in EXAMPLES.items():
        result = render_flyer(event, options)
        for warning in result.warnings:
            print(f"{name}: {warning}")
        document = pypdfium2.PdfDocument(result.pdf)
        try:
            image = document[0].render(scale=80 / 72).to_pil()
        finally:
            document.close()
        image.convert("RGB").quantize(colors=64).save(HERE / name, optimize=True)
        print(f"wrote {HERE / name} ({(HERE / name).stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
