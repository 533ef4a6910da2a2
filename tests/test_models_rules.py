"""Rules the data model itself enforces (constraints, column types, version counter) and the text
folding that search and uniqueness rely on."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, StatementError

from conftest import EventWithShift, make_group, make_volunteer
from rallyorg.db import Database
from rallyorg.domain.enums import SignUpStatus
from rallyorg.domain.text import fold, like_pattern, search_blob
from rallyorg.models import PartnerGroup, SignUp, Volunteer, has_code


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("José GONÇALVES", "jose goncalves"),
        ("  Núñez   Peña ", "nunez pena"),
        ("São João", "sao joao"),
        ("Straße", "strasse"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(raw: str | None, folded: str) -> None:
    assert fold(raw) == folded


def test_like_pattern_escapes_wildcards() -> None:
    assert like_pattern("100%_Ñ\\") == "%100\\%\\_n\\\\%"
    assert search_blob("José", None, "", "Danbury") == "jose danbury"


def test_group_name_key_is_unique_in_the_database_itself(db: Database) -> None:
    make_group(db, "Iglesia San José")
    with pytest.raises(IntegrityError, match=r"(?i)unique"), db.transaction() as session:
        session.add(PartnerGroup(name="IGLESIA SAN JOSE", name_key="iglesia san jose"))


def test_duplicate_signup_row_is_refused_by_the_constraint(
    db: Database, event_with_shift: EventWithShift
) -> None:
    ana = make_volunteer(db)
    with db.transaction() as session:
        session.add(SignUp(volunteer_id=ana.id, shift_id=event_with_shift.shift.id))
    with pytest.raises(IntegrityError, match=r"(?i)unique"), db.transaction() as session:
        session.add(SignUp(volunteer_id=ana.id, shift_id=event_with_shift.shift.id))


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError, match=r"(?i)foreign key"), db.transaction() as session:
        session.add(SignUp(volunteer_id=12345, shift_id=67890))


def test_code_lists_are_deduplicated_ordered_or_sorted_and_matched_whole(db: Database) -> None:
    # A volunteer's languages keep the person's order (the first is the one written to them in).
    ana = make_volunteer(db, languages=("pt", "es", "pt", " en "))
    assert ana.languages == ("pt_BR", "es", "en")
    # A partner group's are sorted.
    group = make_group(db, languages=("pt", "es", "pt", " en "))
    assert group.languages == ("en", "es", "pt_BR")
    with db.reading() as session:
        stored = session.execute(
            text("SELECT languages FROM volunteer WHERE id = :id"), {"id": ana.id}
        ).scalar()
        assert stored == ",pt_BR,es,en,"
        assert (
            session.execute(
                text("SELECT languages FROM partner_group WHERE id = :id"), {"id": group.id}
            ).scalar()
            == ",en,es,pt_BR,"
        )
        assert session.scalar(select(Volunteer.id).where(has_code(Volunteer.languages, "es"))) == ana.id
        assert session.scalar(select(Volunteer.id).where(has_code(Volunteer.languages, "e"))) is None
        assert session.scalar(select(Volunteer.id).where(has_code(Volunteer.languages, "%"))) is None


def test_naive_datetimes_are_refused_by_the_column(db: Database, event_with_shift: EventWithShift) -> None:
    ana = make_volunteer(db)
    with pytest.raises(StatementError, match="naive datetime"), db.transaction() as session:
        session.add(
            SignUp(
                volunteer_id=ana.id, shift_id=event_with_shift.shift.id, signed_up_at=dt.datetime(2025, 5, 20)
            )
        )


def test_datetimes_are_stored_as_utc_and_loaded_aware(db: Database, event_with_shift: EventWithShift) -> None:
    ana = make_volunteer(db)
    local = dt.datetime(2025, 5, 20, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    with db.transaction() as session:
        session.add(SignUp(volunteer_id=ana.id, shift_id=event_with_shift.shift.id, signed_up_at=local))
    with db.reading() as session:
        raw = session.execute(text("SELECT signed_up_at FROM signup")).scalar()
        loaded = session.scalar(select(SignUp.signed_up_at))
    assert str(raw).startswith("2025-05-20 18:30:00")
    assert loaded == local
    assert loaded is not None and loaded.tzinfo == dt.UTC


def test_every_edit_bumps_the_version_and_updated_at(db: Database) -> None:
    ana = make_volunteer(db)
    with db.transaction() as session:
        row = session.get(Volunteer, ana.id)
        assert row is not None
        created, updated, version = row.created_at, row.updated_at, row.version
        row.city = "Danbury"
    with db.reading() as session:
        row = session.get(Volunteer, ana.id)
        assert row is not None
        assert row.version == version + 1
        assert row.created_at == created
        assert row.updated_at > updated


def test_holding_statuses() -> None:
    holding = {s for s in SignUpStatus if s.holds_a_place}
    assert holding == {SignUpStatus.SIGNED_UP, SignUpStatus.CONFIRMED, SignUpStatus.ATTENDED}
    assert SignUpStatus.NO_SHOW.label == "No-show"
