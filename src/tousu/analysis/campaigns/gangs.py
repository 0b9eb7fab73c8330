"""Splitting template families by gang: at quiet gaps between waves, and by the gangs' own contacts.

Heavy rewording makes one gang's letter look like another gang's letter of the same kind, so a
template family can hold several campaigns. What tells them apart is what the gangs cannot reword:
when their letters were sent (a campaign is a burst) and the contacts they reuse (phones, agents,
addresses, e-mails), taken only where a contact recurs across a gang's members rather than
coinciding once between strangers.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import numpy.typing as npt

from .templates import components, find_root, modal_signature

I64 = npt.NDArray[np.int64]

#: A family this small that shares an identifier and the product with a larger one is a fragment of it;
#: a network of identifier links this large is a gang's.
FRAGMENT = 5
#: A shared identifier splits and joins families only when this share of its carriers write template letters.
_CONTACT_IN_FAMILY = 1 / 3


def split_by_wave(families: list[I64], days: npt.NDArray[np.float64], gap: float) -> list[I64]:
    """Split families at quiet gaps longer than ``gap`` days (agents file a letter in bursts; a second
    wave months later is a second campaign, related to the first through its identifiers)."""
    out: list[I64] = []
    for members in families:
        order = members[np.argsort(days[members], kind="stable")]
        cuts = np.flatnonzero(np.diff(days[order]) > gap) + 1
        parts = np.split(order, cuts) if cuts.size else [order]
        small = [p for p in parts if p.size < 2]
        if small and len(parts) > 1:
            parts = [np.sort(np.concatenate(parts))] if len(small) == len(parts) else [p for p in parts if p.size >= 2]
        out += [np.sort(p) for p in parts]
    out.sort(key=lambda m: int(m[0]))
    return out


def gang_contacts(n: int, holders: list[I64], families: list[I64]) -> list[I64]:
    """The shared identifiers that look like an agent's contact, not a coincidence between strangers.

    A personal e-mail such as a name in pinyin recurs among unrelated ordinary complainants, and in a
    large register two customers of different gangs can give the same phone or flat by chance. Such
    a value chained different gangs into one identity group (so a family of two gangs' letters could
    not be told apart) and joined their families. An identifier is kept when at least
    ``_CONTACT_IN_FAMILY`` of its carriers write template letters and it is no *bridge*: taking the
    identifiers from the most widely carried down, one that would join two established networks
    (more than ``FRAGMENT`` complaints each) through a single carrier in one of them is chance, as a
    gang's own contact recurs across its members. Dropped identifiers still attach letters and link
    clusters as related.
    """
    in_family = np.zeros(n, dtype=bool)
    for m in families:
        in_family[m] = True
    candidates = [w for w in holders if w.size and int(in_family[w].sum()) >= _CONTACT_IN_FAMILY * w.size]
    parent = list(range(n))
    size = [1] * n

    kept: list[I64] = []
    for position in sorted(range(len(candidates)), key=lambda k: (-candidates[k].size, int(candidates[k][0]))):
        who = candidates[position]
        carriers = Counter(find_root(parent, i) for i in who.tolist())
        if len(carriers) > 1 and any(c == 1 and size[r] > FRAGMENT for r, c in carriers.items()):
            continue
        kept.append(who)
        first, *rest = sorted(carriers)
        for r in rest:
            a, b = find_root(parent, first), find_root(parent, r)
            if a != b:
                parent[b] = a
                size[a] += size[b]
    return sorted(kept, key=lambda w: int(w[0]))


def identity_groups(n: int, holders: list[I64]) -> I64:
    """Component of each complaint under shared identifiers (-1 when it shares none)."""
    left = cat([np.full(w.size - 1, w[0]) for w in holders if w.size >= 2])
    right = cat([w[1:] for w in holders if w.size >= 2])
    group = components(n, left, right)
    touched = np.zeros(n, dtype=bool)
    touched[left] = True
    touched[right] = True
    return np.where(touched, group, -1)


def split_by_identity(
    families: list[I64],
    sig: npt.NDArray[np.uint32],
    group: I64,
    days: npt.NDArray[np.float64] | None = None,
    wave_gap: float = 30.0,
) -> list[I64]:
    """Split a family whose members fall into two or more separate identity groups (two gangs, one stock letter).

    Letters that several gangs build from the same stock phrasing can be as alike as paraphrased
    copies of one letter; the gangs' own phones, agents and addresses tell them apart. A family
    is split when at least two identity groups each hold two or more of its members; members
    without a shared identifier join the part whose consensus they agree with most among the parts
    active when they were sent (within ``wave_gap`` days of the part's period; any part when none is:
    one gang's letters come in a burst, and heavy rewording makes consensus alone a weak guide). A lone
    letter tied to another gang's network (more than ``FRAGMENT`` complaints) leaves a family that has
    another anchor: left in, it would bridge the two gangs' campaigns through its contacts (outside
    every family, it can still join its own gang's letters through its identifiers).
    """
    out: list[I64] = []
    network = np.bincount(group[group >= 0]) if (group >= 0).any() else np.zeros(1, np.int64)
    for members in families:
        g = group[members]
        ids, counts = np.unique(g[g >= 0], return_counts=True)
        parts = ids[counts >= 2]
        # A lone letter tied to another gang's network (more than FRAGMENT complaints) is that gang's.
        lone = ids[(counts == 1) & (network[ids] > FRAGMENT)]
        if parts.size + lone.size >= 2 and lone.size:
            stranger = np.isin(g, lone)
            members, g = members[~stranger], g[~stranger]
            if members.size < 2:
                continue
        if parts.size < 2:
            out.append(members)
            continue
        cores = [members[g == p] for p in parts]
        consensus = np.stack([modal_signature(sig[c]) for c in cores])
        rest = members[~np.isin(g, parts)]
        if rest.size:
            agree = (sig[rest][:, None, :] == consensus[None, :, :]).mean(axis=2)
            if days is not None:
                start, end = periods(cores, days, wave_gap)
                active = (days[rest][:, None] >= start[None, :]) & (days[rest][:, None] <= end[None, :])
                active[~active.any(axis=1)] = True
                agree = np.where(active, agree, -1.0)
            best = np.argmax(agree, axis=1)
            cores = [np.sort(np.r_[c, rest[best == k]]) for k, c in enumerate(cores)]
        out += cores
    out.sort(key=lambda m: int(m[0]))
    return out


def periods(groups: list[I64], days: npt.NDArray[np.float64], margin: float) -> tuple[npt.NDArray[np.float64], ...]:
    """Each group's first and last day, widened by ``margin`` days on both sides: (starts, ends)."""
    return (
        np.array([days[m].min() for m in groups]) - margin,
        np.array([days[m].max() for m in groups]) + margin,
    )


def cat(parts: list[I64]) -> I64:
    """The index arrays joined into one (empty when there are none)."""
    return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, np.int64)
