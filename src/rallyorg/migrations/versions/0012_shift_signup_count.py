"""shift sign-up count: how many sign-ups each shift has in each status, as a view.

Lists, staffing bars and check-in read their numbers here. On a shared PostgreSQL server a
partner login sees only its own group's sign-ups (row-level security, ``rallyorg server
init``) and a viewer none: a view runs with its owner's rights, so every login gets the true
numbers, and no one gets a row of anyone's.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE VIEW shift_signup_count AS "
        "SELECT shift_id, status, count(*) AS number FROM signup GROUP BY shift_id, status"
    )


def downgrade() -> None:
    op.execute("DROP VIEW shift_signup_count")
