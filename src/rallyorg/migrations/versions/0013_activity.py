"""activity: who created, changed or deleted which record, and when (field names only,
never values); open screens also read it to show other sessions' changes.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activity",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(), nullable=False),  # naive UTC, as models.UTCDateTime
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("record_id", sa.Integer),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("event_id", sa.Integer),
        sa.Column("origin", sa.String(32), nullable=False),
    )
    op.create_index("ix_activity_at", "activity", ["at"])
    op.create_index("ix_activity_actor", "activity", ["actor"])
    op.create_index("ix_activity_event_id", "activity", ["event_id"])
    op.create_index("ix_activity_record", "activity", ["table_name", "record_id"])


def downgrade() -> None:
    op.drop_table("activity")
