"""API shapes of complaints (kept apart from the ORM models)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ComplaintRead(BaseModel):
    """A complaint as the API shows it; personal fields are masked unless the caller's role may see them."""

    model_config = ConfigDict(from_attributes=True)

    complaint_id: str
    received_at: datetime = Field(description="受理时间（Asia/Shanghai）")
    channel: str
    channel_label: str
    channel_raw: str | None = None
    branch: str | None = None
    product: str | None = None
    category: str | None = None
    complainant_id: int | None = None
    complainant_name: str | None = None
    id_number: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    representative: str | None = None
    representative_phone: str | None = None
    salesperson: str | None = None
    account_no: str | None = None
    amount_demanded: float | None = None
    title: str | None = None
    content: str
    demand: str | None = None
    status: str | None = None
    closed_at: datetime | None = None
    resolution: str | None = None
    escalated: bool | None = None
    extra: dict[str, Any] = Field(default_factory=dict)
    masked: bool = True
    analysis: dict[str, Any] | None = Field(
        default=None, description="分析结果（交换格式输出对象）/ the stored analysis, as the interchange output"
    )
    evidence: dict[str, Any] | None = Field(
        default=None,
        description="分析依据：类别与情绪的线索词、每项升级威胁与弱势特征的原话 / "
        "why: the category's and emotion's cues, the words of every threat and vulnerability",
    )


class AnalysisBrief(BaseModel):
    """What a list shows of a complaint's stored analysis."""

    category: str | None = None
    emotion: str | None = None
    emotion_intensity: float | None = None
    demand_amount: float | None = None
    threats: list[str] = Field(default_factory=list)
    vulnerable: list[str] = Field(default_factory=list)


class ComplaintSummary(BaseModel):
    complaint_id: str
    received_at: datetime
    channel: str
    branch: str | None = None
    product: str | None = None
    title: str | None = None
    excerpt: str
    analysis: AnalysisBrief | None = None


class ComplaintPage(BaseModel):
    items: list[ComplaintSummary]
    total: int
    page: int
    size: int
