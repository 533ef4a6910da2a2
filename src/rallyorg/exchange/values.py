"""Reading the values people type into sign-up sheets: yes/no in three languages, lists of
languages and skills written out in words, full names to split, and text that lost its
accents on the way (``Jos? Garc?a``)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from rallyorg.domain.enums import Skill
from rallyorg.domain.names import split_person_name
from rallyorg.domain.text import fold

_TRUE = frozenset(
    {
        "yes",
        "y",
        "true",
        "t",
        "1",
        "x",
        "si",
        "s",
        "sim",
        "checked",
        "on",
        "ok",
        "subscribed",
        "opted in",
        "opt in",
        "agree",
        "i agree",
        "acepto",
        "aceito",
        "de acuerdo",
        "claro",
        "por supuesto",
        "com certeza",
        "of course",
        "sure",
        "yes please",
        "si por favor",
        "sim por favor",
    }
)
_FALSE = frozenset(
    {
        "no",
        "n",
        "false",
        "f",
        "0",
        "nao",
        "unchecked",
        "off",
        "unsubscribed",
        "opted out",
        "opt out",
        "never subscribed",
        "no gracias",
        "nao obrigado",
        "nao obrigada",
        "no thanks",
        "none",
        "-",
    }
)


# A tool's way of saying the question was not answered (Mobilize's SMS opt-in "UNSPECIFIED").
_UNANSWERED = frozenset({"unspecified", "not asked", "no answer", "unknown", "n a", "na"})
# Answers that say neither yes nor no, however they start ("no sé" is "I don't know").
_DOUBTFUL = frozenset(
    {"no se", "nao sei", "not sure", "dont know", "don t know", "maybe", "tal vez", "talvez", "quizas",
     "quiza", "depende", "depends", "si no", "sim nao", "yes no", "sometimes", "a veces", "as vezes"}
)  # fmt: skip
# Words that, after a first "yes", take it back: "sí, pero no por teléfono".
_TAKING_BACK = frozenset({"no", "not", "nao", "never", "nunca", "dont", "don", "except", "excepto", "exceto"})


@lru_cache(maxsize=1024)  # a few answers, five per row: each is read once
def parse_bool(text: str) -> bool | None:
    """True, False, or None for an empty cell; ``ValueError`` for an answer that is not a
    clear yes or no. A clear answer may carry a qualifier, as forms' "Other" answers do:
    "Sí, por WhatsApp" and "Sim, mas só à noite" are yes, "No, gracias" is no; "Sí, pero no
    por teléfono", "no sé" and "Sí/No" are not clear (consent is never guessed)."""
    folded = " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())
    if not folded or folded in _UNANSWERED:
        return None
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    if folded in _DOUBTFUL or any(folded.startswith(f"{doubt} ") for doubt in _DOUBTFUL):
        raise ValueError(text)
    first, *later = folded.split()
    rest = set(later)
    if first in _YES_WORDS and not rest & (_TAKING_BACK | _NO_WORDS):
        return True
    if first in _NO_WORDS and not rest & _YES_WORDS:
        return False
    raise ValueError(text)


# The one-word answers a qualified answer may start with ("sí, por WhatsApp").
_YES_WORDS = frozenset({"yes", "y", "si", "sim", "ok", "claro", "sure", "yeah", "yep"})
_NO_WORDS = frozenset({"no", "n", "nao", "nope"})


# A registration's status as sign-up tools write it (Mobilize "Status", Eventbrite "Attendee
# Status", SignUpGenius, Action Network RSVPs), folded: these mean the person is not coming.
_CANCELLED = frozenset(
    {"cancelled", "canceled", "cancelled by host", "canceled by host", "cancelled by user", "declined",
     "not attending", "not going", "no show", "noshow", "refunded", "deleted", "removed", "withdrawn",
     "cancelado", "cancelada", "cancelada pelo participante", "no asistira", "no asistire", "no va",
     "nao vai", "nao comparecera", "rechazado", "rechazada", "recusado", "recusada", "reembolsado"}
)  # fmt: skip


