"""Languages as words: a language code named in the user's own language."""

from __future__ import annotations

from rallyorg.domain.enums import Language
from rallyorg.i18n import format_locale, translator


def language_name(code: str, ui_language: str) -> str:
    """A language code as a word in ``ui_language``, capitalised as in a list: rallyorg's own
    three from the catalogs ("Portugués (Brasil)"), any other from Babel's CLDR names ("ht" ->
    "Criollo haitiano"); an unknown code stays as it is."""
    try:
        return translator(ui_language).gettext(Language(code).label)
    except ValueError:
        pass
    names = format_locale(ui_language).languages
    name = names.get(code) or names.get(code.split("_")[0]) or code
    return name[:1].upper() + name[1:]
