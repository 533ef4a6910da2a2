"""The flyer's look: the coalition's two colours and font family, near-black ink, a type scale.

Colours come from the coalition look (Settings), which refuses any colour that would not keep
4.5:1 contrast with the page, in colour and in grey; so headings stay readable on a
black-and-white office printer and white text on the language tags keeps its contrast.
Lines and rules are decorative only: a photocopier may drop them without losing meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from reportlab.lib.colors import Color, HexColor

from rallyorg.domain import fonts
from rallyorg.domain.look import FlyerLook

INK: Color = HexColor("#161616")
BODY: Color = HexColor("#2E2E2E")
MUTED: Color = HexColor("#595959")
RULE: Color = HexColor("#9E9E9E")
# Cut and tear lines must survive a photocopy: a dark grey, not the light rule grey.
CUT: Color = HexColor("#4D4D4D")
WHITE: Color = HexColor("#FFFFFF")
ACCENT: Color = HexColor(FlyerLook().accent)


@dataclass(frozen=True)
class Faces:
    """The ReportLab font names of one family's faces (the coalition look's choice)."""

    regular: str = fonts.REGULAR
    bold: str = fonts.BOLD
    italic: str = fonts.ITALIC


@dataclass(frozen=True)
class Palette:
    accent: Color = ACCENT  # headings, tags, bars
    second: Color = field(default_factory=lambda: HexColor(FlyerLook().second))  # call to action


def look_style(look: FlyerLook) -> tuple[Faces, Palette]:
    """The faces and colours of a coalition look."""
    family = fonts.family(look.font)
    return (
        Faces(family.regular, family.bold, family.italic),
        Palette(HexColor(look.accent), HexColor(look.second)),
    )


# Smallest sizes (points) worth printing; below them text is cut instead of shrunk further.
MIN_TEXT = 7.5
MIN_NOTE = 7.0
MIN_LABEL = 6.0


class Scale(StrEnum):
    """How far a card is meant to be read from."""

    HANDOUT = "handout"  # held in the hand: handbills and quarter pages
    SHEET = "sheet"  # a whole-sheet flyer on a board or a door (columns, stacked)
    POSTER = "poster"  # across the street


# Floors on a whole-sheet flyer, in points on Letter and A4: a title under 36 pt or a date under
# 24 pt is not read from two steps back (issue #16, measured with OCR at 36 dpi ≈ 2.4 m).
SHEET_TITLE_FLOOR = 36.0
SHEET_DATE_FLOOR = 24.0


@dataclass(frozen=True)
class Typography:
    """Sizes in points for one card.

    ``card`` scales with the paper (1.0 on Letter), ``body`` is the fitting step (1.0 down to
    0.7, or up to 1.5 when there is room). On a whole sheet the title and the date never go
    under their floors; the story (summary, call to action) shrinks first.
    """

    card: float
    body: float = 1.0
    scale: Scale = Scale.HANDOUT
    faces: Faces = Faces()
    palette: Palette = Palette()

    @property
    def poster(self) -> bool:
        return self.scale == Scale.POSTER

    @property
    def sheet(self) -> bool:
        return self.scale == Scale.SHEET

    @property
    def _floor_scale(self) -> float:
        # Floors hold on Letter and on A4, which is a little narrower: never scaled below 1.
        return max(self.card, 1.0)

    @property
    def _facts(self) -> float:
        return self.card * self.body

    @property
    def _story(self) -> float:
        return self.card * self.body

    @property
    def title_max(self) -> float:
        return (56 if self.sheet else 40) * self.card

    @property
    def title_min(self) -> float:
        return SHEET_TITLE_FLOOR * self._floor_scale if self.sheet else 16 * self.card

    @property
    def tag(self) -> float:
        return 8.5 * self.card

    @property
    def label(self) -> float:
        """WHEN / WHERE headings: small, bold, spaced capitals."""
        return 8.5 * self._facts

    @property
    def label_tracking(self) -> float:
        return 0.12 * self.label

    @property
    def date(self) -> float:
        if self.sheet:
            return SHEET_DATE_FLOOR * self._floor_scale * max(self.body, 1.0)
        return 15 * self._facts

    @property
    def venue(self) -> float:
        return (16 if self.sheet else 13) * self._facts

    @property
    def address(self) -> float:
        return 11 * self._facts

    @property
    def note(self) -> float:
        return 10 * self._facts

    @property
    def summary(self) -> float:
        return 11 * self._story

    @property
    def cta(self) -> float:
        return 12 * self._story

    @property
    def legible(self) -> bool:
        """Whether every size is still comfortable to read at arm's length."""
        return (
            min(self.summary, self.address) >= MIN_TEXT - 1e-6
            and self.note >= MIN_NOTE - 1e-6
            and self.label >= MIN_LABEL - 1e-6
        )

    @property
    def footer_text(self) -> float:
        return 9.5 * self.card

    @property
    def footer_min(self) -> float:
        return 6.5 * self.card

    @property
    def caption(self) -> float:
        return 9 * self.card

    # Vertical rhythm.
    @property
    def gap_tight(self) -> float:
        return 3 * self.card * self.body

    @property
    def gap(self) -> float:
        return 8 * self.card * self.body

    @property
    def gap_block(self) -> float:
        return 15 * self.card * self.body
