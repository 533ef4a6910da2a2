"""Text normalisation shared by search, uniqueness rules and duplicate detection."""

from __future__ import annotations

import unicodedata


def fold(text: str | None) -> str:
    """Case- and accent-insensitive form of ``text``: "José GONÇALVES" -> "jose goncalves".

    Used for search columns and name keys, because SQLite's LIKE folds ASCII case only.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def search_blob(*parts: str | None) -> str:
    """A folded, space-joined search text for a record (name, email, phone, city...)."""
    return " ".join(p for p in (fold(part) for part in parts) if p)


def like_pattern(query: str) -> str:
    """A LIKE pattern (escape char ``\\``) matching the folded query anywhere."""
    folded = fold(query)
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def volunteer_keys(given: str, family: str, email: str, phone: str, city: str) -> dict[str, str]:
    """The columns computed from a volunteer's own fields: the duplicate key, the sort key and
    the search text. Every path that writes a volunteer (forms, imports, merges, walk-ins)
    sets them through here."""
    return {
        "name_key": fold(f"{given} {family}"),
        "sort_name": fold(f"{family} {given}"),
        "search_text": search_blob(given, family, email, phone, city),
    }
