"""suspected campaigns and group events

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 10:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tousu.db

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "campaign_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", tousu.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", tousu.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("duration_seconds", sa.Float(), nullable=True),
        sa.Column("complaints", sa.Integer(), nullable=False),
        sa.Column("campaigns", sa.Integer(), nullable=False),
        sa.Column("group_events", sa.Integer(), nullable=False),
        sa.Column("repeats", sa.Integer(), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("key_fingerprint", sa.String(length=32), nullable=False),
        sa.Column("last_campaign_no", sa.Integer(), nullable=False),
        sa.Column("last_event_no", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_runs")),
    )
    op.create_table(
        "suspected_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("group_type", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", tousu.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("member_count", sa.Integer(), nullable=False),
        sa.Column("first_received", tousu.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_received", tousu.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("dossier", sa.JSON(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("created_at", tousu.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", tousu.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["campaign_runs.id"], name=op.f("fk_suspected_groups_run_id_campaign_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suspected_groups")),
        sa.UniqueConstraint("code", name=op.f("uq_suspected_groups_code")),
    )
    with op.batch_alter_table("suspected_groups", schema=None) as batch_op:
        batch_op.create_index("ix_suspected_groups_group_type_status", ["group_type", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_suspected_groups_run_id"), ["run_id"], unique=False)

    op.create_table(
        "suspected_group_members",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("complaint_pk", sa.Integer(), nullable=False),
        sa.Column("how", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("joined_at", tousu.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_pk"],
            ["complaints.id"],
            name=op.f("fk_suspected_group_members_complaint_pk_complaints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["suspected_groups.id"],
            name=op.f("fk_suspected_group_members_group_id_suspected_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "complaint_pk", name=op.f("pk_suspected_group_members")),
    )
    with op.batch_alter_table("suspected_group_members", schema=None) as batch_op:
        batch_op.create_index("ix_suspected_group_members_complaint_pk", ["complaint_pk"], unique=False)

    op.create_table(
        "campaign_index_parts",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["campaign_runs.id"],
            name=op.f("fk_campaign_index_parts_run_id_campaign_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("run_id", "seq", name=op.f("pk_campaign_index_parts")),
    )


def downgrade() -> None:
    op.drop_table("campaign_index_parts")
    with op.batch_alter_table("suspected_group_members", schema=None) as batch_op:
        batch_op.drop_index("ix_suspected_group_members_complaint_pk")

    op.drop_table("suspected_group_members")
    with op.batch_alter_table("suspected_groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suspected_groups_run_id"))
        batch_op.drop_index("ix_suspected_groups_group_type_status")

    op.drop_table("suspected_groups")
    op.drop_table("campaign_runs")
