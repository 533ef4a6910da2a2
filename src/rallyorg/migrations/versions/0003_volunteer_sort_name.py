"""volunteer sort name: lists sort as people read names, accents and case aside

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _fold(text: str) -> str:
    # A frozen copy of rallyorg.domain.text.fold as it was when this migration was written:
    # migrations must not change meaning when the app's code later does.
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def upgrade() -> None:
    with op.batch_alter_table("volunteer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sort_name", sa.String(length=200), nullable=False, server_default=""))
        batch_op.create_index(batch_op.f("ix_volunteer_sort_name"), ["sort_name"], unique=False)
    connection = op.get_bind()
    volunteer = sa.table(
        "volunteer", sa.column("id", sa.Integer), sa.column("given_name", sa.String),
        sa.column("family_name", sa.String), sa.column("sort_name", sa.String),
    )  # fmt: skip
    rows = connection.execute(
        sa.select(volunteer.c.id, volunteer.c.given_name, volunteer.c.family_name)
    ).all()
    if rows:
        connection.execute(
            sa.update(volunteer).where(volunteer.c.id == sa.bindparam("row_id")),
            [{"row_id": i, "sort_name": _fold(f"{family} {given}")} for i, given, family in rows],
        )


def downgrade() -> None:
    with op.batch_alter_table("volunteer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteer_sort_name"))
        batch_op.drop_column("sort_name")
