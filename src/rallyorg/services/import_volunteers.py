"""Importing volunteers: duplicates against the file and the database, creates and updates."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from rallyorg.domain.text import volunteer_keys
from rallyorg.exchange.duplicates import BARE_NAME, NAME_EMAIL, PHONE, PersonIndex, update_changes
from rallyorg.exchange.outcomes import (
    OnDuplicate,
    RowFate,
    RowOutcome,
)
from rallyorg.exchange.rows import (
    MappedRow,
    Notice,
    RowRejected,
    volunteer_values,
)
from rallyorg.i18n import N_
from rallyorg.models import (
    PartnerGroup,
    Volunteer,
    utcnow,
)
from rallyorg.services.import_run import (
    ImportRun,
    PendingRows,
    rejected_outcome,
)

# --- Volunteers ---------------------------------------------------------------------------------------

_VOLUNTEER_COLUMNS = (
    "given_name", "family_name", "email", "phone", "languages", "skills", "city", "group_id", "may_email",
    "may_text", "may_call", "do_not_contact", "may_share", "source", "notes", "name_key", "sort_name",
    "search_text",
)  # fmt: skip


_DERIVED = ("name_key", "sort_name", "search_text")

UPDATE_CHUNK = 2_000  # people read and updated at a time

_SAME_AS_LINE = {
    PHONE: N_("Same person as line {other}: same name and phone number."),
    NAME_EMAIL: N_("Same person as line {other}: same name and email."),
    BARE_NAME: N_("Same person as line {other}: same name, and no phone or email."),
}
_ALREADY_IN = {
    PHONE: N_("Already in rallyorg as {name} (volunteer {id}): same name and phone number."),
    NAME_EMAIL: N_("Already in rallyorg as {name} (volunteer {id}): same name and email."),
    BARE_NAME: N_(
        "Already in rallyorg as {name} (volunteer {id}): same name, and neither has a phone or email."
    ),
}


def known_volunteers(session: Session) -> PersonIndex[int]:
    known: PersonIndex[int] = PersonIndex()
    query = select(Volunteer.id, Volunteer.phone, Volunteer.name_key, Volunteer.email).order_by(Volunteer.id)
    for volunteer_id, phone, name_key, email in session.execute(query):
        known.add(volunteer_id, phone, name_key, email)
    return known


def import_volunteers(run: ImportRun, rows: list[MappedRow | RowOutcome]) -> None:
    session = run.session
    group_ids: dict[str, int] = {
        key: gid for key, gid in session.execute(select(PartnerGroup.name_key, PartnerGroup.id))
    }
    known = known_volunteers(session)
    seen: PersonIndex[int] = PersonIndex()
    claimed: dict[int, int] = {}  # volunteer id -> line of the row that matched it
    to_create: list[int] = []  # the new people's outcomes
    new_rows = PendingRows(session, Volunteer)
    to_update: list[tuple[int, int, Any]] = []
    for done, row in enumerate(rows, 1):
        run.tick(done)
        if isinstance(row, RowOutcome):
            run.outcome(row)
            continue
        try:
            checked = volunteer_values(
                row, group_ids, default_source=run.default_source, regions=run.phone_regions(row)
            )
        except RowRejected as rejection:
            run.outcome(rejected_outcome(row, rejection.notice))
            continue
        values = checked.values
        phone, name_key, email = str(values["phone"]), str(values["name_key"]), str(values["email"])
        earlier = seen.find(phone, name_key, email)
        if earlier:
            run.duplicate(row, _SAME_AS_LINE[earlier[0].reason], other=earlier[0].ref)
            continue
        seen.add(row.line, phone, name_key, email)
        matches = known.find(phone, name_key, email)
        if len(matches) > 1:
            run.duplicate(
                row,
                N_("Matches two volunteers already in rallyorg ({first} and {second}); merge them first."),
                first=matches[0].ref,
                second=matches[1].ref,
            )
            continue
        if matches:
            volunteer_id = matches[0].ref
            if volunteer_id in claimed:
                run.duplicate(
                    row, N_("Same person as line {other}."), volunteer_id, other=claimed[volunteer_id]
                )
                continue
            claimed[volunteer_id] = row.line
            if run.on_duplicate == OnDuplicate.SKIP:
                run.duplicate(
                    row,
                    _ALREADY_IN[matches[0].reason],
                    volunteer_id,
                    id=volunteer_id,
                    name=_name(run, volunteer_id),
                )
                continue
            index = run.outcome(RowOutcome(row.line, RowFate.UPDATED, record_id=volunteer_id))
            to_update.append((index, volunteer_id, checked))
            continue
        warnings = checked.warnings
        if phone:  # only a phone is shared
            warnings += shared_phone_warnings(run, known, phone, name_key, seen, row.line)
        to_create.append(run.outcome(RowOutcome(row.line, RowFate.CREATED, warnings=warnings)))
        if not run.dry_run:
            new_rows.add(values)
    _update_volunteers(run, to_update)
    if not run.dry_run and to_create:
        ids = new_rows.insert()
        run.record_created("volunteer", ids)
        for index, new_id in zip(to_create, ids, strict=True):
            outcome = run.outcomes[index]
            assert outcome is not None
            run.outcomes[index] = RowOutcome(outcome.line, outcome.fate, None, new_id, outcome.warnings)


def shared_phone_warnings(
    run: ImportRun,
    known: PersonIndex[int],
    phone: str,
    name_key: str,
    seen: PersonIndex[int] | None = None,
    line: int = 0,
) -> tuple[Notice, ...]:
    """A new person whose phone number someone else already has (in rallyorg, or on an earlier
    line of the file): added, and said so."""
    notices = []
    for other_line in seen.sharing_phone(phone, name_key) if seen is not None else []:
        if other_line != line:
            notices.append(Notice("phone", _SHARED_PHONE_LINE, {"other": other_line}))
    for volunteer_id in known.sharing_phone(phone, name_key):
        notices.append(
            Notice("phone", _SHARED_PHONE_KNOWN, {"name": _name(run, volunteer_id), "id": volunteer_id})
        )
    return tuple(notices)


def _name(run: ImportRun, volunteer_id: int) -> str:
    """The name of a volunteer already in rallyorg, as the import's messages show it. Every
    name is read in one query the first time one is needed: a re-import of 100,000 people
    names each of them, and one query per row was a third of its time."""
    names = run.cache.get("volunteer names")
    if names is None:
        query = select(Volunteer.id, Volunteer.given_name, Volunteer.family_name)
        names = {i: f"{given} {family}".strip() for i, given, family in run.session.execute(query)}
        run.cache["volunteer names"] = names
    return str(names.get(volunteer_id, ""))


_SHARED_PHONE_LINE = N_("Same phone number as line {other} but another name: added as a separate person.")
_SHARED_PHONE_KNOWN = N_(
    "Same phone number as {name} (volunteer {id}) but another name: added as a separate person; "
    "check Possible duplicates if it is the same one."
)


def _update_volunteers(run: ImportRun, to_update: list[tuple[int, int, Any]]) -> None:
    """Apply the rows that update people already in rallyorg, a chunk at a time (a re-import
    of 100,000 people held every current row at once: 0.7 GB): the chunk's current values read
    as plain rows, the changes written with one UPDATE per set of changed columns
    (executemany), each record's version raised as an edit in the app would."""
    table = Volunteer.__table__
    assert isinstance(table, Table)
    columns = [table.c[column] for column in ("id", "version", *_VOLUNTEER_COLUMNS)]
    for start in range(0, len(to_update), UPDATE_CHUNK):
        chunk = to_update[start : start + UPDATE_CHUNK]
        query = select(*columns).where(table.c.id.in_([volunteer_id for _, volunteer_id, _ in chunk]))
        current_by_id = {row.id: row._asdict() for row in run.session.execute(query)}
        _write_updates(run, table, _changes(run, chunk, current_by_id))


