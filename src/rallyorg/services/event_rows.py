"""EventData built from an event's columns and parts: for one event read as ORM objects
(``events.event_data``), and for lists read as plain rows (``listed_events``).

A list of a coalition's 1,000 rallies read as ORM objects (events, texts, partners and their
groups, 5,000 shifts) spent ~0.5 s building objects nobody edits; the Rallies place, Check-in,
the Dashboard, the event pickers and ``events list`` all pay it. Plain rows carry the same
column names, so the same code turns them into EventData; sign-ups are counted in SQL.
"""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from rallyorg.domain.enums import EventKind, EventStatus, PartnerRole, SignUpStatus
from rallyorg.domain.events import EventData, EventPartnerData, EventTextData
from rallyorg.domain.shifts import ShiftData
from rallyorg.domain.venues import VenueData
from rallyorg.models import Event, EventPartner, EventText, PartnerGroup, Shift, Venue, shift_signup_count
from rallyorg.services.signups import shift_data
from rallyorg.services.venues import venue_data


def listed_events(session: Session, ids: Select[Any]) -> list[EventData]:
    """The events whose ids ``ids`` selects, in its order, with their texts, venue, partner
    groups and shifts (each with its numbers of sign-ups, not the sign-ups): five queries,
    whatever the number of events."""
    wanted = ids.order_by(None).scalar_subquery()
    # The order first, then the rows: on PostgreSQL (READ COMMITTED) each query sees the latest
    # commits, so an event changed in between is left out rather than listed out of place.
    order = {event_id: place for place, event_id in enumerate(session.scalars(ids))}
    events = [
        e for e in session.execute(select(Event.__table__).where(Event.id.in_(wanted))) if e.id in order
    ]
    texts: dict[int, list[Any]] = defaultdict(list)
    for text in session.execute(
        select(EventText.__table__).where(EventText.event_id.in_(wanted)).order_by(EventText.language)
    ):
        texts[text.event_id].append(text)
    partners: dict[int, list[tuple[EventPartnerData, str]]] = defaultdict(list)
    for event_id, group_id, name, name_key, role, commitment in session.execute(
        select(
            EventPartner.event_id,
            EventPartner.group_id,
            PartnerGroup.name,
            PartnerGroup.name_key,
            EventPartner.role,
            EventPartner.commitment,
        )
        .join(PartnerGroup, PartnerGroup.id == EventPartner.group_id)
        .where(EventPartner.event_id.in_(wanted))
    ):
        partners[event_id].append((EventPartnerData(group_id, name, PartnerRole(role), commitment), name_key))
    counts = _signup_counts(session, wanted)
    shifts: dict[int, list[Any]] = defaultdict(list)
    for shift in session.execute(
        select(Shift.__table__).where(Shift.event_id.in_(wanted)).order_by(Shift.starts_at, Shift.id)
    ):
        shifts[shift.event_id].append(shift)
    venue_ids = {event.venue_id for event in events if event.venue_id is not None}
    venues = {v.id: venue_data(v) for v in session.scalars(select(Venue).where(Venue.id.in_(venue_ids)))}
    listed = []
    for event in sorted(events, key=lambda e: order[e.id]):
        zone = zoneinfo.ZoneInfo(event.timezone)
        # A plain row has the columns' names: shift_data reads only those given a zone and counts.
        event_shifts = tuple(shift_data(cast(Shift, s), zone, counts.get(s.id, {})) for s in shifts[event.id])
        venue = venues.get(event.venue_id) if event.venue_id is not None else None
        listed.append(
            assemble_event(cast(Event, event), texts[event.id], partners[event.id], event_shifts, venue)
        )
    return listed


def _signup_counts(session: Session, event_ids: Any) -> dict[int, dict[SignUpStatus, int]]:
    """Per shift of these events, how many sign-ups have each status, from the view that
    gives every login the true numbers (migration 0012; a partner login sees only its own
    group's sign-ups)."""
    counts: dict[int, dict[SignUpStatus, int]] = {}
    view = shift_signup_count.c
    query = (
        select(view.shift_id, view.status, view.number)
        .join(Shift, Shift.id == view.shift_id)
        .where(Shift.event_id.in_(event_ids))
    )
    for shift_id, status, number in session.execute(query):
        counts.setdefault(shift_id, {})[SignUpStatus(status)] = number
    return counts


def assemble_event(
    event: Event,
    texts: Iterable[EventText],
    partners: Iterable[tuple[EventPartnerData, str]],
    shifts: tuple[ShiftData, ...],
    venue: VenueData | None,
) -> EventData:
    """An EventData from the event's columns (an ORM object, or a plain row with the same
    names: event_lists.py) and its parts; ``partners`` with each group's sort key."""
    zone = zoneinfo.ZoneInfo(event.timezone)
    ordered = [
        p for p, _key in sorted(partners, key=lambda pair: (pair[0].role != PartnerRole.LEAD, pair[1]))
    ]
    lead = next((p for p in ordered if p.role == PartnerRole.LEAD), None)
    return EventData(
        id=event.id,
        kind=EventKind(event.kind),
        status=EventStatus(event.status),
        starts_at=event.starts_at.astimezone(zone),
        ends_at=event.ends_at.astimezone(zone),
        timezone=event.timezone,
        venue=venue,
        lead_group_id=lead.group_id if lead else None,
        lead_group_name=lead.group_name if lead else "",
        expected_attendance=event.expected_attendance,
        public_url=event.public_url,
        version=event.version,
        texts={
            t.language: EventTextData(
                t.language, t.title, t.summary, t.call_to_action, t.accessibility_note, t.headline
            )
            for t in texts
        },
        partners=tuple(ordered),
        shifts=shifts,
        created_at=event.created_at,
        tags=tuple(event.tags or ()),
    )
