"""Counts of complaints by month, channel, product and branch (months in Asia/Shanghai)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, literal_column, select
from sqlalchemy.orm import Session

from tousu.analysis.records import CHANNELS
from tousu.cases.models import Complaint
from tousu.catalog.models import Branch, Product

UNKNOWN = "（未填写）"


@dataclass(frozen=True)
class RegisterStats:
    total: int
    by_month: list[tuple[str, int]]
    by_channel: list[tuple[str, int]]
    by_product: list[tuple[str, int]]
    by_branch: list[tuple[str, int]]


def _month(session: Session) -> ColumnElement[str]:
    """The Asia/Shanghai calendar month of receipt, as YYYY-MM, on either backend."""
    if session.get_bind().dialect.name == "sqlite":
        return func.strftime("%Y-%m", Complaint.received_at, "+8 hours")
    shanghai = func.timezone("Asia/Shanghai", Complaint.received_at)
    return func.to_char(shanghai, literal_column("'YYYY-MM'"))


def register_stats(session: Session, *, top: int = 20) -> RegisterStats:
    """Counts for the register; products and branches limited to the ``top`` largest."""
    total = session.scalar(select(func.count(Complaint.id))) or 0
    month = _month(session).label("month")
    by_month = session.execute(select(month, func.count()).group_by(month).order_by(month)).all()
    by_channel = session.execute(
        select(Complaint.channel, func.count()).group_by(Complaint.channel).order_by(func.count().desc())
    ).all()
    by_product = session.execute(
        select(Product.name, func.count(Complaint.id))
        .select_from(Complaint)
        .outerjoin(Product, Complaint.product_id == Product.id)
        .group_by(Product.name)
        .order_by(func.count(Complaint.id).desc(), Product.name)
        .limit(top)
    ).all()
    by_branch = session.execute(
        select(Branch.name, func.count(Complaint.id))
        .select_from(Complaint)
        .outerjoin(Branch, Complaint.branch_id == Branch.id)
        .group_by(Branch.name)
        .order_by(func.count(Complaint.id).desc(), Branch.name)
        .limit(top)
    ).all()
    return RegisterStats(
        total=total,
        by_month=[(m, n) for m, n in by_month],
        by_channel=[(CHANNELS.get(c, c), n) for c, n in by_channel],
        by_product=[(p or UNKNOWN, n) for p, n in by_product],
        by_branch=[(b or UNKNOWN, n) for b, n in by_branch],
    )
