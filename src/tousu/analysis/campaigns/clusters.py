"""From template families and identifier links to candidate clusters, without gluing distinct letters.

A template family is the backbone of a cluster. Families are first split by wave and by gang
(:mod:`.gangs`). Complaints outside every family that share an identifier with a family's members
(a copy rewritten too heavily to match, filed with the agent's phone) join the linked family sent
in the same burst whose consensus they resemble most, provided they resemble it a little or the
identifier is one several members give (not one member's e-mail by coincidence).

Two families joined only by an identifier (one agent gang running two different letters) stay two
clusters unless their consensus signatures agree on at least ``family_merge`` of positions (one
letter split in two by heavy paraphrase) or one is a fragment of a few letters about the same
product, and never across a quiet gap of more than ``wave_gap`` days. A family of a few letters
joins at most one larger group: it never bridges two. Each cluster records the others it shares
identifiers with. Complaints linked only by identifiers form clusters of their own.

Last, clusters are regrouped by product (:func:`_regroup_by_product`): a gang writes one letter per
target product, and at heavy paraphrase two of its letters of the same kind blur into each other.
Letters about another product than their cluster's main one move to the gang's cluster about that
product (found through a shared identifier, in the same period), or join the gang's other stray
letters about it; a large block about another product with nowhere to go becomes a cluster of its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .gangs import FRAGMENT, cat, gang_contacts, identity_groups, periods, split_by_identity, split_by_wave
from .templates import components, find_root, modal_signature

I64 = npt.NDArray[np.int64]

#: An unmatched letter joins a linked family when it agrees with the family's consensus this much ...
_ATTACH_AGREEMENT = 0.08
#: ... or when the identifier it shares is carried by this many of the family's members.
_ATTACH_CARRIERS = 3
#: A letter in no cluster joins a cluster about its product, sent in the cluster's burst (give or take
#: ``_BURST_MARGIN`` days), when it agrees with the cluster's consensus this much (ordinary complaints,
#: repeats and group-event complaints about the product stay below 0.15 on the demo sets).
_CONSENSUS_ATTACH = 0.15
_BURST_MARGIN = 3.0
#: Stray letters about one product, gathered from several clusters, form a cluster when this many.
_STRAY_CLUSTER = 3
#: A block about another product than its cluster's leaves it when it holds this share of the cluster ...
_PRODUCT_BLOCK = 0.25
#: A letter moves to another of its gang's letters about the product when it agrees this much more with it.
_REASSIGN_MARGIN = 0.02


@dataclass(frozen=True, slots=True)
class Cluster:
    """Candidate cluster: sorted member indices and the clusters it shares identifiers with (by index)."""

    members: I64
    related: tuple[int, ...]


def build_clusters(
    n: int,
    families: list[I64],
    sig: npt.NDArray[np.uint32],
    owner: I64,
    token: npt.NDArray[np.uint64],
    family_merge: float,
    products: Sequence[str | None] = (),
    days: npt.NDArray[np.float64] | None = None,
    wave_gap: float = 30.0,
) -> list[Cluster]:
    """Clusters of a batch.

    Args:
        n: number of complaints.
        families: template families (index arrays) from :func:`.templates.template_families`.
        sig: MinHash signatures (for family consensus).
        owner: complaint of each shared-identifier occurrence.
        token: identifier hash of each occurrence (only hashes shared by different persons).
        family_merge: consensus agreement above which two identifier-linked families are one.
        products: product of each complaint; a fragment of a few letters linked to a family about the
            same product joins it however differently it is worded.
        days: receipt time of each complaint in days; a family whose letters fall into waves
            separated by more than ``wave_gap`` quiet days is split into one family per wave.
        wave_gap: days without a letter that end a wave.

    Returns:
        Clusters with at least two members, ordered by smallest member.
    """
    holders = _holders(owner, token)
    if days is not None:
        families = split_by_wave(families, days, wave_gap)
    contacts = gang_contacts(n, holders, families)
    families = split_by_identity(families, sig, identity_groups(n, contacts), days, wave_gap)
    if days is not None:
        families = split_by_wave(families, days, wave_gap)
    f = len(families)
    family = np.full(n, -1, dtype=np.int64)
    for k, members in enumerate(families):
        family[members] = k
    parent = list(range(f))
    consensus = [modal_signature(sig[m]) for m in families]
    product = [_main_product(products, m) for m in families]
    linked: dict[int, Counter[int]] = {}
    # First the families that write one letter, then fragments: a fragment joins one larger group of
    # letters about its product, it never bridges two (one gang's two letters about one product).
    size = [int(m.size) for m in families]
    for fragments in (False, True):
        for who in contacts:
            fams = sorted(set(family[who].tolist()) - {-1})
            for a_pos, a in enumerate(fams):
                for b in fams[a_pos + 1 :]:
                    ra, rb = find_root(parent, a), find_root(parent, b)
                    if ra == rb or (days is not None and _apart(days[families[a]], days[families[b]]) > wave_gap):
                        continue
                    if fragments:
                        join = min(size[ra], size[rb]) <= FRAGMENT and bool(product[a]) and product[a] == product[b]
                    elif min(families[a].size, families[b].size) <= FRAGMENT < min(size[ra], size[rb]):
                        join = False  # a few letters belong to one larger group; they never bridge two
                    else:
                        join = _alike(families, sig, consensus, a, b, family_merge)
                    if join:
                        parent[ra] = rb
                        size[rb] += size[ra]
    for who in holders:
        fams = sorted(set(family[who].tolist()) - {-1})
        if fams:
            carriers = Counter(family[who][family[who] >= 0].tolist())
            for i in who[family[who] < 0].tolist():
                reach = linked.setdefault(i, Counter())
                for k, c in carriers.items():
                    reach[k] = max(reach[k], c)
    root = np.array([find_root(parent, k) for k in range(f)], dtype=np.int64)
    label = np.where(family >= 0, root[np.maximum(family, 0)], -1) if f else np.full(n, -1, dtype=np.int64)
    if days is not None and f:
        start, end = periods(families, days, wave_gap)
    for i, near in linked.items():
        if days is not None and f:
            # One gang's letters come in bursts: a letter joins the burst it was sent in, when it was sent in one.
            active = [k for k in near if start[k] <= days[i] <= end[k]]
            near = Counter({k: near[k] for k in active}) if active else near
        agree = {k: float(np.mean(sig[i] == consensus[k])) for k in sorted(near)}
        best = max(agree, key=lambda k: (agree[k], near[k], -k))
        # A coincidence (one member's e-mail) is no reason to join: the letter must resemble the
        # family a little, or the identifier must be one the family's members keep giving.
        if agree[best] >= _ATTACH_AGREEMENT or near[best] >= _ATTACH_CARRIERS:
            label[i] = root[best]
    free_l, free_r = [], []
    for who in holders:
        free = who[label[who] < 0]
        if free.size >= 2:
            free_l.append(np.full(free.size - 1, free[0]))
            free_r.append(free[1:])
    groups = components(n, cat(free_l), cat(free_r))
    label = np.where(label >= 0, label, f + groups)
    order = np.argsort(label, kind="stable")
    bounds = np.flatnonzero(np.r_[True, label[order][1:] != label[order][:-1], True])
    clusters = [np.sort(order[s:e]) for s, e in zip(bounds[:-1], bounds[1:], strict=True) if e - s >= 2]
    if products:
        clusters = _regroup_by_product(clusters, n, contacts, products, days, wave_gap)
        clusters = _reassign_between_letters(clusters, n, contacts, products, sig)
        if days is not None:
            clusters = _attach_by_consensus(clusters, n, sig, products, days)
    clusters.sort(key=lambda m: int(m[0]))
    return _with_related(clusters, n, holders)


def _regroup_by_product(
    clusters: list[I64],
    n: int,
    holders: list[I64],
    products: Sequence[str | None],
    days: npt.NDArray[np.float64] | None,
    wave_gap: float,
) -> list[I64]:
    """Regroup clusters so that each holds the letters about its main product (one letter per target).

    Each cluster is cut into *parts*: its main part (the most common product, with the letters that
    name none) and one part per other product. Two parts about the same product in different
    clusters are joined when they share an identifier and their periods lie within ``wave_gap``
    days, but never two main parts (one gang, two letters about one product stay two campaigns).
    A part joined to a main part moves there; joined stray parts become a cluster when they hold
    ``_STRAY_CLUSTER`` letters; a lone part stays in its cluster unless it holds ``_PRODUCT_BLOCK``
    of it and ``_STRAY_CLUSTER`` letters (a second letter that blurred into the first).
    """
    part = np.full(n, -1, dtype=np.int64)
    members: list[I64] = []
    product: list[str] = []
    home: list[int] = []
    for k, m in enumerate(clusters):
        names = [products[i] or "" for i in m.tolist()]
        counts = Counter(x for x in names if x)
        main = min(counts, key=lambda x: (-counts[x], x)) if counts else ""
        keys = np.array([x if x else main for x in names], dtype=object)
        for name in [main, *sorted(set(counts) - {main})]:
            part[m[keys == name]] = len(members)
            members.append(m[keys == name])
            product.append(name)
            home.append(k)
    is_main = np.array([p == 0 or home[p] != home[p - 1] for p in range(len(members))], dtype=bool)
    parent = list(range(len(members)))
    for who in holders:
        found = sorted(set(part[who].tolist()) - {-1})
        for a_pos, a in enumerate(found):
            for b in found[a_pos + 1 :]:
                ra, rb = find_root(parent, a), find_root(parent, b)
                if ra == rb or home[a] == home[b] or product[a] != product[b] or (is_main[ra] and is_main[rb]):
                    continue
                if days is not None and _apart(days[members[a]], days[members[b]]) > wave_gap:
                    continue
                keep, drop = (ra, rb) if is_main[ra] else (rb, ra)
                parent[drop] = keep
    groups: dict[int, list[int]] = {}
    for p in range(len(members)):
        groups.setdefault(find_root(parent, p), []).append(p)
    out: list[list[I64]] = [[] for _ in clusters]
    for root, parts in sorted(groups.items()):
        size = sum(members[p].size for p in parts)
        if is_main[root]:
            out[home[root]] += [members[p] for p in parts]
        elif len(parts) > 1 and size >= _STRAY_CLUSTER:
            out.append([members[p] for p in parts])
        elif len(parts) == 1 and size >= max(_STRAY_CLUSTER, _PRODUCT_BLOCK * clusters[home[root]].size):
            out.append([members[root]])
        else:
            for p in parts:
                out[home[p]].append(members[p])
    return [np.sort(np.concatenate(ps)) for ps in out if ps and sum(x.size for x in ps) >= 2]


def _reassign_between_letters(
    clusters: list[I64], n: int, holders: list[I64], products: Sequence[str | None], sig: npt.NDArray[np.uint32]
) -> list[I64]:
    """Move each letter to the closest of its gang's letters about the same product (one k-modes step).

    Two letters of one gang about one product blur at their margins: a member may sit in the
    cluster whose consensus it agrees with less. Among clusters that share an identifier and a
    main product, a member moves when another cluster's consensus agrees with it by at least
    ``_REASSIGN_MARGIN`` more than its own (whose consensus it helped make, so staying is favoured).
    """
    related = _with_related(clusters, n, holders)
    main = [_main_product(products, m) for m in clusters]
    consensus = [modal_signature(sig[m]) for m in clusters]
    target = [m.copy() for m in clusters]
    moved: dict[int, list[I64]] = {}
    for k, c in enumerate(related):
        peers = [j for j in c.related if main[j] and main[j] == main[k]]
        if not peers:
            continue
        block = sig[c.members]
        own = (block == consensus[k]).mean(axis=1)
        other = np.stack([(block == consensus[j]).mean(axis=1) for j in peers], axis=1)
        best = np.argmax(other, axis=1)
        go = other[np.arange(best.size), best] >= own + _REASSIGN_MARGIN
        if go.any():
            target[k] = c.members[~go]
            for pos in np.flatnonzero(go).tolist():
                moved.setdefault(peers[int(best[pos])], []).append(c.members[pos : pos + 1])
    for j, extra in moved.items():
        target[j] = np.sort(np.concatenate([target[j], *extra]))
    return [m for m in target if m.size >= 2]


def _attach_by_consensus(
    clusters: list[I64],
    n: int,
    sig: npt.NDArray[np.uint32],
    products: Sequence[str | None],
    days: npt.NDArray[np.float64],
) -> list[I64]:
    """Letters rewritten too heavily to link and filed without a gang contact join the burst they belong to.

    A letter in no cluster, about a cluster's main product and sent during its burst, joins the
    cluster whose consensus it agrees with most, if on at least ``_CONSENSUS_ATTACH`` of positions.
    Only clusters of more than ``FRAGMENT`` letters lend their consensus (a small one's is noise).
    """
    assigned = np.zeros(n, dtype=bool)
    for m in clusters:
        assigned[m] = True
    free = np.flatnonzero(~assigned)
    if not free.size:
        return clusters
    names, code = np.unique(np.array([products[i] or "" for i in free.tolist()], dtype=object), return_inverse=True)
    order = np.lexsort((days[free], code))
    free, code = free[order], code[order]
    bounds = np.flatnonzero(np.r_[True, code[1:] != code[:-1], True])
    by_product = {str(names[code[a]]): free[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True) if b > a}
    best = np.full(n, -1, dtype=np.int64)
    best_agree = np.zeros(n, dtype=np.float64)
    for k, m in enumerate(clusters):
        main = _main_product(products, m)
        pool = by_product.get(main) if main and m.size > FRAGMENT else None
        if pool is None:
            continue
        lo = int(np.searchsorted(days[pool], days[m].min() - _BURST_MARGIN, side="left"))
        hi = int(np.searchsorted(days[pool], days[m].max() + _BURST_MARGIN, side="right"))
        if hi <= lo:
            continue
        cand = pool[lo:hi]
        agree = (sig[cand] == modal_signature(sig[m])).mean(axis=1)
        better = (agree >= _CONSENSUS_ATTACH) & (agree > best_agree[cand])
        best[cand[better]] = k
        best_agree[cand[better]] = agree[better]
    joined = np.flatnonzero(best >= 0)
    if not joined.size:
        return clusters
    out = list(clusters)
    for k in np.unique(best[joined]).tolist():
        out[k] = np.sort(np.r_[out[k], joined[best[joined] == k]])
    return out


def _main_product(products: Sequence[str | None], members: I64) -> str:
    """The product most members of a family complain about ("" when unknown or none holds a majority)."""
    if not products:
        return ""
    name, count = Counter(products[i] or "" for i in members.tolist()).most_common(1)[0]
    return name if 2 * count > members.size else ""


def _alike(
    families: list[I64], sig: npt.NDArray[np.uint32], consensus: list[npt.NDArray[np.uint32]], a: int, b: int, t: float
) -> bool:
    """Two families write one letter: their consensus signatures, or the smaller family's members and
    the larger family's consensus, agree on at least ``t`` of positions (a small family's consensus is noisy)."""
    if float(np.mean(consensus[a] == consensus[b])) >= t:
        return True
    small, large = (a, b) if families[a].size <= families[b].size else (b, a)
    return float((sig[families[small]] == consensus[large]).mean()) >= t


def _apart(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> float:
    """Days between two sets of receipt times (0 when their periods overlap)."""
    return float(max(b.min() - a.max(), a.min() - b.max(), 0.0))


def _holders(owner: I64, token: npt.NDArray[np.uint64]) -> list[I64]:
    """Per shared identifier, the complaints that carry it (sorted, distinct)."""
    order = np.lexsort((owner, token))
    st, so = token[order], owner[order]
    bounds = np.flatnonzero(np.r_[True, st[1:] != st[:-1], True])
    return [np.unique(so[s:e]) for s, e in zip(bounds[:-1], bounds[1:], strict=True)]


def _with_related(clusters: list[I64], n: int, holders: list[I64]) -> list[Cluster]:
    """Attach to each cluster the clusters it shares an identifier with."""
    of = np.full(n, -1, dtype=np.int64)
    for k, m in enumerate(clusters):
        of[m] = k
    related: dict[int, set[int]] = {}
    for who in holders:
        ks = sorted(set(of[who].tolist()) - {-1})
        for k in ks:
            related.setdefault(k, set()).update(x for x in ks if x != k)
    return [Cluster(m, tuple(sorted(related.get(k, ())))) for k, m in enumerate(clusters)]
