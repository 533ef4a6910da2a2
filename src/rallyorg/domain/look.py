"""The coalition's flyer look: two colours and a font family, shared by everyone on the
database and checked so that a flyer stays readable in colour, in grey and photocopied.

A colour is refused when text in it on the white page, or white text on it (the language tags
are white on the accent), falls under WCAG 2's 4.5:1 contrast, or when it does in black and
white. Nothing asks the two colours to differ from each other in grey: a flyer never carries
meaning by colour alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from rallyorg.domain.errors import ValidationError
from rallyorg.domain.font_families import DEFAULT_FAMILY, family
from rallyorg.i18n import N_

DEFAULT_ACCENT = "#B4233C"
DEFAULT_SECOND = "#1F4E79"
DEFAULT_FONT = DEFAULT_FAMILY

WHITE = "#FFFFFF"
#: WCAG 2 (success criterion 1.4.3, AA) for normal-size text: a flyer's details are read from
#: across a room, and a photocopy loses contrast, so the large-text 3:1 is not enough.
MINIMUM_CONTRAST = 4.5

ColourRole = Literal["accent", "second"]


@dataclass(frozen=True)
class FlyerLook:
    """``accent`` marks headings, bars and tags; ``second`` the call to action and the strips;
    ``font`` is the key of a shipped family (see ``rallyorg.domain.fonts``). Colours are
    ``#RRGGBB``."""

    accent: str = DEFAULT_ACCENT
    second: str = DEFAULT_SECOND
    font: str = DEFAULT_FONT


_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def parse_colour(text: str, field_name: str = "colour") -> str:
    """``#abc``, ``#aabbcc`` or ``aabbcc`` (surrounding spaces ignored) as ``#AABBCC``; a
    ``ValidationError`` on ``field_name`` for anything else."""
    found = _HEX.fullmatch(text.strip())
    if found is None:
        raise ValidationError(
            field_name,
            N_("{colour} is not a colour: write it as # and six hexadecimal digits, such as #B4233C."),
            colour=text.strip(),
        )
    digits = found.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return "#" + digits.upper()


def _channels(colour: str) -> tuple[int, int, int]:
    digits = parse_colour(colour)[1:]
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _linear(value: float) -> float:
    """An sRGB channel's value (0–1) as linear light (0–1), by the sRGB transfer curve."""
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def _encoded(light: float) -> int:
    """Linear light (0–1) back to an sRGB channel (0–255)."""
    value = light * 12.92 if light <= 0.0031308 else 1.055 * light ** (1 / 2.4) - 0.055
    return max(0, min(255, round(value * 255)))


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance: 0 for black, 1 for white."""
    red, green, blue = (_linear(c / 255) for c in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _ratio(luminance_a: float, luminance_b: float) -> float:
    lighter, darker = max(luminance_a, luminance_b), min(luminance_a, luminance_b)
    return (lighter + 0.05) / (darker + 0.05)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2's contrast ratio of two colours, from 1 (the same) to 21 (black and white). It is
    symmetric: text in ``a`` on ``b`` reads as well as text in ``b`` on ``a``."""
    return _ratio(relative_luminance(a), relative_luminance(b))


def grayscale(colour: str) -> str:
    """The grey ``colour`` becomes on a black-and-white copy, as ``#RRGGBB``.

    Luminance-preserving: the grey has the colour's own relative luminance (Rec. 709's weights,
    0.2126 R + 0.7152 G + 0.0722 B, on linear light, which is what WCAG's luminance is), encoded
    back to sRGB. A photocopier's scanner, like the eye, records how much light a colour
    reflects, not its hue, and keeping the luminance keeps the colour's own contrast with the
    page, so this is the grey to show beside the colour. Averaging the channels ((R + G + B) / 3)
    would show yellow #FFFF00 as a mid grey (#AAAAAA) although on a copy it all but vanishes
    (#F7F7F7). A printer may convert differently: ``grey_contrast`` checks its rule too.
    """
    grey = _encoded(relative_luminance(colour))
    return f"#{grey:02X}{grey:02X}{grey:02X}"


def _printer_grey(colour: str) -> tuple[str, float]:
    """The grey a black-and-white printer makes of ``colour`` when it converts the PDF's colours
    itself, and its luminance: PDF's and PostScript's DeviceRGB to DeviceGray rule,
    0.30 R + 0.59 G + 0.11 B on the encoded values (ISO 32000-1, 10.3.5), which printer drivers
    and Ghostscript follow. It prints most colours darker than ``grayscale`` does, but a few
    muted purples and pinks lighter (#8769A5: 4.57:1 in colour, 4.38:1 so printed)."""
    red, green, blue = _channels(colour)
    level = (0.30 * red + 0.59 * green + 0.11 * blue) / 255
    grey = round(level * 255)
    return f"#{grey:02X}{grey:02X}{grey:02X}", _linear(level)  # a grey's luminance is its light


