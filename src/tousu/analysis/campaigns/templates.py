"""Template families: near-duplicate letters found by MinHash LSH, verified, and split where they only chain.

1. Signatures: MinHash over normalised character 3-grams (:mod:`.shingles`), batch by batch.
2. Candidates: banded LSH; documents whose band rows agree share a bucket. A bucket with more
   than ``max_bucket`` documents is boilerplate and skipped; a large bucket yields star and
   neighbour pairs rather than all pairs.
3. Verification: a candidate pair is a link when the share of equal signature positions (an
   unbiased estimate of Jaccard similarity) reaches ``template_jaccard``.
4. Families: connected components of the links, then *consensus peeling*: a family is the
   members that agree with the component's per-position modal signature on at least
   ``core_agreement`` of positions. Members that only reached the family through a chain of
   pairwise links (two ordinary complaints that share the stock phrase 要求全额退款 with a third)
   do not agree with the consensus and are split off, so no giant single-link cluster forms.

Reference: A. Broder, "On the resemblance and containment of documents" (1997); J. Leskovec,
A. Rajaraman, J. Ullman, *Mining of Massive Datasets*, ch. 3 (banded LSH).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .settings import CampaignSettings
from .shingles import minhash_signatures, shingle_batch

U32 = npt.NDArray[np.uint32]
I64 = npt.NDArray[np.int64]
F32 = npt.NDArray[np.float32]

#: Buckets up to this size give all their pairs; larger ones give star and neighbour pairs.
_ALL_PAIRS_UP_TO = 48
_VERIFY_CHUNK = 200_000
#: Smallest part a family is bisected into.
_MIN_PART = 3
#: How much stricter the link threshold gets each time a group without consensus is split again.
_TIGHTEN = 0.05


@dataclass(frozen=True, slots=True)
class TemplateLinks:
    """Verified template links between documents: ``left[k]`` and ``right[k]`` with similarity ``similarity[k]``."""

    left: I64
    right: I64
    similarity: F32


def signatures(texts: Sequence[str], settings: CampaignSettings) -> U32:
    """MinHash signatures of texts (``len(texts) x num_perm``), computed ``chunk_size`` texts at a time."""
    out = np.empty((len(texts), settings.num_perm), dtype=np.uint32)
    for start in range(0, len(texts), settings.chunk_size):
        chunk = texts[start : start + settings.chunk_size]
        batch = shingle_batch(chunk, unique=False)
        out[start : start + len(chunk)] = minhash_signatures(batch, settings.num_perm, settings.seed)
    return out


def band_keys(sig: U32, band: int, rows: int) -> npt.NDArray[np.uint64]:
    """One 64-bit key per document for LSH band ``band`` (rows ``band*rows`` to ``(band+1)*rows``)."""
    part = sig[:, band * rows : (band + 1) * rows].reshape(sig.shape[0], 1, rows)
    return _hash_bands(part, band)[:, 0]


def all_band_keys(sig: U32, bands: int, rows: int) -> npt.NDArray[np.uint64]:
    """The keys of every band at once, shape ``(documents, bands)``: column ``b`` is ``band_keys(sig, b, rows)``.

    For the incremental check, where one signature at a time would pay numpy's per-call cost once per band.
    """
    return _hash_bands(sig[:, : bands * rows].reshape(sig.shape[0], bands, rows), 0)


def _hash_bands(part: U32, first_band: int) -> npt.NDArray[np.uint64]:
    """Keys of the bands ``part[:, b, :]`` numbered from ``first_band``; 0 for a band of an empty document."""
    n, bands, rows = part.shape
    values = part.astype(np.uint64)
    seeds = np.arange(first_band + 1, first_band + bands + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    key = np.tile(seeds, (n, 1))
    for c in range(rows):
        key ^= values[:, :, c] + np.uint64(0x9E3779B97F4A7C15) + (key << np.uint64(6)) + (key >> np.uint64(2))
    empty = (part[:, :, 0] == np.uint32(0xFFFFFFFF)) & (part[:, :, rows - 1] == np.uint32(0xFFFFFFFF))
    key[empty] = np.uint64(0)
    return key


def _bucket_pairs(keys: npt.NDArray[np.uint64], max_bucket: int) -> tuple[I64, I64]:
    """Candidate pairs from one band: documents whose keys are equal (key 0 = no text, skipped)."""
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    sizes = np.diff(np.r_[starts, sorted_keys.size])
    keep = (sizes >= 2) & (sizes <= max_bucket) & (sorted_keys[starts] != 0)
    if not keep.any():
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    run_of = np.repeat(np.arange(starts.size), sizes)
    in_run = keep[run_of]
    pos = np.flatnonzero(in_run)
    run = run_of[pos]
    small = sizes[run] <= _ALL_PAIRS_UP_TO
    lefts, rights = [], []
    for k in range(1, _ALL_PAIRS_UP_TO):
        a = pos[small]
        b = a + k
        ok = b < sorted_keys.size
        a, b = a[ok], b[ok]
        ok = run_of[b] == run_of[a]
        if not ok.any():
            break
        lefts.append(order[a[ok]])
        rights.append(order[b[ok]])
    large = pos[~small]
    if large.size:
        first = starts[run_of[large]]
        nxt = large + 1
        same = (nxt < sorted_keys.size) & (run_of[np.minimum(nxt, sorted_keys.size - 1)] == run_of[large])
        lefts += [order[first[large != first]], order[large[same]]]
        rights += [order[large[large != first]], order[nxt[same]]]
    left = np.concatenate(lefts) if lefts else np.zeros(0, np.int64)
    right = np.concatenate(rights) if rights else np.zeros(0, np.int64)
    return left.astype(np.int64), right.astype(np.int64)


def estimated_similarity(sig: U32, left: I64, right: I64) -> F32:
    """Share of equal signature positions of each pair (MinHash estimate of Jaccard similarity)."""
    out = np.empty(left.size, dtype=np.float32)
    for s in range(0, left.size, _VERIFY_CHUNK):
        a, b = left[s : s + _VERIFY_CHUNK], right[s : s + _VERIFY_CHUNK]
        out[s : s + a.size] = (sig[a] == sig[b]).mean(axis=1)
    return out


def template_links(sig: U32, settings: CampaignSettings) -> TemplateLinks:
    """Verified template links of a signature matrix.

    Args:
        sig: MinHash signatures from :func:`signatures`.
        settings: LSH bands, bucket cap and the verification threshold.

    Returns:
        Each linked pair once (``left < right``), sorted.
    """
    n = sig.shape[0]
    codes: list[npt.NDArray[np.int64]] = []
    for band in range(settings.bands):
        left, right = _bucket_pairs(band_keys(sig, band, settings.rows), settings.max_bucket)
        lo, hi = np.minimum(left, right), np.maximum(left, right)
        codes.append(np.unique(lo * n + hi))
    pair = np.unique(np.concatenate(codes)) if codes else np.zeros(0, np.int64)
    left, right = pair // max(n, 1), pair % max(n, 1)
    sim = estimated_similarity(sig, left, right)
    ok = sim >= settings.template_jaccard
    return TemplateLinks(left[ok], right[ok], sim[ok])


def components(n: int, left: I64, right: I64) -> I64:
    """Connected-component label of each of ``n`` nodes under the given edges."""
    if n == 0:
        return np.zeros(0, np.int64)
    graph = coo_matrix((np.ones(left.size, dtype=np.int8), (left, right)), shape=(n, n)).tocsr()
    _, labels = connected_components(graph, directed=False)
    out: I64 = labels.astype(np.int64)
    return out


def find_root(parent: list[int], x: int) -> int:
    """Root of ``x`` in a union-find forest (path halving)."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def modal_signature(block: U32) -> U32:
    """The most common value of each signature position over a block of members (the family's consensus).

    Vectorised: sort each column, measure run lengths, take the end of the longest run (ties go to
    the smallest value, so the result does not depend on member order).
    """
    m, p = block.shape
    ordered = np.sort(block, axis=0)
    start = np.ones((m, p), dtype=bool)
    start[1:] = ordered[1:] != ordered[:-1]
    rows = np.arange(m)[:, None]
    run_start = np.maximum.accumulate(np.where(start, rows, 0), axis=0)
    best = np.argmax(rows - run_start, axis=0)
    mode: U32 = ordered[best, np.arange(p)]
    return mode


