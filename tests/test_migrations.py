"""Alembic migrations: the migrated schema equals the models, old databases keep their data,
and every revision can be undone and redone. Written to hold whatever the head revision is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from rallyorg import migrations
from rallyorg.db import create_database_engine, open_database
from rallyorg.domain.enums import SignUpStatus
from rallyorg.migrations import alembic_config, current_revision, head_revision
from rallyorg.models import Base
from rallyorg.services import events, partners, signups, volunteers


@pytest.fixture
def engine(empty_db_url: str) -> Iterator[Engine]:
    engine = create_database_engine(empty_db_url)
    try:
        yield engine
    finally:
        engine.dispose()


# The volunteer search index (migration 0010) is built in SQL the models do not describe: an
# FTS5 table and its shadow tables on SQLite, a trigram index on PostgreSQL.
SEARCH_INDEX = "volunteer_search"


def _not_search_index(item: Any, name: str | None, *_: Any) -> bool:
    return not (name or "").startswith(SEARCH_INDEX)


def _schema_differences(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        opts = {"compare_type": True, "include_object": _not_search_index}
        context = MigrationContext.configure(connection, opts=opts)
        return list(compare_metadata(context, Base.metadata))


def _revisions_oldest_first() -> list[str]:
    script = ScriptDirectory(str(migrations.MIGRATIONS_DIR))
    return [r.revision for r in reversed(list(script.walk_revisions("base", "heads")))]


def _tables(engine: Engine) -> set[str]:
    names = set(inspect(engine).get_table_names()) - {"alembic_version"}
    return {name for name in names if not name.startswith(SEARCH_INDEX)}


def test_the_recorded_head_is_alembics() -> None:
    """Opening an up-to-date database trusts HEAD_REVISION instead of asking Alembic."""
    assert head_revision() == migrations.HEAD_REVISION


def test_there_is_one_head_starting_from_0001() -> None:
    script = ScriptDirectory(str(migrations.MIGRATIONS_DIR))
    assert len(script.get_heads()) == 1
    assert _revisions_oldest_first()[0] == "0001"
    assert _revisions_oldest_first()[-1] == head_revision()


def test_empty_database_upgraded_to_head_equals_the_models(engine: Engine) -> None:
    migrations.upgrade_to_head(engine)

    assert current_revision(engine) == head_revision()
    assert _tables(engine) == set(Base.metadata.tables)
    assert _schema_differences(engine) == []


def test_existing_database_at_0001_keeps_its_rows(engine: Engine) -> None:
    command.upgrade(alembic_config(engine), "0001")
    assert current_revision(engine) == "0001"
    stamp = "2025-04-01 12:00:00.000000"
    common = {"c": stamp, "u": stamp}
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO partner_group (id, name, name_key, kind, city, website, languages, tags,"
                " notes, active, search_text, created_at, updated_at, version) VALUES (1,"
                " 'Iglesia San José', 'iglesia san jose', 'faith', 'Danbury', '', ',es,', '', '', TRUE,"
                " 'iglesia san jose danbury', :c, :u, 1)"
            ),
            common,
        )
        connection.execute(
            text(
                "INSERT INTO contact (id, group_id, name, role, email, phone, preferred_language,"
                " is_primary, do_not_contact, may_share, search_text, created_at, updated_at, version)"
                " VALUES (1, 1, 'Padre Luis', 'Pastor', '', '', 'es', TRUE, FALSE, TRUE,"
                " 'padre luis pastor',"
                " :c, :u, 1)"
            ),
            common,
        )
        connection.execute(
            text(
                "INSERT INTO volunteer (id, given_name, family_name, email, phone, languages, skills,"
                " city, group_id, may_email, may_text, may_call, do_not_contact, may_share, source,"
                " notes, search_text, name_key, created_at, updated_at, version) VALUES (1, 'José',"
                " 'Gonçalves', 'jose@example.org', '+12035550123', ',en,pt,', ',marshal,', 'Danbury',"
                " 1, TRUE, FALSE, FALSE, FALSE, FALSE, 'paper form', '',"
                " 'jose goncalves jose@example.org +12035550123 danbury', 'jose goncalves', :c, :u, 1)"
            ),
            common,
        )
        connection.execute(
            text(
                "INSERT INTO event (id, kind, status, starts_at, ends_at, timezone, public_url,"
                " lead_group_id, created_at, updated_at, version) VALUES (1, 'rally', 'confirmed',"
                " '2025-05-20 19:00:00.000000', '2025-05-20 21:00:00.000000', 'America/New_York',"
                " '', 1, :c, :u, 1)"
            ),
            common,
        )
        connection.execute(
            text(
                "INSERT INTO event_text (id, event_id, language, title, summary, call_to_action,"
                " accessibility_note, created_at, updated_at, version) VALUES (1, 1, 'es',"
                " '¡Firme la Ley TRUST!', 'Alcaldía de Danbury', '', '', :c, :u, 1)"
            ),
            common,
        )
        connection.execute(
            text(
                "INSERT INTO shift (id, event_id, role, starts_at, ends_at, capacity, notes, created_at,"
                " updated_at, version) VALUES (1, 1, 'Marshal', '2025-05-20 18:00:00.000000',"
                " '2025-05-20 21:00:00.000000', 1, '', :c, :u, 1)"
            ),
            common,
        )
        connection.execute(
            text(
                "INSERT INTO signup (id, volunteer_id, shift_id, status, signed_up_at, created_at,"
                " updated_at, version) VALUES (1, 1, 1, 'signed_up', :c, :c, :u, 1)"
            ),
            common,
        )
        if engine.dialect.name == "postgresql":
            # Rows inserted with explicit ids leave PostgreSQL's sequences behind.
            for table in ("partner_group", "contact", "volunteer", "event", "event_text", "shift", "signup"):
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 1)"))
    engine.dispose()

    db = open_database(str(engine.url))
    try:
        assert current_revision(db.engine) == head_revision()
        assert _schema_differences(db.engine) == []
        [group] = partners.list_groups(db, search="jose")
        assert group.contact_count == 1
        assert [r.name for r in volunteers.list_volunteers(db, search="GONCALVES")] == ["José Gonçalves"]
        event = events.get_event(db, 1)
        assert event.title("es") == "¡Firme la Ley TRUST!"
        assert (event.starts_at.hour, event.lead_group_name) == (15, "Iglesia San José")
        assert [(s.volunteer_name, s.status) for s in event.shifts[0].signups] == [
            ("José Gonçalves", SignUpStatus.SIGNED_UP)
        ]
        # And the old rows are fully usable: the waitlist rule still applies to them.
        newcomer = volunteers.create_volunteer(db, volunteers.VolunteerInput(given_name="Ana"))
        assert signups.sign_up(db, newcomer.id, 1).status == SignUpStatus.WAITLISTED
    finally:
        db.close()


def test_downgrade_to_base_and_upgrade_again(engine: Engine) -> None:
    migrations.upgrade_to_head(engine)

    migrations.downgrade(engine, "base")
    assert current_revision(engine) is None
    assert _tables(engine) == set()
    # The comparison does see a difference when there is one: every table is missing.
    added = {diff[1].name for diff in _schema_differences(engine) if diff[0] == "add_table"}
    assert added == set(Base.metadata.tables)

    migrations.upgrade_to_head(engine)
    assert current_revision(engine) == head_revision()
    assert _schema_differences(engine) == []


def test_every_revision_steps_up_and_down(engine: Engine) -> None:
    config = alembic_config(engine)
    revisions = _revisions_oldest_first()
    for revision in revisions:
        command.upgrade(config, revision)
        assert current_revision(engine) == revision
    for previous in reversed([None, *revisions[:-1]]):
        command.downgrade(config, "-1")
        assert current_revision(engine) == previous
    assert _tables(engine) == set()


def test_open_database_upgrades_on_open_and_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    for _ in range(2):
        db = open_database(url)
        try:
            assert current_revision(db.engine) == head_revision()
        finally:
            db.close()


def test_open_without_migrating_leaves_an_empty_file_empty(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'bare.db'}", migrate=False)
    try:
        assert current_revision(db.engine) is None
        assert _tables(db.engine) == set()
    finally:
        db.close()
