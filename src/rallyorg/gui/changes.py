"""What a change was, told to every place: which kinds of record, which ids, and how.

A place says which kinds of record it shows (``Screen.watches``) and reloads only for a change
that touches one of them: a partner group saved does not reload Check-in, a check-in does not
reload Partners. A hidden place gathers the changes it missed (``merged``) and, when shown,
reloads for them (``Screen.refresh_for``): Volunteers re-reads its 100,000-row list only when
volunteers changed, not after sign-ups or a renamed rally.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Record(enum.Flag):
    EVENTS = enum.auto()  # events, their texts, partners and shifts
    SIGNUPS = enum.auto()
    PARTNERS = enum.auto()  # partner groups and their contacts
    VOLUNTEERS = enum.auto()
    ALL = EVENTS | SIGNUPS | PARTNERS | VOLUNTEERS


class Op(enum.Enum):
    INSERTED = "inserted"
    UPDATED = "updated"
    DELETED = "deleted"
    REPLACED = "replaced"  # many records at once: an import, an undo, a restore, the sample


@dataclass(frozen=True)
class Change:
    records: Record
    op: Op = Op.UPDATED
    ids: frozenset[int] = frozenset()

    @classmethod
    def of(cls, records: Record, op: Op = Op.UPDATED, *ids: int | None) -> Change:
        return cls(records, op, frozenset(i for i in ids if i is not None))

    @classmethod
    def everything(cls) -> Change:
        return cls(Record.ALL, Op.REPLACED)

    def touches(self, watched: Record) -> bool:
        return bool(self.records & watched)

    def merged(self, other: Change) -> Change:
        """Both changes as one (what a hidden place catches up on when shown). No ids means
        "any record of these kinds", so it absorbs a list of ids."""
        op = self.op if self.op == other.op else Op.REPLACED
        ids = self.ids | other.ids if self.ids and other.ids else frozenset()
        return Change(self.records | other.records, op, ids)
