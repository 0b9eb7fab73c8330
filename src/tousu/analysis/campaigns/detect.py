"""Batch detection: campaigns, group events and repeats over a whole corpus, with their evidence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from .clusters import build_clusters
from .dossier import Campaign, GroupEvent, Repeat, SharedIdentifier, template_evidence, timeline
from .events import event_groups, repeat_groups
from .identity import token_hex
from .inputs import CampaignInput
from .links import LINK_KINDS, IdentityGraph, identity_graph, persons
from .markers import guess_kind, scan_markers
from .scoring import explain, lift, messages
from .settings import CampaignSettings
from .templates import modal_agreement, signatures, template_families, template_links

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass
class Detection:
    """The result of :func:`detect_campaigns`: campaigns, group events and repeats, with per-complaint lookups.

    ``signatures`` (MinHash, one row per input, in input order) and ``complaint_ids`` are kept so
    that :class:`~tousu.analysis.campaigns.index.CampaignIndex` can be built without recomputing.
    """

    campaigns: list[Campaign]
    group_events: list[GroupEvent]
    repeats: list[Repeat]
    settings: CampaignSettings
    complaint_ids: tuple[str, ...] = ()
    signatures: npt.NDArray[np.uint32] | None = field(default=None, repr=False)
    _campaign_of: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _event_of: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _repeat_of: dict[str, int] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for k, c in enumerate(self.campaigns):
            self._campaign_of.update(dict.fromkeys(c.members, k))
        for k, e in enumerate(self.group_events):
            self._event_of.update(dict.fromkeys(e.members, k))
        for k, r in enumerate(self.repeats):
            self._repeat_of.update(dict.fromkeys(r.members, k))

    def campaign_of(self, complaint_id: str) -> Campaign | None:
        """The campaign dossier a complaint belongs to, if any."""
        k = self._campaign_of.get(complaint_id)
        return None if k is None else self.campaigns[k]

    def flag_of(self, complaint_id: str) -> dict[str, Any] | None:
        """The interchange ``campaign`` object of a complaint: ``{"id", "score", "signals"}`` or ``None``."""
        campaign = self.campaign_of(complaint_id)
        return None if campaign is None else campaign.flag()

    def group_event_of(self, complaint_id: str) -> dict[str, Any] | None:
        """The interchange ``group_event`` object of a complaint: ``{"id", "size", "product"}`` or ``None``."""
        k = self._event_of.get(complaint_id)
        return None if k is None else self.group_events[k].flag()

    def repeat_of(self, complaint_id: str) -> dict[str, Any] | None:
        """The interchange ``repeat`` object of a complaint: ``{"complainant", "count"}`` or ``None``."""
        k = self._repeat_of.get(complaint_id)
        return None if k is None else self.repeats[k].flag()


@dataclass(frozen=True)
class _Corpus:
    """Arrays of the whole batch that scoring reads."""

    items: Sequence[CampaignInput]
    days: F64
    person: I64
    family: I64
    graph: IdentityGraph
    shared: dict[int, list[tuple[str, int]]]
    sig: npt.NDArray[np.uint32]
    base: dict[str, float]
    span_days: float


def detect_campaigns(items: Iterable[CampaignInput], settings: CampaignSettings | None = None) -> Detection:
    """Find organised campaigns, genuine group events and repeat complainants in a corpus.

    Method: template families by MinHash LSH with verification and consensus peeling
    (:mod:`.templates`); persons and cross-person identifier links on keyed hashes (:mod:`.links`);
    clusters are the connected components of family and identifier links; a cluster spanning at
    least ``min_persons`` complainants is scored by the noisy-or of its signals (:mod:`.scoring`)
    and flagged when the score reaches ``campaign_score``. Complaints outside campaigns are then
    checked for product bursts (group events, :mod:`.events`); every person with several complaints
    is a repeat.

    Args:
        items: the complaints (see :meth:`CampaignInput.from_record`).
        settings: detection settings; defaults from ``campaign_scoring.toml``.

    Returns:
        The detection, deterministic for the same input (ids numbered by smallest member id).
    """
    settings = settings or CampaignSettings()
    batch = list(items)
    n = len(batch)
    texts = [it.text for it in batch]
    days = np.array([(_utc(it.received_at) - _EPOCH).total_seconds() / 86400 for it in batch], dtype=np.float64)
    sig = signatures(texts, settings)
    links = template_links(sig, settings)
    families = template_families(sig, links, settings)
    person = persons(batch)
    graph = identity_graph(batch, settings.max_identifier_share, person)
    family = np.full(n, -1, dtype=np.int64)
    for k, members in enumerate(families):
        family[members] = k
    owner, token = graph.shared_occurrences()
    products = [it.product for it in batch]
    clusters = build_clusters(
        n, families, sig, owner, token, settings.family_merge, products, days, settings.wave_gap_days
    )
    candidates = {k: c for k, c in enumerate(clusters) if np.unique(person[c.members]).size >= settings.min_persons}
    corpus = _Corpus(
        items=batch,
        days=days,
        person=person,
        family=family,
        graph=graph,
        shared=_shared_by_owner(graph),
        sig=sig,
        base=_base_rates(batch, settings),
        span_days=float(days.max() - days.min()) + 1.0 if n else 1.0,
    )
    scored = [(k, _campaign(corpus, c.members, settings)) for k, c in candidates.items()]
    kept = sorted(((k, c) for k, c in scored if c is not None), key=lambda kc: kc[1].members[0])
    new_id = {k: f"CMP-{rank + 1}" for rank, (k, _) in enumerate(kept)}
    campaigns = [
        replace(c, id=new_id[k], related=tuple(sorted(new_id[r] for r in clusters[k].related if r in new_id)))
        for k, c in kept
    ]
    in_campaign = np.zeros(n, dtype=bool)
    ids = [it.complaint_id for it in batch]
    position = {cid: i for i, cid in enumerate(ids)}
    for c in campaigns:
        in_campaign[[position[m] for m in c.members]] = True
    return Detection(
        campaigns=campaigns,
        group_events=_group_events(corpus, in_campaign, settings),
        repeats=_repeats(corpus, settings),
        settings=settings,
        complaint_ids=tuple(ids),
        signatures=sig,
    )


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _base_rates(items: Sequence[CampaignInput], settings: CampaignSettings) -> dict[str, float]:
    """Corpus base rates of each marker signal and of regulator transfers, from a seeded sample."""
    n = len(items)
    if n == 0:
        return {}
    rng = np.random.default_rng(settings.seed)
    take = np.sort(rng.choice(n, size=min(n, settings.marker_sample), replace=False))
    scan = scan_markers([items[i].text for i in take])
    base = {s: float(scan.present[:, j].mean()) for j, s in enumerate(scan.signals)}
    base["regulator_channel"] = float(np.mean([items[i].channel == "regulator" for i in take]))
    return base


def _campaign(corpus: _Corpus, members: I64, settings: CampaignSettings) -> Campaign | None:
    """Score one candidate cluster; a campaign dossier when it reaches the threshold, else ``None``."""
    items = [corpus.items[i] for i in members]
    texts = [it.text for it in items]
    persons_n = int(np.unique(corpus.person[members]).size)
    strengths: dict[str, float] = {}
    shares: dict[str, float] = {}
    fam = corpus.family[members]
    in_family = np.zeros(members.size, dtype=bool)
    for k in np.unique(fam[fam >= 0]):
        own = fam == k
        if np.unique(corpus.person[members[own]]).size >= 2:
            in_family |= own
    # A letter shared by 3 people is weaker evidence than one shared by 30: scale by 1 - 1/persons.
    shares["template"] = float(in_family.mean())
    strengths["template"] = shares["template"] * (1 - 1 / persons_n)
    agreement = modal_agreement(corpus.sig[members])
    shared_ids = _shared_identifiers(corpus, members, strengths, shares)
    scan = scan_markers(texts)
    for j, signal in enumerate(scan.signals):
        shares[signal] = float(scan.present[:, j].mean())
        strengths[signal] = lift(shares[signal], corpus.base.get(signal, 0.0))
    shares["regulator_channel"] = float(np.mean([it.channel == "regulator" for it in items]))
    strengths["regulator_channel"] = lift(shares["regulator_channel"], corpus.base.get("regulator_channel", 0.0))
    window = settings.event_window_days
    d = np.sort(corpus.days[members])
    densest = int((np.searchsorted(d, d + window, side="right") - np.arange(d.size)).max())
    shares["burst"] = densest / d.size
    strengths["burst"] = lift(shares["burst"], min(1.0, window / corpus.span_days))
    context = {
        "persons": persons_n,
        "members": int(members.size),
        "similarity": f"{float(agreement[in_family].mean()) if in_family.any() else 0.0:.2f}",
        "days": window,
    }
    score, reasons = explain(strengths, shares, corpus.base, settings.weights, context)
    if score < settings.campaign_score:
        return None
    ids = [it.complaint_id for it in items]
    order = sorted(range(len(ids)), key=lambda i: ids[i])
    template, differences = template_evidence(
        [ids[i] for i in order], [texts[i] for i in order], [float(agreement[i]) for i in order]
    )
    moments = sorted(_utc(it.received_at) for it in items)
    has_markers = any(strengths.get(s, 0) > 0 for s in ("proxy_letter", "phone_refusal", "agent_demand"))
    return Campaign(
        id="",
        kind=guess_kind(texts, has_markers),
        score=round(score, 4),
        reasons=reasons,
        members=tuple(ids[i] for i in order),
        persons=persons_n,
        first_received=moments[0],
        last_received=moments[-1],
        timeline=timeline(moments),
        template=template,
        differences=differences,
        shared_identifiers=shared_ids,
        markers=dict(sorted(sum((c for c in scan.cues), Counter()).items(), key=lambda kv: (-kv[1], kv[0]))),
        products=dict(sorted(Counter(it.product or "" for it in items).items())),
        channels=dict(sorted(Counter(it.channel for it in items).items())),
    )


def _shared_by_owner(graph: IdentityGraph) -> dict[int, list[tuple[str, int]]]:
    """Per complaint, the (kind, token) of each identifier it shares with another person."""
    out: dict[int, list[tuple[str, int]]] = {}
    for kind, occ in graph.occurrences.items():
        keep = np.isin(occ.token, graph.shared[kind])
        for owner, token in zip(occ.owner[keep].tolist(), occ.token[keep].tolist(), strict=True):
            out.setdefault(owner, []).append((kind, token))
    return out


def _shared_identifiers(
    corpus: _Corpus, members: I64, strengths: dict[str, float], shares: dict[str, float]
) -> tuple[SharedIdentifier, ...]:
    """Identifiers two or more of the cluster's complainants share; fills the ``shared_*`` strengths."""
    masks = {h: m for it in (corpus.items[i] for i in members) for h, m in it.masks}
    holders: dict[tuple[str, int], list[int]] = {}
    for i in members.tolist():
        for key in corpus.shared.get(i, ()):
            holders.setdefault(key, []).append(i)
    carriers: dict[str, set[int]] = {kind: set() for kind in LINK_KINDS}
    found: list[SharedIdentifier] = []
    for (kind, token), who in sorted(holders.items()):
        persons_n = len({int(corpus.person[w]) for w in who})
        if persons_n < 2:
            continue
        carriers[kind].update(who)
        masked = masks.get(f"{token:016x}", "****")
        found.append(SharedIdentifier(kind, token_hex(token), masked, len(who), persons_n))
    for kind, signal in LINK_KINDS.items():
        shares[signal] = strengths[signal] = len(carriers[kind]) / members.size
    found.sort(key=lambda s: (-s.members, s.kind, s.hash_prefix))
    return tuple(found)


