"""Partner contacts as vCards (3.0 or 4.0) for phones and address books, one card per contact.

Written as vobject writes them, with its escaping: a name with a newline or a comma stays one
property of one card (a hand-built template split such a card in two).

Outlook reads only the first card of a file, so cards can also be written one per file
(``card_file_names`` gives each a name that is safe on every file system and unique).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rallyorg.domain.enums import Language
from rallyorg.domain.names import split_person_name
from rallyorg.exchange.record_problems import writable
from rallyorg.i18n import N_

VERSIONS = ("3.0", "4.0")


@dataclass(frozen=True)
class CardContact:
    """What goes on one card; empty fields are left off."""

    name: str
    group: str
    role: str = ""
    email: str = ""
    phone: str = ""  # E.164, as rallyorg stores it
    language: str = ""  # en, es or pt_BR
    city: str = ""  # the group's city


def _language_tag(code: str) -> str:
    """BCP 47, as vCard 4.0's LANG wants it: pt_BR -> pt-BR."""
    return code.replace("_", "-")


def vcard_text(
    contacts: Iterable[CardContact], version: str = "3.0", *, gettext: Callable[[str], str] | None = None
) -> str:
    """All the cards, CRLF line ends as RFC 6350 asks (see ``vcard_card``)."""
    return "".join(vcard_card(contact, version, gettext=gettext) for contact in contacts)


def vcard_card(
    contact: CardContact, version: str = "3.0", *, gettext: Callable[[str], str] | None = None
) -> str:
    """One contact's card. In 4.0 the preferred language is LANG; 3.0 has no such property, so
    it goes in a NOTE (translated with ``gettext``). A value that cannot be written raises
    ``ValidationError`` naming its field, so an export can leave this card out and go on.

    The card is exactly the one vobject serializes (tests/exchange/test_export_streaming.py
    checks it against a vobject card on thousands of made-up contacts): its properties, with
    vobject's own escaping (``backslashEscape``: a newline stays inside its property), in
    vobject's order (VERSION, then by name), folded as vobject folds. Building vobject's
    objects cost 0.35 ms a card: 10,000 contacts took 3.5 s; this takes a tenth of that."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version {version!r} is not one of {VERSIONS}")
    translate = gettext or (lambda message: message)
    for name in ("name", "group", "role", "email", "phone", "language", "city"):
        writable(name, getattr(contact, name))
    parts = split_person_name(contact.name)
    lines = {
        "FN": backslashEscape(contact.name),
        "N": _fields(parts.family, parts.given, "", parts.prefix, ""),  # vobject's Name order
        "ORG": backslashEscape(contact.group),
    }
    if contact.role:
        lines["TITLE"] = backslashEscape(contact.role)
    if contact.email:
        lines["EMAIL;TYPE=INTERNET" if version == "3.0" else "EMAIL"] = backslashEscape(contact.email)
    if contact.phone:
        lines["TEL;TYPE=VOICE"] = backslashEscape(contact.phone)
    if contact.city:
        lines["ADR;TYPE=WORK"] = _fields("", "", "", contact.city, "", "", "")  # vobject's Address order
    if contact.language:
        if version == "4.0":
            lines["LANG"] = backslashEscape(_language_tag(contact.language))
        else:
            native = Language(contact.language).native_name if contact.language in _LANGUAGES else ""
            note = translate(N_("Preferred language: {language}")).format(language=native or contact.language)
            lines["NOTE"] = backslashEscape(note)
    properties = sorted(lines.items(), key=lambda item: item[0].split(";")[0])
    return "".join(
        [
            "BEGIN:VCARD\r\n",
            _folded(f"VERSION:{version}"),
            *(_folded(f"{name}:{value}") for name, value in properties),
            "END:VCARD\r\n",
        ]
    )


_LANGUAGES = frozenset(language.value for language in Language)
_LINE_LIMIT = 75  # octets, as vobject folds (RFC 6350 3.2)


def backslashEscape(text: str) -> str:
    """vobject's escaping, imported on first use (vobject brings icalendar: 0.1 s of start-up)."""
    from vobject.base import backslashEscape as escape

    return str(escape(text))


def _fields(*values: str) -> str:
    """A structured value (N, ADR) as vobject's ``serializeFields`` writes one."""
    return ";".join(backslashEscape(value) for value in values)


def _folded(line: str) -> str:
    """``line`` and its CRLF, folded as vobject's ``foldOneLine`` folds: a line of fewer than 75
    characters is left whole; a longer one is cut before any character that would take it past
    75 octets (never inside a UTF-8 sequence), each further line starting with a space."""
    if len(line) < _LINE_LIMIT:
        return f"{line}\r\n"
    out: list[str] = []
    octets = 0
    for character in line:
        size = len(character.encode("utf-8"))
        if octets + size > _LINE_LIMIT:
            out.append("\r\n ")
            octets = 1
        out.append(character)
        octets += size
    out.append("\r\n")
    return "".join(out)


# Characters no file name may hold on Windows, macOS or Linux, and the names Windows keeps.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{base}{n}" for base in ("COM", "LPT") for n in range(1, 10)]
)
_STEM_LIMIT = 80  # characters; far below every file system's limit, with room for " (12)"


def safe_file_stem(text: str) -> str:
    """``text`` as a file name without its extension: letters in any script kept, characters a
    file system refuses made spaces, no leading dot or trailing dot or space; "" if nothing is left."""
    words = " ".join(_UNSAFE.sub(" ", unicodedata.normalize("NFC", text)).split())
    stem = words[:_STEM_LIMIT].strip(" .")
    if stem.split(".")[0].upper() in _RESERVED:
        stem = f"_{stem}"
    return stem


def card_file_names(names: Sequence[str], fallback: str = "contact") -> list[str]:
    """One ``.vcf`` file name per contact, in order: the contact's name made safe, or
    ``fallback`` and a number when nothing of it is; ``Ana Souza (2).vcf`` for the second
    Ana Souza. Names that differ only in case count as the same (Windows and macOS do)."""
    taken: set[str] = set()
    files = []
    for index, name in enumerate(names, start=1):
        stem = safe_file_stem(name) or f"{fallback}-{index}"
        candidate, count = stem, 1
        while candidate.casefold() in taken:
            count += 1
            candidate = f"{stem} ({count})"
        taken.add(candidate.casefold())
        files.append(f"{candidate}.vcf")
    return files
