"""The flyer's look: one accent colour, near-black ink, and a type scale.

The accent is dark enough to print as a solid mid-grey on a black-and-white office printer,
so headings stay readable and white text on the language tags keeps its contrast.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor

ACCENT: Color = HexColor("#B4233C")
INK: Color = HexColor("#161616")
BODY: Color = HexColor("#2E2E2E")
MUTED: Color = HexColor("#595959")
RULE: Color = HexColor("#9E9E9E")
WHITE: Color = HexColor("#FFFFFF")

# Smallest sizes (points) worth printing; below them text is cut instead of shrunk further.
MIN_TEXT = 7.5
MIN_NOTE = 7.0
MIN_LABEL = 6.0


@dataclass(frozen=True)
class Typography:
    """Sizes in points for one card.

    ``card`` scales with the paper (1.0 on Letter), ``body`` is the fitting step (1.0 down to
    0.7). A poster sets the title and the facts (when, where) bigger than the story (summary,
    call to action), which nobody reads from across the street anyway.
    """

    card: float
    body: float = 1.0
    poster: bool = False

    @property
    def _facts(self) -> float:
        # A poster keeps its facts big and lets the story shrink first.
        return self.card * (1.45 * max(self.body, 0.9) if self.poster else self.body)

    @property
    def _story(self) -> float:
        return self.card * self.body * (1.1 if self.poster else 1.0)

    @property
    def title_max(self) -> float:
        return (64 if self.poster else 40) * self.card

    @property
    def title_min(self) -> float:
        return (24 if self.poster else 16) * self.card

    @property
    def tag(self) -> float:
        return (10 if self.poster else 8.5) * self.card

    @property
    def label(self) -> float:
        """WHEN / WHERE headings: small, bold, spaced capitals."""
        return 8.5 * self._facts

    @property
    def label_tracking(self) -> float:
        return 0.12 * self.label

    @property
    def date(self) -> float:
        return 15 * self._facts

    @property
    def venue(self) -> float:
        return 13 * self._facts

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