def _group_events(corpus: _Corpus, excluded: npt.NDArray[np.bool_], settings: CampaignSettings) -> list[GroupEvent]:
    """Product bursts among complaints outside campaigns, as group events ``EVT-n``."""
    products = [it.product or it.branch for it in corpus.items]
    texts = [it.text for it in corpus.items]
    found = event_groups(products, corpus.days, corpus.person, excluded, settings, texts)
    table = messages()["events"]
    out = []
    for k, (product, members, ratio) in enumerate(found):
        moments = sorted(_utc(corpus.items[i].received_at) for i in members)
        persons_n = int(np.unique(corpus.person[members]).size)
        values = {"persons": persons_n, "days": settings.event_window_days, "ratio": f"{ratio:.1f}"}
        out.append(
            GroupEvent(
                id=f"EVT-{k + 1}",
                size=int(members.size),
                persons=persons_n,
                product=product,
                first_received=moments[0],
                last_received=moments[-1],
                members=tuple(sorted(corpus.items[i].complaint_id for i in members)),
                reasons=(table["zh"].format(**values), table["en"].format(**values)),
            )
        )
    return out


def _repeats(corpus: _Corpus, settings: CampaignSettings) -> list[Repeat]:
    """Persons with several complaints, as repeats ``P-n`` numbered by their smallest complaint id."""
    groups = []
    for members in repeat_groups(corpus.person, settings.repeat_min):
        ids = sorted(corpus.items[i].complaint_id for i in members)
        moments = sorted(_utc(corpus.items[i].received_at) for i in members)
        groups.append((ids, moments))
    groups.sort(key=lambda g: g[0][0])
    return [
        Repeat(f"P-{k + 1}", len(ids), tuple(ids), moments[0], moments[-1]) for k, (ids, moments) in enumerate(groups)
    ]
