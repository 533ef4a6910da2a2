"""Volunteers: normalisation, consent, accent-insensitive search, duplicates and merging."""

from __future__ import annotations

import pytest

from conftest import EventWithShift, make_group, make_shift, make_volunteer
from rallyorg.db import Database
from rallyorg.domain.enums import SignUpStatus, Skill
from rallyorg.domain.errors import NotFoundError, ValidationError
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.services import signups, volunteers
from rallyorg.services.volunteers import Consent, VolunteerSort


def _names(rows: list[volunteers.VolunteerRow]) -> list[str]:
    return [r.name for r in rows]


@pytest.fixture
def crowd(db: Database) -> Database:
    make_volunteer(db, "José", "Gonçalves", city="Danbury", languages=("pt", "en"), skills=(Skill.MARSHAL,))
    make_volunteer(db, "Ana", "Nunez", city="Hartford", languages=("es",), skills=(Skill.MEDIC,))
    make_volunteer(db, "Jose", "Ramírez", city="New Haven", languages=("es", "en"))
    make_volunteer(db, "María", "Núñez", email="maria@example.org", languages=("es",))
    make_volunteer(db, "Pedro", "100% Silva", email="pedro_silva@example.org")
    make_volunteer(db, "Paulo", "100 Silva", email="pedroXsilva@example.org")
    return db


def test_search_jose_finds_accented_and_plain_names(crowd: Database) -> None:
    assert _names(volunteers.list_volunteers(crowd, search="jose")) == ["José Gonçalves", "Jose Ramírez"]
    assert _names(volunteers.list_volunteers(crowd, search="JOSÉ")) == ["José Gonçalves", "Jose Ramírez"]


def test_search_is_case_and_accent_insensitive_both_ways(crowd: Database) -> None:
    assert _names(volunteers.list_volunteers(crowd, search="GONCALVES")) == ["José Gonçalves"]
    assert _names(volunteers.list_volunteers(crowd, search="núñez")) == ["Ana Nunez", "María Núñez"]
    assert _names(volunteers.list_volunteers(crowd, search="jose goncalves")) == ["José Gonçalves"]
    assert _names(volunteers.list_volunteers(crowd, search="new haven")) == ["Jose Ramírez"]


def test_search_wildcards_are_literal(crowd: Database) -> None:
    assert _names(volunteers.list_volunteers(crowd, search="100%")) == ["Pedro 100% Silva"]
    assert _names(volunteers.list_volunteers(crowd, search="pedro_silva")) == ["Pedro 100% Silva"]
    assert volunteers.list_volunteers(crowd, search="%") == volunteers.list_volunteers(crowd, search="100%")
    assert volunteers.list_volunteers(crowd, search="_") != volunteers.list_volunteers(crowd)


def test_filters_by_language_skill_city_and_consent(db: Database) -> None:
    make_volunteer(
        db, "Ana", "A", languages=("es", "en"), skills=(Skill.MEDIC,), city="Danbury", may_text=True
    )
    make_volunteer(db, "Bia", "B", languages=("pt",), skills=(Skill.MARSHAL,), city="danbury", may_text=True)
    make_volunteer(db, "Caio", "C", languages=("es_MX",), may_text=True, do_not_contact=True)

    # One spelling per language: es_MX is Spanish, and "pt" finds Portuguese speakers (pt_BR).
    assert _names(volunteers.list_volunteers(db, language="es")) == ["Ana A", "Caio C"]
    assert _names(volunteers.list_volunteers(db, language="pt")) == ["Bia B"]
    assert volunteers.list_volunteers(db, language="pt_BR")[0].languages == ("pt_BR",)
    assert _names(volunteers.list_volunteers(db, skill="marshal")) == ["Bia B"]
    assert _names(volunteers.list_volunteers(db, city="DANBURY")) == ["Ana A", "Bia B"]
    assert _names(volunteers.list_volunteers(db, consent=Consent.MAY_TEXT)) == ["Ana A", "Bia B"]
    assert _names(volunteers.list_volunteers(db, consent=Consent.DO_NOT_CONTACT)) == ["Caio C"]


def test_sorting_and_paging(db: Database) -> None:
    for given, family, city in (
        ("Ana", "Costa", "Waterbury"),
        ("Bia", "Alves", "Stamford"),
        ("Caio", "Braga", "Bridgeport"),
    ):
        make_volunteer(db, given, family, city=city)

    assert _names(volunteers.list_volunteers(db)) == ["Bia Alves", "Caio Braga", "Ana Costa"]
    assert _names(volunteers.list_volunteers(db, descending=True)) == ["Ana Costa", "Caio Braga", "Bia Alves"]
    assert _names(volunteers.list_volunteers(db, sort=VolunteerSort.CITY)) == [
        "Caio Braga",
        "Bia Alves",
        "Ana Costa",
    ]
    assert _names(volunteers.list_volunteers(db, sort=VolunteerSort.NEWEST)) == [
        "Caio Braga",
        "Bia Alves",
        "Ana Costa",
    ]
    assert _names(volunteers.list_volunteers(db, limit=1, offset=1)) == ["Caio Braga"]
    assert volunteers.count_volunteers(db) == 3
    assert volunteers.list_cities(db) == ["Bridgeport", "Stamford", "Waterbury"]


