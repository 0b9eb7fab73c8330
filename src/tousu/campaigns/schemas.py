"""API shapes of suspected campaigns and group events (kept apart from the ORM models)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class RunRead(BaseModel):
    """A detection run: when, over how many complaints, with which parameters, how long it took."""

    id: int
    started_at: datetime = Field(description="开始时间（Asia/Shanghai）")
    finished_at: datetime | None = None
    duration_seconds: float | None = None
    complaints: int
    campaigns: int
    group_events: int
    repeats: int
    parameters: dict[str, Any] = Field(default_factory=dict)


class GroupSummary(BaseModel):
    """One suspected campaign or group event in a list."""

    code: str
    group_type: str = Field(description="campaign（疑似黑产团伙）或 group_event（群体事件）")
    kind: str
    score: float | None = None
    status: str = Field(description="suspected 待核实 / confirmed 已确认 / dismissed 已排除")
    member_count: int
    first_received: datetime
    last_received: datetime
    signals: list[str] = Field(default_factory=list)
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_reason: str | None = None
    in_latest_run: bool = Field(description="最近一次识别是否仍找到它 / found again by the latest detection run")


class MemberRead(BaseModel):
    """A complaint in a group; the complainant is masked unless the caller may see personal data."""

    complaint_id: str
    received_at: datetime
    channel: str
    channel_label: str
    product: str | None = None
    branch: str | None = None
    complainant: str | None = None
    how: str = Field(description="detection 全量识别 / incremental 导入时增量比对")
    score: float | None = Field(default=None, description="与团伙模板的相似度 0..1 / similarity to the template")
    joined_at: datetime


class GroupRead(GroupSummary):
    """A group with its dossier (why, template, shared identifiers, timeline, markers) and its members."""

    dossier: dict[str, Any]
    members: list[MemberRead]
    run: RunRead
    masked: bool = True


class GroupList(BaseModel):
    items: list[GroupSummary]
    total: int
    latest_run: RunRead | None = None
