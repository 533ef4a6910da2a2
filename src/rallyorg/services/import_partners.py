"""Importing partner groups with their contacts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from rallyorg.domain.text import fold, search_blob
from rallyorg.exchange.duplicates import update_changes
from rallyorg.exchange.outcomes import (
    OnDuplicate,
    RowFate,
    RowOutcome,
)
from rallyorg.exchange.rows import (
    MappedRow,
    Notice,
    RowRejected,
    contact_values,
    group_values,
)
from rallyorg.i18n import N_
from rallyorg.models import (
    Contact,
    PartnerGroup,
)
from rallyorg.services.import_run import (
    ImportRun,
    bulk_insert,
    rejected_outcome,
)

# --- Partner groups and contacts ----------------------------------------------------------------------

_GROUP_FIELDS = {"group_kind": "kind", "city": "city", "website": "website", "languages": "languages"}
_CONTACT_COLUMNS = (
    "name", "role", "email", "phone", "preferred_language", "is_primary", "do_not_contact", "may_share",
    "search_text",
)  # fmt: skip


@dataclass
class _GroupState:
    group: PartnerGroup | None  # None for a new group in a dry run
    created_at_line: int | None = None
    updated: bool = False
    has_primary: bool = False


def import_partners(run: ImportRun, rows: list[MappedRow | RowOutcome]) -> None:
    session = run.session
    groups: dict[str, _GroupState] = {
        g.name_key: _GroupState(g)
        for g in session.scalars(select(PartnerGroup).options(selectinload(PartnerGroup.contacts)))
    }
    known: dict[tuple[str, str, str], Contact] = {}
    for key, existing_state in groups.items():
        assert existing_state.group is not None
        existing_state.has_primary = any(c.is_primary for c in existing_state.group.contacts)
        for contact in existing_state.group.contacts:
            if contact.phone:
                known.setdefault((key, "phone", contact.phone), contact)
            known.setdefault((key, "name", fold(contact.name)), contact)
    seen: dict[tuple[str, str, str], int] = {}
    to_create: list[tuple[int, str, dict[str, object]]] = []
    for done, row in enumerate(rows, 1):
        run.tick(done)
        if isinstance(row, RowOutcome):
            run.outcome(row)
            continue
        try:
            group_checked = group_values(row)
            contact_checked = contact_values(row)
        except RowRejected as rejection:
            run.outcome(rejected_outcome(row, rejection.notice))
            continue
        key = group_checked.name_key
        state = groups.get(key)
        provided = {column for name, column in _GROUP_FIELDS.items() if row.values.get(name)}
        group_fate: RowFate | None = None
        if state is None:
            state = groups[key] = _GroupState(None, created_at_line=row.line)
            if not run.dry_run:
                state.group = PartnerGroup(**group_checked.columns())
                session.add(state.group)
                session.flush()
                run.record_created("partner_group", [state.group.id])
            run.extra["groups_created"] = run.extra.get("groups_created", 0) + 1
            group_fate = RowFate.CREATED
        elif (
            run.on_duplicate == OnDuplicate.UPDATE
            and state.created_at_line is None
            and not state.updated
            and _update_group(run, state, group_checked.columns(), provided)
        ):
            group_fate = RowFate.UPDATED
        group_id = state.group.id if state.group is not None else None
        if contact_checked is None:
            if group_fate is not None:
                run.outcome(RowOutcome(row.line, group_fate, record_id=group_id))
            elif state.created_at_line is not None:
                run.duplicate(
                    row, N_("Same partner group as line {other}."), group_id, other=state.created_at_line
                )
            else:
                run.duplicate(
                    row,
                    N_("The partner group {name} is already in rallyorg."),
                    group_id,
                    name=group_checked.name,
                )
            continue
        values = contact_checked.values
        keys = [(key, "name", fold(str(values["name"])))]
        if values["phone"]:
            keys.insert(0, (key, "phone", str(values["phone"])))
        earlier = next((seen[k] for k in keys if k in seen), None)
        if earlier is not None:
            run.duplicate(row, N_("Same contact as line {other}."), other=earlier)
            continue
        for k in keys:
            seen[k] = row.line
        existing = next((known[k] for k in keys if k in known), None)
        warnings: tuple[Notice, ...] = ()
        if values["is_primary"] and state.has_primary and not (existing is not None and existing.is_primary):
            # One primary contact per group: an import never takes the mark from someone else.
            values = {**values, "is_primary": False}
            warnings = (
                Notice(
                    "is_primary",
                    N_("{group} already has a primary contact; this one is not marked primary."),
                    {"group": group_checked.name},
                ),
            )
        if existing is not None:
            _contact_duplicate(run, row, existing, values, contact_checked.provided, warnings)
            continue
        state.has_primary = state.has_primary or bool(values["is_primary"])
        index = run.outcome(RowOutcome(row.line, RowFate.CREATED, warnings=warnings))
        to_create.append((index, key, values))
    if not run.dry_run and to_create:
        rows_to_insert = []
        for _, key, values in to_create:
            group = groups[key].group
            assert group is not None
            rows_to_insert.append({**values, "group_id": group.id})
        ids = bulk_insert(session, Contact, rows_to_insert)
        run.record_created("contact", ids)
        for (index, _, _), new_id in zip(to_create, ids, strict=True):
            outcome = run.outcomes[index]
            assert outcome is not None
            run.outcomes[index] = RowOutcome(outcome.line, outcome.fate, None, new_id, outcome.warnings)


def _update_group(
    run: ImportRun, state: _GroupState, incoming: dict[str, object], provided: set[str]
) -> bool:
    group = state.group
    assert group is not None
    state.updated = True  # details are taken from the first row that names the group
    current = {
        column: getattr(group, column) for column in ("kind", "city", "website", "languages", "search_text")
    }
    changes = update_changes(current, incoming, provided)
    if not changes:
        return False
    search_text = search_blob(group.name, str(changes.get("city", group.city)))
    if search_text != group.search_text:
        changes["search_text"] = search_text
    run.extra["groups_updated"] = run.extra.get("groups_updated", 0) + 1
    if not run.dry_run:
        for column, value in changes.items():
            setattr(group, column, value)
        run.session.flush()
        run.record_updated("partner_group", group.id, group.version, {c: current[c] for c in changes})
    return True


def _contact_duplicate(
    run: ImportRun,
    row: MappedRow,
    contact: Contact,
    values: dict[str, object],
    provided: frozenset[str],
    warnings: tuple[Notice, ...],
) -> None:
    if run.on_duplicate == OnDuplicate.SKIP:
        run.duplicate(
            row, N_("Already a contact of this group in rallyorg (contact {id})."), contact.id, id=contact.id
        )
        return
    current = {column: getattr(contact, column) for column in _CONTACT_COLUMNS}
    changes = update_changes(current, values, provided - {"search_text"})
    final = {**current, **changes}
    search_text = search_blob(
        str(final["name"]), str(final["email"]), str(final["phone"]), str(final["role"])
    )
    if search_text != current["search_text"]:
        changes["search_text"] = search_text
    if not changes:
        run.duplicate(
            row,
            N_("Already a contact of this group in rallyorg (contact {id}), up to date."),
            contact.id,
            id=contact.id,
        )
        return
    run.outcome(RowOutcome(row.line, RowFate.UPDATED, None, contact.id, warnings))
    if not run.dry_run:
        for column, value in changes.items():
            setattr(contact, column, value)
        run.session.flush()
        run.record_updated("contact", contact.id, contact.version, {c: current[c] for c in changes})
