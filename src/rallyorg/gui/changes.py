"""What a change was, told to every place: which kinds of record, which ids, and how.

A place says which kinds of record it shows (``Screen.watches``) and reloads only for a change
that touches one of them: a partner group saved does not reload Check-in, a check-in does not
reload Partners. (The ids are carried for places that will update single rows.)
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
