"""The volunteer list's id-first queries agree with ``list_volunteers`` and read every flag."""

from __future__ import annotations

import pytest

from conftest import make_volunteer
from rallyorg.db import Database
from rallyorg.domain.enums import Skill
from rallyorg.services import volunteer_queries, volunteers
from rallyorg.services.volunteers import Consent, VolunteerSort


@pytest.fixture
def crowd(db: Database) -> Database:
    make_volunteer(db, "José", "Gonçalves", city="Danbury", languages=("pt_BR", "en"), may_email=True)
    make_volunteer(
        db, "Ana", "Nunez", city="Hartford", languages=("es",), skills=(Skill.MEDIC,), may_text=True
    )
    make_volunteer(db, "Jose", "Ramírez", city="New Haven", languages=("ht", "fr"), do_not_contact=True)
    make_volunteer(db, "María", "Núñez", email="maria@example.org", languages=("es",), may_call=True)
    make_volunteer(db, "Bia", "Alves", city="danbury", may_share=True, skills=(Skill.MEDIC, Skill.DRIVER))
    return db


@pytest.mark.parametrize("sort", list(VolunteerSort))
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"search": "jose"},
        {"language": "es"},
        {"skill": "medic"},
        {"city": "DANBURY"},
        {"consent": Consent.MAY_TEXT},
    ],
)
def test_matching_ids_match_list_volunteers(
    crowd: Database, sort: VolunteerSort, descending: bool, filters: dict[str, object]
) -> None:
    expected = [r.id for r in volunteers.list_volunteers(crowd, sort=sort, descending=descending, **filters)]  # type: ignore[arg-type]
    assert volunteer_queries.matching_ids(crowd, sort=sort, descending=descending, **filters) == expected  # type: ignore[arg-type]


def test_rows_by_id_read_every_consent_flag_and_skip_missing_ids(crowd: Database) -> None:
    ids = volunteer_queries.matching_ids(crowd)
    rows = volunteer_queries.rows_by_id(crowd, [*ids, 9999])
    assert set(rows) == set(ids)
    by_name = {r.name: r for r in rows.values()}
    jose = by_name["José Gonçalves"]
    assert (jose.languages, jose.may_email, jose.may_text, jose.do_not_contact) == (
        ("pt_BR", "en"),  # as given: Portuguese first
        True,
        False,
        False,
    )
    assert by_name["Ana Nunez"].may_text and by_name["Ana Nunez"].skills == ("medic",)
    assert by_name["María Núñez"].may_call and by_name["Bia Alves"].may_share
    assert by_name["Jose Ramírez"].do_not_contact
    assert volunteer_queries.rows_by_id(crowd, []) == {}


def test_list_languages_lists_each_code_once(crowd: Database) -> None:
    assert volunteer_queries.list_languages(crowd) == ["en", "es", "fr", "ht", "pt_BR"]
