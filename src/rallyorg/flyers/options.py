"""What a flyer looks like: languages, layout, paper and an optional logo (the user's choice).

Every layout works on every paper: the geometry scales with the sheet. The defaults are
what organisers print most: Letter for flyers and handbills, 11×17 tabloid for posters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from rallyorg.domain.errors import ValidationError
from rallyorg.domain.look import FlyerLook
from rallyorg.i18n import N_

# Languages a flyer can be printed in, in the order they are offered.
FLYER_LANGUAGES = ("en", "es", "pt_BR")
MAX_LANGUAGES = 2

_POINTS_PER_INCH = 72.0
_POINTS_PER_MM = 72.0 / 25.4


class Layout(StrEnum):
    COLUMNS = "columns"  # the languages side by side
    STACKED = "stacked"  # the languages one above the other
    HANDBILL = "handbill"  # a half-page flyer printed twice on one sheet, to cut in two
    POSTER = "poster"  # big type, made for a wall or a window
    TEAROFF = "tearoff"  # a community-board flyer: the top two thirds, then strips to tear off
    QUARTER = "quarter"  # four quarter-page handouts on one sheet, with cut marks


class Paper(StrEnum):
    LETTER = "letter"
    A4 = "a4"
    TABLOID = "tabloid"
    A3 = "a3"  # a poster outside the US

    @property
    def size(self) -> tuple[float, float]:
        """Width and height in PDF points (portrait)."""
        return _PAPER_SIZES[self]


_PAPER_SIZES = {
    Paper.LETTER: (8.5 * _POINTS_PER_INCH, 11 * _POINTS_PER_INCH),
    Paper.A4: (210 * _POINTS_PER_MM, 297 * _POINTS_PER_MM),
    Paper.TABLOID: (11 * _POINTS_PER_INCH, 17 * _POINTS_PER_INCH),
    Paper.A3: (297 * _POINTS_PER_MM, 420 * _POINTS_PER_MM),
}


def default_paper(layout: Layout) -> Paper:
    """Posters go on tabloid; everything else on Letter (US coalitions print on Letter)."""
    return Paper.TABLOID if layout == Layout.POSTER else Paper.LETTER


# A print shop asks for 3 mm (Europe) or 1/8 in (US) of bleed; more than half an inch is a typo.
MAX_BLEED = 0.5 * _POINTS_PER_INCH
_LENGTH_UNITS = {"mm": _POINTS_PER_MM, "in": _POINTS_PER_INCH, "pt": 1.0}


def parse_bleed(text: str) -> float:
    """``"3mm"``, ``"0.125in"``, ``"9pt"`` or ``"0"`` -> points. A bare number other than 0 is
    refused: 3 of what?"""
    cleaned = text.strip().lower().replace(" ", "").replace(",", ".")
    unit = next((u for u in _LENGTH_UNITS if cleaned.endswith(u)), "")
    try:
        number = float(cleaned[: len(cleaned) - len(unit)])
    except ValueError:
        number = -1.0
    value = number * _LENGTH_UNITS[unit] if unit else (0.0 if number == 0 else -1.0)
    if not 0 <= value <= MAX_BLEED:
        raise ValidationError(
            "bleed",
            N_("{value} is not a bleed; give a length up to half an inch, such as 3mm or 0.125in."),
            value=text,
        )
    return value


def normalise_language(code: str) -> str:
    """``pt``, ``pt-BR`` or ``PT_br`` -> ``pt_BR``; ``ES`` -> ``es``; unknown codes unchanged."""
    cleaned = code.strip().replace("-", "_")
    base = cleaned.split("_")[0].lower()
    if base == "pt":
        return "pt_BR"
    return base if base in FLYER_LANGUAGES else cleaned


def parse_languages(text: str) -> tuple[str, ...]:
    """``"en,es"`` -> ``("en", "es")``, validated as :class:`FlyerOptions` does."""
    languages = tuple(normalise_language(part) for part in text.split(",") if part.strip())
    check_languages(languages)
    return languages


def check_languages(languages: Iterable[str]) -> None:
    chosen = tuple(languages)
    if not 1 <= len(chosen) <= MAX_LANGUAGES:
        raise ValidationError("languages", N_("Choose one or two languages for a flyer."))
    for code in chosen:
        if code not in FLYER_LANGUAGES:
            raise ValidationError(
                "languages",
                N_("{language} is not a flyer language; choose from {choices}."),
                language=code,
                choices=", ".join(FLYER_LANGUAGES),
            )
    if len(set(chosen)) != len(chosen):
        raise ValidationError("languages", N_("Choose two different languages."))


@dataclass(frozen=True)
class FlyerOptions:
    """A flyer choice. ``languages`` are printed in the given order (left/top first)."""

    languages: tuple[str, ...] = ("en", "es")
    layout: Layout = Layout.COLUMNS
    paper: Paper = Paper.LETTER
    logo: Path | None = None
    look: FlyerLook = field(default_factory=FlyerLook)
    bleed: float = 0.0  # points of bleed (with crop marks) around the page, for a print shop

    def __post_init__(self) -> None:
        # Accept plain strings from the command line or the GUI, store the enums.
        check_languages(self.languages)
        try:
            object.__setattr__(self, "layout", Layout(self.layout))
        except ValueError as error:
            raise ValidationError(
                "layout",
                N_("{value} is not a layout; choose from {choices}."),
                value=self.layout,
                choices=", ".join(Layout),
            ) from error
        try:
            object.__setattr__(self, "paper", Paper(self.paper))
        except ValueError as error:
            raise ValidationError(
                "paper",
                N_("{value} is not a paper size; choose from {choices}."),
                value=self.paper,
                choices=", ".join(Paper),
            ) from error
        object.__setattr__(self, "languages", tuple(self.languages))
        if not 0 <= self.bleed <= MAX_BLEED:
            raise ValidationError(
                "bleed", N_("{value} is not a bleed; give a length up to half an inch."), value=self.bleed
            )
        if self.logo is not None:
            object.__setattr__(self, "logo", Path(self.logo))
