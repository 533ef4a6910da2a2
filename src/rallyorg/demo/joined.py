"""Many service calls as one transaction: the sample coalition is loaded through the services
(so it obeys the rules of data typed in by hand), yet must be all there or not there at all.

Each service opens its own unit of work with ``db.transaction()`` or ``db.reading()``.
``one_transaction`` hands them a ``Database`` whose units of work all join one open
transaction instead: each becomes a savepoint (a service that fails undoes only its own part,
as it would on its own), and nothing is committed until the whole block succeeds. A failure,
or a process killed half-way, leaves the database exactly as it was. On SQLite the write lock
is taken at the start and held to the end, so no one else can write in between either.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from rallyorg.db import Database


class JoinedDatabase(Database):
    """``db`` with every transaction and read joining ``session``'s open transaction."""

    def __init__(self, db: Database, session: Session) -> None:
        super().__init__(db.engine)
        vars(self).update(vars(db))  # whatever else it carries: on_busy, …
        self.session = session
        self._depth = 0  # units of work open now (a service may call another inside its own)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._unit(), self.session.begin_nested():
            yield self.session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._unit():
            yield self.session  # sees the rows written so far in this transaction

    @contextmanager
    def _unit(self) -> Iterator[None]:
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:
                # As if each service had its own session: nothing one loaded is reused, maybe
                # stale, by the next (everything it changed is flushed by now).
                self.session.expunge_all()


@contextmanager
def one_transaction(db: Database) -> Iterator[JoinedDatabase]:
    """A ``Database`` for the block whose service calls all commit together at its end."""
    with db.transaction() as session:
        yield JoinedDatabase(db, session)
