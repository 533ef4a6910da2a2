"""Venues: where events happen, with their accessibility notes."""

from __future__ import annotations

from sqlalchemy import select

from rallyorg.db import Database
from rallyorg.domain import validation as v
from rallyorg.domain.errors import NotFoundError
from rallyorg.domain.venues import VenueData, VenueInput
from rallyorg.i18n import N_
from rallyorg.models import Venue
from rallyorg.services.concurrency import check_version


def venue_data(venue: Venue) -> VenueData:
    return VenueData(
        id=venue.id,
        name=venue.name,
        street=venue.street,
        city=venue.city,
        state=venue.state,
        postal_code=venue.postal_code,
        accessibility_notes=venue.accessibility_notes,
        version=venue.version,
    )


def _apply(venue: Venue, data: VenueInput) -> None:
    venue.name = v.required_text("venue.name", data.name)
    venue.street = v.limited_text("venue.street", data.street)
    venue.city = v.limited_text("venue.city", data.city, max_length=100)
    venue.state = v.limited_text("venue.state", data.state, max_length=50)
    venue.postal_code = v.limited_text("venue.postal_code", data.postal_code, max_length=20)
    venue.accessibility_notes = v.limited_text(
        "venue.accessibility_notes", data.accessibility_notes, max_length=5000, multiline=True
    )


def list_venues(db: Database) -> list[VenueData]:
    with db.reading() as session:
        return [venue_data(x) for x in session.scalars(select(Venue).order_by(Venue.name))]


def create_venue(db: Database, data: VenueInput) -> VenueData:
    with db.transaction() as session:
        venue = Venue()
        _apply(venue, data)
        session.add(venue)
        session.flush()
        return venue_data(venue)


def update_venue(db: Database, venue_id: int, data: VenueInput, *, version: int) -> VenueData:
    with db.transaction() as session:
        venue = session.get(Venue, venue_id)
        if venue is None:
            raise NotFoundError(N_("Venue {id} does not exist."), id=venue_id)
        check_version(venue.version, version)
        _apply(venue, data)
        session.flush()
        return venue_data(venue)
