"""Text fitting: wrap to a width, shrink to fit a box, and cut (visibly) what still does not fit.

Heights use the font's real ascent and descent, so the ink of a fitted block — accents on
capitals included — stays inside the box it was fitted to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rallyorg.domain.fonts import ascent_descent, text_width

ELLIPSIS = "…"
# Only ordinary spaces break lines: U+00A0 and U+202F (as in Babel's "3:00 PM") must not.
_BREAKABLE_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class TextBlock:
    """Lines of one font and size, ready to draw from the top of their box."""

    lines: tuple[str, ...]
    font: str
    size: float
    leading: float  # baseline to baseline
    box_width: float  # the width the lines were wrapped to
    char_space: float = 0.0
    cut_after: int | None = None  # lines kept when the text was cut; None when all fitted

    @property
    def ascent(self) -> float:
        return ascent_descent(self.font, self.size)[0]

    @property
    def height(self) -> float:
        return block_height(len(self.lines), self.font, self.size, self.leading)

    @property
    def width(self) -> float:
        return max(
            (text_width(line, self.font, self.size, self.char_space) for line in self.lines), default=0
        )

    @property
    def cut(self) -> bool:
        return self.cut_after is not None


def block_height(lines: int, font: str, size: float, leading: float) -> float:
    """Height of ``lines`` lines from the top of the first one's accents to the bottom of
    the last one's descenders."""
    if lines <= 0:
        return 0.0
    ascent, descent = ascent_descent(font, size)
    return ascent + (lines - 1) * leading + descent


def _break_word(word: str, font: str, size: float, width: float, char_space: float) -> list[str]:
    """A word wider than the line (a long web address) is broken between characters."""
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and text_width(current + char, font, size, char_space) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, font: str, size: float, width: float, char_space: float = 0.0) -> list[str]:
    """Greedy word wrap; a newline starts a new line and a blank line is kept as one."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = [w for w in _BREAKABLE_SPACES.split(paragraph.strip()) if w]
        if not words:
            if lines and lines[-1] != "":
                lines.append("")
            continue
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, font, size, char_space) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if text_width(word, font, size, char_space) <= width:
                current = word
            else:
                *full, current = _break_word(word, font, size, width, char_space)
                lines.extend(full)
        lines.append(current)
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def layout_text(
    text: str,
    font: str,
    size: float,
    width: float,
    *,
    leading_ratio: float = 1.2,
    char_space: float = 0.0,
) -> TextBlock:
    """``text`` wrapped at ``size`` to ``width``, however tall that makes it."""
    return TextBlock(
        lines=tuple(wrap(text, font, size, width, char_space)),
        font=font,
        size=size,
        leading=size * leading_ratio,
        box_width=width,
        char_space=char_space,
    )


def shrink_to_fit(
    text: str,
    font: str,
    width: float,
    height: float,
    *,
    max_size: float,
    min_size: float,
    leading_ratio: float = 1.2,
    step: float = 0.5,
    max_lines: int | None = None,
    break_words: bool = True,
) -> TextBlock | None:
    """The largest size from ``max_size`` down to ``min_size`` at which ``text``, wrapped to
    ``width``, fits ``height`` (in at most ``max_lines`` lines): a long title first gets
    smaller, then takes more lines. Words are never broken while a smaller size would keep
    them whole, nor at all when ``break_words`` is false. ``None`` when even ``min_size``
    does not fit."""
    size = max_size
    while size >= min_size - 1e-9:
        words = [w for w in _BREAKABLE_SPACES.split(text) if w]
        whole = all(text_width(w, font, size) <= width for w in words)
        if whole or (break_words and size - step < min_size):
            block = layout_text(text, font, size, width, leading_ratio=leading_ratio)
            if block.height <= height + 1e-6 and (max_lines is None or len(block.lines) <= max_lines):
                return block
        size = round(size - step, 2)
    return None


def cut_to_height(block: TextBlock, height: float) -> TextBlock:
    """``block`` with only the lines that fit ``height``.

    The cut falls after the last whole sentence that fits, so the flyer still reads as
    finished prose; when not even one sentence fits, the last line ends with an ellipsis so
    the reader sees that text is missing. Either way ``cut_after`` says how many lines were
    kept, for the caller to report.
    """
    if block.height <= height + 1e-6:
        return block
    keep = len(block.lines)
    while keep > 0 and block_height(keep, block.font, block.size, block.leading) > height + 1e-6:
        keep -= 1
    lines = list(block.lines[:keep])
    while lines and lines[-1] == "":
        lines.pop()
    sentence = _last_sentence_end(lines)
    if sentence is not None:
        index, end = sentence
        lines = [*lines[:index], lines[index][:end]]
        while lines and lines[-1].strip() == "":
            lines.pop()
    elif lines:
        lines[-1] = _with_ellipsis(lines[-1], block)
    return replace(block, lines=tuple(lines), cut_after=len(lines))


_SENTENCE_END = re.compile(r"[.!?…](?:[\"”’»)]*)(?= |$)")


def _last_sentence_end(lines: list[str]) -> tuple[int, int] | None:
    """(line index, end offset) of the last sentence end in ``lines``, if any."""
    for index in range(len(lines) - 1, -1, -1):
        ends = list(_SENTENCE_END.finditer(lines[index]))
        if ends:
            return index, ends[-1].end()
    return None


def _with_ellipsis(line: str, block: TextBlock) -> str:
    """Append an ellipsis, dropping words so the line still fits its box."""
    limit = block.box_width
    candidate = line.rstrip(" .,;:") + ELLIPSIS
    words = line.split(" ")
    while len(words) > 1 and text_width(candidate, block.font, block.size, block.char_space) > limit:
        words.pop()
        candidate = " ".join(words).rstrip(" .,;:") + ELLIPSIS
    while len(candidate) > 1 and text_width(candidate, block.font, block.size, block.char_space) > limit:
        candidate = candidate[:-2] + ELLIPSIS  # one long word: shorten it character by character
    return candidate
