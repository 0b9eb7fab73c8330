"""Use cases of campaign detection on the register: detect, read, decide. The only place here that commits.

A full run (:func:`detect_in_register`) streams the register as hashed inputs, runs the pure core, and
replaces the suspected groups while keeping what people decided: old and new groups are matched by
member overlap, so a group keeps its code (CMP-n / EVT-n) and its confirmation or dismissal. New
complaints are checked against the saved index at import (:mod:`tousu.campaigns.incremental`).
A flag never touches a complaint's own fields (and so never its statutory deadline).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from tousu.analysis.campaigns import (
    Campaign,
    CampaignIndex,
    CampaignInput,
    CampaignSettings,
    Detection,
    GroupEvent,
    LinkKey,
    detect_campaigns,
)
from tousu.analysis.privacy import mask_text, mask_value
from tousu.analysis.records import CHANNELS, ComplaintRecord
from tousu.campaigns.index_store import save_index
from tousu.campaigns.models import STATUSES, CampaignRun, GroupMember, SuspectedGroup
from tousu.campaigns.schemas import GroupList, GroupRead, GroupSummary, MemberRead, RunRead
from tousu.cases.models import Complaint
from tousu.catalog.models import Branch, Product
from tousu.complainants.identity import identity_key
from tousu.config import DISPLAY_TIMEZONE
from tousu.db import session_scope
from tousu.errors import BadInput, NotFound

STREAM_BATCH = 5_000
#: Old and new groups are the same group when they share at least this share of the smaller one's members.
MATCH_OVERLAP = 0.5
#: Which verdicts a person may give from each status (the workflow as data).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "suspected": ("confirmed", "dismissed"),
    "confirmed": ("dismissed",),
    "dismissed": ("confirmed",),
}
PREFIX = {"campaign": "CMP", "group_event": "EVT"}

_INPUT_COLUMNS = (
    Complaint.id,
    Complaint.complaint_id,
    Complaint.received_at,
    Complaint.channel,
    Branch.name,
    Product.name,
    Complaint.complainant_name,
    Complaint.id_number,
    Complaint.phone,
    Complaint.email,
    Complaint.address,
    Complaint.representative,
    Complaint.representative_phone,
    Complaint.salesperson,
    Complaint.account_no,
    Complaint.title,
    Complaint.content,
    Complaint.demand,
)
_RECORD_FIELDS = (
    tuple(c.key for c in _INPUT_COLUMNS[1:4]) + ("branch", "product") + tuple(c.key for c in _INPUT_COLUMNS[6:])
)


@dataclass
class DetectionSummary:
    """What a full run found and how it reconciled with what was stored."""

    run_id: int
    complaints: int
    campaigns: int
    group_events: int
    repeats: int
    duration_seconds: float
    new_codes: list[str] = field(default_factory=list)
    kept_codes: list[str] = field(default_factory=list)
    dropped_codes: list[str] = field(default_factory=list)
    index_bytes: int = 0


@dataclass(frozen=True)
class _Found:
    """One group of a detection, ready to store: detection id, type, members (pks) and how each fits."""

    detection_id: str
    group_type: str
    kind: str
    score: float | None
    first_received: datetime
    last_received: datetime
    dossier: dict[str, Any]
    members: dict[int, float | None]


def link_key(session: Session, secret: str | None) -> LinkKey:
    """The institution's key for identifier hashes: the configured secret, else the one kept in the database."""
    return LinkKey.from_secret(identity_key(session, secret))


def iter_inputs(session: Session, key: LinkKey, *, batch: int = STREAM_BATCH) -> Iterator[tuple[int, CampaignInput]]:
    """Every complaint as (primary key, hashed detection input), oldest id first, selecting only needed columns."""
    last = 0
    query = (
        select(*_INPUT_COLUMNS)
        .outerjoin(Branch, Complaint.branch_id == Branch.id)
        .outerjoin(Product, Complaint.product_id == Product.id)
    )
    while True:
        rows = session.execute(query.where(Complaint.id > last).order_by(Complaint.id).limit(batch)).all()
        if not rows:
            return
        for row in rows:
            record = ComplaintRecord(**dict(zip(_RECORD_FIELDS, row[1:], strict=True)))
            yield row[0], CampaignInput.from_record(record, key)
        last = rows[-1][0]


