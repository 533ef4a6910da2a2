"""flyer pictures and look: a short headline per event text (what a poster prints when the
full title will not fit at poster size), a logo per partner group, a picture per event, and
the coalition's flyer look (colours, font family) shared by everyone on the database.

Pictures live in their own tables so that listing groups or events never reads their bytes.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def _picture_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("media_type", sa.String(40), nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("height", sa.Integer, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime(), nullable=False),  # naive UTC, as models.UTCDateTime
    ]


def upgrade() -> None:
    with op.batch_alter_table("event_text") as batch:
        batch.add_column(sa.Column("headline", sa.String(120), nullable=False, server_default=""))
    op.create_table(
        "partner_logo",
        sa.Column(
            "group_id", sa.Integer, sa.ForeignKey("partner_group.id", ondelete="CASCADE"), primary_key=True
        ),
        *_picture_columns(),
    )
    op.create_table(
        "event_picture",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
        *_picture_columns(),
    )
    op.create_table(
        "coalition_setting",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("coalition_setting")
    op.drop_table("event_picture")
    op.drop_table("partner_logo")
    with op.batch_alter_table("event_text") as batch:
        batch.drop_column("headline")
