"""Search as you type over volunteers: every word typed is found somewhere in the person's
name, email, phone or city, whatever the case or accents ("jose gonc" finds José Gonçalves,
"203 555" finds +12035550123).

Each keystroke runs this query, so at 100,000 people it must not read every row. Words of
three characters or more go to the trigram index that migration 0010 builds (an FTS5 table
on SQLite, a ``pg_trgm`` index that PostgreSQL's planner uses for ``LIKE`` by itself). A
shorter word cannot use it; on SQLite it is matched in a subquery over the narrow
``search_text`` index, which keeps SQLite from walking the name order and reading every
row to test it (150 ms -> 35 ms at 100,000, benchmarks/coalition.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import ColumnElement, Connection, and_, select, text

from rallyorg.domain.text import like_pattern, search_terms
from rallyorg.models import Volunteer

TRIGRAM = 3  # the index holds three-character pieces of the text

_INDEX_MATCH = text("SELECT rowid FROM volunteer_search WHERE volunteer_search MATCH :phrases")


def _phrases(words: list[str]) -> str:
    """An FTS5 query that wants every word, each as a literal phrase (no operators)."""
    return " AND ".join('"' + word.replace('"', '""') + '"' for word in words)


def _contains(word: str) -> ColumnElement[bool]:
    return Volunteer.search_text.like(like_pattern(word), escape="\\")


def search_condition(search: str, dialect: str) -> ColumnElement[bool] | None:
    """The WHERE condition for ``search``; None when there is nothing to look for."""
    words = search_terms(search)
    if not words:
        return None
    if dialect != "sqlite":
        return and_(*(_contains(word) for word in words))
    indexed = [word for word in words if len(word) >= TRIGRAM]
    short = [word for word in words if len(word) < TRIGRAM]
    conditions = []
    if indexed:
        conditions.append(Volunteer.id.in_(_INDEX_MATCH.bindparams(phrases=_phrases(indexed))))
    if short:
        conditions.append(Volunteer.id.in_(select(Volunteer.id).where(*(_contains(w) for w in short))))
    return and_(*conditions)


#: Fewer rows than this go through the index's trigger one by one.
BULK_ROWS = 1_000


@contextmanager
def indexed_in_one_go(connection: Connection, first_id: int, rows: int) -> Iterator[None]:
    """SQLite: volunteers inserted inside this block (ids from ``first_id`` on) enter the
    search index in one statement at its end, not one trigger call per row — half the time
    of a 100,000-row import (the trigger costs ~80 µs a row, the one statement ~25 µs).

    The trigger is dropped and created again inside the caller's transaction: if anything
    fails, the rollback brings it back with everything else, and no other connection ever
    sees the schema without it (SQLite's DDL is transactional; an import holds the write lock).
    """
    if connection.dialect.name != "sqlite" or rows < BULK_ROWS:
        yield
        return
    trigger = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'volunteer_search_insert'"
    ).scalar_one()
    connection.exec_driver_sql("DROP TRIGGER volunteer_search_insert")
    yield
    connection.execute(
        text(
            "INSERT INTO volunteer_search (rowid, search_text) "
            "SELECT id, search_text FROM volunteer WHERE id >= :first"
        ),
        {"first": first_id},
    )
    connection.exec_driver_sql(trigger)