def detect_in_register(
    factory: sessionmaker[Session], secret: str | None = None, settings: CampaignSettings | None = None
) -> DetectionSummary:
    """Run campaign detection over the whole register and store what it found, keeping people's verdicts.

    Args:
        factory: sessions on the register.
        secret: the institution's identity secret (``TOUSU_SECRET_KEY``); else the one kept at ``tousu init``.
        settings: detection settings; the core's defaults otherwise.

    Returns:
        Counts, the codes that are new, kept and dropped, and the run id.
    """
    started = datetime.now(UTC)
    clock = time.perf_counter()
    with session_scope(factory) as session:
        key = link_key(session, secret)
        pairs = list(iter_inputs(session, key))
    pks = [pk for pk, _ in pairs]
    items = [item for _, item in pairs]
    del pairs
    detection = detect_campaigns(items, settings)
    with session_scope(factory) as session:
        run = CampaignRun(
            started_at=started,
            complaints=len(items),
            campaigns=len(detection.campaigns),
            group_events=len(detection.group_events),
            repeats=len(detection.repeats),
            parameters=asdict(detection.settings),
            key_fingerprint=key.fingerprint,
            **_last_numbers(session),
        )
        session.add(run)
        session.flush()
        pk_of = dict(zip((it.complaint_id for it in items), pks, strict=True))
        summary = DetectionSummary(
            run.id, len(items), len(detection.campaigns), len(detection.group_events), len(detection.repeats), 0.0
        )
        codes: dict[str, str] = {}
        for group_type, found in (
            ("campaign", [_from_campaign(c, pk_of) for c in detection.campaigns]),
            ("group_event", [_from_event(e, pk_of) for e in detection.group_events]),
        ):
            codes.update(_reconcile(session, run, group_type, found, summary))
        index = _stable_index(session, detection, items, codes)
        summary.index_bytes = save_index(session, run.id, index)
        run.finished_at = datetime.now(UTC)
        summary.duration_seconds = run.duration_seconds = round(time.perf_counter() - clock, 3)
    return summary


def _last_numbers(session: Session) -> dict[str, int]:
    """The highest CMP and EVT numbers ever handed out (from past runs and stored codes)."""
    previous = session.execute(
        select(func.max(CampaignRun.last_campaign_no), func.max(CampaignRun.last_event_no))
    ).one()
    numbers = {"last_campaign_no": previous[0] or 0, "last_event_no": previous[1] or 0}
    for code in session.scalars(select(SuspectedGroup.code)):
        prefix, _, number = code.partition("-")
        name = "last_campaign_no" if prefix == "CMP" else "last_event_no"
        numbers[name] = max(numbers[name], int(number) if number.isdigit() else 0)
    return numbers


def _from_campaign(campaign: Campaign, pk_of: dict[str, int]) -> _Found:
    dossier = campaign.to_dict()
    dossier["template"] = [mask_text(s) for s in dossier["template"]]
    for difference in dossier["differences"]:
        difference["own_sentences"] = [mask_text(s) for s in difference["own_sentences"]]
    fit = {d.complaint_id: d.similarity for d in campaign.differences}
    return _Found(
        detection_id=campaign.id,
        group_type="campaign",
        kind=campaign.kind,
        score=campaign.score,
        first_received=campaign.first_received,
        last_received=campaign.last_received,
        dossier=dossier,
        members={pk_of[m]: fit.get(m) for m in campaign.members},
    )


def _from_event(event: GroupEvent, pk_of: dict[str, int]) -> _Found:
    return _Found(
        detection_id=event.id,
        group_type="group_event",
        kind="群体事件",
        score=None,
        first_received=event.first_received,
        last_received=event.last_received,
        dossier=event.to_dict(),
        members=dict.fromkeys((pk_of[m] for m in event.members), None),
    )


