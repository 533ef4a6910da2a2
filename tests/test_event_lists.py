"""Lists of events read each shift's numbers in SQL, not every sign-up and volunteer behind
them: the same few queries for 2 events or 20, and the same numbers as the full event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from sqlalchemy import event as sa_event

from conftest import RALLY_START, make_event, make_shift, make_volunteer
from rallyorg.db import Database
from rallyorg.demo import load_demo
from rallyorg.services import events, signups


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(*args: object) -> None:
        seen.append(str(args[2]))

    sa_event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", note)


def rallies(db: Database, count: int, first: int) -> None:
    for index in range(first, first + count):
        start = RALLY_START + dt.timedelta(days=index)
        event = make_event(db, f"Rally {index}", starts_at=start)
        shift = make_shift(db, event.id, capacity=2, starts_at=start)
        for person in range(3):  # two places, the third waits
            volunteer = make_volunteer(db, f"Person{index}-{person}", "Souza")
            signups.sign_up(db, volunteer.id, shift.id)


def test_the_same_queries_for_two_events_or_twenty(db: Database) -> None:
    rallies(db, 2, 0)
    with statements(db) as few:
        events.list_events(db)
    rallies(db, 18, 2)
    with statements(db) as many:
        listed = events.list_events(db)
    assert len(listed) == 20 and len(many) == len(few)
    assert not any("volunteer" in s.lower().split("from", 1)[-1].split("where")[0] for s in many)


def test_listed_numbers_equal_the_full_event(db: Database) -> None:
    rallies(db, 3, 0)
    for listed in events.list_events(db):
        full = events.get_event(db, listed.id)
        assert [(s.id, s.filled, s.waitlisted, s.short_by) for s in listed.shifts] == [
            (s.id, s.filled, s.waitlisted, s.short_by) for s in full.shifts
        ]
        assert (listed.shifts[0].filled, listed.shifts[0].waitlisted) == (2, 1)
        assert listed.shifts[0].signups == ()  # not read for a list


def test_a_listed_event_is_the_full_event_but_for_its_sign_ups(db: Database) -> None:
    """Lists read plain rows (services/event_rows.py), one event reads ORM objects: the same
    EventData either way — texts, venue, lead and co-sponsors in order, shifts in order."""
    load_demo(db)  # the sample coalition: venues, lead groups, co-sponsors, texts in 3 languages
    listed_all = events.list_events(db)
    assert len(listed_all) >= 5
    for listed in listed_all:
        full = events.get_event(db, listed.id)
        assert replace(listed, shifts=()) == replace(full, shifts=())
        assert [replace(s, signups=(), held_count=None, waiting_count=None) for s in listed.shifts] == [
            replace(s, signups=()) for s in full.shifts
        ]
