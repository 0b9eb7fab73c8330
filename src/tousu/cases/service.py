"""Reading the register: list, fetch and stream complaints, masked unless the caller may see personal data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from tousu.analysis.privacy import mask_extra, mask_known, mask_text, mask_value
from tousu.analysis.records import CHANNELS, DERIVED_EXTRAS, PERSONAL_COLUMNS, ComplaintRecord
from tousu.cases.models import Complaint, ComplaintAnalysis
from tousu.cases.schemas import AnalysisBrief, ComplaintPage, ComplaintRead, ComplaintSummary
from tousu.catalog.models import Branch, Product
from tousu.config import DISPLAY_TIMEZONE
from tousu.errors import NotFound

EXCERPT_CHARS = 80
MAX_PAGE_SIZE = 200
FREE_TEXT_FIELDS = ("title", "content", "demand", "resolution")


def _joined() -> Select[Any]:
    return (
        select(Complaint, Branch.name.label("branch_name"), Product.name.label("product_name"))
        .outerjoin(Branch, Complaint.branch_id == Branch.id)
        .outerjoin(Product, Complaint.product_id == Product.id)
    )


def to_record(complaint: Complaint, branch: str | None, product: str | None) -> ComplaintRecord:
    """The canonical record of a stored complaint."""
    fields = {
        name: getattr(complaint, name) for name in ComplaintRecord.__dataclass_fields__ if hasattr(complaint, name)
    }
    fields.update(branch=branch, product=product, extra=dict(complaint.extra or {}))
    return ComplaintRecord(**fields)


def mask_record(record: ComplaintRecord) -> ComplaintRecord:
    """Personal columns masked, personal data inside the free text masked too (what the text patterns find, and
    wherever the record's own personal values are written), and the extra attributes masked by what their
    headers say (see mask_extra)."""
    known = personal_values(record)
    changes: dict[str, Any] = {
        column: mask_value(column, value) for column, value in known.items() if value is not None
    }
    for name in FREE_TEXT_FIELDS:
        value = getattr(record, name)
        if value:
            changes[name] = mask_free_text(value, known)
    if record.extra:
        changes["extra"] = {header: mask_extra(header, value) for header, value in record.extra.items()}
    return replace(record, **changes)


def personal_values(record: ComplaintRecord) -> dict[str, str | None]:
    """The record's values of the personal columns, by column."""
    return {column: getattr(record, column) for column in PERSONAL_COLUMNS}


def mask_free_text(text: str, known: dict[str, str | None]) -> str:
    """Free text with what the patterns find masked, and wherever it writes one of the record's ``known``
    personal values."""
    return mask_known(mask_text(text), known)


def list_complaints(
    session: Session,
    *,
    page: int = 1,
    size: int = 50,
    channel: str | None = None,
    search: str | None = None,
    category: str | None = None,
    emotion: str | None = None,
    unmasked: bool = False,
) -> ComplaintPage:
    """One page of complaints, newest first, each with the brief of its stored analysis.

    channel, search (in title and narrative), category and emotion (as the stored analysis reads them) narrow
    the list; the filters combine.
    """
    if page < 1:
        raise ValueError(f"页码 page 须为 1 或以上，收到 {page} / page must be 1 or more, got {page}")
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ValueError(f"每页条数 size 须在 1-{MAX_PAGE_SIZE} 之间，收到 {size} / size must be in 1..{MAX_PAGE_SIZE}")
    query = (
        _joined()
        .add_columns(ComplaintAnalysis)
        .outerjoin(ComplaintAnalysis, ComplaintAnalysis.complaint_pk == Complaint.id)
    )
    if channel:
        if channel not in CHANNELS:
            raise ValueError(
                f"未知渠道 channel={channel!r}，可选：{', '.join(CHANNELS)} / unknown channel; use one of those"
            )
        query = query.where(Complaint.channel == channel)
    if search:
        pattern = f"%{search}%"
        query = query.where(or_(Complaint.content.like(pattern), Complaint.title.like(pattern)))
    if category:
        query = query.where(ComplaintAnalysis.category == category)
    if emotion:
        query = query.where(ComplaintAnalysis.emotion == emotion)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = session.execute(
        query.order_by(Complaint.received_at.desc(), Complaint.id.desc()).offset((page - 1) * size).limit(size)
    ).all()
    items = []
    for complaint, branch, product, analysis in rows:
        record = to_record(complaint, branch, product)
        if not unmasked:
            record = mask_record(record)
        items.append(
            ComplaintSummary(
                complaint_id=record.complaint_id,
                received_at=record.received_at.astimezone(DISPLAY_TIMEZONE),
                channel=record.channel,
                branch=record.branch,
                product=record.product,
                title=record.title,
                excerpt=record.content[:EXCERPT_CHARS],
                analysis=_brief(analysis),
            )
        )
    return ComplaintPage(items=items, total=total, page=page, size=size)


def _brief(analysis: ComplaintAnalysis | None) -> AnalysisBrief | None:
    if analysis is None:
        return None
    return AnalysisBrief(
        category=analysis.category,
        emotion=analysis.emotion,
        emotion_intensity=analysis.emotion_intensity,
        demand_amount=analysis.demand_amount,
        threats=list(analysis.threats or []),
        vulnerable=list(analysis.vulnerable or []),
    )


def analysis_facets(session: Session) -> dict[str, dict[str, int]]:
    """The categories and emotions the stored analyses hold, each with its number of complaints, most first:
    what a list can be narrowed to."""
    facets = {}
    for name, column in (("category", ComplaintAnalysis.category), ("emotion", ComplaintAnalysis.emotion)):
        rows = session.execute(
            select(column, func.count()).where(column.is_not(None)).group_by(column).order_by(func.count().desc())
        ).all()
        facets[name] = {str(value): int(count) for value, count in rows}
    return facets


def get_complaint(session: Session, complaint_id: str, *, unmasked: bool = False) -> ComplaintRead:
    row = session.execute(_joined().where(Complaint.complaint_id == complaint_id)).first()
    if row is None:
        raise NotFound(f"找不到投诉 {complaint_id} / no complaint with id {complaint_id}")
    complaint, branch, product = row
    record = to_record(complaint, branch, product)
    known = personal_values(record)
    if not unmasked:
        record = mask_record(record)
    data = {name: getattr(record, name) for name in ComplaintRecord.__dataclass_fields__}
    data["received_at"] = record.received_at.astimezone(DISPLAY_TIMEZONE)
    if record.closed_at:
        data["closed_at"] = record.closed_at.astimezone(DISPLAY_TIMEZONE)
    analysis = session.get(ComplaintAnalysis, complaint.id)
    result = evidence = None
    if analysis is not None:
        result = analysis.result if unmasked else mask_analysis(analysis.result)
        result = {**result, **_groups_of(session, complaint)}
        if analysis.evidence is not None:
            evidence = analysis.evidence if unmasked else mask_evidence(analysis.evidence, known)
    return ComplaintRead(
        **data,
        channel_label=CHANNELS.get(record.channel, record.channel),
        complainant_id=complaint.complainant_id,
        masked=not unmasked,
        analysis=result,
        evidence=evidence,
    )


def _groups_of(session: Session, complaint: Complaint) -> dict[str, Any]:
    """The complaint's live campaign, group event and repeat, as the interchange objects (or None)."""
    from tousu.campaigns.service import flags_of, group_events_of
    from tousu.complainants.models import Complainant

    repeat = None
    if complaint.complainant_id is not None:
        count = session.scalar(select(Complainant.complaint_count).where(Complainant.id == complaint.complainant_id))
        if count and count > 1:
            repeat = {"complainant": f"P-{complaint.complainant_id}", "count": count}
    return {
        "campaign": flags_of(session, [complaint.id]).get(complaint.id),
        "group_event": group_events_of(session, [complaint.id]).get(complaint.id),
        "repeat": repeat,
    }


#: Entity lists of an analysis that hold personal data, with the column whose masking applies.
PERSONAL_ENTITIES = {
    "phones": "phone",
    "emails": "email",
    "id_numbers": "id_number",
    "cards": "account_no",
    "policies": "account_no",
}


def mask_analysis(result: dict[str, Any]) -> dict[str, Any]:
    """A stored analysis with the personal data among its entities masked."""
    entities = dict(result.get("entities") or {})
    for key, column in PERSONAL_ENTITIES.items():
        values = entities.get(key)
        if values:
            entities[key] = [mask_value(column, str(v)) if isinstance(v, str) else v for v in values]
    return {**result, "entities": entities}


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def mask_evidence(evidence: dict[str, Any], known: dict[str, str | None]) -> dict[str, Any]:
    """Stored evidence with personal data masked in the words of threats and vulnerabilities (what the text
    patterns find, and the record's own personal values in ``known``); a birth date read from an ID number is
    left out (the age stays)."""

    def masked(item: Any) -> Any:
        if not isinstance(item, dict) or not isinstance(item.get("words"), str):
            return item
        return {**item, "words": _DATE.sub("****-**-**", mask_free_text(item["words"], known))}

    return {
        key: [masked(item) for item in values] if isinstance(values, list) else values
        for key, values in evidence.items()
    }


def extra_columns(session: Session, batch: int = 5_000) -> list[str]:
    """The headers of the extra attributes kept in the register, in the order first met: an export's columns
    after the format's own. Flags the importer derives itself are left out."""
    seen: dict[str, None] = {}
    last_id = 0
    while True:
        query = select(Complaint.id, Complaint.extra).where(Complaint.id > last_id).order_by(Complaint.id)
        rows = session.execute(query.limit(batch)).all()
        if not rows:
            return [header for header in seen if header not in DERIVED_EXTRAS]
        for _, extra in rows:
            seen.update(dict.fromkeys(extra or {}))
        last_id = rows[-1][0]


def iter_records(session: Session, *, unmasked: bool = False, batch: int = 2_000) -> Iterator[ComplaintRecord]:
    """Every complaint as a canonical record, oldest first, streamed in batches."""
    last_id = 0
    while True:
        rows = session.execute(_joined().where(Complaint.id > last_id).order_by(Complaint.id).limit(batch)).all()
        if not rows:
            return
        for complaint, branch, product in rows:
            record = to_record(complaint, branch, product)
            yield record if unmasked else mask_record(record)
        last_id = rows[-1][0].id