def _reconcile(
    session: Session, run: CampaignRun, group_type: str, found: Sequence[_Found], summary: DetectionSummary
) -> dict[str, str]:
    """Store one type's groups: matched old groups keep code and verdict, vanished suspected ones go.

    Returns:
        Detection id -> stored code.
    """
    old_members: dict[int, set[int]] = {}
    for group_id, pk in session.execute(
        select(GroupMember.group_id, GroupMember.complaint_pk)
        .join(SuspectedGroup, SuspectedGroup.id == GroupMember.group_id)
        .where(SuspectedGroup.group_type == group_type)
    ):
        old_members.setdefault(group_id, set()).add(pk)
    owner: dict[int, list[int]] = {}
    for group_id, members in old_members.items():
        for pk in members:
            owner.setdefault(pk, []).append(group_id)
    overlap: Counter[tuple[int, int]] = Counter()
    for k, group in enumerate(found):
        for pk in group.members:
            for group_id in owner.get(pk, ()):
                overlap[(k, group_id)] += 1
    matched: dict[int, int] = {}
    for (k, group_id), shared in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0])):
        smaller = min(len(found[k].members), len(old_members[group_id]))
        if k in matched or group_id in matched.values() or shared < MATCH_OVERLAP * smaller:
            continue
        matched[k] = group_id
    old = {g.id: g for g in session.scalars(select(SuspectedGroup).where(SuspectedGroup.group_type == group_type))}
    codes: dict[str, str] = {}
    rows: dict[int, SuspectedGroup] = {}
    counter = "last_campaign_no" if group_type == "campaign" else "last_event_no"
    for k, group in enumerate(found):
        if k in matched:
            row = old[matched[k]]
            summary.kept_codes.append(row.code)
        else:
            setattr(run, counter, getattr(run, counter) + 1)
            row = SuspectedGroup(code=f"{PREFIX[group_type]}-{getattr(run, counter)}", group_type=group_type)
            row.status, row.created_at = "suspected", run.started_at
            summary.new_codes.append(row.code)
        codes[group.detection_id] = row.code
        rows[k] = row
    for k, group in enumerate(found):
        _fill(rows[k], group, codes, run)
        session.add(rows[k])
    session.flush()
    kept_ids = {row.id for row in rows.values()}
    for group_id, row in old.items():
        if group_id not in kept_ids and row.status == "suspected":
            summary.dropped_codes.append(row.code)
            session.delete(row)
    session.flush()
    if kept_ids:
        session.execute(delete(GroupMember).where(GroupMember.group_id.in_(sorted(kept_ids))))
    member_rows = [
        {"group_id": rows[k].id, "complaint_pk": pk, "how": "detection", "score": fit, "joined_at": run.started_at}
        for k, group in enumerate(found)
        for pk, fit in group.members.items()
    ]
    for start in range(0, len(member_rows), STREAM_BATCH):
        session.execute(insert(GroupMember), member_rows[start : start + STREAM_BATCH])
    return codes


def _fill(row: SuspectedGroup, group: _Found, codes: dict[str, str], run: CampaignRun) -> None:
    """Write what this run found into a stored group (its verdict stays as it is)."""
    dossier = dict(group.dossier)
    dossier["id"] = row.code
    if "related" in dossier:
        dossier["related"] = sorted(codes[r] for r in dossier["related"] if r in codes)
    row.kind, row.score, row.dossier = group.kind, group.score, dossier
    row.member_count = len(group.members)
    row.first_received, row.last_received = group.first_received, group.last_received
    row.run_id, row.updated_at = run.id, run.started_at


