"""One lead group: the partner whose role is Lead, chosen in one place; a group may hold several
roles in a rally; databases with the old separate lead field keep what people saw."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import Engine, text

from conftest import make_event, make_group
from rallyorg.db import Database, create_database_engine, open_database
from rallyorg.domain.enums import PartnerRole
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.events import EventInput, EventPartnerInput
from rallyorg.flyers.content import build_content
from rallyorg.migrations import alembic_config
from rallyorg.services import events


def _set_partners(db: Database, event_id: int, *partners: EventPartnerInput) -> None:
    event = events.get_event(db, event_id)
    events.update_event(
        db,
        event_id,
        EventInput(starts_at=event.starts_at, ends_at=event.ends_at, partners=partners),
        version=event.version,
    )


def test_a_group_leads_and_brings_the_marshals_and_the_flyer_names_it_once(db: Database) -> None:
    church = make_group(db, "Iglesia San José")
    union = make_group(db, "SEIU 32BJ")
    event = make_event(db)
    _set_partners(
        db,
        event.id,
        EventPartnerInput(church.id, PartnerRole.LEAD),
        EventPartnerInput(church.id, PartnerRole.MARSHALS, "Eight marshals"),
        EventPartnerInput(union.id, PartnerRole.CO_SPONSOR),
        EventPartnerInput(union.id, PartnerRole.SOUND),
    )
    saved = events.get_event(db, event.id)
    assert sorted((p.group_name, p.role) for p in saved.partners) == [
        ("Iglesia San José", PartnerRole.LEAD),
        ("Iglesia San José", PartnerRole.MARSHALS),
        ("SEIU 32BJ", PartnerRole.CO_SPONSOR),
        ("SEIU 32BJ", PartnerRole.SOUND),
    ]
    assert (saved.lead_group_id, saved.lead_group_name) == (church.id, "Iglesia San José")
    content = build_content(saved, ("en", "es"))
    assert content.organizer == "Iglesia San José"
    assert content.co_sponsors == ("SEIU 32BJ",)  # once, though it holds two roles


@pytest.mark.parametrize(
    ("partners", "message"),
    [
        ((PartnerRole.LEAD, PartnerRole.LEAD), "Only one partner group can lead the rally."),
        ((PartnerRole.SOUND, PartnerRole.SOUND), "This group is listed twice in the same role."),
    ],
)
def test_two_leads_or_one_role_twice_are_refused(
    db: Database, partners: tuple[PartnerRole, PartnerRole], message: str
) -> None:
    first, second = make_group(db, "Iglesia San José"), make_group(db, "SEIU 32BJ")
    groups = (first.id, second.id) if partners[0] == PartnerRole.LEAD else (first.id, first.id)
    event = make_event(db)
    with pytest.raises(ValidationError) as caught:
        _set_partners(db, event.id, *(EventPartnerInput(g, r) for g, r in zip(groups, partners, strict=True)))
    assert (caught.value.field, caught.value.translated()) == ("partners[1]", message)
    assert events.get_event(db, event.id).partners == ()


def _database_at_0007(url: str) -> Engine:
    engine = create_database_engine(url)
    command.upgrade(alembic_config(engine), "0007")
    stamp = "2025-04-01 12:00:00.000000"
    group = (
        "INSERT INTO partner_group (id, name, name_key, kind, city, website, languages, tags, notes,"
        " active, search_text, created_at, updated_at, version, sample) VALUES"
        " (:id, :name, :key, 'faith', '', '', '', '', '', TRUE, :key, :c, :c, 1, FALSE)"
    )
    event = (
        "INSERT INTO event (id, kind, status, starts_at, ends_at, timezone, public_url, lead_group_id,"
        " created_at, updated_at, version, sample) VALUES (:id, 'rally', 'confirmed',"
        " '2025-05-20 19:00:00.000000', '2025-05-20 21:00:00.000000', 'America/New_York', '', :lead,"
        " :c, :c, 1, FALSE)"
    )
    partner = (
        "INSERT INTO event_partner (event_id, group_id, role, commitment, created_at, updated_at,"
        " version) VALUES (:event, :group, :role, '', :c, :c, 1)"
    )
    with engine.begin() as connection:
        for id_, name in ((1, "Iglesia San José"), (2, "SEIU 32BJ"), (3, "Comité de Padres")):
            connection.execute(text(group), {"id": id_, "name": name, "key": name.lower(), "c": stamp})
        # 1: only the old field named a lead. 2: both agreed. 3: they disagreed (Details said the
        # church, the Partners tab and so the flyer said the union). 4: no lead at all.
        for id_, lead in ((1, 1), (2, 1), (3, 1), (4, None)):
            connection.execute(text(event), {"id": id_, "lead": lead, "c": stamp})
        for event_id, group_id, role in (
            (2, 1, "lead"),
            (3, 2, "lead"),
            (3, 3, "marshals"),
            (4, 3, "endorser"),
        ):
            connection.execute(
                text(partner), {"event": event_id, "group": group_id, "role": role, "c": stamp}
            )
        if engine.dialect.name == "postgresql":
            for table in ("partner_group", "event"):
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 4)"))
    return engine


def test_an_old_database_keeps_the_lead_people_saw(empty_db_url: str) -> None:
    _database_at_0007(empty_db_url).dispose()
    db = open_database(empty_db_url)
    try:
        found = {
            e: sorted((p.group_name, p.role.value) for p in events.get_event(db, e).partners)
            for e in (1, 2, 3, 4)
        }
        leads = {e: events.get_event(db, e).lead_group_name for e in (1, 2, 3, 4)}
    finally:
        db.close()
    assert found == {
        1: [("Iglesia San José", "lead")],
        2: [("Iglesia San José", "lead")],
        3: [("Comité de Padres", "marshals"), ("Iglesia San José", "co_sponsor"), ("SEIU 32BJ", "lead")],
        4: [("Comité de Padres", "endorser")],
    }
    assert leads == {1: "Iglesia San José", 2: "Iglesia San José", 3: "SEIU 32BJ", 4: ""}
