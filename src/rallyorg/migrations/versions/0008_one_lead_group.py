"""one lead group: the lead is the partner group with the role "lead" (the Details tab's own
lead group field, which could disagree with it, goes); a group may hold several roles

An event whose old lead group field named a group gets that group as its lead partner,
unless the Partners tab already named a lead (the flyer followed the Partners tab, so that
is what people have seen printed): then it is kept as a co-sponsor. A group keeps any other
role it had.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-12
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

event = sa.table("event", sa.column("id", sa.Integer), sa.column("lead_group_id", sa.Integer))
event_partner = sa.table(
    "event_partner",
    sa.column("event_id", sa.Integer),
    sa.column("group_id", sa.Integer),
    sa.column("role", sa.String),
    sa.column("commitment", sa.Text),
    sa.column("created_at", sa.DateTime),
    sa.column("updated_at", sa.DateTime),
    sa.column("version", sa.Integer),
)


def upgrade() -> None:
    with op.batch_alter_table("event_partner", schema=None) as batch_op:
        batch_op.drop_constraint("uq_event_partner_event_id_group_id", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_event_partner_event_id_group_id_role"), ["event_id", "group_id", "role"]
        )
    connection = op.get_bind()
    partnered = {
        (row.event_id, row.group_id): row.role
        for row in connection.execute(
            sa.select(event_partner.c.event_id, event_partner.c.group_id, event_partner.c.role)
        )
    }
    led = {event_id for (event_id, _group), role in partnered.items() if role == "lead"}
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)  # stored as naive UTC (models.UTCDateTime)
    added = []
    for row in connection.execute(
        sa.select(event.c.id, event.c.lead_group_id).where(event.c.lead_group_id.is_not(None))
    ):
        if row.id not in led:
            role = "lead"
        elif (row.id, row.lead_group_id) not in partnered:
            role = "co_sponsor"  # the Partners tab's lead stays; this group is not dropped
        else:
            continue
        added.append(
            {
                "event_id": row.id,
                "group_id": row.lead_group_id,
                "role": role,
                "commitment": "",
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
        )
    if added:
        connection.execute(sa.insert(event_partner), added)
    # Safe on SQLite: foreign keys are off while the table is copied (migrations/env.py), so
    # dropping the old event table deletes none of its shifts, texts or partners.
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_constraint("fk_event_lead_group_id_partner_group", type_="foreignkey")
        batch_op.drop_column("lead_group_id")


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lead_group_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_event_lead_group_id_partner_group",
            "partner_group",
            ["lead_group_id"],
            ["id"],
            ondelete="SET NULL",
        )
    connection = op.get_bind()
    for row in connection.execute(
        sa.select(event_partner.c.event_id, event_partner.c.group_id).where(event_partner.c.role == "lead")
    ):
        connection.execute(
            sa.update(event).where(event.c.id == row.event_id).values(lead_group_id=row.group_id)
        )
    # One row per group again: a group's extra roles go, its lead role first to stay.
    connection.execute(
        sa.text(
            "DELETE FROM event_partner WHERE id NOT IN ("
            " SELECT coalesce(min(CASE WHEN role = 'lead' THEN id END), min(id))"
            " FROM event_partner GROUP BY event_id, group_id)"
        )
    )
    with op.batch_alter_table("event_partner", schema=None) as batch_op:
        batch_op.drop_constraint("uq_event_partner_event_id_group_id_role", type_="unique")
        batch_op.create_unique_constraint("uq_event_partner_event_id_group_id", ["event_id", "group_id"])
