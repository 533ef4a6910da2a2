"""partner logins: on a shared PostgreSQL server, which partner groups' people each
partner-role login may see and edit (``rallyorg server add-user --partner``; the row-level
security policies of ``rallyorg server init`` read it). Empty, and unused, on SQLite.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partner_login",
        sa.Column("login", sa.String(63), primary_key=True),
        sa.Column(
            "group_id",
            sa.Integer,
            sa.ForeignKey("partner_group.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_index("ix_partner_login_group_id", "partner_login", ["group_id"])


def downgrade() -> None:
    op.drop_index("ix_partner_login_group_id", table_name="partner_login")
    op.drop_table("partner_login")
