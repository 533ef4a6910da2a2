"""The words of a flyer, per language, built from an event: no geometry, no ReportLab drawing.

Dates and times are written out by Babel for each language's locale through ``rallyorg.i18n``
("martes, 20 de mayo de 2025"); fixed labels come from each language's own catalog.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rallyorg.domain import fonts
from rallyorg.domain.enums import EventStatus, PartnerRole
from rallyorg.domain.events import EventData, MissingText
from rallyorg.flyers.labels import FlyerLabels, flyer_labels
from rallyorg.flyers.options import check_languages
from rallyorg.flyers.report import (
    CANCELLED,
    FIELD_MISSING,
    NO_URL,
    TITLE_MISSING,
    UNPRINTABLE,
    FlyerWarning,
)
from rallyorg.i18n import (
    format_day_and_date,
    format_day_and_short_date,
    format_long_date,
    format_short_date,
    format_time,
)

# Texts a flyer prints in every language; a language lacking one the others have is missing
# a translation (the "required" pair, title and summary, comes from the events service).
OPTIONAL_TEXT_FIELDS = ("call_to_action", "accessibility_note")
# The short headline is not among them: a flyer prints it only when the title will not fit,
# so a language without one is never a reason to refuse a flyer (the editor still marks it).


@dataclass(frozen=True)
class LanguageContent:
    """Everything one language's half of the flyer says."""

    language: str
    labels: FlyerLabels
    title: str
    date: str  # "martes, 20 de mayo de 2025"
    time: str  # "3:00 p.m. – 5:00 p.m."
    short_date: str  # "mar, 20 de mayo": a poster's or a strip's day and date
    shorter_date: str  # "mar, 20 de may": when the month written out will not fit a line
    start_time: str  # "3:00 p.m."
    headline: str  # the short title the writer gave for posters, or ""
    venue_name: str
    venue_address: str
    accessibility_note: str
    summary: str
    call_to_action: str


@dataclass(frozen=True)
class FlyerContent:
    """The words of a whole flyer: each language's half plus what both share."""

    event_id: int
    languages: tuple[LanguageContent, ...]
    organizer: str
    co_sponsors: tuple[str, ...]
    url: str
    warnings: tuple[FlyerWarning, ...]
    organizer_id: int | None = None  # the lead group's id, for its logo
    co_sponsor_ids: tuple[int, ...] = ()  # in the order of co_sponsors


def missing_translations(event: EventData, languages: Sequence[str]) -> list[MissingText]:
    """Texts the flyer needs that a language lacks: the title and summary (as the events
    service defines them), plus any optional text another chosen language has."""
    missing = list(event.missing_texts(tuple(languages)))
    for name in OPTIONAL_TEXT_FIELDS:
        present = [code for code in languages if _text(event, code, name)]
        if present:
            missing.extend(MissingText(code, name) for code in languages if code not in present)
    return missing


def _text(event: EventData, language: str, name: str) -> str:
    text = event.texts.get(language)
    return str(getattr(text, name)).strip() if text is not None else ""


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text).strip()


def _paragraphs(text: str) -> str:
    """Keep the writer's paragraphs, drop runs of blank lines and stray spaces."""
    lines = [line.strip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def _time_line(event: EventData, language: str, labels: FlyerLabels) -> str:
    start = format_time(event.starts_at, language)
    end = format_time(event.ends_at, language)
    if event.ends_at.date() == event.starts_at.date():
        return labels.time_range.format(start=start, end=end)
    end_date = format_short_date(event.ends_at, language)
    return labels.time_range_days.format(start=start, end_date=end_date, end=end)


class _Printable:
    """Cleans text for the font and remembers what it had to leave out, per field."""

    def __init__(self) -> None:
        self.warnings: list[FlyerWarning] = []

    def __call__(self, language: str | None, field: str, text: str) -> str:
        kept, dropped = fonts.printable(text)
        if dropped:
            self.warnings.append(
                FlyerWarning(language, field, UNPRINTABLE, {"characters": " ".join(dropped)})
            )
        return kept


def build_content(event: EventData, languages: Sequence[str]) -> FlyerContent:
    """The words for a flyer of ``event`` in ``languages`` (in order), with warnings for
    anything missing. Never raises for missing texts: whether to print anyway is the
    caller's choice (see :func:`missing_translations`)."""
    check_languages(languages)
    clean = _Printable()
    warnings: list[FlyerWarning] = []
    missing = {(m.language, m.field) for m in missing_translations(event, languages)}
    halves: list[LanguageContent] = []
    for language in languages:
        labels = flyer_labels(language, event.kind)
        title = _text(event, language, "title")
        if not title:
            title = event.title(language)
            warnings.append(
                FlyerWarning(language, "title", TITLE_MISSING, {"fallback": title})
                if title
                else FlyerWarning(language, "title", FIELD_MISSING)
            )
        for name in ("summary", *OPTIONAL_TEXT_FIELDS):
            if (language, name) in missing:
                warnings.append(FlyerWarning(language, name, FIELD_MISSING))
        venue = event.venue
        halves.append(
            LanguageContent(
                language=language,
                labels=labels,
                title=clean(language, "title", _one_line(title)),
                date=format_long_date(event.starts_at, language),
                time=_time_line(event, language, labels),
                short_date=format_day_and_date(event.starts_at, language),
                shorter_date=format_day_and_short_date(event.starts_at, language),
                start_time=format_time(event.starts_at, language),
                headline=clean(language, "headline", _one_line(_text(event, language, "headline"))),
                venue_name=clean(None, "venue", venue.name) if venue else "",
                venue_address=clean(None, "venue", venue.address) if venue else "",
                accessibility_note=clean(
                    language, "accessibility_note", _paragraphs(_text(event, language, "accessibility_note"))
                ),
                summary=clean(language, "summary", _paragraphs(_text(event, language, "summary"))),
                call_to_action=clean(
                    language, "call_to_action", _paragraphs(_text(event, language, "call_to_action"))
                ),
            )
        )
    if event.venue is None:
        warnings.append(FlyerWarning(None, "venue", FIELD_MISSING))
    if not event.public_url:
        warnings.append(FlyerWarning(None, "qr_code", NO_URL))
    if event.status == EventStatus.CANCELLED:
        warnings.append(FlyerWarning(None, "event", CANCELLED))
    organizer = event.lead_group_name  # the partner whose role is Lead
    # Every partner other than the organiser supports the event publicly: co-sponsors,
    # endorsers and the groups bringing marshals, interpreters or sound; each named once,
    # though a group may hold several roles.
    supporters = {
        clean(None, "co_sponsors", p.group_name): p.group_id
        for p in event.partners
        if p.group_name != organizer and p.role != PartnerRole.LEAD
    }
    return FlyerContent(
        event_id=event.id,
        languages=tuple(halves),
        organizer=clean(None, "co_sponsors", organizer),
        co_sponsors=tuple(supporters),
        url=event.public_url,
        organizer_id=event.lead_group_id,
        co_sponsor_ids=tuple(supporters.values()),
        warnings=(*warnings, *_unique(clean.warnings)),
    )


def _unique(warnings: list[FlyerWarning]) -> list[FlyerWarning]:
    seen: list[FlyerWarning] = []
    for warning in warnings:
        if warning not in seen:
            seen.append(warning)
    return seen
