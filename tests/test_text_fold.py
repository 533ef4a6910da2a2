"""``fold`` and ``volunteer_keys`` take shortcuts for speed (ASCII text, each part folded
once); they must give exactly what the plain definitions give, on any text."""

from __future__ import annotations

import random
import unicodedata

from rallyorg.domain.text import fold, search_blob, volunteer_keys


def plain_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


ALPHABET = "abcXYZ ÉéçÇñÑßẞ \t\u00a0ſﬁΣσςİıǅ-'.@+0123"


def test_fold_and_keys_equal_the_plain_definitions() -> None:
    rng = random.Random(2026)
    for _ in range(20_000):
        given, family, city = (
            "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 8))) for _ in range(3)
        )
        assert fold(given) == plain_fold(given)
        keys = volunteer_keys(given, family, "", "", city)
        assert keys["name_key"] == plain_fold(f"{given} {family}")
        assert keys["sort_name"] == plain_fold(f"{family} {given}")
        assert keys["search_text"] == search_blob(given, family, "", "", city)
