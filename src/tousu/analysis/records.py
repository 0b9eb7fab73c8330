"""The canonical complaint record every part of Tousu speaks (see the interchange spec)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

#: Canonical columns of the interchange format, in the order files are written.
CANONICAL_COLUMNS: tuple[str, ...] = (
    "complaint_id",
    "received_at",
    "channel",
    "branch",
    "product",
    "category",
    "complainant_name",
    "id_number",
    "phone",
    "email",
    "address",
    "representative",
    "representative_phone",
    "salesperson",
    "account_no",
    "amount_demanded",
    "title",
    "content",
    "demand",
    "status",
    "closed_at",
    "resolution",
    "escalated",
)

#: Columns that hold personal data and are masked unless a privileged role asks.
INVALID_ID_FLAG = "id_number_valid"  # an extra the importer sets itself: the resident ID fails its checksum
DERIVED_EXTRAS: frozenset[str] = frozenset({INVALID_ID_FLAG})  # recomputed on every import, so never exported
PERSONAL_COLUMNS: frozenset[str] = frozenset(
    {
        "complainant_name",
        "id_number",
        "phone",
        "email",
        "address",
        "representative",
        "representative_phone",
        "account_no",
    }
)

#: The channel list of the interchange spec (value stored, Chinese label shown).
CHANNELS: dict[str, str] = {
    "phone": "电话/热线",
    "online": "网络/APP/微信",
    "letter": "信函",
    "branch": "柜面/来访",
    "regulator": "监管转办",
    "consumer_body": "12315/消协",
    "media": "媒体",
    "other": "其他",
}


@dataclass(frozen=True, slots=True)
class ComplaintRecord:
    """One complaint as read from a file, validated and typed.

    ``received_at`` and ``closed_at`` are timezone-aware (UTC). ``channel`` is a key of
    :data:`CHANNELS`; the text the file carried is kept in ``channel_raw``.
    """

    complaint_id: str
    received_at: datetime
    content: str
    channel: str = "other"
    channel_raw: str | None = None
    branch: str | None = None
    product: str | None = None
    category: str | None = None
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
    demand: str | None = None
    status: str | None = None
    closed_at: datetime | None = None
    resolution: str | None = None
    escalated: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)
