"""complaint analyses

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:11:03.221188
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tousu.db

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "complaint_analyses",
        sa.Column("complaint_pk", sa.Integer(), nullable=False),
        sa.Column("analyzed_at", tousu.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=200), nullable=True),
        sa.Column("emotion", sa.String(length=32), nullable=True),
        sa.Column("emotion_intensity", sa.Float(), nullable=True),
        sa.Column("demand_amount", sa.Float(), nullable=True),
        sa.Column("threats", sa.JSON(), nullable=False),
        sa.Column("vulnerable", sa.JSON(), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_pk"],
            ["complaints.id"],
            name=op.f("fk_complaint_analyses_complaint_pk_complaints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("complaint_pk", name=op.f("pk_complaint_analyses")),
    )
    with op.batch_alter_table("complaint_analyses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaint_analyses_category"), ["category"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("complaint_analyses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_analyses_category"))

    op.drop_table("complaint_analyses")
