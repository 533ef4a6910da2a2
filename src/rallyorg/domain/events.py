"""Events as plain records: what the rally form gives (EventInput and its texts and partners)
and what services return (EventData, with its venue, texts, partners and shifts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from rallyorg.domain.enums import EventKind, EventStatus, Language, PartnerRole
from rallyorg.domain.shifts import ShiftData, SignUpData
from rallyorg.domain.venues import VenueData

DEFAULT_TIMEZONE = "America/New_York"
# Fields a language needs before the event can be announced in it (UI "missing" mark).
REQUIRED_TEXT_FIELDS = ("title", "summary")


@dataclass(frozen=True)
class EventTextInput:
    title: str = ""
    summary: str = ""
    call_to_action: str = ""
    accessibility_note: str = ""
    # A short title (a few words) a poster prints when the full title will not fit big.
    headline: str = ""


@dataclass(frozen=True)
class EventPartnerInput:
    group_id: int
    role: PartnerRole = PartnerRole.CO_SPONSOR
    commitment: str = ""


@dataclass(frozen=True)
class EventInput:
    starts_at: dt.datetime
    ends_at: dt.datetime
    kind: EventKind = EventKind.RALLY
    status: EventStatus = EventStatus.DRAFT
    timezone: str = DEFAULT_TIMEZONE
    venue_id: int | None = None
    expected_attendance: int | None = None
    public_url: str = ""
    texts: Mapping[str, EventTextInput] = field(default_factory=dict)
    # None keeps the event's partner list as it is; a tuple replaces it.
    partners: tuple[EventPartnerInput, ...] | None = None
    # Campaign tags; None keeps them as they are, a tuple replaces them.
    tags: tuple[str, ...] | None = None


@dataclass(frozen=True)
class EventTextData:
    language: str
    title: str
    summary: str
    call_to_action: str
    accessibility_note: str
    headline: str = ""


@dataclass(frozen=True)
class EventPartnerData:
    group_id: int
    group_name: str
    role: PartnerRole
    commitment: str


@dataclass(frozen=True)
class MissingText:
    language: str
    field: str


@dataclass(frozen=True)
class EventData:
    id: int
    kind: EventKind
    status: EventStatus
    starts_at: dt.datetime  # aware, in the event's own time zone
    ends_at: dt.datetime
    timezone: str
    venue: VenueData | None
    lead_group_id: int | None  # the partner whose role is LEAD (there is no other lead field)
    lead_group_name: str
    expected_attendance: int | None
    public_url: str
    version: int
    texts: Mapping[str, EventTextData]
    partners: tuple[EventPartnerData, ...]
    shifts: tuple[ShiftData, ...]
    created_at: dt.datetime | None = None  # UTC; part of the event's calendar UID
    tags: tuple[str, ...] = ()  # campaign tags, sorted

    def title(self, language: str = "en") -> str:
        """The title in ``language``, else English, else any language that has one."""
        for code in (language, "en", *self.texts):
            text = self.texts.get(code)
            if text and text.title:
                return text.title
        return ""

    @property
    def places_needed(self) -> int:
        return sum(s.capacity for s in self.shifts)

    @property
    def places_filled(self) -> int:
        return sum(min(s.filled, s.capacity) for s in self.shifts)

    def missing_texts(self, languages: tuple[str, ...] = tuple(Language)) -> list[MissingText]:
        """Which languages lack a title or summary: a state to show, not an error."""
        missing = []
        for language in languages:
            text = self.texts.get(language)
            for name in REQUIRED_TEXT_FIELDS:
                if text is None or not getattr(text, name).strip():
                    missing.append(MissingText(language, name))
        return missing


@dataclass(frozen=True)
class EventChange:
    """A rally as saved, with what happened to its shifts: how many moved with its new date,
    and whoever moved up from a waitlist because a shift moved ahead again."""

    event: EventData
    shifts_moved: int = 0
    promotions: tuple[SignUpData, ...] = ()
