"""The sample coalition loaded by ``rallyorg demo`` (and offered on first run): fictional people
and groups of a statewide Connecticut immigrant-rights coalition, its past rallies and its
upcoming work.

Everything goes through the service layer, so the sample obeys the same rules as data typed in
by hand, and all of it in one transaction (joined.py): a load that fails or is killed half-way
leaves the database as it was, never half a sample. The data is deterministic: seeded
generators and fixed dates, so two empty databases get the same sample (only timestamps such
as ``created_at`` differ).
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass

from rallyorg.db import Database
from rallyorg.demo.events_past import PAST_EVENTS
from rallyorg.demo.events_upcoming import UPCOMING_EVENTS
from rallyorg.demo.eventspec import TIMEZONE, EventPlan
from rallyorg.demo.groups import GroupPlan, plan_groups
from rallyorg.demo.joined import one_transaction
from rallyorg.demo.names import EmailBook, PhoneBook
from rallyorg.demo.people import VolunteerPlan, plan_volunteers, planted_volunteers
from rallyorg.demo.staffing import staff_event
from rallyorg.demo.venues import VENUES
from rallyorg.domain.enums import EventStatus, PartnerRole
from rallyorg.domain.errors import ConflictError
from rallyorg.domain.events import EventInput, EventPartnerInput
from rallyorg.domain.text import fold
from rallyorg.domain.volunteers import VolunteerInput, prepare_volunteer
from rallyorg.i18n import N_
from rallyorg.services import events, partners, sample, venues, volunteers
from rallyorg.services.events import local_datetime
from rallyorg.services.overview import totals

SEED = 2025
VOLUNTEER_COUNT = 357  # plus the walk-ins recorded at the May Day march: 360 people
EVENTS: tuple[EventPlan, ...] = PAST_EVENTS + UPCOMING_EVENTS


@dataclass(frozen=True)
class DemoSummary:
    """What the sample consists of: ``groups`` counts its partner groups, including existing
    ones reused under ``force``; the other counts are records added (walk-ins included)."""

    groups: int
    events: int
    volunteers: int
    signups: int


@dataclass(frozen=True)
class DemoPlan:
    """Everything to create, decided before the database is touched."""

    groups: list[GroupPlan]
    volunteers: list[VolunteerPlan]


def plan_demo() -> DemoPlan:
    rng = random.Random(SEED)
    emails = EmailBook(rng)
    phones = PhoneBook(rng)
    for plan in EVENTS:
        for walk_in in plan.walk_ins:
            if walk_in.phone:
                phones.reserve(walk_in.phone)
    planted = planted_volunteers(emails, phones)
    groups = plan_groups(rng, emails, phones)
    people = plan_volunteers(rng, groups, emails, phones, planted=planted, count=VOLUNTEER_COUNT)
    return DemoPlan(groups, people)


def load_demo(db: Database, *, force: bool = False) -> DemoSummary:
    """Add the sample coalition, in one transaction: all of it or (on any failure, or if the
    process is killed) nothing. Refuses a database that already holds data unless ``force``;
    then any earlier sample is replaced (services/sample.py), the user's own records stay, and
    partner groups (and venues) of the same name as the sample's are reused."""
    plan = plan_demo()
    with one_transaction(db) as joined:
        if not totals(joined).is_empty:
            if not force:
                raise ConflictError(
                    N_("The database already holds data; use --force to add the sample coalition anyway.")
                )
            sample.remove_sample(
                joined, unmarked_volunteers=_volunteer_keys(plan), unmarked_events=_event_keys()
            )
        with sample.marking_new_records(joined.session):
            return _load(joined, plan)


def _load(db: Database, plan: DemoPlan) -> DemoSummary:
    group_ids = _load_groups(db, plan.groups)
    venue_ids = _load_venues(db)
    volunteer_ids = [
        volunteers.create_volunteer(
            db, dataclasses.replace(p.person, group_id=group_ids[fold(p.group)] if p.group else None)
        ).id
        for p in plan.volunteers
    ]
    rng = random.Random(SEED)
    signup_count = walk_ins = 0
    for event_plan in EVENTS:
        event_id = _create_event(db, event_plan, group_ids, venue_ids)
        city = next(v.city for v in VENUES if v.name == event_plan.venue)
        result = staff_event(db, rng, event_plan, event_id, city, plan.volunteers, volunteer_ids)
        signup_count += result.signups
        walk_ins += result.walk_ins
        if event_plan.status == EventStatus.CANCELLED:
            events.cancel_event(db, event_id)
    return DemoSummary(
        groups=len(plan.groups),
        events=len(EVENTS),
        volunteers=len(volunteer_ids) + walk_ins,
        signups=signup_count,
    )


def _volunteer_keys(plan: DemoPlan) -> list[sample.VolunteerKey]:
    """The sample's people as an older rallyorg stored them (it did not mark them)."""
    people = [p.person for p in plan.volunteers]
    people += [
        VolunteerInput(given_name=w.given_name, family_name=w.family_name, phone=w.phone, source="walk-in")
        for event_plan in EVENTS
        for w in event_plan.walk_ins
    ]
    return [sample.volunteer_key(prepare_volunteer(person)) for person in people]


def _event_keys() -> list[sample.EventKey]:
    return [(local_datetime(e.day, e.starts, TIMEZONE), e.texts["en"].title) for e in EVENTS]


def _load_groups(db: Database, plans: list[GroupPlan]) -> dict[str, int]:
    """Group ids by folded name; a group that already exists is reused as it is."""
    ids = {fold(group.name): group.id for group in partners.list_groups(db)}
    for plan in plans:
        key = fold(plan.group.name)
        if key in ids:
            continue
        group = partners.create_group(db, plan.group)
        ids[key] = group.id
        for contact in plan.contacts:
            partners.add_contact(db, group.id, contact)
    return ids


def _load_venues(db: Database) -> dict[str, int]:
    ids = {fold(venue.name): venue.id for venue in venues.list_venues(db)}
    for venue in VENUES:
        key = fold(venue.name)
        if key not in ids:
            ids[key] = venues.create_venue(db, venue).id
    return ids


def _create_event(db: Database, plan: EventPlan, group_ids: dict[str, int], venue_ids: dict[str, int]) -> int:
    lead_id = group_ids[fold(plan.lead)]
    event_partners = (
        EventPartnerInput(lead_id, PartnerRole.LEAD),
        *(EventPartnerInput(group_ids[fold(p.group)], p.role, p.commitment) for p in plan.partners),
    )
    event = events.create_event(
        db,
        EventInput(
            starts_at=local_datetime(plan.day, plan.starts, TIMEZONE),
            ends_at=local_datetime(plan.day, plan.ends, TIMEZONE),
            kind=plan.kind,
            # A cancelled event was confirmed (and staffed) first, then called off.
            status=EventStatus.CONFIRMED if plan.status == EventStatus.CANCELLED else plan.status,
            timezone=TIMEZONE,
            venue_id=venue_ids[fold(plan.venue)],
            expected_attendance=plan.expected_attendance,
            public_url=plan.public_url,
            texts=plan.texts,
            partners=event_partners,
            tags=plan.tags,
        ),
    )
    return event.id
