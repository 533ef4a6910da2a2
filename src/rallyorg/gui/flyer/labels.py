"""Words for the flyer choices: each language in its own name, layouts and papers in the
interface language, and a language as a word in warnings ("Spanish: summary is missing")."""

from __future__ import annotations

from babel.lists import format_list

from rallyorg.domain.enums import Language
from rallyorg.flyers import Layout, Paper
from rallyorg.flyers.phone import PhoneSize
from rallyorg.flyers.report import FIELD_NAMES
from rallyorg.i18n import N_, _, format_locale, ngettext

LAYOUT_LABELS: dict[Layout, str] = {
    # Translators: flyer layout: the two languages side by side.
    Layout.COLUMNS: N_("Two columns"),
    # Translators: flyer layout: one language above the other.
    Layout.STACKED: N_("Stacked"),
    # Translators: flyer layout: a half-page flyer printed twice on one sheet, to cut in two.
    Layout.HANDBILL: N_("Half-page handbill (2 per sheet)"),
    # Translators: flyer layout: big type for a wall or a window.
    Layout.POSTER: N_("Poster"),
    # Translators: flyer layout: a community-board flyer with strips at the bottom to tear off.
    Layout.TEAROFF: N_("Tear-off strips"),
    # Translators: flyer layout: four small handouts on one sheet, to cut apart.
    Layout.QUARTER: N_("Quarter-page handouts (4 per sheet)"),
}

PHONE_SIZE_LABELS: dict[PhoneSize, str] = {
    # Translators: a picture size for phones, in the Flyer tab's "Save image…" menu.
    PhoneSize.SQUARE: N_("Square, 1080 × 1080 (WhatsApp, Instagram)"),
    # Translators: a picture size for phones: full screen, for a status or a story.
    PhoneSize.STORY: N_("Story, 1080 × 1920 (status, stories)"),
    # Translators: a picture size for phones: wide, for a Facebook post or a link preview.
    PhoneSize.POST: N_("Post, 1200 × 630 (Facebook)"),
}

# Bleed for a print shop, in points: none, 3 mm (the usual in Europe), 1/8 in (in the US).
BLEEDS: dict[float, str] = {
    # Translators: flyer option: no bleed (for printing at home or the office).
    0.0: N_("None"),
    # Translators: flyer option: 3 mm of bleed with crop marks, for a print shop.
    3 * 72 / 25.4: N_("3 mm, with crop marks"),
    # Translators: flyer option: 1/8 inch of bleed with crop marks, for a print shop.
    0.125 * 72: N_("⅛ in, with crop marks"),
}

PAPER_LABELS: dict[Paper, str] = {
    # Translators: paper size, 8.5 × 11 inches.
    Paper.LETTER: N_("US Letter"),
    # Translators: paper size, 210 × 297 mm.
    Paper.A4: N_("A4"),
    # Translators: paper size, 11 × 17 inches, for posters.
    Paper.TABLOID: N_("Tabloid 11×17"),
    # Translators: paper size, 297 × 420 mm, for posters.
    Paper.A3: N_("A3"),
}


def native_name(code: str) -> str:
    """A flyer language in its own words: English, Español, Português (never translated:
    a reader looks for their own language's name)."""
    return Language(code).native_name


def language_word(code: str | None) -> str:
    """A flyer language as a word of the interface language ("Spanish"); "" for None."""
    if code is None:
        return ""
    try:
        return _(Language(code).label)
    except ValueError:
        return code


def field_word(field: str) -> str:
    """A part of a flyer as warnings name it: "summary", "call to action"."""
    return _(FIELD_NAMES.get(field, field))


def missing_sentence(language: str, fields: list[str], ui_language: str) -> str:
    """ "Spanish: summary is missing", "Portuguese (Brazil): title and summary are missing"."""
    words = format_list([field_word(f) for f in fields], locale=format_locale(ui_language))
    return ngettext(
        "{language}: {fields} is missing",
        "{language}: {fields} are missing",
        len(fields),
    ).format(language=language_word(language), fields=words)
