"""The complaint case, its change history and the import runs that brought it in."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tousu.db import Base, UTCDateTime


class Complaint(Base):
    __tablename__ = "complaints"
    __table_args__ = (
        Index("ix_complaints_received_at", "received_at"),
        Index("ix_complaints_complainant_id", "complainant_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[str] = mapped_column(String(100), unique=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel: Mapped[str] = mapped_column(ForeignKey("channels.key"))
    channel_raw: Mapped[str | None] = mapped_column(String(200))
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branches.id"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    complainant_id: Mapped[int | None] = mapped_column(ForeignKey("complainants.id"))
    category: Mapped[str | None] = mapped_column(String(200))
    complainant_name: Mapped[str | None] = mapped_column(String(100))
    id_number: Mapped[str | None] = mapped_column(String(32))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(500))
    representative: Mapped[str | None] = mapped_column(String(100))
    representative_phone: Mapped[str | None] = mapped_column(String(32))
    salesperson: Mapped[str | None] = mapped_column(String(100))
    account_no: Mapped[str | None] = mapped_column(String(64))
    amount_demanded: Mapped[float | None] = mapped_column(Float)
    title: Mapped[str | None] = mapped_column(String(500))
    content: Mapped[str] = mapped_column(Text)
    demand: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(64))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolution: Mapped[str | None] = mapped_column(Text)
    escalated: Mapped[bool | None] = mapped_column(Boolean)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    row_hash: Mapped[str] = mapped_column(String(64))
    import_run_id: Mapped[int | None] = mapped_column(ForeignKey("import_runs.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ComplaintRevision(Base):
    """What an import changed in a complaint: field -> [old, new]."""

    __tablename__ = "complaint_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_pk: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"), index=True)
    import_run_id: Mapped[int | None] = mapped_column(ForeignKey("import_runs.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)


class ImportRun(Base):
    """One import of one file, for the audit trail."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64))
    file_format: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    inserted: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)


class InstanceSetting(Base):
    """Per-installation values made at `tousu init`, such as the key for identity hashes."""

    __tablename__ = "instance_settings"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ComplaintAnalysis(Base):
    """What the analysis core read in a complaint, as the interchange output object, and which models read it."""

    __tablename__ = "complaint_analyses"

    complaint_pk: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True)
    analyzed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    row_hash: Mapped[str] = mapped_column(String(64))
    category: Mapped[str | None] = mapped_column(String(200), index=True)
    emotion: Mapped[str | None] = mapped_column(String(32))
    emotion_intensity: Mapped[float | None] = mapped_column(Float)
    demand_amount: Mapped[float | None] = mapped_column(Float)
    threats: Mapped[list[str]] = mapped_column(JSON, default=list)
    vulnerable: Mapped[list[str]] = mapped_column(JSON, default=list)
    versions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    evidence: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