def is_cancelled(status: str) -> bool:
    """Whether a registration status says the person is not coming ("CANCELLED", "Not
    Attending", "Refunded", "cancelado"); any other status, or none, means signed up."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(status)).split()) in _CANCELLED


# Spoken languages as the codes volunteers' records use (ISO 639: "pt", not "pt_BR").
_LANGUAGES = {
    "en": ("english", "ingles", "eng", "anglais", "inglesa"),
    "es": ("spanish", "espanol", "castellano", "spa", "espanhol", "espagnol"),
    "pt": (
        "portuguese",
        "portugues",
        "por",
        "portugues brasil",
        "portugues do brasil",
        "pt br",
        "brazilian portuguese",
        "portugues brasileiro",
    ),
    "ht": (
        "haitian creole",
        "creole",
        "kreyol",
        "kreyol ayisyen",
        "criollo haitiano",
        "crioulo haitiano",
        "haitian",
        "creole haitien",
    ),
    "fr": ("french", "frances", "francais", "fra"),
    "zh": ("chinese", "mandarin", "chino", "chines", "mandarin chinese"),
    "yue": ("cantonese", "cantones"),
    "ar": ("arabic", "arabe"),
    "vi": ("vietnamese", "vietnamita"),
    "ko": ("korean", "coreano"),
    "ru": ("russian", "ruso", "russo"),
    "uk": ("ukrainian", "ucraniano"),
    "quc": ("kiche", "k iche", "quiche"),
    "mam": ("mam",),
    "ase": ("asl", "american sign language", "lengua de senas", "lengua de senas americana", "libras"),
}
_LANGUAGE_WORDS = {word: code for code, words in _LANGUAGES.items() for word in words}
_CODE = re.compile(r"^[a-z]{2,3}([ _-][a-z]{2})?$")
_LIST_SPLIT = re.compile(r"[,;/|\n&+]|\s(?:and|y|e|et)\s", re.IGNORECASE)


def split_list(text: str) -> list[str]:
    """ "English, Spanish and Portuguese" -> three items."""
    return [item.strip() for item in _LIST_SPLIT.split(text) if item.strip()]


def language_code(word: str) -> str | None:
    """A spoken language's code from its name in en/es/pt or from a code; None if unknown."""
    folded = " ".join(re.sub(r"[^a-z]+", " ", fold(word)).split())
    if folded in _LANGUAGE_WORDS:
        return _LANGUAGE_WORDS[folded]
    if folded in _LANGUAGES:
        return folded
    if _CODE.match(folded):
        base = folded[:3].strip(" _-")
        return _LANGUAGE_WORDS.get(base, base)
    return None


def parse_languages(text: str) -> tuple[list[str], list[str]]:
    """(codes, words not understood) for a cell such as "Español, English" or "es;pt"."""
    codes, unknown = _parsed_languages(text)
    return list(codes), list(unknown)


