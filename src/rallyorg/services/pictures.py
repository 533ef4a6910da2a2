"""Pictures kept with the records they belong to: a partner group's logo, an event's photo or
illustration, and everything one event's flyer prints (:func:`flyer_art`).

A picture arrives already read (``domain.pictures.read_picture`` refuses what is not a PNG,
JPEG or SVG of a sensible size); storing it checks again that its bytes are what it says.
Setting or removing one is logged as a change of its group or event ("logo", "picture").
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from rallyorg.db import Database
from rallyorg.domain.errors import NotFoundError, ValidationError
from rallyorg.domain.pictures import MAX_BYTES, MEDIA_TYPES, FlyerArt, StoredPicture, looks_like
from rallyorg.i18n import N_
from rallyorg.models import Event, EventPartner, EventPicture, PartnerGroup, PartnerLogo, Picture

_FILE_NAME_LENGTH = 255  # the column's


def save_group_logo(db: Database, group_id: int, picture: StoredPicture | None) -> None:
    """Give the group this logo (replacing any), or none."""
    _checked("logo", picture)
    with db.transaction() as session:
        if session.get(PartnerGroup, group_id) is None:
            raise _no_group(group_id)
        _store(session, session.get(PartnerLogo, group_id), picture, lambda: PartnerLogo(group_id=group_id))


def group_logo(db: Database, group_id: int) -> StoredPicture | None:
    with db.reading() as session:
        logo = session.get(PartnerLogo, group_id)
        if logo is None and session.get(PartnerGroup, group_id) is None:
            raise _no_group(group_id)
        return _stored(logo)


def save_event_picture(db: Database, event_id: int, picture: StoredPicture | None) -> None:
    """Give the event this picture (replacing any), or none."""
    _checked("picture", picture)
    with db.transaction() as session:
        if session.get(Event, event_id) is None:
            raise _no_event(event_id)
        _store(session, session.get(EventPicture, event_id), picture, lambda: EventPicture(event_id=event_id))


def event_picture(db: Database, event_id: int) -> StoredPicture | None:
    with db.reading() as session:
        picture = session.get(EventPicture, event_id)
        if picture is None and session.scalar(select(Event.id).where(Event.id == event_id)) is None:
            raise _no_event(event_id)
        return _stored(picture)


def flyer_art(db: Database, event_id: int) -> FlyerArt:
    """The event's picture and the logos of its partner groups (any role), by group id."""
    with db.reading() as session:
        if session.scalar(select(Event.id).where(Event.id == event_id)) is None:
            raise _no_event(event_id)
        picture = session.get(EventPicture, event_id)
        its_groups = select(EventPartner.group_id).where(EventPartner.event_id == event_id)
        logos = session.scalars(select(PartnerLogo).where(PartnerLogo.group_id.in_(its_groups)))
        return FlyerArt(
            picture=_stored(picture),
            logos={logo.group_id: _as_stored(logo) for logo in logos},
        )


# --- helpers ------------------------------------------------------------------------------------


def _store(
    session: Session,
    row: PartnerLogo | EventPicture | None,
    picture: StoredPicture | None,
    new_row: Callable[[], PartnerLogo | EventPicture],
) -> None:
    if picture is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = new_row()
        session.add(row)
    row.media_type = picture.media_type
    row.width = picture.width
    row.height = picture.height
    row.data = picture.data
    row.file_name = picture.file_name[-_FILE_NAME_LENGTH:]


def _checked(field: str, picture: StoredPicture | None) -> None:
    """What ``read_picture`` made, not bytes under another type's name (a caller may build a
    StoredPicture itself): a flyer must never fail on a stored picture."""
    if picture is None:
        return
    right = (
        picture.media_type in MEDIA_TYPES
        and 0 < len(picture.data) <= MAX_BYTES
        and picture.width > 0
        and picture.height > 0
        and looks_like(picture.data) == picture.media_type
    )
    if not right:
        raise ValidationError(
            field,
            N_("{file} is not a picture rallyorg can use: choose a PNG, JPEG or SVG file."),
            file=picture.file_name,
        )


def _stored(row: Picture | None) -> StoredPicture | None:
    return None if row is None else _as_stored(row)


def _as_stored(row: Picture) -> StoredPicture:
    return StoredPicture(row.media_type, row.width, row.height, row.data, row.file_name)


def _no_group(group_id: int) -> NotFoundError:
    return NotFoundError(N_("Partner group {id} does not exist."), id=group_id)


def _no_event(event_id: int) -> NotFoundError:
    return NotFoundError(N_("Event {id} does not exist."), id=event_id)
