"""The name a saved flyer is offered under: the event's title and the languages,
``Rally-Governor-sign-the-TRUST-Act-en-es.pdf`` — safe on every file system and in e-mail."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rallyorg.domain.events import EventData

_MAX_TITLE = 60  # characters of the title kept; the languages always follow


def safe_words(text: str) -> str:
    """Letters and digits joined by hyphens, accents dropped: "¡Firme la Ley!" -> "Firme-la-Ley"."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-")


def flyer_file_name(event: EventData, languages: Sequence[str]) -> str:
    title = safe_words(event.title(languages[0]) if languages else event.title("en"))
    if len(title) > _MAX_TITLE:
        cut = title[:_MAX_TITLE]
        title = cut.rsplit("-", 1)[0] if "-" in cut else cut  # end on a whole word
    stem = title or f"flyer-{event.id}"
    return "-".join([stem, *languages]) + ".pdf"