def test_names_sort_as_people_read_them(db: Database) -> None:
    for given, family in (("Ana", "Zapata"), ("Bia", "Álvarez"), ("Caio", "da Silva"), ("Davi", "Costa")):
        make_volunteer(db, given, family)
    assert _names(volunteers.list_volunteers(db)) == [
        "Bia Álvarez",
        "Davi Costa",
        "Caio da Silva",
        "Ana Zapata",
    ]


def test_phone_stored_as_e164_and_email_normalised(db: Database) -> None:
    person = make_volunteer(db, " Ana ", " Souza ", phone="(203) 555-0123", email="  Ana.Souza@EXAMPLE.ORG ")
    assert person.phone == "+12035550123"
    assert person.email == "Ana.Souza@example.org"
    assert (person.given_name, person.family_name) == ("Ana", "Souza")
    brazil = make_volunteer(db, "Bia", phone="+55 11 91234-5678")
    assert brazil.phone == "+5511912345678"
    assert volunteers.get_volunteer(db, person.id).phone == "+12035550123"


def test_do_not_contact_clears_every_permission(db: Database) -> None:
    person = make_volunteer(
        db, may_email=True, may_text=True, may_call=True, may_share=True, do_not_contact=True
    )
    assert (person.may_email, person.may_text, person.may_call) == (False, False, False)
    assert person.do_not_contact is True
    assert person.may_share is True  # sharing with partners is a separate question


def test_families_may_share_one_email(db: Database) -> None:
    ana = make_volunteer(db, "Ana", "Souza", email="souza.family@example.org")
    pedro = make_volunteer(db, "Pedro", "Souza", email="souza.family@example.org")
    assert ana.id != pedro.id
    assert volunteers.find_duplicates(db) == []


def test_same_phone_in_different_formats_is_a_duplicate(db: Database) -> None:
    a = make_volunteer(db, "José", "Gonçalves", phone="203-555-0199")
    b = make_volunteer(db, "Zé", "Gonçalves", phone="+1 (203) 555 0199")
    make_volunteer(db, "Other", "Person", phone="203-555-0100")

    pairs = volunteers.find_duplicates(db)

    assert [(p.first.id, p.second.id, p.reason) for p in pairs] == [(a.id, b.id, "phone")]


def test_same_name_and_email_is_a_duplicate_even_with_accents(db: Database) -> None:
    a = make_volunteer(db, "María", "Núñez", email="maria@example.org")
    b = make_volunteer(db, "maria", "NUNEZ", email="maria@example.org")
    make_volunteer(db, "María", "Núñez")  # same name, no email: not enough to say

    pairs = volunteers.find_duplicates(db)

    assert [(p.first.id, p.second.id, p.reason) for p in pairs] == [(a.id, b.id, "name_email")]


def test_three_records_of_one_person_make_three_pairs(db: Database) -> None:
    ids = [
        make_volunteer(db, "Zé", "Lima", phone=phone).id
        for phone in ("2035550150", "203-555-0150", "+12035550150")
    ]
    pairs = volunteers.find_duplicates(db)
    assert [(p.first.id, p.second.id) for p in pairs] == [
        (ids[0], ids[1]),
        (ids[0], ids[2]),
        (ids[1], ids[2]),
    ]
    assert {p.reason for p in pairs} == {"phone"}


def test_a_pair_matching_two_ways_is_listed_once(db: Database) -> None:
    make_volunteer(db, "Ana", "Souza", email="ana@example.org", phone="2035550111")
    make_volunteer(db, "Ana", "Souza", email="ana@example.org", phone="(203) 555-0111")
    assert len(volunteers.find_duplicates(db)) == 1


