"""Suspected campaigns and group events, their members, the detection runs that found them and the saved index."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tousu.db import Base, UTCDateTime

#: What a stored group is: an organised (black-industry) campaign or a genuine group event.
GROUP_TYPES = ("campaign", "group_event")
#: A person's verdict on a group; ``suspected`` until someone decides.
STATUSES = ("suspected", "confirmed", "dismissed")
#: How a complaint joined a group: found by a full detection run, or by the incremental check at import.
JOIN_HOWS = ("detection", "incremental")


class CampaignRun(Base):
    """One full detection run over the register: when, over how many complaints, with which parameters."""

    __tablename__ = "campaign_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    duration_seconds: Mapped[float | None] = mapped_column(Float)
    complaints: Mapped[int] = mapped_column(Integer, default=0)
    campaigns: Mapped[int] = mapped_column(Integer, default=0)
    group_events: Mapped[int] = mapped_column(Integer, default=0)
    repeats: Mapped[int] = mapped_column(Integer, default=0)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    key_fingerprint: Mapped[str] = mapped_column(String(32))
    #: Highest CMP-n and EVT-n number handed out so far, so that a code is never given to another group.
    last_campaign_no: Mapped[int] = mapped_column(Integer, default=0)
    last_event_no: Mapped[int] = mapped_column(Integer, default=0)


class SuspectedGroup(Base):
    """A suspected campaign (``CMP-n``) or group event (``EVT-n``) with its dossier and a person's verdict.

    The code stays with the group across re-detection (matched by member overlap); a confirmation or
    dismissal is kept. The dossier is the analysis core's JSON (masked identifiers, redacted text).
    """

    __tablename__ = "suspected_groups"
    __table_args__ = (Index("ix_suspected_groups_group_type_status", "group_type", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    group_type: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))
    score: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16), default="suspected")
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_reason: Mapped[str | None] = mapped_column(Text)
    member_count: Mapped[int] = mapped_column(Integer, default=0)
    first_received: Mapped[datetime] = mapped_column(UTCDateTime())
    last_received: Mapped[datetime] = mapped_column(UTCDateTime())
    dossier: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: The latest run that found this group; older than the newest run means it was not found again.
    run_id: Mapped[int] = mapped_column(ForeignKey("campaign_runs.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class GroupMember(Base):
    """A complaint in a group, how it joined, how closely it fits (0..1) and when."""

    __tablename__ = "suspected_group_members"

    group_id: Mapped[int] = mapped_column(ForeignKey("suspected_groups.id", ondelete="CASCADE"), primary_key=True)
    complaint_pk: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True)
    how: Mapped[str] = mapped_column(String(16))
    score: Mapped[float | None] = mapped_column(Float)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_suspected_group_members_complaint_pk", "complaint_pk"),)


class CampaignIndexPart(Base):
    """One slice of the saved incremental-check index of a run (split so no single value grows too large)."""

    __tablename__ = "campaign_index_parts"

    run_id: Mapped[int] = mapped_column(ForeignKey("campaign_runs.id", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)
