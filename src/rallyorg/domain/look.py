"""The coalition's flyer look: two colours and a font family, shared by everyone on the
database and checked so that a flyer stays readable in colour, in grey and photocopied."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_ACCENT = "#B4233C"
DEFAULT_SECOND = "#1F4E79"
DEFAULT_FONT = "noto-sans"


@dataclass(frozen=True)
class FlyerLook:
    """``accent`` marks headings, bars and tags; ``second`` the call to action and the strips;
    ``font`` is the key of a shipped family (see ``rallyorg.domain.fonts``). Colours are
    ``#RRGGBB``."""

    accent: str = DEFAULT_ACCENT
    second: str = DEFAULT_SECOND
    font: str = DEFAULT_FONT
