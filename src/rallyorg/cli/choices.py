"""Values the command line offers whose definitions live in modules too heavy to import just
to build the parser: ``rallyorg.flyers`` loads ReportLab, ``rallyorg.exchange.outcomes`` and
``rallyorg.domain.validation`` load phonenumbers and email-validator.

They are written out here so that ``rallyorg --help`` (which builds every subcommand's parser)
loads none of those. Each names where it comes from; tests/cli/test_start.py checks that it
still matches there, so a new layout or paper size fails a test until it is added here too.
"""

from __future__ import annotations

# rallyorg.flyers.FLYER_LANGUAGES
FLYER_LANGUAGES = ("en", "es", "pt_BR")
# rallyorg.flyers.Layout, in its order; Layout.COLUMNS is the command's default
FLYER_LAYOUTS = ("columns", "stacked", "handbill", "poster", "tearoff", "quarter")
DEFAULT_FLYER_LAYOUT = "columns"
# What `flyer --format` writes; rallyorg.flyers.phone.PhoneSize, in its order, for --size
FLYER_FORMATS = ("pdf", "png", "text")
PHONE_SIZES = ("square", "story", "post")
# rallyorg.flyers.Paper, in its order
FLYER_PAPERS = ("letter", "a4", "tabloid", "a3")

# rallyorg.exchange.outcomes.OnDuplicate (re-exported by rallyorg.services.imports)
ON_DUPLICATE = ("skip", "update")
DEFAULT_ON_DUPLICATE = "skip"
# rallyorg.domain.validation.DEFAULT_PHONE_REGION
DEFAULT_PHONE_REGION = "US"
