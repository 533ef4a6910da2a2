"""Translations and locale formatting: the one place that does either.

Catalogs are gettext ``.po`` files under ``translations/<locale>/LC_MESSAGES/rallyorg.po``,
compiled in memory on first use (so a checkout and a wheel need no build step).
``translator(locale)`` returns a translation object for *any* language, which is what a
bilingual flyer needs: two languages at once, never a switched global.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from typing import Protocol

from babel import Locale, dates, numbers, units
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

DOMAIN = "rallyorg"
SOURCE_LANGUAGE = "en"
UI_LANGUAGES = ("en", "es", "pt_BR")

# Formatting locales per language: Spanish for a US coalition is es_US ("martes, 20 de mayo
# de 2025"); Babel does not fall back from "pt" to "pt_BR", so it is spelled out.
FORMAT_LOCALES = {"en": "en_US", "es": "es_US", "pt_BR": "pt_BR"}


class Gettext(Protocol):
    def gettext(self, message: str) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int) -> str: ...


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


@cache
def translator(language: str) -> NullTranslations:
    """The translations for ``language`` (``en``, ``es``, ``pt_BR``); English is the identity."""
    from rallyorg.paths import translations_dir

    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    po_path = translations_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.is_file():
        return NullTranslations()
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries are left out, as msgfmt does
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


class _UiLanguage:
    """The language of the user interface and command line; changed from Settings."""

    code: str = SOURCE_LANGUAGE


_ui = _UiLanguage()


def set_ui_language(language: str) -> None:
    _ui.code = language if language in UI_LANGUAGES else SOURCE_LANGUAGE


def ui_language() -> str:
    return _ui.code


def _(message: str) -> str:
    """Translate ``message`` into the current UI language."""
    return translator(_ui.code).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translator(_ui.code).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` as meant in ``context``: one English word with two meanings (a
    contact's "Role" is a job title, a partner group's in a rally is the part it plays)."""
    return str(translator(_ui.code).pgettext(context, message))


def best_ui_language(system_locale: str | None) -> str:
    """Map a system locale such as ``es_MX`` or ``pt_BR.UTF-8`` to a UI language."""
    if not system_locale:
        return SOURCE_LANGUAGE
    code = system_locale.split(".")[0].replace("-", "_")
    if code in UI_LANGUAGES:
        return code
    base = code.split("_")[0]
    if base == "pt":
        return "pt_BR"
    return base if base in UI_LANGUAGES else SOURCE_LANGUAGE


def format_locale(language: str) -> Locale:
    return Locale.parse(FORMAT_LOCALES.get(language, language))


def format_long_date(moment: dt.datetime | dt.date, language: str) -> str:
    """Weekday, day, month and year written out ("martes, 20 de mayo de 2025")."""
    return dates.format_date(moment, format="full", locale=format_locale(language))


def format_short_date(moment: dt.datetime | dt.date, language: str) -> str:
    return dates.format_date(moment, format="medium", locale=format_locale(language))


def format_time(moment: dt.datetime, language: str) -> str:
    """A time of day in the locale's style ("3:00 PM", "15:00"); may contain U+202F."""
    return dates.format_time(moment, format="short", locale=format_locale(language))


def format_datetime(moment: dt.datetime, language: str) -> str:
    return dates.format_datetime(moment, format="medium", locale=format_locale(language))


def format_number(value: float, language: str) -> str:
    return numbers.format_decimal(value, locale=format_locale(language))


def format_file_size(size_bytes: int, language: str) -> str:
    """A file's size the way the locale writes it ("2.1 MB", "2,1 MB"), in decimal units."""
    locale = format_locale(language)
    for unit, scale in (("digital-gigabyte", 1e9), ("digital-megabyte", 1e6), ("digital-kilobyte", 1e3)):
        if size_bytes >= scale:
            value = size_bytes / scale
            return units.format_unit(value, unit, length="short", format="#,##0.#", locale=locale)
    return units.format_unit(size_bytes, "digital-byte", length="short", locale=locale)


def language_name(code: str, ui_language: str) -> str:
    """A language code as a word in ``ui_language``, capitalised as in a list: rallyorg's own
    three from the catalogs ("Portugués (Brasil)"), any other from Babel's CLDR names ("ht" ->
    "Criollo haitiano"); an unknown code stays as it is."""
    from rallyorg.enums import Language

    try:
        return translator(ui_language).gettext(Language(code).label)
    except ValueError:
        pass
    names = format_locale(ui_language).languages
    name = names.get(code) or names.get(code.split("_")[0]) or code
    return name[:1].upper() + name[1:]
