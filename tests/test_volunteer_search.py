"""Search as you type over volunteers: every word typed, in any order, found anywhere in the
name, email, phone or city, whatever the case and accents; and the index it reads (migration
0010) kept in step with every change. Runs on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert, text

from conftest import make_volunteer
from rallyorg.db import Database
from rallyorg.domain.text import search_terms, volunteer_keys
from rallyorg.exchange.columns import ImportKind
from rallyorg.models import Volunteer
from rallyorg.services import forget, volunteer_queries, volunteers
from rallyorg.services.imports import run_import
from rallyorg.services.volunteer_search import BULK_ROWS, indexed_in_one_go
from rallyorg.services.volunteers import VolunteerInput


def names(db: Database, search: str) -> list[str]:
    return [row.name for row in volunteers.list_volunteers(db, search=search)]


@pytest.fixture
def crowd(db: Database) -> Database:
    make_volunteer(
        db, "José", "Gonçalves", email="jose.g@example.org", phone="(203) 555-0123", city="Danbury"
    )
    make_volunteer(db, "Maria José", "Núñez", email="mjn@example.org", city="Hartford")
    make_volunteer(db, "Guerline", "Jean-Baptiste", phone="+1 860 555 0199", city="New Haven")
    make_volunteer(db, "Liam", "O'Brien", email="liam@union.org", city="Stamford")
    make_volunteer(db, "Li", "Ng", city="Norwalk")
    return db


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("jose", ["José Gonçalves", "Maria José Núñez"]),
        ("JOSÉ", ["José Gonçalves", "Maria José Núñez"]),
        ("gonc jose", ["José Gonçalves"]),  # words in any order, each a piece of a word
        ("nunez maria", ["Maria José Núñez"]),
        ("hartford", ["Maria José Núñez"]),
        ("@union", ["Liam O'Brien"]),
        ("o'brien", ["Liam O'Brien"]),
        ("(203) 555-01", ["José Gonçalves"]),  # a phone as people write it
        ("2035550123", ["José Gonçalves"]),
        ("860 555", ["Guerline Jean-Baptiste"]),
        ("jean-bap", ["Guerline Jean-Baptiste"]),
        ("ng", ["Li Ng"]),  # two letters: shorter than the index's pieces, still found
        ("li ng", ["Li Ng"]),
        ("li", ["Guerline Jean-Baptiste", "Li Ng", "Liam O'Brien"]),  # anywhere in a word
        ("zz", []),
        ("jose zz", []),
        ('"jose"', []),  # quotes are searched for, not obeyed
        ("jose OR liam", []),  # so are the index's operators
        ("%", []),
        ("_", []),
        ("   ", ["José Gonçalves", "Guerline Jean-Baptiste", "Li Ng", "Maria José Núñez", "Liam O'Brien"]),
    ],
)
def test_search_finds_every_word_anywhere(crowd: Database, search: str, expected: list[str]) -> None:
    assert names(crowd, search) == expected
    ids = volunteer_queries.matching_ids(crowd, search=search)
    assert ids == [row.id for row in volunteers.list_volunteers(crowd, search=search)]


def test_search_terms_fold_split_and_drop_words_that_add_nothing() -> None:
    assert search_terms("José  GONÇALVES") == ["goncalves", "jose"]
    assert search_terms("jo jose") == ["jose"]
    assert search_terms("(203) 555-0123") == ["2035550123"]
    assert search_terms("Maria 555-0123") == ["5550123", "maria"]
    assert search_terms(" ") == []


def test_the_index_follows_every_change(crowd: Database) -> None:
    ana = make_volunteer(crowd, "Ana", "Zúñiga", city="Meriden")
    assert names(crowd, "zuniga") == ["Ana Zúñiga"]

    data = volunteers.get_volunteer(crowd, ana.id)
    edited = VolunteerInput(given_name="Ana", family_name="Zamora", city="Meriden")
    volunteers.update_volunteer(crowd, ana.id, edited, version=data.version)
    assert names(crowd, "zuniga") == []
    assert names(crowd, "zamora") == ["Ana Zamora"]

    twin = make_volunteer(crowd, "Ana", "Zamora", email="ana.zamora@example.org")
    volunteers.merge_volunteers(crowd, twin.id, ana.id)
    assert [row.id for row in volunteers.list_volunteers(crowd, search="zamora")] == [twin.id]
    assert names(crowd, "ana.zamora@") == ["Ana Zamora"]

    volunteers.delete_volunteer(crowd, twin.id)
    assert names(crowd, "zamora") == []


def test_rows_written_in_bulk_are_searchable(db: Database) -> None:
    """Imports and the sample write with bulk inserts, past the services' objects."""
    people = [("Thiago", "Araújo", "Bridgeport"), ("Inês", "Conceição", "Waterbury")]
    rows = [
        {"given_name": g, "family_name": f, "city": c, **volunteer_keys(g, f, "", "", c)}
        for g, f, c in people
    ]
    with db.transaction() as session:
        session.execute(insert(Volunteer), rows)
    assert names(db, "araujo") == ["Thiago Araújo"]
    assert names(db, "conceicao water") == ["Inês Conceição"]


