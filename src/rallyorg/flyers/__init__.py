"""Bilingual flyers as PDF: plain functions from an event and a flyer choice to PDF bytes.

No Qt here: the command line and the GUI both call :func:`render_flyer`, then
:func:`save_pdf` (or show the bytes in a preview).

    options = FlyerOptions(languages=("en", "es"), layout=Layout.COLUMNS, paper=Paper.LETTER)
    missing = missing_translations(event, options.languages)   # ask before printing
    result = render_flyer(event, options)                      # .pdf, .warnings
    save_pdf(path, result.pdf)
"""

from __future__ import annotations

from rallyorg.flyers.content import FlyerContent, LanguageContent, build_content, missing_translations
from rallyorg.flyers.options import (
    FLYER_LANGUAGES,
    FlyerOptions,
    Layout,
    Paper,
    default_paper,
    parse_languages,
)
from rallyorg.flyers.output import save_pdf
from rallyorg.flyers.render import FlyerResult, Region, render_content, render_flyer
from rallyorg.flyers.report import FlyerWarning

__all__ = [
    "FLYER_LANGUAGES",
    "FlyerContent",
    "FlyerOptions",
    "FlyerResult",
    "FlyerWarning",
    "LanguageContent",
    "Layout",
    "Paper",
    "Region",
    "build_content",
    "default_paper",
    "missing_translations",
    "parse_languages",
    "render_content",
    "render_flyer",
    "save_pdf",
]
