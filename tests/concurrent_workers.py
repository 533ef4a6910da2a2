"""What each process of tests/test_concurrent_processes.py does: a separate Python process
with its own connection, as a second laptop or a second organizer's app would be.

Each worker waits at a barrier so that all start together, then reports what it did through
a queue. Run by the ``spawn`` start method: nothing is shared but the database."""

from __future__ import annotations

import dataclasses
from typing import Any

from rallyorg.db import open_database
from rallyorg.domain.errors import ConflictError, DatabaseBusyError, NotFoundError
from rallyorg.domain.shifts import ShiftInput
from rallyorg.domain.volunteers import VolunteerInput
from rallyorg.services import signups, volunteers


def raise_capacity(url: str, shift_id: int, times: int, barrier: Any, results: Any) -> None:
    """Read-modify-write the same shift ``times`` times (capacity + 1), saving with the
    version read, as an editor does; a conflict means reading again and redoing the change,
    as a person merging would. Counts the conflicts met."""
    db = open_database(url)
    conflicts = busy = 0
    barrier.wait()
    try:
        for _ in range(times):
            while True:
                shift = signups.get_shift(db, shift_id)
                data = ShiftInput(
                    role=shift.role,
                    starts_at=shift.starts_at,
                    ends_at=shift.ends_at,
                    capacity=shift.capacity + 1,
                    required_language=shift.required_language,
                    notes=shift.notes,
                )
                try:
                    signups.update_shift(db, shift_id, data, version=shift.version)
                    break
                except ConflictError:
                    conflicts += 1
                except DatabaseBusyError:
                    busy += 1
        results.put(("raised", conflicts, busy))
    finally:
        db.close()


def sign_up_all(url: str, shift_id: int, volunteer_ids: list[int], barrier: Any, results: Any) -> None:
    db = open_database(url)
    statuses: list[str] = []
    barrier.wait()
    try:
        for volunteer_id in volunteer_ids:
            while True:
                try:
                    statuses.append(signups.sign_up(db, volunteer_id, shift_id).status.value)
                    break
                except DatabaseBusyError:
                    continue
        results.put(("signed", statuses))
    finally:
        db.close()


def save_after_the_other(
    url: str, volunteer_id: int, notes: str, first: bool, barrier: Any, results: Any
) -> None:
    """Two editors of one volunteer: both read it, then the first saves, then the second
    (with the version it read) — or the record is deleted before the second saves."""
    db = open_database(url)
    try:
        read = volunteers.get_volunteer(db, volunteer_id)
        barrier.wait()  # both have read
        if not first:
            barrier.wait()  # the first has saved (or deleted)
        data = VolunteerInput(**{f.name: getattr(read, f.name) for f in dataclasses.fields(VolunteerInput)})
        try:
            if notes == "DELETE":
                volunteers.delete_volunteer(db, volunteer_id)
                results.put(("deleted", first))
            else:
                saved = volunteers.update_volunteer(
                    db, volunteer_id, dataclasses.replace(data, notes=notes), version=read.version
                )
                results.put(("saved", first, saved.notes))
        except (ConflictError, NotFoundError) as error:
            results.put((type(error).__name__, first, notes))
        if first:
            barrier.wait()
    finally:
        db.close()
