"""forgotten people: a sign-up may have no volunteer (an anonymous count once the person is
forgotten), and an attendee remembers that it was a walk-in volunteer

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("signup", schema=None) as batch_op:
        batch_op.alter_column("volunteer_id", existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.add_column(sa.Column("walk_in", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.drop_column("walk_in")
    # Anonymous sign-ups cannot point at anyone: they go, as the column needs a volunteer again.
    op.execute("DELETE FROM signup WHERE volunteer_id IS NULL")
    with op.batch_alter_table("signup", schema=None) as batch_op:
        batch_op.alter_column("volunteer_id", existing_type=sa.Integer(), nullable=False)
