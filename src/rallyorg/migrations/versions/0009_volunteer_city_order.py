"""volunteer city order: an index in the order the Volunteers list sorts by City (city, then
the name, then the id), so that sort reads the index instead of sorting every row

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_volunteer_city_order", "volunteer", ["city", "sort_name", "id"])


def downgrade() -> None:
    op.drop_index("ix_volunteer_city_order", table_name="volunteer")
