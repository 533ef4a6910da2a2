"""volunteer search index: search as you type reads an index instead of scanning every row

``volunteer.search_text`` already holds the person's name, email, phone and city folded
(lower case, accents removed, see domain/text.py), and search looks for the typed words
anywhere inside it. A B-tree index cannot answer "contains"; a trigram index can:

- SQLite: an FTS5 table with the trigram tokenizer over ``search_text``, "external
  content" (it stores only the index, the text stays in ``volunteer``), kept in step by
  triggers, so every path that writes a volunteer — forms, imports, merges, bulk inserts,
  copies — updates it without knowing it exists.
- PostgreSQL: a GIN index with ``pg_trgm``'s operators, which ``LIKE '%…%'`` uses. Creating
  the extension needs the right to; without it the search still works, by scanning.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import logging

from alembic import op
from sqlalchemy.exc import DBAPIError

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)

SQLITE_UP = (
    "CREATE VIRTUAL TABLE volunteer_search USING fts5("
    "search_text, content='volunteer', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER volunteer_search_insert AFTER INSERT ON volunteer BEGIN "
    "INSERT INTO volunteer_search (rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER volunteer_search_delete AFTER DELETE ON volunteer BEGIN "
    "INSERT INTO volunteer_search (volunteer_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER volunteer_search_update AFTER UPDATE OF search_text ON volunteer BEGIN "
    "INSERT INTO volunteer_search (volunteer_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO volunteer_search (rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO volunteer_search (volunteer_search) VALUES ('rebuild')",
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS volunteer_search_update",
    "DROP TRIGGER IF EXISTS volunteer_search_delete",
    "DROP TRIGGER IF EXISTS volunteer_search_insert",
    "DROP TABLE IF EXISTS volunteer_search",
)
POSTGRESQL_INDEX = "CREATE INDEX volunteer_search_trgm ON volunteer USING gin (search_text gin_trgm_ops)"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
    elif dialect == "postgresql":
        connection = op.get_bind()
        try:
            with connection.begin_nested():  # a refusal must not abort the whole upgrade
                connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                connection.exec_driver_sql(POSTGRESQL_INDEX)
        except DBAPIError as error:
            log.warning("No trigram index for volunteer search (searching scans instead): %s", error.orig)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS volunteer_search_trgm")
