"""Splitting a full name typed in one cell into a title, a given name and a family name.

Sign-up sheets often have a single "Name" / "Nombre" / "Nome" column, and people in our
communities write their names in Spanish, Portuguese and English ways. ``split_person_name``
is deterministic (the same text always splits the same way) and follows these rules, in order:

1. **Whitespace is normalised** (runs of spaces, tabs, line breaks and no-break spaces become one
   space) and commas dangling at either end are dropped: ``normalised_name``.
2. **A comma means family name first**: "García Márquez, Gabriel" -> given "Gabriel", family
   "García Márquez", as lists sorted by surname are often exported. Exception: when all that
   follows the comma is a generational suffix ("Martin Luther King, Jr.") the comma is just
   punctuation. In the family-first form a title may lead the given part ("Ruiz, Rev. Ana"),
   particles left at its end move to the front of the family name ("Fuente, Tomás de la" ->
   "de la Fuente") and a trailing suffix joins the family name ("King, Martin Luther, Jr." ->
   "King Jr.").
3. **Leading titles** ("Padre", "Pastora", "Rev.", "Hna.", "Dr." ...; English, Spanish and
   Portuguese, see ``_TITLES``) are the prefix, matched whatever their case and accents and with
   or without a dot; several may stack ("Rev. Dr. Ana Ruiz"). A title is only a title when a name
   follows it: "Padre" alone is someone's given name. Some titles are also given names in our
   languages (Don, Dom, Pastor, Pastora, Pe): without a dot they count as a title only when at
   least two more words follow, so "Pastor Maldonado" and "Don Johnson" are people called
   Pastor and Don, while "Pastora Ruth Alvarado" is a pastor. "Irmã" (Portuguese "Sister") is the
   one title matched accent-sensitively, because without its tilde it is the given name Irma.
4. **Generational suffixes** at the end (Jr, Sr, II, III, IV, with or without a dot) stay with
   the family name. They are an English convention, where the family name is one word, so the
   word before the suffix is the family name: "Martin Luther King Jr." -> "Martin Luther" /
   "King Jr.". (Portuguese agnomes - Filho, Neto, Júnior - need no rule: they come last, so they
   land in the family name anyway.)
5. **Particles** (de, del, da, das, do, dos, di, du, van, von, der, la, le, bin, ibn ...) belong to
   the family name and start it: "Tomás de la Fuente" -> "Tomás" / "de la Fuente", "João da Silva"
   -> "João" / "da Silva". The first word is always given ("Van Morrison"), and a particle with
   no name after it is an ordinary word. Before the particle, two words are both given - the
   common Brazilian "Carlos Alberto da Silva" - and of three or more, the last is a first
   surname: "José Luis Pérez de la Fuente" -> "José Luis" / "Pérez de la Fuente". The
   conjunctions "y" / "e" join two surnames, so the family name starts one word before them:
   "José Ortega y Gasset" -> "José" / "Ortega y Gasset".
6. **Compound given names with a particle**: after Maria / María / José / Ana, the devotional
   names "das Graças", "de Fátima", "do Carmo", "de Lourdes", "de Jesus", "del Carmen", "de los
   Ángeles", "del Rosario", "de la Luz", "de Guadalupe" ... (``_DEVOTIONAL``) are part of the
   given name, not a surname: "Maria das Graças dos Santos" -> "Maria das Graças" / "dos Santos".
   Only when a family name follows them: "Maria de Jesus" alone is Maria of the de Jesus family
   (the words are a common surname too).
7. **Otherwise by word count**: 1 word -> given only; 2 -> given + family; 3 -> the first given
   and the last two family ("Ana Pérez García": Spanish and Portuguese people carry two
   surnames), except when the first two are a known compound given name (``_COMPOUND_GIVEN``:
   "Juan Carlos Pérez", "Maria Clara Souza"); 4 or more -> the last two are the family name and
   the rest given ("José Luis Pérez García"). A family name never starts with an initial: "John
   F. Kennedy" -> "John F." / "Kennedy".
8. **Hyphenated names are one word**, also when typed with spaces round the hyphen ("Pérez -
   García").
9. **Nothing is lost**: prefix, given and family joined with spaces give back the normalised
   text exactly (its case, accents and dots untouched), except in the family-first comma form,
   where the order changes and the comma goes.

Known limits, where the text alone cannot tell: names written family first without a comma
(Vietnamese "Nguyen Thi Minh Khai", Chinese, Korean, Hungarian) come out as given "Nguyen Thi",
family "Minh Khai"; three-word English names with a middle name ("John Michael Smith") get the
Spanish reading "John" / "Michael Smith"; a surname before a particle surname with a single
given name ("Juan Pérez de la Fuente") reads as the compound given name "Juan Pérez". People
can correct these by hand, or the sheet can have separate first and last name columns.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rallyorg.domain.text import fold


@dataclass(frozen=True)
class NameParts:
    """A person's name in three parts; an empty string for a part the text does not have."""

    prefix: str  # leading titles: "Padre", "Pastora", "Rev. Dr."
    given: str
    family: str


