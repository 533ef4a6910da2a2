"""What a flyer could not print as asked: missing translations, text cut to fit, no QR code.

A warning is data, not an exception: the flyer is still made, and the front end shows the
list (translated into the interface language) so the organiser can fix the text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from rallyorg.i18n import N_

# Names of the parts of a flyer, as warnings mention them.
FIELD_NAMES: Mapping[str, str] = {
    # Translators: a part of a flyer, used in warnings such as "es: title cut after 3 lines".
    "title": N_("title"),
    # Translators: a part of a flyer, used in warnings such as "es: summary cut after 3 lines".
    "summary": N_("summary"),
    # Translators: a part of a flyer, used in warnings such as "es: call to action missing".
    "call_to_action": N_("call to action"),
    # Translators: a part of a flyer: the short title printed on posters when the full one is too long.
    "headline": N_("short headline"),
    # Translators: a part of a flyer: the accessibility and interpretation note.
    "accessibility_note": N_("accessibility note"),
    # Translators: a part of a flyer: the place where the event happens.
    "venue": N_("place"),
    # Translators: a part of a flyer: the day of the event, written out.
    "date": N_("date"),
    # Translators: a part of a flyer: the start and end time of the event.
    "time": N_("time"),
    # Translators: a part of a flyer: the footer line listing the partner groups.
    "co_sponsors": N_("co-sponsors"),
    # Translators: a part of a flyer: the QR code that links to the event's web page.
    "qr_code": N_("QR code"),
    # Translators: a part of a flyer: the logo or picture chosen for it.
    "logo": N_("logo"),
    # Translators: a part of a flyer: the event's photo or illustration.
    "picture": N_("picture"),
    "event": N_("event"),
}

# Translators: flyer warning; {field} is a part of the flyer such as "summary".
FIELD_MISSING = N_("{field} missing; left off the flyer")
# Translators: flyer warning when a language has no title; {fallback} is the title printed instead.
TITLE_MISSING = N_("title missing; printed “{fallback}” instead")
# Translators: flyer warning: the text did not fit in its box and the rest was left out.
FIELD_CUT = N_("{field} cut after {lines} lines")
# Translators: flyer warning: only the first line of the text fitted in its box.
FIELD_CUT_ONE = N_("{field} cut after its first line")
# Translators: flyer warning: the text did not fit at all.
FIELD_DROPPED = N_("{field} does not fit; left off the flyer")
# Translators: flyer warning: the event has no web address to put in a QR code.
NO_URL = N_("no public web address, so the flyer has no QR code")
# Translators: flyer warning: too many co-sponsors' logos to print them all, so names are printed.
LOGOS_AS_NAMES = N_("co-sponsors' logos do not fit; their names are printed instead")
# Translators: flyer warning: the event's picture needs more room than the text leaves.
PICTURE_LEFT_OFF = N_("no room for the event's picture; left off the flyer")
# Translators: flyer warning: the full title is too long for the layout, so the short headline is printed.
HEADLINE_USED = N_("title too long to print big; printed the short headline instead")
# Translators: flyer warning on a poster: the title is too long to print at poster size.
TITLE_UNDER_FLOOR = N_("title too long to print at poster size; add a short headline so it prints bigger")
# Translators: flyer warning: the event's status is Cancelled.
CANCELLED = N_("this event is cancelled")
# Translators: flyer warning: characters (e.g. emoji) the flyer font cannot print.
UNPRINTABLE = N_("{field}: characters the font cannot print were left out: {characters}")


@dataclass(frozen=True)
class FlyerWarning:
    """One problem, for one language (or ``None`` for the whole flyer) and one field."""

    language: str | None
    field: str
    message: str  # an English sentence marked N_, with {named} placeholders
    params: Mapping[str, Any] = dataclass_field(default_factory=dict)

    def translated(self, gettext: Callable[[str], str] | None = None) -> str:
        """The warning as one line, e.g. ``"es: summary cut after 3 lines"``."""
        translate: Callable[[str], str] = gettext or str
        field_name = translate(FIELD_NAMES.get(self.field, self.field))
        text = translate(self.message).format(field=field_name, **self.params)
        return f"{self.language}: {text}" if self.language else text

    def __str__(self) -> str:
        return self.translated()
