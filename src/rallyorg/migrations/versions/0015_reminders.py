"""reminders: what was sent to whom before a rally (issue 17), so the organiser sees who was
reminded when, and can send again to whom it failed. The message itself is not kept (it is
the template's, rendered), nor any address: forgetting a person removes their rows (ON
DELETE CASCADE, and services/forget_records.py explicitly). The edited templates and the
SMTP account live in ``coalition_setting`` (migration 0014); the password in the keyring.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=True),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),  # naive UTC, as models.UTCDateTime
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_reminder_event_id_event"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["shift_id"], ["shift.id"], name=op.f("fk_reminder_shift_id_shift"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"],
            ["volunteer.id"],
            name=op.f("fk_reminder_volunteer_id_volunteer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
    )
    op.create_index("ix_reminder_event_volunteer", "reminder", ["event_id", "volunteer_id"], unique=False)
    op.create_index(op.f("ix_reminder_volunteer_id"), "reminder", ["volunteer_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_reminder_volunteer_id"), table_name="reminder")
    op.drop_index("ix_reminder_event_volunteer", table_name="reminder")
    op.drop_table("reminder")
