"""Partner groups (churches, unions, community groups…) and their contacts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from rallyorg.db import Database
from rallyorg.domain import validation as v
from rallyorg.domain.enums import EventStatus, PartnerKind, PartnerRole
from rallyorg.domain.errors import NotFoundError, ValidationError
from rallyorg.domain.text import fold, like_pattern, search_blob
from rallyorg.i18n import N_
from rallyorg.models import Contact, Event, EventPartner, PartnerGroup, has_code
from rallyorg.services.concurrency import check_version


@dataclass(frozen=True)
class PartnerGroupInput:
    name: str
    kind: PartnerKind = PartnerKind.COMMUNITY
    city: str = ""
    website: str = ""
    languages: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    notes: str = ""
    member_since: dt.date | None = None
    active: bool = True


@dataclass(frozen=True)
class ContactInput:
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""
    preferred_language: str = "en"
    is_primary: bool = False
    do_not_contact: bool = False
    may_share: bool = False


@dataclass(frozen=True)
class ContactData:
    id: int
    group_id: int
    group_name: str
    name: str
    role: str
    email: str
    phone: str
    preferred_language: str
    is_primary: bool
    do_not_contact: bool
    may_share: bool
    version: int


@dataclass(frozen=True)
class PartnerGroupData:
    id: int
    name: str
    kind: PartnerKind
    city: str
    website: str
    languages: tuple[str, ...]
    tags: tuple[str, ...]
    notes: str
    member_since: dt.date | None
    active: bool
    version: int
    contact_count: int = 0
    contacts: tuple[ContactData, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class GroupEventData:
    """An event a group took part in, with its role."""

    event_id: int
    starts_at: dt.datetime
    timezone: str
    status: EventStatus
    title: str
    role: PartnerRole


def _contact_data(contact: Contact, group_name: str) -> ContactData:
    return ContactData(
        id=contact.id,
        group_id=contact.group_id,
        group_name=group_name,
        name=contact.name,
        role=contact.role,
        email=contact.email,
        phone=contact.phone,
        preferred_language=contact.preferred_language,
        is_primary=contact.is_primary,
        do_not_contact=contact.do_not_contact,
        may_share=contact.may_share,
        version=contact.version,
    )


def _group_data(group: PartnerGroup, *, with_contacts: bool, contact_count: int = 0) -> PartnerGroupData:
    ordered = sorted(group.contacts, key=lambda c: (fold(c.name), c.id)) if with_contacts else []
    contacts = tuple(_contact_data(c, group.name) for c in ordered)
    return PartnerGroupData(
        id=group.id,
        name=group.name,
        kind=group.kind,
        city=group.city,
        website=group.website,
        languages=tuple(group.languages),
        tags=tuple(group.tags),
        notes=group.notes,
        member_since=group.member_since,
        active=group.active,
        version=group.version,
        contact_count=len(contacts) if with_contacts else contact_count,
        contacts=contacts,
    )


def _apply_group_input(session: Session, group: PartnerGroup, data: PartnerGroupInput) -> None:
    name = v.required_text("name", data.name)
    key = fold(name)
    clash = session.scalar(
        select(PartnerGroup.id).where(PartnerGroup.name_key == key, PartnerGroup.id != group.id)
        if group.id
        else select(PartnerGroup.id).where(PartnerGroup.name_key == key)
    )
    if clash is not None:
        raise ValidationError("name", N_("A partner group named {name} already exists."), name=name)
    group.name = name
    group.name_key = key
    group.kind = PartnerKind(data.kind)
    group.city = v.limited_text("city", data.city, max_length=100)
    group.website = v.web_address("website", data.website, max_length=300)
    # Sorted and de-duplicated as the CodeList column stores them (returned data = a reload).
    group.languages = sorted(v.language_codes("languages", list(data.languages)))
    group.tags = sorted({t for t in (v.limited_text("tags", tag, max_length=40) for tag in data.tags) if t})
    if any("," in tag for tag in group.tags):
        raise ValidationError("tags", N_("A tag cannot contain a comma."))
    group.notes = v.limited_text("notes", data.notes, max_length=10_000, multiline=True)
    group.member_since = data.member_since
    group.active = data.active
    group.search_text = search_blob(name, group.city, " ".join(group.tags))


def _get_group(session: Session, group_id: int) -> PartnerGroup:
    group = session.get(PartnerGroup, group_id)
    if group is None:
        raise NotFoundError(N_("Partner group {id} does not exist."), id=group_id)
    return group


def list_groups(
    db: Database,
    *,
    search: str = "",
    kind: PartnerKind | None = None,
    city: str = "",
    tag: str = "",
    active_only: bool = False,
) -> list[PartnerGroupData]:
    """Groups by name; ``search`` matches group names, cities, tags and contacts' names."""
    contact_count = (
        select(func.count(Contact.id)).where(Contact.group_id == PartnerGroup.id).scalar_subquery()
    )
    query = select(PartnerGroup, contact_count).order_by(PartnerGroup.name_key)
    if search.strip():
        pattern = like_pattern(search)
        in_contacts = exists().where(
            Contact.group_id == PartnerGroup.id, Contact.search_text.like(pattern, escape="\\")
        )
        query = query.where(or_(PartnerGroup.search_text.like(pattern, escape="\\"), in_contacts))
    if kind is not None:
        query = query.where(PartnerGroup.kind == kind)
    if city.strip():
        query = query.where(func.lower(PartnerGroup.city) == city.strip().lower())
    if tag.strip():
        query = query.where(has_code(PartnerGroup.tags, tag.strip()))
    if active_only:
        query = query.where(PartnerGroup.active.is_(True))
    with db.reading() as session:
        return [
            _group_data(group, with_contacts=False, contact_count=count)
            for group, count in session.execute(query)
        ]


