"""complaint register

Revision ID: 0001
Revises:
Create Date: 2026-11-23 09:05:59.785853
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tousu.db

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "channels",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("label_zh", sa.String(length=64), nullable=False),
        sa.Column("label_en", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_channels")),
    )
    op.create_table(
        "complainants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("match_key", sa.String(length=64), nullable=False),
        sa.Column("match_on", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=True),
        sa.Column("id_number", sa.String(length=32), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("address", sa.String(length=500), nullable=True),
        sa.Column("complaint_count", sa.Integer(), nullable=False),
        sa.Column("first_complaint_at", tousu.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_complaint_at", tousu.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complainants")),
        sa.UniqueConstraint("match_key", name=op.f("uq_complainants_match_key")),
    )
    op.create_table(
        "import_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_format", sa.String(length=16), nullable=False),
        sa.Column("started_at", tousu.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", tousu.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("inserted", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_runs")),
    )
    op.create_table(
        "instance_settings",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_instance_settings")),
    )
    op.create_table(
        "institutions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_institutions")),
        sa.UniqueConstraint("name", name=op.f("uq_institutions_name")),
    )
    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
        sa.UniqueConstraint("name", name=op.f("uq_products_name")),
    )
    op.create_table(
        "branches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["institution_id"], ["institutions.id"], name=op.f("fk_branches_institution_id_institutions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_branches")),
        sa.UniqueConstraint("name", name=op.f("uq_branches_name")),
    )
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.String(length=100), nullable=False),
        sa.Column("received_at", tousu.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("channel_raw", sa.String(length=200), nullable=True),
        sa.Column("branch_id", sa.Integer(), nullable=True),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("complainant_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=200), nullable=True),
        sa.Column("complainant_name", sa.String(length=100), nullable=True),
        sa.Column("id_number", sa.String(length=32), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("address", sa.String(length=500), nullable=True),
        sa.Column("representative", sa.String(length=100), nullable=True),
        sa.Column("representative_phone", sa.String(length=32), nullable=True),
        sa.Column("salesperson", sa.String(length=100), nullable=True),
        sa.Column("account_no", sa.String(length=64), nullable=True),
        sa.Column("amount_demanded", sa.Float(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("demand", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=64), nullable=True),
        sa.Column("closed_at", tousu.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("escalated", sa.Boolean(), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.Column("import_run_id", sa.Integer(), nullable=True),
        sa.Column("created_at", tousu.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", tousu.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branches.id"], name=op.f("fk_complaints_branch_id_branches")),
        sa.ForeignKeyConstraint(["channel"], ["channels.key"], name=op.f("fk_complaints_channel_channels")),
        sa.ForeignKeyConstraint(
            ["complainant_id"], ["complainants.id"], name=op.f("fk_complaints_complainant_id_complainants")
        ),
        sa.ForeignKeyConstraint(
            ["import_run_id"], ["import_runs.id"], name=op.f("fk_complaints_import_run_id_import_runs")
        ),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_complaints_product_id_products")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
        sa.UniqueConstraint("complaint_id", name=op.f("uq_complaints_complaint_id")),
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index("ix_complaints_complainant_id", ["complainant_id"], unique=False)
        batch_op.create_index("ix_complaints_received_at", ["received_at"], unique=False)

    op.create_table(
        "complaint_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_pk", sa.Integer(), nullable=False),
        sa.Column("import_run_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", tousu.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_pk"],
            ["complaints.id"],
            name=op.f("fk_complaint_revisions_complaint_pk_complaints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_run_id"],
            ["import_runs.id"],
            name=op.f("fk_complaint_revisions_import_run_id_import_runs"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_revisions")),
    )
    with op.batch_alter_table("complaint_revisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaint_revisions_complaint_pk"), ["complaint_pk"], unique=False)

    channels = sa.table(
        "channels",
        sa.column("key", sa.String),
        sa.column("label_zh", sa.String),
        sa.column("label_en", sa.String),
    )
    op.bulk_insert(
        channels,
        [
            {"key": "phone", "label_zh": "电话/热线", "label_en": "Phone / hotline"},
            {"key": "online", "label_zh": "网络/APP/微信", "label_en": "Online / app / WeChat"},
            {"key": "letter", "label_zh": "信函", "label_en": "Letter"},
            {"key": "branch", "label_zh": "柜面/来访", "label_en": "Branch counter / visit"},
            {"key": "regulator", "label_zh": "监管转办", "label_en": "Regulator transfer (12378/12363)"},
            {"key": "consumer_body", "label_zh": "12315/消协", "label_en": "12315 / consumer association"},
            {"key": "media", "label_zh": "媒体", "label_en": "Media"},
            {"key": "other", "label_zh": "其他", "label_en": "Other"},
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("complaint_revisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_revisions_complaint_pk"))

    op.drop_table("complaint_revisions")
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index("ix_complaints_received_at")
        batch_op.drop_index("ix_complaints_complainant_id")

    op.drop_table("complaints")
    op.drop_table("branches")
    op.drop_table("products")
    op.drop_table("institutions")
    op.drop_table("instance_settings")
    op.drop_table("import_runs")
    op.drop_table("complainants")
    op.drop_table("channels")