def test_merge_keeps_every_signup_and_narrows_consent(db: Database, event_with_shift: EventWithShift) -> None:
    shared = event_with_shift.shift
    second_shift = make_shift(db, event_with_shift.event.id, role="Sign-in desk", capacity=5)
    group = make_group(db)
    keep = make_volunteer(
        db, "José", "Gonçalves", may_email=True, may_text=True, languages=("pt",), skills=(Skill.DRIVER,)
    )
    other = make_volunteer(
        db,
        "Jose",
        "Goncalves",
        email="jose@example.org",
        phone="2035550123",
        city="Danbury",
        group_id=group.id,
        may_email=True,
        may_text=False,
        languages=("en", "pt"),
        skills=(Skill.MARSHAL,),
        notes="Has a truck",
    )
    mine = signups.sign_up(db, keep.id, shared.id)
    theirs = signups.sign_up(db, other.id, shared.id)
    signups.check_in(db, theirs.id)  # the duplicate record is the one that checked in
    moved = signups.sign_up(db, other.id, second_shift.id)

    merged = volunteers.merge_volunteers(db, keep.id, other.id)

    assert merged.id == keep.id
    by_shift = {h.shift_role: h for h in merged.history}
    assert set(by_shift) == {"Marshal", "Sign-in desk"}
    assert by_shift["Marshal"].signup_id == mine.id
    assert by_shift["Marshal"].status == SignUpStatus.ATTENDED  # the more advanced status wins
    assert by_shift["Marshal"].hours == 3.0
    assert by_shift["Sign-in desk"].signup_id == moved.id
    assert (merged.email, merged.phone, merged.city, merged.group_id) == (
        "jose@example.org",
        "+12035550123",
        "Danbury",
        group.id,
    )
    assert merged.languages == ("pt_BR", "en")  # the kept record's first language stays first
    assert merged.skills == ("driver", "marshal")
    assert (merged.may_email, merged.may_text) == (True, False)
    assert merged.notes == "Has a truck"
    with pytest.raises(NotFoundError):
        volunteers.get_volunteer(db, other.id)
    # Searching by the merged-in email finds the kept record.
    assert [r.id for r in volunteers.list_volunteers(db, search="jose@example")] == [keep.id]
    assert signups.get_shift(db, shared.id).filled == 1


def test_merge_frees_a_double_booked_place_for_the_waitlist(
    db: Database, upcoming_event_with_shift: EventWithShift
) -> None:
    shift_id = upcoming_event_with_shift.shift.id
    keep = make_volunteer(db, "Ana", "Souza", email="ana@example.org")
    other = make_volunteer(db, "Ana", "Souza", email="ana@example.org")
    waiting = make_volunteer(db, "Bruno", "Lima")
    signups.sign_up(db, keep.id, shift_id)
    signups.sign_up(db, other.id, shift_id)  # one person holding both places
    signups.sign_up(db, waiting.id, shift_id)

    volunteers.merge_volunteers(db, keep.id, other.id)

    shift = signups.get_shift(db, shift_id)
    assert {s.volunteer_id: s.status for s in shift.signups} == {
        keep.id: SignUpStatus.SIGNED_UP,
        waiting.id: SignUpStatus.SIGNED_UP,
    }


def test_merge_with_do_not_contact_wins(db: Database) -> None:
    keep = make_volunteer(db, "Ana", may_email=True, may_call=True, may_share=True)
    other = make_volunteer(db, "Ana", do_not_contact=True, may_share=True)

    merged = volunteers.merge_volunteers(db, keep.id, other.id)

    assert merged.do_not_contact is True
    assert (merged.may_email, merged.may_text, merged.may_call, merged.may_share) == (
        False,
        False,
        False,
        False,
    )


def test_merging_a_volunteer_with_itself_is_refused(db: Database) -> None:
    ana = make_volunteer(db)
    with pytest.raises(ValidationError) as caught:
        volunteers.merge_volunteers(db, ana.id, ana.id)
    assert caught.value.field == "merge_id"


def test_update_and_history(db: Database, event_with_shift: EventWithShift) -> None:
    ana = make_volunteer(db, "Ana", "Souza")
    signup = signups.sign_up(db, ana.id, event_with_shift.shift.id)
    signups.check_in(db, signup.id)

    updated = volunteers.update_volunteer(
        db, ana.id, VolunteerInput(given_name="Ana Maria", family_name="Souza"), version=ana.version
    )

    assert updated.name == "Ana Maria Souza"
    assert updated.version == ana.version + 1
    assert [h.event_title for h in updated.history] == ["Rally for the TRUST Act"]
    assert updated.total_hours == 3.0
    assert _names(volunteers.list_volunteers(db, search="ana maria")) == ["Ana Maria Souza"]


def test_unknown_group_and_skill_are_validation_errors(db: Database) -> None:
    with pytest.raises(ValidationError) as group:
        make_volunteer(db, group_id=42)
    assert group.value.field == "group_id"
    with pytest.raises(ValidationError) as skill:
        make_volunteer(db, skills=("juggler",))
    assert skill.value.field == "skills"
    assert str(skill.value) == "skills: Unknown skill: juggler"


def test_deleting_a_volunteer_removes_their_signups(db: Database, event_with_shift: EventWithShift) -> None:
    ana = make_volunteer(db)
    signups.sign_up(db, ana.id, event_with_shift.shift.id)
    volunteers.delete_volunteer(db, ana.id)
    assert signups.get_shift(db, event_with_shift.shift.id).signups == ()
