"""Regenerate the example flyers shown in the README (fictional groups, real layouts).

Run from the repository root:  python docs/flyers/make_examples.py

Writes one picture per layout beside this file (the names say layout, languages and paper):
the first page of each PDF rendered with pypdfium2 (80 dpi for Letter and A4, 50 dpi for the
posters), reduced to 64 colours so the pictures stay small in the repository. The groups'
logos and the march's picture are drawn here too, as simple shapes (SVG logos, a PNG scene).
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zoneinfo
from pathlib import Path

import pypdfium2

from rallyorg.db import open_database
from rallyorg.domain.enums import EventKind, PartnerRole
from rallyorg.domain.events import EventData, EventInput, EventPartnerInput, EventTextInput
from rallyorg.domain.pictures import FlyerArt, read_picture
from rallyorg.domain.venues import VenueInput
from rallyorg.flyers import FlyerOptions, Layout, Paper, render_flyer
from rallyorg.services import events, partners, pictures, venues

HERE = Path(__file__).resolve().parent
START = dt.datetime(2025, 9, 13, 11, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
EXAMPLES = {
    "columns-en-es-letter.png": FlyerOptions(("en", "es"), Layout.COLUMNS, Paper.LETTER),
    "stacked-es-pt_BR-a4.png": FlyerOptions(("es", "pt_BR"), Layout.STACKED, Paper.A4),
    "handbill-en-pt_BR-letter.png": FlyerOptions(("en", "pt_BR"), Layout.HANDBILL, Paper.LETTER),
    "poster-en-es-tabloid.png": FlyerOptions(("en", "es"), Layout.POSTER, Paper.TABLOID),
    "poster-es-tabloid.png": FlyerOptions(("es",), Layout.POSTER, Paper.TABLOID),
    "tearoff-en-es-letter.png": FlyerOptions(("en", "es"), Layout.TEAROFF, Paper.LETTER),
    "quarter-en-es-letter.png": FlyerOptions(("en", "es"), Layout.QUARTER, Paper.LETTER),
}
# Dots per inch of the pictures: posters are bigger sheets.
DPI = {Paper.LETTER: 80, Paper.A4: 80, Paper.TABLOID: 50, Paper.A3: 50}
# A logo per group: a shape and a colour, at the aspect ratios real logos come in.
LOGOS = {
    "Familias Unidas Coalition": ('<circle cx="50" cy="50" r="45" fill="#1F4E79"/>', 100, 100),
    "Iglesia San José": (
        '<rect x="40" y="5" width="20" height="90" fill="#7A1F5C"/>'
        '<rect x="15" y="30" width="70" height="20" fill="#7A1F5C"/>',
        100,
        100,
    ),
    "Maple Street Workers Center": (
        '<rect x="5" y="20" width="190" height="60" rx="30" fill="#B35900"/>'
        '<circle cx="50" cy="50" r="18" fill="#FFFFFF"/>',
        200,
        100,
    ),
}


def logo_svg(shapes: str, width: int, height: int) -> bytes:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">{shapes}</svg>'
    ).encode()


def scene() -> bytes:
    """The march's picture: a sky, a sun, a crowd and a banner, drawn as flat shapes."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1600, 900))
    draw = ImageDraw.Draw(image)
    for y in range(900):
        draw.line([(0, y), (1600, y)], fill=(110 + y // 9, 165 + y // 14, 225 - y // 12))
    draw.ellipse((1250, 90, 1430, 270), fill=(250, 205, 90))
    for index in range(40):
        x = 20 + index * 41
        top = 520 + (index * 37) % 120
        draw.ellipse((x - 24, top - 50, x + 24, top), fill=(45, 40, 60))
        draw.rectangle((x - 32, top, x + 32, 900), fill=(60, 50, 75))
    draw.rectangle((420, 330, 1180, 470), fill=(250, 248, 240))
    draw.rectangle((440, 470, 452, 620), fill=(90, 70, 50))
    draw.rectangle((1148, 470, 1160, 620), fill=(90, 70, 50))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def sample_event(folder: Path) -> tuple[EventData, FlyerArt]:
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
                headline="March for Families",
            ),
            "es": EventTextInput(
                title="Marcha por las familias: conoce tus derechos",
                summary="Camina con tus vecinos desde Rogers Park hasta la alcaldía. Abogados "
                "responderán preguntas sobre tus derechos en casa, en el trabajo y en la calle.",
                call_to_action="Trae a tu familia. Agua y bocadillos gratis.",
                accessibility_note="Ruta sin escalones, 2 km. Intérpretes de español, portugués y ASL.",
                headline="Marcha familiar",
            ),
            "pt_BR": EventTextInput(
                title="Marcha pelas famílias: conheça seus direitos",
                summary="Caminhe com seus vizinhos do Rogers Park até a prefeitura. Advogados vão "
                "tirar dúvidas sobre seus direitos em casa, no trabalho e na rua.",
                call_to_action="Traga sua família. Água e lanches grátis.",
                accessibility_note="Percurso sem degraus, 2 km. Intérpretes de espanhol, português e ASL.",
                headline="Marcha familiar",
            ),
        }
        event = events.create_event(
            db,
            EventInput(
                kind=EventKind.MARCH,
                starts_at=START,
                ends_at=START + dt.timedelta(hours=2, minutes=30),
                venue_id=venue.id,
                public_url="https://example.org/march-for-families",
                texts=texts,
                partners=(
                    EventPartnerInput(lead.id, PartnerRole.LEAD),
                    *(EventPartnerInput(g.id) for g in groups),
                ),
            ),
        )
        for group in (lead, *groups):
            if group.name in LOGOS:
                svg = logo_svg(*LOGOS[group.name])
                pictures.save_group_logo(db, group.id, read_picture(svg, f"{group.name}.svg"))
        pictures.save_event_picture(db, event.id, read_picture(scene(), "march.png"))
        return event, pictures.flyer_art(db, event.id)
    finally:
        db.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        event, art = sample_event(Path(folder))
    for name, options in EXAMPLES.items():
        result = render_flyer(event, options, art)
        for warning in result.warnings:
            print(f"{name}: {warning}")
        document = pypdfium2.PdfDocument(result.pdf)
        try:
            image = document[0].render(scale=DPI[options.paper] / 72).to_pil()
        finally:
            document.close()
        image.convert("RGB").quantize(colors=64).save(HERE / name, optimize=True)
        print(f"wrote {HERE / name} ({(HERE / name).stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
