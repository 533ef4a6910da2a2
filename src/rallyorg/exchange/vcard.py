"""Partner contacts as vCards (3.0 or 4.0) for phones and address books, one card per contact.

Written with vobject, which escapes what needs escaping: a name with a newline or a comma
stays one property of one card (a hand-built template split such a card in two).

Outlook reads only the first card of a file, so cards can also be written one per file
(``card_file_names`` gives each a name that is safe on every file system and unique).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import vobject

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
    ``ValidationError`` naming its field, so an export can leave this card out and go on."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version {version!r} is not one of {VERSIONS}")
    translate = gettext or (lambda message: message)
    for name in ("name", "group", "role", "email", "phone", "language", "city"):
        writable(name, getattr(contact, name))
    card = vobject.vCard()
    card.add("version").value = version
    card.add("fn").value = contact.name
    parts = split_person_name(contact.name)
    card.add("n").value = vobject.vcard.Name(family=parts.family, given=parts.given, prefix=parts.prefix)
    card.add("org").value = [contact.group]
    if contact.role:
        card.add("title").value = contact.role
    if contact.email:
        email = card.add("email")
        email.value = contact.email
        if version == "3.0":
            email.type_param = "INTERNET"
    if contact.phone:
        phone = card.add("tel")
        phone.value = contact.phone
        phone.type_param = "VOICE"
    if contact.city:
        address = card.add("adr")
        address.value = vobject.vcard.Address(city=contact.city)
        address.type_param = "WORK"
    if contact.language:
        if version == "4.0":
            card.add("lang").value = _language_tag(contact.language)
        else:
            native = Language(contact.language).native_name if contact.language in set(Language) else ""
            card.add("note").value = translate(N_("Preferred language: {language}")).format(
                language=native or contact.language
            )
    return str(card.serialize())


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
