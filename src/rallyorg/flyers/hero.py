"""The event's picture as a band across the flyer, with the kind of event on a scrim.

The picture fills its band (cropped, never stretched). Text goes on it only along its bottom,
on a dark scrim whose opacity is worked out so that white text keeps 4.5:1 contrast even over
the brightest part of any picture; everything else stays on the plain page.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import black

from rallyorg.domain.look import contrast_ratio
from rallyorg.domain.pictures import StoredPicture
from rallyorg.flyers.draw import BoxDraw, DrawItem, ImageDraw, TextDraw
from rallyorg.flyers.fit import layout_text
from rallyorg.flyers.geometry import Rect
from rallyorg.flyers.style import WHITE, Typography

MIN_CONTRAST = 4.5


def scrim_alpha(minimum: float = MIN_CONTRAST) -> float:
    """The least opacity of a black scrim over white at which white text reaches ``minimum``
    contrast (the worst case: a white sky behind the words), rounded up to a hundredth."""
    alpha = 0.0
    while alpha < 1.0:
        grey = round(255 * (1 - alpha))
        if contrast_ratio("#FFFFFF", f"#{grey:02X}{grey:02X}{grey:02X}") >= minimum:
            return alpha
        alpha = round(alpha + 0.01, 2)
    return 1.0


def cover(picture: StoredPicture, band: Rect) -> Rect:
    """Where to draw ``picture`` so it covers ``band`` exactly in one direction and overflows
    (to be clipped) in the other, centred."""
    if picture.aspect >= band.width / band.height:
        width = band.height * picture.aspect
        return Rect(band.x - (width - band.width) / 2, band.y, width, band.height)
    height = band.width / picture.aspect
    return Rect(band.x, band.y - (height - band.height) / 2, band.width, height)


def hero_items(
    picture: StoredPicture, band: Rect, kinds: Sequence[str], typo: Typography, size: float
) -> list[DrawItem]:
    """The picture over ``band`` and, on a scrim along its bottom, the kind of event in each
    language ("RALLY · MANIFESTACIÓN")."""
    items: list[DrawItem] = [ImageDraw(picture, cover(picture, band), clip=band)]
    text = " · ".join(dict.fromkeys(kinds)).upper()
    label = layout_text(text, typo.faces.bold, size, band.width - 2 * size, char_space=0.1 * size)
    strip = Rect(band.x, band.y, band.width, label.height + size * 1.2)
    items.append(BoxDraw(strip, black, alpha=scrim_alpha() + 0.05))
    items.append(TextDraw(label, band.x + size, strip.top - size * 0.6, WHITE))
    return items
