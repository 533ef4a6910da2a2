"""sample marks: the records ``rallyorg demo`` added are marked, so that ``demo --force``
replaces the sample coalition whole without touching anyone's own records

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-11
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = ("partner_group", "contact", "venue", "event", "volunteer")


def upgrade() -> None:
    # A sample loaded by an older rallyorg is not marked: demo --force recognises it by its
    # content instead (services/sample.py).
    # A plain ALTER TABLE … ADD COLUMN (a batch operation would rebuild the tables on SQLite:
    # slow on a big database, and dropping a parent table cascades to its children's rows).
    for table in TABLES:
        op.add_column(table, sa.Column("sample", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_column(table, "sample")  # SQLite 3.35+ drops a column in place