# Folded (lower case, no accents) and without their dot.
_TITLES = frozenset(
    {
        # English
        "rev",
        "revd",
        "reverend",
        "fr",
        "father",
        "pastor",
        "sister",
        "sr",
        "dr",
        "mr",
        "mrs",
        "ms",
        "mx",
        "prof",
        # Spanish
        "padre",
        "pastora",
        "hna",
        "hno",
        "hermana",
        "hermano",
        "sor",
        "fray",
        "sra",
        "srta",
        "don",
        "dona",  # doña
        "dra",
        "lic",
        "licda",
        "reverendo",
        "reverenda",
        "rvdo",
        "rvda",
        "profesor",
        "profesora",
        # Portuguese
        "irma",  # irmã (accent-sensitive: _ACCENTED_TITLES)
        "irmao",
        "dom",
        "frei",
        "pe",  # padre
        "profa",
        "professor",
        "professora",
    }
)
# Titles that are also given names: without a dot they need two more words after them.
_AMBIGUOUS_TITLES = frozenset({"don", "dom", "pastor", "pastora", "pe"})
# Titles recognised only with their accent, because the bare spelling is a given name.
_ACCENTED_TITLES = {"irma": "irmã"}

_PARTICLES = frozenset(
    {
        "de",
        "del",
        "della",
        "dello",
        "da",
        "das",
        "do",
        "dos",
        "des",
        "di",
        "du",
        "la",
        "las",
        "los",
        "le",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "ten",
        "bin",
        "bint",
        "ibn",
        "y",
        "e",
    }
)
# Particles that join two surnames ("Ortega y Gasset") rather than start one.
_CONJUNCTIONS = frozenset({"y", "e"})

_SUFFIXES = frozenset({"jr", "jnr", "sr", "snr", "ii", "iii", "iv"})

# Given names that a devotional name with a particle may follow.
_DEVOTED = frozenset({"maria", "jose", "ana"})
_DEVOTIONAL = frozenset(
    tuple(name.split())
    for name in (
        "das gracas",
        "de fatima",
        "do carmo",
        "de lourdes",
        "de jesus",
        "do socorro",
        "da conceicao",
        "da penha",
        "das dores",
        "da gloria",
        "da luz",
        "del carmen",
        "de los angeles",
        "del rosario",
        "de la luz",
        "de guadalupe",
        "del pilar",
        "de la paz",
        "del mar",
        "de las mercedes",
        "de los dolores",
        "del socorro",
        "de la concepcion",
    )
)

# Two-word given names common in our communities, folded.
_COMPOUND_GIVEN = frozenset(
    {
        "jose luis",
        "jose antonio",
        "jose manuel",
        "jose maria",
        "jose carlos",
        "juan carlos",
        "juan pablo",
        "juan jose",
        "juan manuel",
        "juan antonio",
        "luis fernando",
        "luis miguel",
        "luis carlos",
        "luiz carlos",
        "luiz fernando",
        "miguel angel",
        "carlos alberto",
        "carlos eduardo",
        "maria jose",
        "maria clara",
        "maria eduarda",
        "maria fernanda",
        "maria elena",
        "maria teresa",
        "maria isabel",
        "maria luisa",
        "maria luiza",
        "maria cristina",
        "maria alejandra",
        "maria paula",
        "ana maria",
        "ana paula",
        "ana lucia",
        "ana sofia",
        "ana beatriz",
        "ana carolina",
        "ana clara",
        "ana luisa",
        "joao pedro",
        "joao paulo",
        "joao victor",
        "joao vitor",
        "pedro henrique",
        "jean baptiste",
        "jean pierre",
        "jean paul",
        "jean claude",
        "marie claire",
        "marie louise",
        "anne marie",
        "mary ann",
        "mary jane",
        "john paul",
    }
)


def normalised_name(text: str) -> str:
    """``text`` with runs of whitespace made one space and commas dangling at its ends dropped:
    the text whose words ``split_person_name`` shares out."""
    return " ".join(" ".join(text.split()).strip(", ").split())


def split_person_name(text: str) -> NameParts:
    """Prefix (titles), given and family name of a full name in one string; the rules are in
    this module's docstring. "Padre Tomás de la Fuente" -> ("Padre", "Tomás", "de la Fuente")."""
    normal = normalised_name(text)
    family, comma, given = normal.partition(",")
    if comma and given.strip() and not all(_is_suffix(word) for word in given.split()):
        return _family_first(family.strip(), given)
    return _split_in_order(_words(normal.split()))