def modal_agreement(block: U32) -> F32:
    """Per member, the share of positions where it equals the block's consensus (:func:`modal_signature`)."""
    agree: F32 = (block == modal_signature(block)[None, :]).mean(axis=1).astype(np.float32)
    return agree


def template_families(sig: U32, links: TemplateLinks, settings: CampaignSettings, min_size: int = 2) -> list[I64]:
    """Template families: linked components split by consensus peeling (no single-link chaining).

    Args:
        sig: the signature matrix.
        links: verified links from :func:`template_links`.
        settings: ``core_agreement`` decides who agrees with a family's consensus.
        min_size: smallest family kept.

    Returns:
        Families as sorted index arrays, ordered by their smallest index.
    """
    n = sig.shape[0]
    labels = components(n, links.left, links.right)
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.r_[True, labels[order][1:] != labels[order][:-1], True])
    link_label = labels[links.left]
    link_order = np.argsort(link_label, kind="stable")
    sorted_label = link_label[link_order]
    families: list[I64] = []
    for s, e in zip(bounds[:-1], bounds[1:], strict=True):
        if e - s >= min_size:
            label = labels[order[s]]
            lo, hi = np.searchsorted(sorted_label, [label, label + 1])
            take = link_order[lo:hi]
            own = TemplateLinks(links.left[take], links.right[take], links.similarity[take])
            families += _peel(sig, np.sort(order[s:e]), own, settings, min_size)
    families.sort(key=lambda f: int(f[0]))
    return families