def test_on_sqlite_the_search_reads_the_index(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("PostgreSQL's planner picks the trigram index itself (checked below)")
    query = volunteers.filtered_query("sqlite", search="gonc")
    with db.reading() as session:
        sql = str(query.compile(session.get_bind(), compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(row[-1]) for row in session.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
    assert "volunteer_search VIRTUAL TABLE INDEX" in plan, plan


def test_on_postgresql_the_trigram_index_exists(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("SQLite's index is the FTS5 table (checked above)")
    with db.reading() as session:
        found = session.scalar(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'volunteer_search_trgm'")
        )
    assert found is not None and "gin_trgm_ops" in found


def test_a_forgotten_person_leaves_the_index(crowd: Database) -> None:
    [jose] = volunteers.list_volunteers(crowd, search="gonçalves")
    forget.forget_volunteer(crowd, jose.id)
    assert names(crowd, "goncalves") == []
    assert names(crowd, "jose") == ["Maria José Núñez"]
    if crowd.is_sqlite:  # not one piece of his name, email or phone is left in the index
        with crowd.transaction() as session:
            session.execute(
                text("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, volunteer_search, row)")
            )
            terms = set(session.scalars(text("SELECT term FROM temp.terms")))
        assert terms and not {"gon", "nca", "lve", "e.g", "012"} & terms


def _trigger_exists(db: Database) -> bool:
    with db.reading() as session:
        found = session.scalar(
            text("SELECT count(*) FROM sqlite_master WHERE name = 'volunteer_search_insert'")
        )
    return found == 1


def test_a_big_import_indexes_every_row_in_one_go(db: Database, tmp_path: Path) -> None:
    lines = ["First name,Last name,City"] + [f"Pessoa{n},Araújo{n},Cidade{n}" for n in range(1_200)]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = run_import(db, path, ImportKind.VOLUNTEERS)
    assert report.created == 1_200
    for n in (0, 599, 1_199):
        assert names(db, f"araujo{n} cidade{n}") == [f"Pessoa{n} Araújo{n}"]
    assert len(volunteer_queries.matching_ids(db, search="pessoa")) == 1_200
    if db.is_sqlite:
        assert _trigger_exists(db)
    make_volunteer(db, "Depois", "Doimport")  # the trigger works again for single writes
    assert names(db, "doimport") == ["Depois Doimport"]


def test_a_failed_bulk_insert_leaves_the_index_trigger_in_place(db: Database) -> None:
    if not db.is_sqlite:
        pytest.skip("PostgreSQL's index needs no trigger")
    with (
        pytest.raises(RuntimeError),
        db.transaction() as session,
        indexed_in_one_go(session.connection(), 1, BULK_ROWS),
    ):
        assert (
            session.scalar(text("SELECT count(*) FROM sqlite_master WHERE name = 'volunteer_search_insert'"))
            == 0
        )
        raise RuntimeError("the disk is full")
    assert _trigger_exists(db)
    make_volunteer(db, "Ana", "Zúñiga")
    assert names(db, "zuniga") == ["Ana Zúñiga"]