def display_name(parts: NameParts, *, prefix: bool = True) -> str:
    """The name in reading order, "Padre Tomás de la Fuente" (``prefix=False``: "Tomás de la
    Fuente"); for a name typed family first, its natural order: "Gabriel García Márquez"."""
    shown = (parts.prefix, parts.given, parts.family) if prefix else (parts.given, parts.family)
    return " ".join(part for part in shown if part)


def _words(tokens: Sequence[str]) -> list[str]:
    """Tokens with hyphenated pieces typed apart glued back: "Pérez", "-", "García" is one word."""
    words: list[str] = []
    for token in tokens:
        if words and (words[-1].endswith("-") or token.startswith("-")):
            words[-1] = f"{words[-1]} {token}"
        else:
            words.append(token)
    return words


def _bare(word: str) -> str:
    return fold(word).rstrip(".")


def _is_suffix(word: str) -> bool:
    return fold(word).strip(".,") in _SUFFIXES


def _is_particle(word: str) -> bool:
    return fold(word) in _PARTICLES


def _is_initial(word: str) -> bool:
    bare = _bare(word)
    return len(bare) == 1 and bare.isalpha()


def _is_title(word: str, words_after: int, *, family_known: bool) -> bool:
    bare = _bare(word)
    if bare not in _TITLES or words_after < 1:
        return False
    accented = _ACCENTED_TITLES.get(bare)
    if accented is not None and unicodedata.normalize("NFC", word.casefold()).rstrip(".") != accented:
        return False
    if bare in _AMBIGUOUS_TITLES and not word.endswith(".") and not family_known:
        return words_after >= 2
    return True


def _prefix_length(words: Sequence[str], *, family_known: bool = False) -> int:
    """How many leading words are titles; at least one word is always left for the name."""
    count = 0
    while count < len(words) and _is_title(words[count], len(words) - count - 1, family_known=family_known):
        count += 1
    return count


def _split_in_order(words: list[str]) -> NameParts:
    end = len(words)
    while end > 2 and _is_suffix(words[end - 1]):
        end -= 1
    start = _prefix_length(words[:end])
    name = words[start:end]
    given = _given_length(name, one_word_family=end < len(words))
    return NameParts(" ".join(words[:start]), " ".join(name[:given]), " ".join(words[start + given :]))


def _devotional_end(keys: Sequence[str]) -> int:
    """Where a given name such as "Maria das Graças" ends (1 if the name has none); only
    when a family name follows it."""
    for anchor in (0, 1):
        if anchor < len(keys) and keys[anchor] in _DEVOTED:
            for devotional in _DEVOTIONAL:
                end = anchor + 1 + len(devotional)
                if end < len(keys) and tuple(keys[anchor + 1 : end]) == devotional:
                    return end
    return 1


def _particle_start(words: Sequence[str], first: int) -> int | None:
    """Where a family name introduced by a particle starts, looking from ``first`` on."""
    for index in range(first, len(words)):
        if _is_particle(words[index]) and not all(_is_particle(w) for w in words[index + 1 :]):
            if fold(words[index]) in _CONJUNCTIONS:
                return max(first, index - 1)
            return index
    return None


def _given_length(words: Sequence[str], *, one_word_family: bool) -> int:
    """How many of a name's words (titles and suffixes taken off) are its given name."""
    count = len(words)
    if count <= 1:
        return count
    devotional = _devotional_end([fold(word) for word in words])
    start = _particle_start(words, devotional)
    if start is not None:
        if devotional == 1 and start >= 3:
            return start - 1  # "José Luis Pérez de la Fuente": Pérez is a first surname
        return start
    if devotional > 1:
        return devotional
    if one_word_family:
        given = count - 1
    elif count == 2:
        given = 1
    elif count == 3:
        given = 2 if f"{fold(words[0])} {fold(words[1])}" in _COMPOUND_GIVEN else 1
    else:
        given = count - 2
    while given < count - 1 and _is_initial(words[given]):
        given += 1
    return given


def _family_first(family: str, given_text: str) -> NameParts:
    """ "García Márquez, Gabriel": the family name before the comma, the rest after it."""
    words = _words(given_text.replace(",", " ").split())
    suffixes: list[str] = []
    while len(words) > 1 and _is_suffix(words[-1]):
        suffixes.insert(0, words.pop())
    particles: list[str] = []
    while len(words) > 1 and _is_particle(words[-1]):
        particles.insert(0, words.pop())
    start = _prefix_length(words, family_known=True)
    return NameParts(
        " ".join(words[:start]), " ".join(words[start:]), " ".join([*particles, family, *suffixes])
    )
