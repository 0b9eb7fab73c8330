"""What detection hands a person to check: the campaign dossier, the group event and the repeat.

A dossier carries its evidence: members, the shared template (common sentences and each member's
differences), shared identifiers (kind, hash prefix, masked form, member count), the timeline, the
agent markers found, the reasons with their points, and the other campaigns that share an identifier
(``related``: one gang running several letters). Nothing in it is a clear identifier.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from .shingles import normalise_text, split_sentences

#: A sentence is part of the shared template when at least this share of members write it.
COMMON_SHARE = 0.5
_MAX_TEMPLATE_SENTENCES = 40
_MAX_DIFFERENCES = 5


@dataclass(frozen=True, slots=True)
class Reason:
    """One driver of a campaign score: the signal, its points (0-100 scale) and why, in Chinese and English."""

    signal: str
    points: float
    strength: float
    explanation_zh: str
    explanation_en: str


@dataclass(frozen=True, slots=True)
class SharedIdentifier:
    """An identifier several members share: its kind, hash prefix, masked form and how many members carry it."""

    kind: str
    hash_prefix: str
    masked: str
    members: int
    persons: int


@dataclass(frozen=True, slots=True)
class MemberDifference:
    """How one member's letter differs from the shared template (normalised sentences)."""

    complaint_id: str
    similarity: float
    common_missing: int
    own_sentences: tuple[str, ...]


@dataclass(frozen=True)
class Campaign:
    """A suspected organised (black-industry) campaign and the evidence for it.

    ``score`` in [0, 1] is the noisy-or of the reasons; ``kind`` is a guess among 代理退保, 反催收,
    代理维权, 债务优化 and unknown. A flag is a prompt to check, never a reason to pause a statutory
    deadline or leave a complaint unanswered.
    """

    id: str
    kind: str
    score: float
    reasons: tuple[Reason, ...]
    members: tuple[str, ...]
    persons: int
    first_received: datetime
    last_received: datetime
    timeline: dict[str, int]
    template: tuple[str, ...]
    differences: tuple[MemberDifference, ...]
    shared_identifiers: tuple[SharedIdentifier, ...]
    markers: dict[str, int]
    products: dict[str, int] = field(default_factory=dict)
    channels: dict[str, int] = field(default_factory=dict)
    related: tuple[str, ...] = ()

    @property
    def signals(self) -> list[str]:
        """Names of the signals that scored, strongest first."""
        return [r.signal for r in sorted(self.reasons, key=lambda r: (-r.points, r.signal)) if r.points > 0]

    def flag(self) -> dict[str, Any]:
        """The interchange-spec ``campaign`` object of a member complaint."""
        return {"id": self.id, "score": round(self.score, 2), "signals": self.signals}

    def to_dict(self) -> dict[str, Any]:
        """The dossier as JSON-serialisable data (timestamps in ISO 8601)."""
        data = asdict(self)
        data["first_received"] = self.first_received.isoformat()
        data["last_received"] = self.last_received.isoformat()
        data["signals"] = self.signals
        return data


@dataclass(frozen=True)
class GroupEvent:
    """A genuine mass complaint about one real incident: many complainants, own words, one product, one period.

    Not black industry: it carries its own risk (Art 29 重大消费投诉 when 20+ people come in person).
    """

    id: str
    size: int
    persons: int
    product: str | None
    first_received: datetime
    last_received: datetime
    members: tuple[str, ...]
    reasons: tuple[str, ...]

    def flag(self) -> dict[str, Any]:
        """The interchange-spec ``group_event`` object of a member complaint."""
        return {"id": self.id, "size": self.size, "product": self.product}

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form."""
        data = asdict(self)
        data["first_received"] = self.first_received.isoformat()
        data["last_received"] = self.last_received.isoformat()
        return data


@dataclass(frozen=True)
class Repeat:
    """One complainant (same identity, not just the same name) complaining more than once (缠诉 candidate)."""

    complainant: str
    count: int
    members: tuple[str, ...]
    first_received: datetime
    last_received: datetime

    def flag(self) -> dict[str, Any]:
        """The interchange-spec ``repeat`` object of a member complaint."""
        return {"complainant": self.complainant, "count": self.count}

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form."""
        data = asdict(self)
        data["first_received"] = self.first_received.isoformat()
        data["last_received"] = self.last_received.isoformat()
        return data


def iso_week(moment: datetime) -> str:
    """``2026-W09``: the ISO week a complaint was received in."""
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def timeline(moments: Sequence[datetime]) -> dict[str, int]:
    """Complaints per ISO week, in week order."""
    return dict(sorted(Counter(iso_week(m) for m in moments).items()))


def template_evidence(
    ids: Sequence[str], texts: Sequence[str], similarity: Sequence[float]
) -> tuple[tuple[str, ...], tuple[MemberDifference, ...]]:
    """The sentences most members share (the template) and each member's differences from it.

    Sentences are compared after template normalisation (numbers ``#``, names ``某``, synonyms
    canonical), so slot-filled copies share their sentences.

    Args:
        ids: member complaint ids.
        texts: member texts.
        similarity: each member's similarity to the campaign's consensus (0..1).

    Returns:
        The common sentences (in the order the first member that has most of them writes them) and,
        per member, how many common sentences it lacks and its own sentences (the first few).
    """
    per_member = [split_sentences(normalise_text(t)) for t in texts]
    counts = Counter(s for sentences in per_member for s in set(sentences))
    need = max(2, int(COMMON_SHARE * len(texts) + 0.5))
    common = {s for s, c in counts.items() if c >= need}
    richest = max(range(len(per_member)), key=lambda i: (sum(s in common for s in per_member[i]), -i), default=0)
    ordered: list[str] = []
    for s in (per_member[richest] if per_member else []) + sorted(common):
        if s in common and s not in ordered:
            ordered.append(s)
    differences = []
    for cid, sentences, sim in zip(ids, per_member, similarity, strict=True):
        own = tuple(s for s in sentences if s not in common)[:_MAX_DIFFERENCES]
        missing = len(common - set(sentences))
        differences.append(MemberDifference(cid, round(float(sim), 3), missing, own))
    return tuple(ordered[:_MAX_TEMPLATE_SENTENCES]), tuple(differences)
