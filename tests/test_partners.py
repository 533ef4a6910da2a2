"""Partner groups and contacts: unique names, consent flags, search, cascades."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import make_event, make_group, make_volunteer
from rallyorg.db import Database
from rallyorg.domain.enums import PartnerKind, PartnerRole
from rallyorg.domain.errors import ConflictError, NotFoundError, ValidationError
from rallyorg.domain.events import EventInput, EventPartnerInput
from rallyorg.services import events, partners, volunteers
from rallyorg.services.partners import ContactInput, PartnerGroupInput


def _group_names(rows: list[partners.PartnerGroupData]) -> list[str]:
    return [g.name for g in rows]


def test_group_names_are_unique_ignoring_case_and_accents(db: Database) -> None:
    make_group(db, "Iglesia San José")

    with pytest.raises(ValidationError) as caught:
        make_group(db, "iglesia san jose")

    assert caught.value.field == "name"
    assert str(caught.value) == "name: A partner group named iglesia san jose already exists."
    assert _group_names(partners.list_groups(db)) == ["Iglesia San José"]


def test_renaming_a_group_onto_another_name_is_refused_but_keeping_its_own_is_fine(db: Database) -> None:
    make_group(db, "Iglesia San José")
    union = make_group(db, "SEIU 32BJ", kind=PartnerKind.UNION)

    with pytest.raises(ValidationError) as caught:
        partners.update_group(db, union.id, PartnerGroupInput(name="IGLESIA SAN JOSÉ"), version=union.version)
    assert caught.value.field == "name"

    renamed = partners.update_group(
        db, union.id, PartnerGroupInput(name="seiu 32bj", kind=PartnerKind.UNION), version=union.version
    )
    assert renamed.name == "seiu 32bj"
    assert renamed.version == union.version + 1


def test_group_name_is_required(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        make_group(db, "   ")
    assert caught.value.field == "name"
    assert caught.value.translated() == "This field is required."


def test_group_fields_round_trip(db: Database) -> None:
    group = make_group(
        db,
        "Unidad Latina en Acción",
        kind=PartnerKind.ADVOCACY,
        city="New Haven",
        website="https://example.org",
        languages=("es", "en", "es"),
        tags=("youth", "trust-act", "youth"),
        member_since=dt.date(2019, 3, 1),
    )
    loaded = partners.get_group(db, group.id)
    assert (group.languages, group.tags) == (loaded.languages, loaded.tags)  # as stored
    assert loaded.kind == PartnerKind.ADVOCACY
    assert loaded.languages == ("en", "es")
    assert loaded.tags == ("trust-act", "youth")
    assert loaded.member_since == dt.date(2019, 3, 1)
    assert _group_names(partners.list_groups(db, tag="youth")) == ["Unidad Latina en Acción"]
    assert partners.list_groups(db, tag="yout") == []
    assert _group_names(partners.list_groups(db, kind=PartnerKind.ADVOCACY, city="new haven")) == [
        "Unidad Latina en Acción"
    ]


def test_a_tag_with_a_comma_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        make_group(db, "Group", tags=("a,b",))
    assert caught.value.field == "tags"


def test_one_primary_contact_per_group(db: Database) -> None:
    group = make_group(db)
    first = partners.add_contact(db, group.id, ContactInput(name="Padre Luis", is_primary=True))
    second = partners.add_contact(db, group.id, ContactInput(name="Hermana Rosa", is_primary=True))

    contacts = {c.id: c for c in partners.get_group(db, group.id).contacts}

    assert contacts[second.id].is_primary is True
    assert contacts[first.id].is_primary is False


def test_contact_phone_and_email_are_normalised(db: Database) -> None:
    group = make_group(db)
    contact = partners.add_contact(
        db,
        group.id,
        ContactInput(name="Rosa", email="Rosa@Example.ORG", phone="203.555.0147", preferred_language="es"),
    )
    assert (contact.email, contact.phone, contact.preferred_language) == (
        "Rosa@example.org",
        "+12035550147",
        "es",
    )
    assert contact.group_name == "Iglesia San José"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "rosa@"}, "email"),
        ({"phone": "12"}, "phone"),
        ({"preferred_language": "fr"}, "preferred_language"),
        ({"name": ""}, "name"),
    ],
)
def test_contact_validation_names_the_field(db: Database, changes: dict[str, str], field: str) -> None:
    group = make_group(db)
    values = {"name": "Rosa", **changes}
    with pytest.raises(ValidationError) as caught:
        partners.add_contact(db, group.id, ContactInput(**values))  # type: ignore[arg-type]
    assert caught.value.field == field
    assert partners.get_group(db, group.id).contacts == ()


def test_list_contacts_respects_consent(db: Database) -> None:
    group = make_group(db)
    partners.add_contact(db, group.id, ContactInput(name="Ana Reachable", may_share=True))
    partners.add_contact(db, group.id, ContactInput(name="Bia Private"))
    partners.add_contact(db, group.id, ContactInput(name="Caio Blocked", do_not_contact=True, may_share=True))

    def names(reachable_only: bool = False, shared_only: bool = False) -> list[str]:
        found = partners.list_contacts(db, reachable_only=reachable_only, shared_only=shared_only)
        return [c.name for c in found]

    assert names() == ["Ana Reachable", "Bia Private", "Caio Blocked"]
    assert names(reachable_only=True) == ["Ana Reachable", "Bia Private"]
    assert names(shared_only=True) == ["Ana Reachable", "Caio Blocked"]
    assert names(reachable_only=True, shared_only=True) == ["Ana Reachable"]


def test_contacts_sort_as_people_read_names(db: Database) -> None:
    church = make_group(db, "Iglesia San José")
    union = make_group(db, "ágil union")  # folded: sorts before "iglesia"
    for name in ("Zé Lima", "Álvaro Núñez", "ana Souza", "Bruno"):
        partners.add_contact(db, church.id, ContactInput(name=name))
    partners.add_contact(db, union.id, ContactInput(name="Rosa"))

    assert [c.name for c in partners.get_group(db, church.id).contacts] == [
        "Álvaro Núñez",
        "ana Souza",
        "Bruno",
        "Zé Lima",
    ]
    assert [c.name for c in partners.list_contacts(db)] == [
        "Rosa",
        "Álvaro Núñez",
        "ana Souza",
        "Bruno",
        "Zé Lima",
    ]
    assert _group_names(partners.list_groups(db)) == ["ágil union", "Iglesia San José"]


def test_contact_search_is_accent_insensitive_and_literal(db: Database) -> None:
    group = make_group(db)
    partners.add_contact(db, group.id, ContactInput(name="José Gonçalves", role="Pastor"))
    partners.add_contact(db, group.id, ContactInput(name="Ana Nunez", email="ana_n@example.org"))
    partners.add_contact(db, group.id, ContactInput(name="Bia Núñez", email="anaxn@example.org"))

    def found(query: str) -> list[str]:
        return [c.name for c in partners.list_contacts(db, search=query)]

    assert found("jose") == ["José Gonçalves"]
    assert found("GONCALVES") == ["José Gonçalves"]
    assert found("núñez") == ["Ana Nunez", "Bia Núñez"]
    assert found("ana_n") == ["Ana Nunez"]
    assert found("%") == []
    assert found("pastor") == ["José Gonçalves"]


def test_group_search_matches_names_cities_tags_and_contacts(db: Database) -> None:
    church = make_group(db, "Iglesia San José", city="Danbury", kind=PartnerKind.FAITH)
    make_group(db, "Comunidade Gonçalves", city="Bridgeport")
    make_group(db, "100% Unidos", city="Hartford", tags=("youth",))
    partners.add_contact(db, church.id, ContactInput(name="Padre Núñez"))

    def found(query: str) -> list[str]:
        return _group_names(partners.list_groups(db, search=query))

    assert found("jose") == ["Iglesia San José"]
    assert found("GONCALVES") == ["Comunidade Gonçalves"]
    assert found("nunez") == ["Iglesia San José"]  # through its contact
    assert found("DANBURY") == ["Iglesia San José"]
    assert found("youth") == ["100% Unidos"]
    assert found("100%") == ["100% Unidos"]
    assert found("%") == ["100% Unidos"]
    assert found("_") == []
    assert partners.list_groups(db, search="danbury")[0].contact_count == 1


def test_deleting_a_group_cascades_to_its_contacts_and_event_roles(db: Database) -> None:
    group = make_group(db)
    partners.add_contact(db, group.id, ContactInput(name="Padre Luis"))
    member = make_volunteer(db, "Ana", group_id=group.id)
    event = make_event(db)
    events.update_event(
        db,
        event.id,
        EventInput(
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            partners=(EventPartnerInput(group.id, PartnerRole.LEAD),),
        ),
        version=event.version,
    )

    partners.delete_group(db, group.id)

    assert partners.list_contacts(db) == []
    assert volunteers.get_volunteer(db, member.id).group_id is None
    after = events.get_event(db, event.id)
    assert after.partners == ()
    assert after.lead_group_id is None
    with pytest.raises(NotFoundError):
        partners.get_group(db, group.id)


def test_group_events_lists_roles(db: Database) -> None:
    group = make_group(db)
    event = make_event(db)
    events.update_event(
        db,
        event.id,
        EventInput(
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            texts={},
            partners=(EventPartnerInput(group.id, PartnerRole.MARSHALS, "12 marshals"),),
        ),
        version=event.version,
    )
    [entry] = partners.group_events(db, group.id, "en")
    assert (entry.event_id, entry.title, entry.role) == (
        event.id,
        "Rally for the TRUST Act",
        PartnerRole.MARSHALS,
    )


def test_stale_group_edit_is_a_conflict(db: Database) -> None:
    group = make_group(db)
    partners.update_group(
        db, group.id, PartnerGroupInput(name="Iglesia San José", city="Danbury"), version=group.version
    )

    with pytest.raises(ConflictError):
        partners.update_group(db, group.id, PartnerGroupInput(name="Other"), version=group.version)

    assert partners.get_group(db, group.id).city == "Danbury"


def test_stale_contact_edit_is_a_conflict(db: Database) -> None:
    group = make_group(db)
    contact = partners.add_contact(db, group.id, ContactInput(name="Rosa"))
    partners.update_contact(db, contact.id, ContactInput(name="Rosa Lima"), version=contact.version)
    with pytest.raises(ConflictError):
        partners.update_contact(db, contact.id, ContactInput(name="Rosa L."), version=contact.version)
    partners.remove_contact(db, contact.id)
    with pytest.raises(NotFoundError):
        partners.remove_contact(db, contact.id)
