"""From template families and identifier links to candidate clusters, without gluing distinct letters.

A template family is the backbone of a cluster. Complaints outside every family that share an
identifier with a family's members (a copy rewritten too heavily to match, filed with the agent's
phone) join the family they share most links with. Two families joined only by an identifier
(one agent gang running two different letters) stay two clusters unless their consensus
signatures agree on at least ``family_merge`` of positions (one letter split in two by heavy
paraphrase); each cluster records the others it shares identifiers with. Complaints linked only by
identifiers form clusters of their own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .templates import components, modal_signature

I64 = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Cluster:
    """Candidate cluster: sorted member indices and the clusters it shares identifiers with (by index)."""

    members: I64
    related: tuple[int, ...]


def _find(parent: list[int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def build_clusters(
    n: int,
    families: list[I64],
    sig: npt.NDArray[np.uint32],
    id_left: I64,
    id_right: I64,
    family_merge: float,
) -> list[Cluster]:
    """Clusters of a batch.

    Args:
        n: number of complaints.
        families: template families (index arrays) from :func:`.templates.template_families`.
        sig: MinHash signatures (for family consensus).
        id_left: identifier links, one end.
        id_right: identifier links, other end.
        family_merge: consensus agreement above which two identifier-linked families are one.

    Returns:
        Clusters with at least two members, ordered by smallest member.
    """
    f = len(families)
    family = np.full(n, -1, dtype=np.int64)
    for k, members in enumerate(families):
        family[members] = k
    free_l, free_r = family[id_left] < 0, family[id_right] < 0
    both_free = free_l & free_r
    groups = components(n, id_left[both_free], id_right[both_free])
    # unit: family k -> k; free complaint -> f + its identity group
    unit = np.where(family >= 0, family, f + groups)
    ul, ur = unit[id_left], unit[id_right]
    cross = ul != ur
    ul, ur = ul[cross], ur[cross]
    parent = list(range(f))
    consensus = [modal_signature(sig[m]) for m in families]
    family_edges = sorted({(int(min(a, b)), int(max(a, b))) for a, b in zip(ul, ur, strict=True) if a < f and b < f})
    for a, b in family_edges:
        if float(np.mean(consensus[a] == consensus[b])) >= family_merge:
            parent[_find(parent, a)] = _find(parent, b)
    attach: dict[int, Counter[int]] = {}
    for a, b in zip(ul.tolist(), ur.tolist(), strict=True):
        for free, fam in ((a, b), (b, a)):
            if free >= f and fam < f:
                attach.setdefault(free, Counter())[_find(parent, fam)] += 1
    target = {u: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for u, c in attach.items()}
    root = np.array([_find(parent, k) for k in range(f)], dtype=np.int64)
    label = np.where(family >= 0, root[np.maximum(family, 0)], -1)
    free_units = unit[family < 0]
    attached = np.array([target.get(int(u), -1) for u in free_units], dtype=np.int64)
    label[family < 0] = np.where(attached >= 0, attached, free_units)
    order = np.argsort(label, kind="stable")
    bounds = np.flatnonzero(np.r_[True, label[order][1:] != label[order][:-1], True])
    clusters = [np.sort(order[s:e]) for s, e in zip(bounds[:-1], bounds[1:], strict=True) if e - s >= 2]
    clusters.sort(key=lambda m: int(m[0]))
    return _with_related(clusters, n, id_left, id_right)


def _with_related(clusters: list[I64], n: int, id_left: I64, id_right: I64) -> list[Cluster]:
    """Attach to each cluster the clusters it shares an identifier link with."""
    of = np.full(n, -1, dtype=np.int64)
    for k, m in enumerate(clusters):
        of[m] = k
    a, b = of[id_left], of[id_right]
    keep = (a >= 0) & (b >= 0) & (a != b)
    related: dict[int, set[int]] = {}
    for x, y in zip(a[keep].tolist(), b[keep].tolist(), strict=True):
        related.setdefault(x, set()).add(y)
        related.setdefault(y, set()).add(x)
    return [Cluster(m, tuple(sorted(related.get(k, ())))) for k, m in enumerate(clusters)]