def _changes(
    run: ImportRun, chunk: list[tuple[int, int, Any]], current_by_id: dict[int, dict[str, Any]]
) -> dict[tuple[str, ...], list[dict[str, Any]]]:
    """The changes each row makes, grouped by the columns they change; rows that change
    nothing become "up to date" duplicates."""
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for index, volunteer_id, checked in chunk:
        stored = current_by_id[volunteer_id]
        current = {column: stored[column] for column in _VOLUNTEER_COLUMNS}
        changes = update_changes(current, checked.values, checked.provided - set(_DERIVED))
        final = {**current, **changes}
        derived = volunteer_keys(
            final["given_name"], final["family_name"], final["email"], final["phone"], final["city"]
        )
        changes.update({k: value for k, value in derived.items() if value != current[k]})
        outcome = run.outcomes[index]
        assert outcome is not None
        if not changes:
            run.outcomes[index] = RowOutcome(
                outcome.line,
                RowFate.DUPLICATE,
                Notice(
                    "row", N_("Already in rallyorg (volunteer {id}) and up to date."), {"id": volunteer_id}
                ),
                volunteer_id,
            )
            continue
        run.outcomes[index] = RowOutcome(outcome.line, RowFate.UPDATED, None, volunteer_id, checked.warnings)
        if not run.dry_run:
            by_columns.setdefault(tuple(sorted(changes)), []).append({"key": volunteer_id, **changes})
            previous = {column: current[column] for column in changes}
            run.record_updated("volunteer", volunteer_id, stored["version"] + 1, previous)
    return by_columns


def _write_updates(
    run: ImportRun, table: Table, by_columns: dict[tuple[str, ...], list[dict[str, Any]]]
) -> None:
    now = utcnow()
    for changed, rows in by_columns.items():
        statement = (
            update(table)
            .where(table.c.id == bindparam("key"))
            .values(
                {
                    **{column: bindparam(column, type_=table.c[column].type) for column in changed},
                    "version": table.c.version + 1,
                    "updated_at": now,
                }
            )
        )
        run.session.connection().execute(statement, rows)
