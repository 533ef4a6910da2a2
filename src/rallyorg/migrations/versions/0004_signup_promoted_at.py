"""signup promoted_at: when a person moved up from the waitlist, kept for their history

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("signup", schema=None) as batch_op:
        batch_op.add_column(sa.Column("promoted_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("signup", schema=None) as batch_op:
        batch_op.drop_column("promoted_at")
