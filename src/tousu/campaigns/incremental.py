"""The incremental path: new complaints checked against known campaigns at import, without a full rerun.

Each new or changed complaint of an import chunk is hashed like detection's inputs and checked against
the saved :class:`~tousu.analysis.campaigns.CampaignIndex` of the latest run (template neighbours, the
campaign's consensus letter, identifiers its members share). A match joins the campaign as an
``incremental`` member. Nothing of the complaint itself changes: a flag never moves a deadline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tousu.analysis.campaigns import CampaignIndex, CampaignInput, LinkKey
from tousu.analysis.records import ComplaintRecord
from tousu.campaigns.index_store import load_index
from tousu.campaigns.models import GroupMember, SuspectedGroup
from tousu.campaigns.service import link_key
from tousu.cases.imports import AfterChunk


@dataclass(frozen=True)
class Joined:
    """A new complaint that joined a known campaign, and by which routes (template, shared_phone, ...)."""

    complaint_id: str
    code: str
    via: tuple[str, ...]
    similarity: float


@dataclass
class IncrementalCheck:
    """An ``after_chunk`` import hook: checks every stored chunk against known campaigns.

    The index is read once per import and grows with the import's own complaints, so a later chunk
    sees the letters of an earlier one. ``joined`` lists what joined, for the import's report.
    """

    secret: str | None = None
    joined: list[Joined] = field(default_factory=list)
    _index: CampaignIndex | None = field(default=None, repr=False)
    _key: LinkKey | None = field(default=None, repr=False)
    _loaded: bool = field(default=False, repr=False)

    def __call__(self, session: Session, stored: list[tuple[int, ComplaintRecord]]) -> None:
        if not self._loaded:
            found = load_index(session)
            self._index = found[1] if found else None
            self._key = link_key(session, self.secret) if found else None
            self._loaded = True
        if self._index is not None and self._key is not None:
            self.joined.extend(_check(session, stored, self._index, self._key))


def campaign_hook(secret: str | None = None) -> AfterChunk:
    """An import hook (``store_records(after_chunk=...)``) that joins new complaints to known campaigns."""
    return IncrementalCheck(secret)


def chain_hooks(*hooks: AfterChunk | None) -> AfterChunk:
    """One import hook that runs several in order (e.g. the analysis hook, then the campaign check)."""
    present = [hook for hook in hooks if hook is not None]

    def run_all(session: Session, stored: list[tuple[int, ComplaintRecord]]) -> None:
        for hook in present:
            hook(session, stored)

    return run_all


def check_new(
    session: Session,
    stored: Sequence[tuple[int, ComplaintRecord]],
    *,
    secret: str | None = None,
    index: CampaignIndex | None = None,
) -> list[Joined]:
    """Check stored (primary key, record) pairs against known campaigns and join the matches. Does not commit.

    Args:
        session: the import's session (the pairs are already flushed).
        stored: what the import stored, as ``after_chunk`` receives it.
        secret: the identity secret detection used (``TOUSU_SECRET_KEY``); else the stored one.
        index: an index already loaded; else the latest run's index is read.

    Returns:
        The complaints that joined a campaign (none when no detection has run yet).
    """
    if index is None:
        found = load_index(session)
        if found is None:
            return []
        index = found[1]
    return _check(session, stored, index, link_key(session, secret))


def _check(
    session: Session, stored: Sequence[tuple[int, ComplaintRecord]], index: CampaignIndex, key: LinkKey
) -> list[Joined]:
    if not stored:
        return []
    pks = [pk for pk, _ in stored]
    already = set(
        session.scalars(
            select(GroupMember.complaint_pk)
            .join(SuspectedGroup, SuspectedGroup.id == GroupMember.group_id)
            .where(SuspectedGroup.group_type == "campaign", GroupMember.complaint_pk.in_(pks))
        )
    )
    fresh = [(pk, record) for pk, record in stored if pk not in already]
    found = index.add_many([CampaignInput.from_record(record, key) for _, record in fresh])
    matches = [(pk, record, match) for (pk, record), match in zip(fresh, found, strict=True) if match is not None]
    if not matches:
        return []
    codes = sorted({m.campaign_id for _, _, m in matches})
    groups = {
        g.code: g
        for g in session.scalars(
            select(SuspectedGroup).where(SuspectedGroup.code.in_(codes), SuspectedGroup.status != "dismissed")
        )
    }
    now = datetime.now(UTC)
    rows, joined = [], []
    for pk, record, match in matches:
        group = groups.get(match.campaign_id)
        if group is None:
            continue
        rows.append({"group_id": group.id, "complaint_pk": pk, "how": "incremental", "score": match.similarity})
        rows[-1]["joined_at"] = now
        group.member_count += 1
        group.first_received = min(group.first_received, record.received_at)
        group.last_received = max(group.last_received, record.received_at)
        group.updated_at = now
        joined.append(Joined(record.complaint_id, group.code, match.via, match.similarity))
    if rows:
        session.execute(insert(GroupMember), rows)
        session.flush()
    return joined
