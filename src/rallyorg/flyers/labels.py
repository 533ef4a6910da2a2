"""The fixed words printed on a flyer, in each of its languages.

The English sentences are marked with ``N_`` so that pybabel extracts them; each flyer language
looks them up in its own catalog through ``i18n.translator`` — two languages at once, without
touching the interface language.
"""

from __future__ import annotations

from dataclasses import dataclass

from rallyorg.domain.enums import EventKind, Language
from rallyorg.i18n import N_, translator

# Translators: flyer heading above the date and time of the event. Printed in capitals.
WHEN = N_("When")
# Translators: flyer heading above the place (venue and address). Printed in capitals.
WHERE = N_("Where")
# Translators: flyer footer heading before the name of the group that organises the event.
ORGANIZED_BY = N_("Organized by")
# Translators: flyer footer heading before the partner groups that support the event.
CO_SPONSORED_BY = N_("Co-sponsored by")
# Translators: caption beside the QR code on a flyer; the code opens the event's web page.
SCAN_FOR_DETAILS = N_("Scan for details")
# Translators: a time range on a flyer, e.g. "3:00 PM – 5:00 PM"; keep {start} and {end}.
TIME_RANGE = N_("{start} – {end}")
# Translators: an event that ends on a later day, e.g. "3:00 PM – May 21, 2025, 1:00 AM".
TIME_RANGE_DAYS = N_("{start} – {end_date}, {end}")


@dataclass(frozen=True)
class FlyerLabels:
    """The fixed words of one language, already translated."""

    language: str
    tag: str  # "EN", "ES", "PT": the small language mark on each half
    kind: str  # "Rally", "Manifestación"…
    when: str
    where: str
    organized_by: str
    co_sponsored_by: str
    scan_for_details: str
    time_range: str
    time_range_days: str


def flyer_labels(language: str, kind: EventKind) -> FlyerLabels:
    """The labels for ``language`` from its own catalog (English is the source)."""
    gettext = translator(language).gettext
    return FlyerLabels(
        language=language,
        tag=Language(language).tag,
        kind=gettext(kind.label),
        when=gettext(WHEN),
        where=gettext(WHERE),
        organized_by=gettext(ORGANIZED_BY),
        co_sponsored_by=gettext(CO_SPONSORED_BY),
        scan_for_details=gettext(SCAN_FOR_DETAILS),
        time_range=gettext(TIME_RANGE),
        time_range_days=gettext(TIME_RANGE_DAYS),
    )