# A file has a few dozen different languages cells however many rows it has: each is read once.
@lru_cache(maxsize=1024)
def _parsed_languages(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    codes: list[str] = []
    unknown: list[str] = []
    for item in split_list(text):
        code = language_code(item)
        if code is None:
            unknown.append(item)
        elif code not in codes:
            codes.append(code)
    return tuple(codes), tuple(unknown)


def preferred_language(text: str) -> str | None:
    """A contact's preferred language as rallyorg writes in: en, es or pt_BR (None: not one)."""
    code = language_code(text)
    if code == "pt":
        return "pt_BR"
    return code if code in ("en", "es") else None


_SKILLS = {
    Skill.MARSHAL: ("marshal", "marshals", "marshalling", "mariscal", "seguridad", "orientador"),
    Skill.INTERPRETER: (
        "interpreter",
        "interpreting",
        "translation",
        "interprete",
        "interpretacion",
        "traduccion",
        "traducao",
        "interpretacao",
    ),
    Skill.MEDIC: ("medic", "medical", "first aid", "medico", "primeros auxilios", "primeiros socorros"),
    Skill.DRIVER: ("driver", "driving", "rides", "conductor", "chofer", "motorista"),
    Skill.SIGN_IN_DESK: (
        "sign in desk",
        "sign in",
        "check in",
        "registration",
        "registro",
        "recepcion",
        "mesa de registro",
        "recepcao",
    ),
    Skill.SOCIAL_MEDIA: ("social media", "redes sociales", "redes sociais", "social"),
    Skill.SETUP: ("setup", "set up", "montaje", "montagem", "logistics", "logistica"),
    Skill.OTHER: ("other", "otro", "otra", "outro"),
}
_SKILL_WORDS = {word: skill for skill, words in _SKILLS.items() for word in (*words, skill.value)}


def parse_skills(text: str) -> tuple[list[Skill], list[str]]:
    """(skills, words not understood) for "Marshal, intérprete, primeros auxilios"."""
    skills, unknown = _parsed_skills(text)
    return list(skills), list(unknown)


# As languages: a few dozen different skills cells in a file (37 in 100,000 rows, read one row
# at a time in 0.20 s, once each in 0.03 s).
@lru_cache(maxsize=1024)
def _parsed_skills(text: str) -> tuple[tuple[Skill, ...], tuple[str, ...]]:
    skills: list[Skill] = []
    unknown: list[str] = []
    for item in split_list(text):
        folded = " ".join(re.sub(r"[^a-z]+", " ", fold(item)).split())
        skill = _SKILL_WORDS.get(folded)
        if skill is None:
            unknown.append(item)
        elif skill not in skills:
            skills.append(skill)
    return tuple(skills), tuple(unknown)


def split_full_name(text: str) -> tuple[str, str]:
    """(given, family) from one name cell, by ``domain.names`` (double surnames, particles,
    compound given names, "Family, Given"); a leading title ("Padre", "Hna.") is left out of
    both, so "Padre Tomás de la Fuente" is the same person as "Tomás de la Fuente" on
    another list (see ``name_title``)."""
    parts = split_person_name(text)
    return parts.given, parts.family


def name_title(text: str) -> str:
    """The leading title of a name cell ("Padre", "Pastora"), "" when there is none."""
    return split_person_name(text).prefix


def looks_garbled(text: str) -> bool:
    """Whether letters were lost before the file reached us: a ``?`` inside a word, or the
    replacement character ``�``, as left by exporting from a tool without UTF-8."""
    if "?" not in text:  # nearly every cell, and the pattern needs one: 800,000 cells 0.45 s -> 0.04 s
        return "\ufffd" in text
    return "\ufffd" in text or _LOST_LETTER.search(text) is not None


_LOST_LETTER = re.compile(r"\w\?|\?\w")


def clean_cell(text: str) -> str:
    """A cell's text with CRLF inside it made LF and outer whitespace removed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


# "www.iglesia.org" or "iglesia.org/events": a site written without its scheme, as sheets do.
_BARE_SITE = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:[/?#]\S*)?$", re.IGNORECASE)


def web_address(text: str) -> str:
    """A website cell as an address: ``https://`` put in front of a bare site name; anything
    else as it is (the validation then says what is wrong with it)."""
    return f"https://{text}" if _BARE_SITE.match(text) else text


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_TIME = re.compile(
    r"(?<!\d)(?P<h>\d{1,2})(?:[:h.](?P<m>\d{2}))?(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap])?(?:\.?\s*m\b\.?)?",
    re.IGNORECASE,
)


def parse_moment(text: str, zone: dt.tzinfo) -> tuple[dt.date | None, dt.time] | None:
    """The local date (if given) and time of day in a cell such as "3:00 PM", "15:00",
    "2025-05-20 15:00:00 EDT" (Mobilize) or an ISO timestamp with an offset (converted to
    ``zone``); None when no time can be read."""
    cell = text.strip()
    try:
        moment = dt.datetime.fromisoformat(cell)
    except ValueError:
        pass
    else:
        if moment.tzinfo is not None:
            moment = moment.astimezone(zone)
        return moment.date(), moment.time().replace(tzinfo=None)
    day: dt.date | None = None
    try:
        if found := _ISO_DATE.search(cell):
            day = dt.date(int(found[1]), int(found[2]), int(found[3]))
        elif found := _US_DATE.search(cell):
            day = dt.date(int(found[3]), int(found[1]), int(found[2]))
    except ValueError:
        return None
    if found:
        cell = cell[: found.start()] + " " + cell[found.end() :]
    for match in _TIME.finditer(cell):
        if match["m"] is None and match["ampm"] is None:
            continue  # a bare number is not a time
        hour = int(match["h"])
        if match["ampm"]:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if match["ampm"].lower() == "p" else 0)
        try:
            return day, dt.time(hour, int(match["m"] or 0), int(match["s"] or 0))
        except ValueError:
            return None
    return None
