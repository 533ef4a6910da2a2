"""Flyers for phones: the poster's content, fonts and QR code on a picture sized for where
immigrant communities pass event news around — WhatsApp groups, Instagram and Facebook.

The picture is planned and drawn exactly as a poster (a page one point per pixel), then turned
into pixels by PDFium; what it says can be read back from ``PhoneResult.flyer.pdf`` without OCR.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from rallyorg.domain.errors import ValidationError
from rallyorg.domain.events import EventData
from rallyorg.domain.look import FlyerLook
from rallyorg.domain.pictures import FlyerArt
from rallyorg.flyers.content import FlyerContent, build_content
from rallyorg.flyers.geometry import LETTER_HEIGHT, LETTER_WIDTH, PageGeometry, Rect, poster_card
from rallyorg.flyers.options import FlyerOptions, Layout
from rallyorg.flyers.pages import render_page
from rallyorg.flyers.render import FlyerResult, render_content
from rallyorg.i18n import N_

# A QR code another phone can read off a screen: about a tenth of the picture's width.
PHONE_QR_SHARE = 0.11


class PhoneSize(StrEnum):
    SQUARE = "square"  # a WhatsApp or Instagram post
    STORY = "story"  # a status or a story, full screen
    POST = "post"  # a Facebook post or a link's preview

    @property
    def pixels(self) -> tuple[int, int]:
        return _PIXELS[self]


_PIXELS = {PhoneSize.SQUARE: (1080, 1080), PhoneSize.STORY: (1080, 1920), PhoneSize.POST: (1200, 630)}


@dataclass(frozen=True)
class PhoneResult:
    png: bytes
    flyer: FlyerResult  # the page it was drawn from, one point per pixel


def phone_geometry(size: PhoneSize, languages: int) -> PageGeometry:
    """One poster card filling the picture, inside margins of about 5 % of its shorter side."""
    width, height = size.pixels
    page_scale = min(width / LETTER_WIDTH, height / LETTER_HEIGHT)
    margin = 0.05 * min(width, height)
    frame = Rect(0, 0, width, height).inset(margin)
    # A wide picture is short: its code is measured against the height, a little larger.
    qr = PHONE_QR_SHARE * (width if height >= width else 1.4 * height)
    card = poster_card(frame, languages, page_scale, min_qr=qr)
    return PageGeometry(float(width), float(height), (card,), cut_line=None)


def parse_size(text: str) -> PhoneSize:
    try:
        return PhoneSize(text.strip().lower())
    except ValueError as error:
        raise ValidationError(
            "size",
            N_("{value} is not a picture size; choose from {choices}."),
            value=text,
            choices=", ".join(PhoneSize),
        ) from error


def render_phone(
    event: EventData,
    languages: Sequence[str],
    size: PhoneSize,
    look: FlyerLook | None = None,
    art: FlyerArt | None = None,
) -> PhoneResult:
    """The event as a PNG picture of ``size``, in ``languages`` (the poster's words and sizes,
    scaled to the picture)."""
    return render_phone_content(build_content(event, languages), size, look, art)


def render_phone_content(
    content: FlyerContent, size: PhoneSize, look: FlyerLook | None = None, art: FlyerArt | None = None
) -> PhoneResult:
    languages = tuple(half.language for half in content.languages)
    options = FlyerOptions(languages=languages, layout=Layout.POSTER, look=look or FlyerLook())
    flyer = render_content(content, options, art, page=phone_geometry(size, len(languages)))
    return PhoneResult(_png(flyer.pdf), flyer)


def _png(pdf: bytes) -> bytes:
    # Pillow is imported here: only pictures for phones need it.
    from PIL import Image

    page = render_page(pdf, 0, 1.0)
    image = Image.frombuffer("RGBX", (page.width, page.height), page.pixels, "raw", "BGRX", page.stride, 1)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