def _stable_index(
    session: Session, detection: Detection, items: Sequence[CampaignInput], codes: dict[str, str]
) -> CampaignIndex:
    """The incremental index, with stored codes as campaign ids and dismissed campaigns left out."""
    dismissed = set(
        session.scalars(
            select(SuspectedGroup.code).where(
                SuspectedGroup.group_type == "campaign", SuspectedGroup.status == "dismissed"
            )
        )
    )
    renamed = [replace(c, id=codes[c.id]) for c in detection.campaigns if codes[c.id] not in dismissed]
    stable = Detection(
        campaigns=renamed,
        group_events=[],
        repeats=[],
        settings=detection.settings,
        complaint_ids=detection.complaint_ids,
        signatures=detection.signatures,
    )
    return CampaignIndex.from_detection(stable, items)


# Reading ------------------------------------------------------------------------------------------------


def latest_run(session: Session) -> CampaignRun | None:
    return session.scalars(select(CampaignRun).order_by(CampaignRun.id.desc()).limit(1)).first()


def _run_read(run: CampaignRun) -> RunRead:
    return RunRead(
        id=run.id,
        started_at=run.started_at.astimezone(DISPLAY_TIMEZONE),
        finished_at=run.finished_at.astimezone(DISPLAY_TIMEZONE) if run.finished_at else None,
        duration_seconds=run.duration_seconds,
        complaints=run.complaints,
        campaigns=run.campaigns,
        group_events=run.group_events,
        repeats=run.repeats,
        parameters=run.parameters,
    )


def _summary(row: SuspectedGroup, latest_id: int | None) -> GroupSummary:
    return GroupSummary(
        code=row.code,
        group_type=row.group_type,
        kind=row.kind,
        score=row.score,
        status=row.status,
        member_count=row.member_count,
        first_received=row.first_received.astimezone(DISPLAY_TIMEZONE),
        last_received=row.last_received.astimezone(DISPLAY_TIMEZONE),
        signals=list(row.dossier.get("signals", [])),
        decided_by=row.decided_by,
        decided_at=row.decided_at.astimezone(DISPLAY_TIMEZONE) if row.decided_at else None,
        decision_reason=row.decision_reason,
        in_latest_run=row.run_id == latest_id,
    )


def list_campaigns(session: Session, *, group_type: str | None = None, status: str | None = None) -> GroupList:
    """Stored campaigns and group events, campaigns first, highest score first."""
    query = select(SuspectedGroup)
    if group_type is not None:
        if group_type not in PREFIX:
            raise BadInput(f"未知类型 {group_type!r}，可用：campaign, group_event / unknown group type {group_type!r}")
        query = query.where(SuspectedGroup.group_type == group_type)
    if status is not None:
        if status not in STATUSES:
            raise BadInput(f"未知状态 {status!r}，可用：{', '.join(STATUSES)} / unknown status {status!r}")
        query = query.where(SuspectedGroup.status == status)
    rows = session.scalars(query).all()
    rows = sorted(rows, key=lambda r: (r.group_type != "campaign", -(r.score or 0.0), -r.member_count, r.id))
    run = latest_run(session)
    items = [_summary(row, run.id if run else None) for row in rows]
    return GroupList(items=items, total=len(items), latest_run=_run_read(run) if run else None)


def find_group(session: Session, code: str) -> SuspectedGroup:
    """The stored group with this code (case-insensitive), or :class:`NotFound` in one clear sentence."""
    row = session.scalars(select(SuspectedGroup).where(SuspectedGroup.code == code.strip().upper())).first()
    if row is None:
        raise NotFound(
            f"找不到编号为 {code} 的疑似团伙或群体事件，请用 `tousu campaigns` 查看已有编号 / "
            f"no campaign or group event has the code {code}"
        )
    return row


