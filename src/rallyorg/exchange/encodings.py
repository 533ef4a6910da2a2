"""Which encoding a CSV file's letters are in, told from its bytes.

A byte-order mark (UTF-8, UTF-16 LE or BE) settles it, and so does text that decodes as
strict UTF-8: a Windows or Mac accent is a lone byte above 0x7F between ASCII letters, which
UTF-8 never accepts, so a non-ASCII file that passes is UTF-8. Otherwise the file is in a
one-byte code page, and every byte decodes in each of them; the candidates (Windows-1252,
Mac Roman, ISO-8859-1) are told apart by *scoring* the words around the bytes above 0x7F as
each would read them (see ``_char_score``): accented letters of Latin-script names score,
control characters, symbols inside words (``Nœ–ez``) and capitals after small letters
(``JosŽ``) cost. The best reading wins when it clearly does and looks like words; when two
readings score close, or the best one still looks garbled, ``Decoded.readings`` holds both
with an example of each, and the caller asks the user instead of importing garbled names.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rallyorg.domain.errors import Phrase
from rallyorg.exchange.errors import EncodingReading, ImportFileError
from rallyorg.i18n import N_

# Names shown to people and stored with an import batch.
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16",
    "windows-1252": "Windows-1252",
    "iso-8859-1": "ISO-8859-1",
    "mac-roman": "Mac Roman",
}
# What ``--encoding`` offers, and the names (or spellings) ``decode`` accepts for each.
ENCODING_OPTIONS = ("utf-8", "utf-16", "cp1252", "latin-1", "mac-roman")
_ALIASES = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "utf-16": "utf-16",
    "utf16": "utf-16",
    "cp1252": "windows-1252",
    "windows-1252": "windows-1252",
    "latin-1": "iso-8859-1",
    "latin1": "iso-8859-1",
    "iso-8859-1": "iso-8859-1",
    "mac-roman": "mac-roman",
    "macroman": "mac-roman",
    "mac_roman": "mac-roman",
}
_OPTION_FOR = {"utf-8-sig": "utf-8", "windows-1252": "cp1252", "iso-8859-1": "latin-1"}
_CODECS = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "utf-16": "utf-16",
    "windows-1252": "cp1252",
    "iso-8859-1": "latin-1",
    "mac-roman": "mac_roman",
}
# The one-byte code pages a file without a BOM that is not UTF-8 may be in, in the order that
# wins a tie. ISO-8859-1 reads exactly as Windows-1252 except 0x80-0x9F, which it makes
# control characters, so it only wins (as an explicit choice) or ties (and is then named
# Windows-1252, the code page Excel writes).
SINGLE_BYTE = ("windows-1252", "mac-roman", "iso-8859-1")

# Scoring looks at the first SAMPLE_RUNS runs of bytes above 0x7F, each with up to
# CONTEXT_BYTES of its word on either side: thousands of accented names decide as well as a
# million would, and a 200 MB file is scored in milliseconds.
SAMPLE_RUNS = 2000
CONTEXT_BYTES = 16
RUN_BYTES = 8
# How far ahead the best reading must be: MIN_MARGIN points, and MARGIN_PER_CHAR points per
# character the two readings differ in (a right reading is ahead by 5-10 points per
# character: a common accented letter against a symbol, a control or a misplaced capital).
MIN_MARGIN = 3.0
MARGIN_PER_CHAR = 1.0
# The best reading still looks garbled when its score is below zero or more than this share
# of the words it was scored on score below zero.
GARBLED_WORD_SHARE = 0.1
EXAMPLE_CHARS = 40

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _keep_c1_controls(error: UnicodeError) -> tuple[str, int]:
    # The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode to the
    # matching C1 control characters, as browsers (WHATWG) do, so decoding never fails.
    assert isinstance(error, UnicodeDecodeError)
    return "".join(chr(b) for b in error.object[error.start : error.end]), error.end


codecs.register_error("rallyorg-c1", _keep_c1_controls)


@dataclass(frozen=True)
class Decoded:
    """A file's text, the encoding it was read in and, when rallyorg cannot tell which of two
    readings is right, both (``readings``, best first): the caller must then ask."""

    text: str
    encoding: str
    readings: tuple[EncodingReading, ...] = ()

    @property
    def uncertain(self) -> bool:
        return bool(self.readings)


def encoding_for(name: str) -> str:
    """The encoding rallyorg calls ``name`` (``cp1252`` → ``windows-1252``); ImportFileError
    for one it does not read."""
    key = name.strip().lower().replace(" ", "-")
    if key not in _ALIASES:
        raise ImportFileError(
            N_("rallyorg does not read the {encoding} encoding; choose one of: {choices}."),
            encoding=name,
            choices=", ".join(ENCODING_OPTIONS),
        )
    return _ALIASES[key]


def option_for(encoding: str) -> str:
    """How ``--encoding`` spells ``encoding`` (``windows-1252`` → ``cp1252``)."""
    return _OPTION_FOR.get(encoding, encoding)


def _explicit(data: bytes, encoding: str) -> str:
    found = encoding_for(encoding)
    return "utf-8-sig" if found == "utf-8" and data.startswith(codecs.BOM_UTF8) else found


def decode_as(data: bytes, encoding: str, *, name: str = "") -> str:
    """``data`` read in ``encoding`` (any spelling ``encoding_for`` knows); ImportFileError
    naming the line when the bytes are not in it (only UTF-8 and UTF-16 can fail)."""
    encoding = _explicit(data, encoding)
    try:
        return _read(data, encoding)
    except UnicodeDecodeError as error:
        if encoding == "utf-16":
            raise ImportFileError(
                N_(
                    "{file} is not in UTF-16: it is damaged at byte {offset}. Choose another "
                    "encoding, or save the file again as CSV UTF-8."
                ),
                file=name or Phrase(N_("The file")),
                offset=error.start,
            ) from error
        raise ImportFileError(
            N_(
                "{file} is not in {encoding}: line {line} has bytes that {encoding} cannot read. "
                "Choose another encoding, or save the file again as CSV UTF-8."
            ),
            line=line_at(data, error.start),
            file=name or Phrase(N_("The file")),
            encoding=ENCODING_NAMES[encoding],
        ) from error


def decode(data: bytes, encoding: str | None = None, *, name: str = "") -> Decoded:
    """The text of ``data``: in ``encoding`` when given, else the encoding found from its bytes
    (BOM, strict UTF-8, then the best-scoring one-byte code page)."""
    if encoding is not None:
        return Decoded(decode_as(data, encoding, name=name), _explicit(data, encoding))
    for bom, found in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(_CODECS[found]), found)
            except UnicodeDecodeError as error:
                raise ImportFileError(
                    N_(
                        "The file starts with a {encoding} mark but is damaged at byte {offset}. "
                        "Save it again from the spreadsheet (as CSV UTF-8) and import that."
                    ),
                    encoding=ENCODING_NAMES[found],
                    offset=error.start,
                ) from error
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_single_byte(data)


# --- Scoring ------------------------------------------------------------------------------------

# Accented letters of the Latin-script languages our communities write names in (Spanish,
# Portuguese, French, Haitian Creole, Italian, German, Nordic…).
_COMMON_LETTERS = frozenset(
    "áéíóúñçãõâêôàèìòùüöäïëÿßøåæîûý"  # small
    "ÁÉÍÓÚÑÇÃÕÂÊÔÀÈÌÒÙÜÖÄÏËØÅÆÎÛÝ"  # capital
)
# Letters a one-byte code page holds that no name here is written with: a wrong reading
# produces them (Mac Roman's ƒ ı ﬁ ﬂ µ π Ω, for instance).
_UNLIKELY_LETTERS = frozenset("ƒıﬁﬂµπΩ∂")
_ORDINALS = frozenset("ªº")
# Marks that begin or end a word in real text (¿Qué? «Hola» “Ana” O’Brien 25° 10€…).
_OPENERS = frozenset("¿¡«‹“‘„‚")
_CLOSERS = frozenset("»›”’…")
_INSIDE = frozenset("’‘")  # an apostrophe: O’Brien, d’Ávila
_PLAUSIBLE = frozenset("–—…€£¥¢°©®™§¶•·×±½¼¾¹²³«»‹›“”‘’¿¡")
_WORD_BREAKS = frozenset(b' \t\r\n,;"|/()')


def _letter_score(char: str) -> float:
    if char in _COMMON_LETTERS:
        return 3.0
    if char in _UNLIKELY_LETTERS:
        return -3.0
    if unicodedata.name(char, "").startswith("LATIN"):
        return 1.0  # š ž œ ð þ ÿ…: real, but rare in the names we see
    return -4.0  # a Greek or other non-Latin letter among Latin ones


def _accented(char: str) -> bool:
    return char > "\x7f" and char.isalpha()


def _char_score(word: str, i: int) -> float:
    """How plausible ``word[i]`` (a character from a byte above 0x7F) is where it stands."""
    char = word[i]
    prev = word[i - 1] if i > 0 else ""
    after = word[i + 1] if i + 1 < len(word) else ""
    if char == "\xa0":
        return 0.0  # a no-break space, as spreadsheets write one
    if char == "\xad":
        return -2.0  # a soft hyphen: invisible, and rare in a list
    if unicodedata.category(char) in ("Cc", "Co", "Cn", "Cf"):
        return -10.0  # a control character (C1), private use (Mac Roman's Apple logo)
    if char in _ORDINALS:
        return 1.0 if prev.isdigit() or prev in ("N", "n") else -2.0
    if char.isalpha():
        score = _letter_score(char)
        letters = [c for c in word if c.isalpha()]
        if char.isupper() and i > 0 and prev.isalpha() and any(c.islower() for c in letters):
            score -= 6.0  # a capital inside a small-letter word: JosŽ, OÕBrien
        elif (
            char.islower()
            and sum(c.isupper() for c in letters) >= 2
            and not any(c.islower() for c in letters if c != char)
        ):
            score -= 4.0  # a small letter inside a capitals word: JOSé
        if _accented(prev) and _accented(after):
            score -= 4.0  # three accented letters in a row: no word here has them
        beyond = word[i + 2] if i + 2 < len(word) else ""
        if after.isupper() and (char.islower() or beyond.islower()):
            score -= 6.0  # glued to the capital of the next word: øPuede, ÀPuede
        return score
    before, behind = prev.isalpha(), after.isalpha()
    if before and behind:
        if char in _INSIDE or (char == "·" and prev in ("l", "L") and after in ("l", "L")):
            return 1.0  # O’Brien; Catalan l·l
        return -5.0  # a symbol inside a word: Nœ–ez, Garc·a
    if behind:  # at the start of a word
        if char in _OPENERS:
            return 1.0
        return 0.0 if char in _PLAUSIBLE else -3.0
    if before:  # at the end of a word
        if char in _CLOSERS or char in "®™©":
            return 1.0
        return 0.0 if char in _PLAUSIBLE else -3.0
    # Standing alone: between spaces, digits or other marks.
    if char in "°€£" and (prev.isdigit() or after.isdigit()):
        return 1.0
    if char in _OPENERS:
        return -1.0  # ¿ ¡ « open a word
    return 0.0 if char in _PLAUSIBLE else -1.0


@dataclass(frozen=True)
class _Run:
    """One sampled run of bytes above 0x7F, inside the word around it."""

    start: int  # where the word (context included) starts in the file
    word: bytes
    first: int  # the run's first and last+1 positions inside ``word``
    end: int


@dataclass(frozen=True)
class _Score:
    encoding: str
    total: float
    words: tuple[float, ...]  # one score per sampled run

    @property
    def garbled(self) -> bool:
        bad = sum(1 for score in self.words if score < 0)
        return self.total < 0 or bad > GARBLED_WORD_SHARE * len(self.words)


_HIGH_RUN = re.compile(rb"[\x80-\xff]+")


def _sample(data: bytes) -> list[_Run]:
    runs = []
    for match in _HIGH_RUN.finditer(data):
        first, end = match.start(), min(match.end(), match.start() + RUN_BYTES)
        left = first
        while left > 0 and first - left < CONTEXT_BYTES and data[left - 1] not in _WORD_BREAKS:
            left -= 1
        right = end
        while right < len(data) and right - end < CONTEXT_BYTES and data[right] not in _WORD_BREAKS:
            right += 1
        runs.append(_Run(left, data[left:right], first - left, end - left))
        if len(runs) >= SAMPLE_RUNS:
            break
    return runs


def _read(data: bytes, encoding: str) -> str:
    errors = "rallyorg-c1" if encoding == "windows-1252" else "strict"
    return data.decode(_CODECS[encoding], errors=errors)


def _score(runs: Sequence[_Run], encoding: str) -> _Score:
    words = []
    for run in runs:
        word = _read(run.word, encoding)  # one byte is one character: positions carry over
        words.append(sum(_char_score(word, i) for i in range(run.first, run.end)))
    return _Score(encoding, sum(words), tuple(words))


@functools.cache
def _differing_bytes(first: str, second: str) -> re.Pattern[bytes]:
    """A pattern matching the bytes the two one-byte code pages read differently."""
    differ = [b for b in range(0x80, 0x100) if _read(bytes([b]), first) != _read(bytes([b]), second)]
    if not differ:
        return re.compile(b"(?!)")
    return re.compile(b"[" + b"".join(re.escape(bytes([b])) for b in differ) + b"]")


def _decode_single_byte(data: bytes) -> Decoded:
    runs = _sample(data)
    scores = sorted((_score(runs, e) for e in SINGLE_BYTE), key=lambda s: -s.total)  # stable: ties keep order
    best = scores[0]
    # Readings that come out the same for this file are one reading (the first name wins).
    rivals = [s for s in scores[1:] if _differing_bytes(best.encoding, s.encoding).search(data)]
    text = _read(data, best.encoding)
    if not rivals:
        return Decoded(text, best.encoding)
    second = rivals[0]
    differing = _differing_bytes(best.encoding, second.encoding)
    changed = sum(len(differing.findall(run.word, run.first, run.end)) for run in runs)
    close = best.total - second.total < max(MIN_MARGIN, MARGIN_PER_CHAR * changed)
    if not close and not best.garbled:
        return Decoded(text, best.encoding)
    readings = _readings(data, runs, best, second)
    return Decoded(text, best.encoding, readings)


def _readings(data: bytes, runs: Sequence[_Run], best: _Score, second: _Score) -> tuple[EncodingReading, ...]:
    """Both readings of the most telling word: the first that reads differently and looks
    wrong in one of them, preferably past the first line (the column names)."""
    differing = _differing_bytes(best.encoding, second.encoding)
    first_break = min((i for i in (data.find(b"\n"), data.find(b"\r")) if i >= 0), default=len(data))
    candidates = []  # (looks right in both, on the first line, position)
    for i, run in enumerate(runs):
        found = differing.search(run.word, run.first, run.end)
        if found is not None:
            position = run.start + found.start()
            looks_wrong = min(best.words[i], second.words[i]) < 0
            candidates.append((not looks_wrong, position < first_break, position))
    if not candidates:  # the difference lies past the sample
        found = differing.search(data)
        assert found is not None, "readings that differ differ somewhere"
        candidates.append((True, True, found.start()))
    position = min(candidates)[2]
    left, right = _cell_around(data, position)
    line = line_at(data, position)
    return tuple(
        EncodingReading(
            encoding=score.encoding,
            name=ENCODING_NAMES[score.encoding],
            example=_shorten(_read(data[left:right], score.encoding), position - left),
            line=line,
        )
        for score in (best, second)
    )


_CELL_BREAKS = frozenset(b',;\t"\r\n')


def _cell_around(data: bytes, position: int) -> tuple[int, int]:
    left = position
    while left > 0 and position - left < 4 * EXAMPLE_CHARS and data[left - 1] not in _CELL_BREAKS:
        left -= 1
    right = position
    while right < len(data) and right - position < 4 * EXAMPLE_CHARS and data[right] not in _CELL_BREAKS:
        right += 1
    return left, right


def _shorten(text: str, focus: int) -> str:
    """``text`` stripped, cut to EXAMPLE_CHARS around ``focus`` with … where it was cut."""
    stripped = text.strip()
    focus -= len(text) - len(text.lstrip())
    if len(stripped) <= EXAMPLE_CHARS:
        return stripped
    start = max(0, min(focus - EXAMPLE_CHARS // 2, len(stripped) - EXAMPLE_CHARS))
    piece = stripped[start : start + EXAMPLE_CHARS]
    return ("…" if start > 0 else "") + piece + ("…" if start + EXAMPLE_CHARS < len(stripped) else "")


def line_at(data: bytes, position: int) -> int:
    """The physical line (1-based; CRLF, LF and a lone CR each end one) of ``position`` in the
    bytes of a file in a one-byte or UTF-8 encoding."""
    breaks = data.count(b"\n", 0, position) + data.count(b"\r", 0, position)
    return breaks - data.count(b"\r\n", 0, position) + 1
