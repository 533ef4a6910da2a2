"""Control characters: removed from what people type or import, shown escaped on a terminal.

A name imported from a CSV file can carry a terminal escape sequence (``ESC [ 2 J`` clears
the screen, ``ESC ] 0 ; … BEL`` retitles the window): printed raw by ``volunteers list`` it
would act on the organiser's terminal. So every text field is cleaned on input (whole escape
sequences and every other C0/C1 control character removed; line breaks and tabs kept only in
multi-line fields), and whatever is already in a database (written by an older version or
another tool) is escaped visibly (``\\x1b``) when printed on a terminal.
"""

from __future__ import annotations

import re
import unicodedata

# Whole escape sequences (ECMA-48), so that no "[2J" or window title is left behind:
# CSI (ESC [ or U+009B) with its parameters and final byte; OSC, DCS, SOS, PM and APC strings
# up to their terminator (BEL, ESC \ or U+009C); any other ESC with its intermediate and
# final bytes. An unterminated string loses its introducer only: the letters after it stay.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]"
)
_LINE_BREAK = re.compile(r"\r\n?|\n")
# Characters that reorder what a terminal shows (bidi embeddings, overrides, isolates): not
# removed on input (they have real uses in right-to-left names) but escaped on a terminal.
_BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_control(char: str) -> bool:
    """C0 (U+0000–001F), DEL and C1 (U+0080–009F): Unicode category Cc."""
    return unicodedata.category(char) == "Cc"


def clean_text(text: str, *, multiline: bool = False) -> str:
    """``text`` without escape sequences, control characters or lone surrogates.

    In a ``multiline`` field (notes, summaries) line breaks become ``\\n`` and tabs stay; in
    a one-line field (names, titles, cities) each line break or tab becomes a space.
    """
    if text.isprintable():  # the usual case: nothing to remove
        return text
    text = _LINE_BREAK.sub("\n" if multiline else " ", _ESCAPE_SEQUENCE.sub("", text))
    if not multiline:
        text = text.replace("\t", " ")
    return "".join(char for char in text if char in "\n\t" or not _removed(char))


def _removed(char: str) -> bool:
    return is_control(char) or unicodedata.category(char) == "Cs"


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, keep_line_breaks: bool = False) -> str:
    """``text`` safe to print on a terminal: control and bidi characters (and lone surrogates,
    which no terminal encoding can write) as ``\\x1b``, ``\\u202e``…; line breaks too, unless
    ``keep_line_breaks`` (a table cell stays on its line)."""
    if text.isprintable() and not _BIDI_CONTROLS.intersection(text):
        return text
    return "".join(
        char
        if (char == "\n" and keep_line_breaks) or not (_removed(char) or char in _BIDI_CONTROLS)
        else _escaped(char)
        for char in text
    )


def json_visible(text: str) -> str:
    """JSON text (already encoded) with what ``json`` leaves raw under ``ensure_ascii=False``
    (DEL, C1 and bidi controls; it escapes C0 itself) written as ``\\u`` escapes: still valid
    JSON, and the raw line breaks left are the layout's own."""
    return _BEYOND_ASCII.sub(_json_escaped, text)  # only those characters are looked at


_BEYOND_ASCII = re.compile("[^\x00-\x7e]")  # DEL and above: the characters json leaves raw


def _json_escaped(found: re.Match[str]) -> str:
    char = found.group()
    return f"\\u{ord(char):04x}" if is_control(char) or char in _BIDI_CONTROLS else char