def _peel(sig: U32, members: I64, links: TemplateLinks, settings: CampaignSettings, min_size: int) -> list[I64]:
    """Split one linked component into families that agree with their own consensus signature.

    A group with no consensus (its links only chain) or larger than ``max_family`` is split again
    under a stricter similarity threshold, so the work stays near-linear even when ordinary
    complaints about one issue chain into a component of tens of thousands.
    """
    out: list[I64] = []
    stack = [(members, settings.template_jaccard)]
    while stack:
        group, threshold = stack.pop()
        if group.size < min_size:
            continue
        if group.size > settings.max_family:
            stack += _tightened(group, links, threshold)
            continue
        if group.size >= 2 * _MIN_PART:
            part = _bisect(sig[group], settings.family_merge)
            if part is not None:
                stack += [(group[part], threshold), (group[~part], threshold)]
                continue
        agree = modal_agreement(sig[group])
        core = group[agree >= settings.core_agreement]
        if core.size < min_size:
            stack += _tightened(group, links, threshold)
            continue
        out.append(core)
        rest = np.setdiff1d(group, core, assume_unique=True)
        if rest.size >= min_size:
            stack += [(g, threshold) for g in _split(rest, links, threshold)]
    return out


def _tightened(group: I64, links: TemplateLinks, threshold: float) -> list[tuple[I64, float]]:
    """The components of ``group`` under a stricter link threshold (none once the threshold passes 1)."""
    stricter = threshold + _TIGHTEN
    if stricter > 1.0:
        return []
    return [(g, stricter) for g in _split(group, links, stricter)]


def _bisect(block: U32, distinct: float) -> npt.NDArray[np.bool_] | None:
    """Split a block into two letters when it holds two (bisecting k-modes); ``None`` when it is one.

    Letters built from one stock of phrases (two gangs, or one gang's two letters) can link
    member to member; their consensus signatures still differ. Seeds: the block's consensus and
    the consensus of its less-agreeing half; members go to the closer consensus, five rounds. The
    split stands when both parts keep ``_MIN_PART`` members and their consensus signatures agree
    on fewer than ``distinct`` of positions.
    """
    first = modal_signature(block)
    agree = (block == first).mean(axis=1)
    low = block[agree <= np.median(agree)]
    if low.shape[0] < _MIN_PART:
        return None
    second = modal_signature(low)
    part = np.zeros(block.shape[0], dtype=bool)
    for _ in range(5):
        part = (block == second).mean(axis=1) > (block == first).mean(axis=1)
        if part.sum() < _MIN_PART or (~part).sum() < _MIN_PART:
            return None
        first, second = modal_signature(block[~part]), modal_signature(block[part])
    return part if float(np.mean(first == second)) < distinct else None


def _split(group: I64, links: TemplateLinks, min_similarity: float) -> list[I64]:
    """Connected components (two or more members) of ``group`` under its links of at least ``min_similarity``."""
    inside = np.isin(links.left, group) & np.isin(links.right, group) & (links.similarity >= min_similarity)
    a = np.searchsorted(group, links.left[inside])
    b = np.searchsorted(group, links.right[inside])
    labels = components(group.size, a, b)
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.r_[True, labels[order][1:] != labels[order][:-1], True])
    return [group[order[s:e]] for s, e in zip(bounds[:-1], bounds[1:], strict=True) if e - s >= 2]
