"""Several processes — several laptops' apps, or organizers on one server — change the same
records at once: no update is lost, no shift holds more people than its capacity, and the
second of two editors of one record gets a conflict (or, if the record was deleted, a "not
found") with its own values still in hand. On SQLite (one file, several processes) and on
PostgreSQL (the second leg of make test)."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from typing import Any

import concurrent_workers
from conftest import make_event_with_shift, make_shift, make_volunteer
from rallyorg.db import open_database
from rallyorg.services import signups, volunteers

PROCESSES = 8
EACH = 50
SPAWN = multiprocessing.get_context("spawn")  # a fresh interpreter, as a second app would be


def run_together(target: Any, argument_lists: list[tuple[Any, ...]]) -> list[Any]:
    barrier = SPAWN.Barrier(len(argument_lists))
    results = SPAWN.Queue()
    processes = [
        SPAWN.Process(target=target, args=(*arguments, barrier, results)) for arguments in argument_lists
    ]
    for process in processes:
        process.start()
    answers = [results.get(timeout=300) for _ in processes]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    return answers


def test_eight_processes_lose_no_update_and_overbook_no_shift(db_url: str) -> None:
    db = open_database(db_url)
    try:
        counted = make_event_with_shift(db, capacity=1)
        crowded = make_shift(db, counted.event.id, role="Sign-in table", capacity=100)
        people = [make_volunteer(db, f"P{i}", "Test").id for i in range(PROCESSES * EACH)]
    finally:
        db.close()
    url = db_url

    raised = run_together(
        concurrent_workers.raise_capacity, [(url, counted.shift.id, EACH) for _ in range(PROCESSES)]
    )
    signed = run_together(
        concurrent_workers.sign_up_all,
        [(url, crowded.id, people[i * EACH : (i + 1) * EACH]) for i in range(PROCESSES)],
    )

    db = open_database(db_url)
    try:
        final_capacity = signups.get_shift(db, counted.shift.id).capacity
        crowded_now = signups.get_shift(db, crowded.id)
    finally:
        db.close()
    lost_updates = 1 + PROCESSES * EACH - final_capacity
    held = Counter(s.status.value for s in crowded_now.signups)
    overbooked = max(0, held["signed_up"] - crowded_now.capacity)
    conflicts = sum(answer[1] for answer in raised)
    print(
        f"\n{PROCESSES} processes x {EACH}: lost updates = {lost_updates}, overbooked shifts = "
        f"{int(overbooked > 0)} (conflicts met and redone: {conflicts}; "
        f"{held['signed_up']} signed up, {held['waitlisted']} waitlisted)"
    )
    assert lost_updates == 0
    assert held == {"signed_up": 100, "waitlisted": PROCESSES * EACH - 100}
    reported = Counter(status for answer in signed for status in answer[1])
    assert reported == held  # what each process was told is what was stored


def test_the_second_of_two_editors_gets_a_conflict_with_its_values(db_url: str) -> None:
    db = open_database(db_url)
    try:
        ana = make_volunteer(db, "Ana", "Souza", notes="").id
    finally:
        db.close()
    answers = run_together(
        concurrent_workers.save_after_the_other,
        [(db_url, ana, "Speaks at Mass", True), (db_url, ana, "Drives the van", False)],
    )
    assert sorted(answers, key=lambda a: not a[1]) == [
        ("saved", True, "Speaks at Mass"),
        ("ConflictError", False, "Drives the van"),  # refused, and the typing is still there
    ]
    db = open_database(db_url)
    try:
        assert volunteers.get_volunteer(db, ana).notes == "Speaks at Mass"
    finally:
        db.close()


def test_an_edit_after_another_process_deleted_the_record(db_url: str) -> None:
    db = open_database(db_url)
    try:
        ana = make_volunteer(db, "Ana", "Souza").id
    finally:
        db.close()
    answers = run_together(
        concurrent_workers.save_after_the_other,
        [(db_url, ana, "DELETE", True), (db_url, ana, "Drives the van", False)],
    )
    assert sorted(answers, key=lambda a: not a[1]) == [
        ("deleted", True),
        ("NotFoundError", False, "Drives the van"),
    ]