def get_group(db: Database, group_id: int) -> PartnerGroupData:
    with db.reading() as session:
        group = session.scalar(
            select(PartnerGroup)
            .where(PartnerGroup.id == group_id)
            .options(selectinload(PartnerGroup.contacts))
        )
        if group is None:
            raise NotFoundError(N_("Partner group {id} does not exist."), id=group_id)
        return _group_data(group, with_contacts=True)


def create_group(db: Database, data: PartnerGroupInput) -> PartnerGroupData:
    with db.transaction() as session:
        group = PartnerGroup()
        _apply_group_input(session, group, data)
        session.add(group)
        session.flush()
        return _group_data(group, with_contacts=True)


def update_group(db: Database, group_id: int, data: PartnerGroupInput, *, version: int) -> PartnerGroupData:
    with db.transaction() as session:
        group = _get_group(session, group_id)
        check_version(group.version, version)
        _apply_group_input(session, group, data)
        session.flush()
        return _group_data(group, with_contacts=True)


def delete_group(db: Database, group_id: int) -> None:
    with db.transaction() as session:
        session.delete(_get_group(session, group_id))


def group_events(db: Database, group_id: int, language: str = "en") -> list[GroupEventData]:
    from rallyorg.services.events import title_in

    with db.reading() as session:
        rows = session.execute(
            select(Event, EventPartner.role)
            .join(EventPartner, EventPartner.event_id == Event.id)
            .where(EventPartner.group_id == group_id)
            .options(selectinload(Event.texts))
            .order_by(Event.starts_at.desc())
        ).all()
        return [
            GroupEventData(
                event_id=event.id,
                starts_at=event.starts_at,
                timezone=event.timezone,
                status=event.status,
                title=title_in(event, language),
                role=role,
            )
            for event, role in rows
        ]


def _apply_contact_input(contact: Contact, data: ContactInput) -> None:
    contact.name = v.required_text("name", data.name)
    contact.role = v.limited_text("role", data.role)
    contact.email = v.normalise_email("email", data.email)
    contact.phone = v.normalise_phone("phone", data.phone)
    contact.preferred_language = v.language_code("preferred_language", data.preferred_language)
    contact.is_primary = data.is_primary
    contact.do_not_contact = data.do_not_contact
    contact.may_share = data.may_share
    contact.search_text = search_blob(contact.name, contact.email, contact.phone, contact.role)


def _only_primary(session: Session, contact: Contact) -> None:
    """A group has at most one primary contact: marking one unmarks the others."""
    if not contact.is_primary:
        return
    for other in session.scalars(
        select(Contact).where(Contact.group_id == contact.group_id, Contact.id != contact.id)
    ):
        other.is_primary = False


def add_contact(db: Database, group_id: int, data: ContactInput) -> ContactData:
    with db.transaction() as session:
        group = _get_group(session, group_id)
        contact = Contact(group_id=group.id)
        _apply_contact_input(contact, data)
        session.add(contact)
        session.flush()
        _only_primary(session, contact)
        return _contact_data(contact, group.name)


def get_contact(db: Database, contact_id: int) -> ContactData:
    with db.reading() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise NotFoundError(N_("Contact {id} does not exist."), id=contact_id)
        return _contact_data(contact, contact.group.name)


def update_contact(db: Database, contact_id: int, data: ContactInput, *, version: int) -> ContactData:
    with db.transaction() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise NotFoundError(N_("Contact {id} does not exist."), id=contact_id)
        check_version(contact.version, version)
        _apply_contact_input(contact, data)
        _only_primary(session, contact)
        session.flush()
        return _contact_data(contact, contact.group.name)


def remove_contact(db: Database, contact_id: int) -> None:
    with db.transaction() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise NotFoundError(N_("Contact {id} does not exist."), id=contact_id)
        session.delete(contact)


def list_contacts(
    db: Database, *, search: str = "", reachable_only: bool = False, shared_only: bool = False
) -> list[ContactData]:
    """Every group's contacts, by group then name. ``reachable_only`` leaves out "do not
    contact"; ``shared_only`` keeps only people who agreed to be shared with partner groups."""
    query = select(Contact, PartnerGroup.name, PartnerGroup.name_key).join(
        PartnerGroup, PartnerGroup.id == Contact.group_id
    )
    if search.strip():
        query = query.where(Contact.search_text.like(like_pattern(search), escape="\\"))
    if reachable_only:
        query = query.where(Contact.do_not_contact.is_(False))
    if shared_only:
        query = query.where(Contact.may_share.is_(True))
    with db.reading() as session:
        rows = [(key, _contact_data(contact, name)) for contact, name, key in session.execute(query)]
    # Names sorted as people read them ("Álvaro" before "Zé"); SQL sorts by code point.
    rows.sort(key=lambda row: (row[0], fold(row[1].name), row[1].id))
    return [contact for _key, contact in rows]
