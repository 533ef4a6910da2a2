"""The font families a coalition may choose for its flyers (Settings ▸ Flyer look), as plain
data: their keys, names, ReportLab font names and shipped files.

Kept apart from ``rallyorg.domain.fonts`` (which loads ReportLab to register them) so that the
command line's parser and the app's Settings can list them without loading ReportLab;
``rallyorg.domain.fonts`` re-exports everything here.
"""

from __future__ import annotations

from dataclasses import dataclass

from rallyorg.domain.errors import ValidationError
from rallyorg.i18n import N_


@dataclass(frozen=True)
class FontFamily:
    """``regular``, ``bold`` and ``italic`` are the faces' names as registered with ReportLab;
    ``files`` their TrueType files in ``resources/fonts``, in that order."""

    key: str
    name: str  # the family's own name, shown as it is in every language
    regular: str
    bold: str
    italic: str
    files: tuple[str, str, str]

    def faces(self) -> tuple[tuple[str, str], ...]:
        """(ReportLab name, file) of each face."""
        return tuple(zip((self.regular, self.bold, self.italic), self.files, strict=True))


NOTO_SANS = FontFamily(
    "noto-sans",
    "Noto Sans",
    "NotoSans",
    "NotoSans-Bold",
    "NotoSans-Italic",
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"),
)
NOTO_SERIF = FontFamily(
    "noto-serif",
    "Noto Serif",
    "NotoSerif",
    "NotoSerif-Bold",
    "NotoSerif-Italic",
    ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf"),
)
NOTO_SANS_DISPLAY = FontFamily(
    "noto-sans-display",
    "Noto Sans Display",
    "NotoSansDisplay",
    "NotoSansDisplay-Bold",
    "NotoSansDisplay-Italic",
    ("NotoSansDisplay-Regular.ttf", "NotoSansDisplay-Bold.ttf", "NotoSansDisplay-Italic.ttf"),
)

#: Every family, in the order Settings and ``rallyorg look --font`` offer them.
FAMILIES: dict[str, FontFamily] = {f.key: f for f in (NOTO_SANS, NOTO_SERIF, NOTO_SANS_DISPLAY)}
DEFAULT_FAMILY = NOTO_SANS.key


def family(key: str) -> FontFamily:
    """The family with this key; a ``ValidationError`` (field ``font``) for any other."""
    found = FAMILIES.get(key)
    if found is None:
        raise ValidationError(
            "font",
            N_("{font} is not one of the font families rallyorg ships: {choices}."),
            font=key,
            choices=", ".join(FAMILIES),
        )
    return found
