"""The coalition's partner groups (with their contacts) and events (with their texts, venues,
partners and shifts), for benchmarks/coalition_data.py: rows for Core bulk inserts, from the
generator's random source, in a fixed order."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from typing import Any

from coalition_words import (
    CITIES,
    CONTACT_ROLES,
    CULTURE_WEIGHTS,
    CULTURES,
    DOMAINS,
    EVENT_TEXTS,
    EVENTS,
    FAMILY,
    GIVEN,
    GROUP_NAMES,
    LANGUAGES,
    SHIFT_ROLES,
    VENUES,
    folded,
    slug,
)

from rallyorg.domain.enums import EventStatus, PartnerKind, PartnerRole
from rallyorg.models import Contact, Event, EventPartner, EventText, PartnerGroup, Shift, Venue

Rows = list[dict[str, object]]
Table = tuple[type[Any], Rows]
TODAY = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)  # "now" for the events' statuses: fixed, not the clock


def group_rows(rng: random.Random, count: int, phone: Callable[[int], str]) -> Iterator[Table]:
    """``count`` partner groups, five contacts each (``phone(n)``: the n-th contact's number)."""
    groups: Rows = []
    contacts: Rows = []
    for number in range(1, count + 1):
        culture, city = rng.choices(CULTURES, CULTURE_WEIGHTS)[0], rng.choice(CITIES)
        name = f"{rng.choice(GROUP_NAMES[culture]).format(city=city)} #{number}"
        groups.append(
            {
                "id": number, "name": name, "name_key": folded(name), "city": city,
                "kind": rng.choice(list(PartnerKind)),
                "languages": sorted({"en", *LANGUAGES[culture][0]}),
                "website": f"https://example.org/groups/{number}",
                "search_text": f"{folded(name)} {folded(city)}",
            }
        )  # fmt: skip
        for seat in range(5):
            contact_id = (number - 1) * 5 + seat + 1
            person = f"{rng.choice(GIVEN[culture])} {rng.choice(FAMILY[culture])}"
            email = f"{slug(person.replace(' ', '.'))}.{contact_id}@{rng.choice(DOMAINS)}"
            number_e164 = phone(contact_id)
            role = rng.choice(CONTACT_ROLES)
            contacts.append(
                {
                    "id": contact_id, "group_id": number, "name": person, "role": role, "email": email,
                    "phone": number_e164, "is_primary": seat == 0, "do_not_contact": rng.random() < 0.02,
                    "may_share": rng.random() < 0.5,
                    "preferred_language": {"es": "es", "pt": "pt_BR"}.get(culture, "en"),
                    "search_text": " ".join(folded(p) for p in (person, email, number_e164, role)),
                }
            )  # fmt: skip
    yield PartnerGroup, groups
    yield Contact, contacts


def event_rows(rng: random.Random, count: int, groups: int) -> Iterator[Table]:
    """``count`` events over two years, in English and Spanish, each with a venue, a lead group
    and two co-sponsors among ``groups``, and five shifts."""
    venues: Rows = [
        {"id": n, "name": f"{VENUES[n % len(VENUES)]} — {city}", "street": f"{100 + n} Main Street",
         "city": city, "state": "CT", "postal_code": f"06{n % 1000:03d}"}
        for n, city in ((n, rng.choice(CITIES)) for n in range(1, max(20, count // 50) + 1))
    ]  # fmt: skip
    events: Rows = []
    texts: Rows = []
    partners: Rows = []
    shifts: Rows = []
    first, span = dt.datetime(2025, 6, 1, 14, tzinfo=dt.UTC), dt.timedelta(days=730) / count
    for number in range(1, count + 1):
        starts = (first + span * (number - 1)).replace(second=0, microsecond=0)
        kind, english, spanish = rng.choice(EVENTS)
        city = rng.choice(CITIES)
        if starts < TODAY:
            status = EventStatus.DONE if rng.random() < 0.93 else EventStatus.CANCELLED
        else:
            status = upcoming_status(rng)
        events.append(
            {"id": number, "kind": kind, "status": status, "starts_at": starts,
             "ends_at": starts + dt.timedelta(hours=2), "timezone": "America/New_York",
             "venue_id": rng.randint(1, len(venues)), "expected_attendance": rng.randrange(50, 2000, 50),
             "public_url": f"https://example.org/e/{number}"}
        )  # fmt: skip
        for offset, (language, title) in enumerate((("en", english), ("es", spanish))):
            words = {key: text.format(city=city) for key, text in EVENT_TEXTS[language].items()}
            texts.append(
                {"id": number * 2 - 1 + offset, "event_id": number, "language": language,
                 "title": f"{title} — {city}", **words}
            )  # fmt: skip
        lead, *others = rng.sample(range(1, groups + 1), 3)
        roles = ((lead, PartnerRole.LEAD), *((group, PartnerRole.CO_SPONSOR) for group in others))
        partners.extend({"event_id": number, "group_id": g, "role": role} for g, role in roles)
        for seat, (shift_role, needed) in enumerate(SHIFT_ROLES):
            shift_start = starts - dt.timedelta(hours=1) + dt.timedelta(minutes=30 * seat)
            shifts.append(
                {"id": (number - 1) * 5 + seat + 1, "event_id": number, "role": shift_role,
                 "starts_at": shift_start, "ends_at": shift_start + dt.timedelta(hours=3),
                 "capacity": rng.randrange(10, 45, 5), "required_language": needed}
            )  # fmt: skip
    yield Venue, venues
    yield Event, events
    yield EventText, texts
    yield EventPartner, partners
    yield Shift, shifts


def upcoming_status(rng: random.Random) -> EventStatus:
    draw = rng.random()
    if draw < 0.8:
        return EventStatus.CONFIRMED
    return EventStatus.DRAFT if draw < 0.95 else EventStatus.CANCELLED