def member_rows(session: Session, group_id: int, *, unmasked: bool = False) -> list[MemberRead]:
    """A group's member complaints in receipt order; complainant names masked unless ``unmasked``."""
    rows = session.execute(
        select(
            Complaint.complaint_id,
            Complaint.received_at,
            Complaint.channel,
            Product.name,
            Branch.name,
            Complaint.complainant_name,
            GroupMember.how,
            GroupMember.score,
            GroupMember.joined_at,
        )
        .join(GroupMember, GroupMember.complaint_pk == Complaint.id)
        .outerjoin(Branch, Complaint.branch_id == Branch.id)
        .outerjoin(Product, Complaint.product_id == Product.id)
        .where(GroupMember.group_id == group_id)
        .order_by(Complaint.received_at, Complaint.complaint_id)
    ).all()
    return [
        MemberRead(
            complaint_id=cid,
            received_at=received.astimezone(DISPLAY_TIMEZONE),
            channel=channel,
            channel_label=CHANNELS.get(channel, channel),
            product=product,
            branch=branch,
            complainant=name if unmasked or not name else mask_value("complainant_name", name),
            how=how,
            score=score,
            joined_at=joined.astimezone(DISPLAY_TIMEZONE),
        )
        for cid, received, channel, product, branch, name, how, score, joined in rows
    ]


def get_campaign(session: Session, code: str, *, unmasked: bool = False) -> GroupRead:
    """One campaign or group event with its dossier and members (masked unless ``unmasked``)."""
    row = find_group(session, code)
    latest = latest_run(session)
    summary = _summary(row, latest.id if latest else None)
    run = session.get_one(CampaignRun, row.run_id)
    return GroupRead(
        **summary.model_dump(),
        dossier=row.dossier,
        members=member_rows(session, row.id, unmasked=unmasked),
        run=_run_read(run),
        masked=not unmasked,
    )


def flags_of(session: Session, complaint_pks: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The interchange ``campaign`` object of each complaint in a live (not dismissed) campaign."""
    return {
        pk: {"id": group.code, "score": round(group.score or 0.0, 2), "signals": list(group.dossier.get("signals", []))}
        for pk, group in _live_groups_of(session, complaint_pks, "campaign")
    }


def group_events_of(session: Session, complaint_pks: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The interchange ``group_event`` object of each complaint in a live group event."""
    return {
        pk: {"id": group.code, "size": group.member_count, "kind": group.kind}
        for pk, group in _live_groups_of(session, complaint_pks, "group_event")
    }


def _live_groups_of(
    session: Session, complaint_pks: Sequence[int], group_type: str
) -> Iterator[tuple[int, SuspectedGroup]]:
    """(complaint pk, group) for each complaint in a live group of ``group_type``, queried 1,000 pks at a time."""
    for start in range(0, len(complaint_pks), 1_000):
        part = list(complaint_pks[start : start + 1_000])
        rows = session.execute(
            select(GroupMember.complaint_pk, SuspectedGroup)
            .join(SuspectedGroup, SuspectedGroup.id == GroupMember.group_id)
            .where(
                GroupMember.complaint_pk.in_(part),
                SuspectedGroup.group_type == group_type,
                SuspectedGroup.status != "dismissed",
            )
        )
        yield from rows  # each row unpacks as (pk, group)


# Deciding -----------------------------------------------------------------------------------------------


def decide(factory: sessionmaker[Session], code: str, status: str, *, by: str, reason: str) -> GroupSummary:
    """Record a person's verdict on a group (confirmed or dismissed), who gave it and why.

    The verdict survives re-detection; a dismissed campaign no longer flags new complaints.
    """
    by, reason = (by or "").strip(), (reason or "").strip()
    if not by or not reason:
        raise BadInput("请同时填写决定人（--by）和理由（--reason）/ give both who decided (--by) and why (--reason)")
    with session_scope(factory) as session:
        row = find_group(session, code)
        if status not in TRANSITIONS.get(row.status, ()):
            raise BadInput(
                f"{row.code} 当前状态为 {row.status}，不能改为 {status} / {row.code} is {row.status} and cannot "
                f"become {status}"
            )
        row.status, row.decided_by, row.decision_reason = status, by, reason
        row.decided_at = row.updated_at = datetime.now(UTC)
        session.flush()
        latest = latest_run(session)
        return _summary(row, latest.id if latest else None)
