"""Complainants: one person across many complaints."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from tousu.db import Base, UTCDateTime


class Complainant(Base):
    """A person, matched on the resident ID number, else on phone plus name (never on name alone).

    ``match_key`` is a keyed hash (HMAC) of what matched, so the key itself holds no clear personal data.
    """

    __tablename__ = "complainants"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_key: Mapped[str] = mapped_column(String(64), unique=True)
    match_on: Mapped[str] = mapped_column(String(16))  # "id_number" or "phone_name"
    name: Mapped[str | None] = mapped_column(String(100))
    id_number: Mapped[str | None] = mapped_column(String(32))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(500))
    complaint_count: Mapped[int] = mapped_column(Integer, default=0)
    first_complaint_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_complaint_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
