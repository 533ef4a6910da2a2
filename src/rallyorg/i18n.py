"""Translations and locale formatting: the one place that does either.

Catalogs are gettext ``.po`` files under ``translations/<locale>/LC_MESSAGES/rallyorg.po``,
compiled in memory on first use (so a checkout and a wheel need no build step).
``translator(locale)`` returns a translation object for *any* language, which is what a
bilingual flyer needs: two languages at once, never a switched global.

Looking a message up needs only the standard library's ``gettext``; Babel (~50 ms to import,
with pytz) is imported by the functions that format dates and numbers or compile a catalog,
so that ``rallyorg --help`` does not load it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import locale
import os
import tempfile
from collections.abc import Sequence
from functools import cache
from gettext import GNUTranslations, NullTranslations
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from babel import Locale

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
    return catalog_translations(language, po_path.read_bytes())


def catalog_translations(language: str, po_bytes: bytes) -> GNUTranslations:
    try:
        return GNUTranslations(io.BytesIO(compiled_catalog(language, po_bytes)))
    except Exception:
        return GNUTranslations(io.BytesIO(compiled_catalog(language, po_bytes, use_cache=False)))


def compiled_catalog(language: str, po_bytes: bytes, *, use_cache: bool = True) -> bytes:
    """The .mo form of a catalog. Compiling takes ~50 ms a language, at every start of the app
    and of each command, so the result is kept in the cache folder. Its name carries the hash
    of the .po it came from (a changed catalog is compiled again) and its own hash (a file
    damaged on disk is not used); older files of the language are removed."""
    from rallyorg.paths import cache_dir

    folder = cache_dir() / "catalogs"
    prefix = f"{DOMAIN}-{language}-{_digest(po_bytes)}-"
    if use_cache:
        with contextlib.suppress(OSError):
            for path in folder.glob(f"{prefix}*.mo"):
                data = path.read_bytes()
                if path.stem.endswith(_digest(data)):
                    return data
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po_bytes), locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries are left out, as msgfmt does
    compiled = buffer.getvalue()
    with contextlib.suppress(OSError):  # a read-only home still gets its translations
        _keep(folder, f"{prefix}{_digest(compiled)}.mo", compiled, language)
    return compiled


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:20]


def _keep(folder: Path, name: str, data: bytes, language: str) -> None:
    """Write ``data`` as ``folder/name`` whole or not at all (two processes may start at once),
    then remove what older catalogs of the language left there."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as partial:
        partial.write(data)
    try:
        os.replace(partial.name, folder / name)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial.name)
    for old in folder.glob(f"{DOMAIN}-{language}-*.mo"):
        if old.name != name:
            with contextlib.suppress(OSError):
                old.unlink()


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
    code = system_locale.split(".")[0].split("@")[0].replace("-", "_")  # es_ES.UTF-8@euro
    if code in UI_LANGUAGES:
        return code
    base = code.split("_")[0]
    if base == "pt":
        return "pt_BR"
    return base if base in UI_LANGUAGES else SOURCE_LANGUAGE


def system_language(platform_languages: Sequence[str] = ()) -> str:
    """The UI language the system asks for — the one way the command line and the app decide.

    As gettext reads the environment: the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that
    is set names the locale, and ``LANGUAGE`` may list languages to try before it. A locale of
    ``C`` or ``POSIX`` in LC_ALL or LC_MESSAGES asks for English; a locale rallyorg has no
    language for gets English too, as any gettext program would give. Only when the
    environment names no locale (nothing set, or a bare ``LANG=C.UTF-8`` as containers and
    launchers set by default) does the platform decide: the app passes Qt's
    ``QLocale.system().uiLanguages()`` (the Windows and macOS display language), then
    Python's locale.
    """
    variable, name = next(
        ((v, os.environ[v]) for v in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(v)), ("", "")
    )
    plain_c = name in ("C", "POSIX") or name.startswith("C.")
    if plain_c and variable != "LANG":
        return SOURCE_LANGUAGE  # chosen on purpose, e.g. LC_ALL=C in a script
    if name and not plain_c:
        wanted = [part for part in os.environ.get("LANGUAGE", "").split(":") if part] + [name]
    else:
        wanted = list(platform_languages)
        with contextlib.suppress(ValueError, AttributeError):  # no LC_MESSAGES on Windows
            wanted.append(locale.getlocale(locale.LC_MESSAGES)[0] or "")
    for candidate in wanted:
        language = best_ui_language(candidate)
        if language != SOURCE_LANGUAGE or candidate.lower().startswith("en"):
            return language
    return SOURCE_LANGUAGE


@cache  # parsed once: a list of 4,000 dates asked 9,000 times
def format_locale(language: str) -> Locale:
    from babel import Locale

    return Locale.parse(FORMAT_LOCALES.get(language, language))


def format_long_date(moment: dt.datetime | dt.date, language: str) -> str:
    """Weekday, day, month and year written out ("martes, 20 de mayo de 2025")."""
    from babel import dates

    return dates.format_date(moment, format="full", locale=format_locale(language))


def format_short_date(moment: dt.datetime | dt.date, language: str) -> str:
    from babel import dates

    return dates.format_date(moment, format="medium", locale=format_locale(language))


def format_day_and_date(moment: dt.datetime | dt.date, language: str) -> str:
    """Short weekday, day and whole month, no year ("Tue, May 20", "mar, 20 de mayo"): what a
    poster prints big enough to read from across the street."""
    from babel import dates

    return dates.format_skeleton("MMMMEEEEd", moment, locale=format_locale(language))


def format_day_and_short_date(moment: dt.datetime | dt.date, language: str) -> str:
    """As :func:`format_day_and_date` with the month shortened ("sáb, 13 de sep"): for when
    the whole month will not fit one line of a poster."""
    from babel import dates

    return dates.format_skeleton("MMMEd", moment, locale=format_locale(language))


def format_time(moment: dt.datetime, language: str) -> str:
    """A time of day in the locale's style ("3:00 PM", "15:00"); may contain U+202F."""
    from babel import dates

    return dates.format_time(moment, format="short", locale=format_locale(language))


def format_datetime(moment: dt.datetime, language: str) -> str:
    from babel import dates

    return dates.format_datetime(moment, format="medium", locale=format_locale(language))


def format_number(value: float, language: str) -> str:
    from babel import numbers

    return numbers.format_decimal(value, locale=format_locale(language))


def format_file_size(size_bytes: int, language: str) -> str:
    """A file's size the way the locale writes it ("2.1 MB", "2,1 MB"), in decimal units."""
    from babel import units

    locale = format_locale(language)
    for unit, scale in (("digital-gigabyte", 1e9), ("digital-megabyte", 1e6), ("digital-kilobyte", 1e3)):
        if size_bytes >= scale:
            value = size_bytes / scale
            return units.format_unit(value, unit, length="short", format="#,##0.#", locale=locale)
    return units.format_unit(size_bytes, "digital-byte", length="short", locale=locale)