def grey_contrast(colour: str) -> tuple[str, float]:
    """The grey ``colour`` prints as in black and white and its contrast with the white page:
    the worse of a photocopy's (``grayscale``, whose contrast is the colour's own) and a
    black-and-white printer's."""
    copied = (grayscale(colour), relative_luminance(colour))  # unrounded: no 8-bit surprises
    grey, luminance = max(copied, _printer_grey(colour), key=lambda candidate: candidate[1])
    return grey, _ratio(luminance, 1.0)


def format_ratio(ratio: float) -> str:
    """``6.5`` for 6.47: one decimal, or two where one would round up to the limit (4.48 is
    "4.48", not a puzzling "4.5:1 … needs at least 4.5:1"), never shown as reaching it."""
    for decimals in (1, 2):
        shown = f"{ratio:.{decimals}f}"
        if not ratio < MINIMUM_CONTRAST <= float(shown):
            return shown
    return f"{math.floor(ratio * 100) / 100:.2f}"


# The messages, one whole sentence per colour so that every language can word it.
_TOO_LIGHT = {
    "accent": N_(
        "The accent colour {colour} is too light: headings in it on the white page, and the white "
        "words of the language tags on it, have a contrast of {ratio}:1, and need at least 4.5:1 "
        "to read from a distance and on a photocopy."
    ),
    "second": N_(
        "The second colour {colour} is too light: text in it on the white page, and white text "
        "on it, have a contrast of {ratio}:1, and need at least 4.5:1 to read from a distance and "
        "on a photocopy."
    ),
}
_TOO_LIGHT_IN_GREY = {
    "accent": N_(
        "The accent colour {colour} turns too light in black and white: on a photocopy or a "
        "black-and-white printer it becomes a grey ({grey}) with a contrast of {ratio}:1 with the "
        "white page, and needs at least 4.5:1."
    ),
    "second": N_(
        "The second colour {colour} turns too light in black and white: on a photocopy or a "
        "black-and-white printer it becomes a grey ({grey}) with a contrast of {ratio}:1 with the "
        "white page, and needs at least 4.5:1."
    ),
}


@dataclass(frozen=True)
class LookProblem:
    """Why one of the look's colours is refused: ``role`` names it (``accent``/``second``, also
    the field of the ``ValidationError``), ``ratio`` is the contrast measured, ``in_grey``
    whether it is the black-and-white copy's. ``message`` is an untranslated sentence with
    ``{placeholders}`` filled from ``params``."""

    role: ColourRole
    colour: str
    ratio: float
    in_grey: bool
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def translated(self, gettext: Callable[[str], str] | None = None) -> str:
        return self.error().translated(gettext)

    def error(self) -> ValidationError:
        return ValidationError(self.role, self.message, **self.params)


def check_colour(role: ColourRole, colour: str) -> list[LookProblem]:
    """What is wrong with ``colour`` as the look's ``role`` colour (nothing: an empty list).

    One check stands for two: contrast is symmetric, so headings in the colour on the white
    page and the tags' white text on the colour have the same ratio."""
    colour = parse_colour(colour, role)
    problems = []
    ratio = contrast_ratio(colour, WHITE)
    if ratio < MINIMUM_CONTRAST:
        params = {"colour": colour, "ratio": format_ratio(ratio)}
        problems.append(LookProblem(role, colour, ratio, False, _TOO_LIGHT[role], params))
    grey, in_grey = grey_contrast(colour)
    if in_grey < MINIMUM_CONTRAST:
        params = {"colour": colour, "grey": grey, "ratio": format_ratio(in_grey)}
        problems.append(LookProblem(role, colour, in_grey, True, _TOO_LIGHT_IN_GREY[role], params))
    return problems


def check_look(look: FlyerLook) -> list[LookProblem]:
    """Every reason to refuse the look's colours, the accent's first; empty when both read well
    in colour and in black and white."""
    return [*check_colour("accent", look.accent), *check_colour("second", look.second)]


def validate_look(look: FlyerLook) -> FlyerLook:
    """The look with its colours written as ``#RRGGBB``; a ``ValidationError`` (field
    ``accent``, ``second`` or ``font``) with the first reason to refuse it."""
    normal = FlyerLook(parse_colour(look.accent, "accent"), parse_colour(look.second, "second"), look.font)
    problems = check_look(normal)
    if problems:
        raise problems[0].error()
    family(look.font)  # a ValidationError for a family rallyorg does not ship
    return normal
