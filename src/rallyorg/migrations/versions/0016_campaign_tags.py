"""campaign tags on events (issue 17): a coalition runs several campaigns at once (the TRUST
Act, a census drive) and reports on each; stored as ``CodeList`` text (",a,b,"), like a
volunteer's tags, so a report selects by one with a portable LIKE.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event") as batch:
        batch.add_column(sa.Column("tags", sa.String(length=500), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("event") as batch:
        batch.drop_column("tags")
