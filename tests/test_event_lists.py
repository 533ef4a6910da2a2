"""Lists of events read each shift's numbers in SQL, not every sign-up and volunteer behind
them: the same few queries for 2 events or 20, and the same numbers as the full event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event as sa_event

from conftest import RALLY_START, make_event, make_shift, make_volunteer
from rallyorg.db import Database
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
