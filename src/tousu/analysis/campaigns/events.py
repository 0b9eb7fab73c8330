"""The two look-alikes of a campaign: a genuine group event and one persistent complainant.

A *group event* is many different customers hit by one real incident: their complaints bunch up
on one product within days, far above that product's usual rate, each in the customer's own
words and with no shared contact or agent. It is reported as a group event (its own risk), never
as black industry. A *repeat* is one complainant, identified by ID, account or name with contact,
complaining again; a template shared only by one person's own complaints is a repeat, not a campaign.

Reference: burst detection as a rate ratio over a sliding window, after J. Kleinberg, "Bursty and
hierarchical structure in streams" (2002), simplified to one threshold.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .settings import CampaignSettings
from .shingles import ShingleBatch, shingle_batch

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]


def repeat_groups(person: I64, min_count: int) -> list[I64]:
    """Complaint indices of each person with at least ``min_count`` complaints, ordered by first index."""
    order = np.argsort(person, kind="stable")
    sp = person[order]
    bounds = np.flatnonzero(np.r_[True, sp[1:] != sp[:-1], True])
    groups = [order[s:e] for s, e in zip(bounds[:-1], bounds[1:], strict=True) if e - s >= min_count]
    groups.sort(key=lambda g: int(g[0]))
    return groups


def usual_rate(days: F64, span_days: float) -> float:
    """A product's usual complaints per day: the median week's count over the period, so that the
    incidents themselves do not raise the bar they are measured against (at least one per period)."""
    if days.size == 0:
        return 0.0
    weeks = max(int(span_days // 7), 1)
    counts = np.bincount(np.minimum(((days - days.min()) // 7).astype(np.int64), weeks - 1), minlength=weeks)
    return max(float(np.median(counts)) / 7.0, 1.0 / span_days)


def burst_windows(days: F64, span_days: float, settings: CampaignSettings) -> list[tuple[float, float]]:
    """Merged periods where one product's complaints run ``event_burst_ratio`` times above its usual rate.

    The rate is tested over windows of a quarter, a half and all of ``event_window_days`` days: an
    incident's complaints arrive within days, and in a large register a fortnight of a busy product's
    usual complaints would drown a three-day incident of fifty customers.

    Args:
        days: receipt times of one product's complaints, in days, sorted.
        span_days: length of the whole corpus period in days.
        settings: window length, minimum size and burst ratio.

    Returns:
        ``(start, end)`` day ranges, each holding at least ``event_min_size`` complaints.
    """
    if days.size < settings.event_min_size:
        return []
    rate = usual_rate(days, span_days)
    full = float(settings.event_window_days)
    spans: list[tuple[float, float]] = []
    for window in sorted({max(full / 4, 1.0), max(full / 2, 1.0), full}):
        need = max(settings.event_min_size, settings.event_burst_ratio * rate * window)
        ends = np.searchsorted(days, days + window, side="right")
        hot = np.flatnonzero(ends - np.arange(days.size) >= need)
        spans += [(float(days[i]), float(days[ends[i] - 1])) for i in hot]
    periods: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        if periods and start <= periods[-1][1]:
            periods[-1] = (periods[-1][0], max(periods[-1][1], end))
        else:
            periods.append((start, end))
    return periods


def event_groups(
    products: Sequence[str | None],
    days: F64,
    person: I64,
    excluded: npt.NDArray[np.bool_],
    settings: CampaignSettings,
    texts: Sequence[str] = (),
) -> list[tuple[str, I64, float]]:
    """Group events: per product, the complaints inside its burst periods that tell of the incident.

    Args:
        products: product (or branch when there is no product) of each complaint.
        days: receipt time of each complaint in days.
        person: complainant label of each complaint.
        excluded: complaints already explained otherwise (campaign members).
        settings: burst settings.
        texts: complaint texts; when given, a burst keeps only the complaints that share the
            burst's own vocabulary (:func:`incident_members`), not every complaint about the product.

    Returns:
        ``(product, member indices, rate ratio)`` per event, ordered by first member.
    """
    if days.size == 0:
        return []
    span = float(days.max() - days.min()) + 1.0
    names, code = np.unique(np.array([p or "" for p in products], dtype=object), return_inverse=True)
    code = np.where(excluded, -1, code.reshape(-1))
    order = np.lexsort((days, code))
    bounds = np.flatnonzero(np.r_[True, code[order][1:] != code[order][:-1], True])
    out: list[tuple[str, I64, float]] = []
    for s, e in zip(bounds[:-1], bounds[1:], strict=True):
        product = str(names[code[order[s]]]) if code[order[s]] >= 0 else ""
        if not product or e - s < settings.event_min_size:
            continue
        idx = order[s:e]
        d = days[idx]
        windows = burst_windows(d, span, settings)
        if texts and windows:
            # One sample of the product's complaints, shingled once, is the baseline of all its bursts.
            sample = np.arange(0, idx.size, max(1, idx.size // _BASELINE_SAMPLE))
            sample_shingles = shingle_batch([texts[i] for i in idx[sample].tolist()])
        for start, end in windows:
            inside = (d >= start) & (d <= end)
            members = idx[inside]
            strong = members.size >= _STRONG_BURST * usual_rate(d, span) * (end - start + 1)
            if texts:
                outside = np.flatnonzero(~inside[sample])
                window_shingles = shingle_batch([texts[i] for i in members.tolist()])
                keep = incident_members(window_shingles, sample_shingles.take(outside), strong)
                members = members[keep]
            if np.unique(person[members]).size < settings.event_min_size:
                continue
            ratio = members.size / max(usual_rate(d, span) * (end - start + 1), 1e-9)
            out.append((product, np.sort(members), float(ratio)))
    out.sort(key=lambda ev: int(ev[1][0]))
    return out


#: A burst this many times the usual rate is an incident even when its complaints share no vocabulary.
_STRONG_BURST = 4.0
#: A shingle marks the incident when this share of the burst writes it ...
_INCIDENT_SHARE = 0.15
#: ... and at least this many of its complaints ...
_INCIDENT_DOCS = 5
#: ... at least this many times as often as the product's other complaints do.
_INCIDENT_LIFT = 4.0
#: A complaint tells of the incident when it holds at least this many incident shingles ...
_INCIDENT_MIN = 2
#: ... and the burst has at least this many incident shingles (else it is a busy fortnight, not an incident).
_INCIDENT_VOCABULARY = 3
_BASELINE_SAMPLE = 3000


def incident_members(window: ShingleBatch, baseline: ShingleBatch, strong: bool = False) -> npt.NDArray[np.bool_]:
    """Which complaints of a burst tell of the incident, not just of the same product.

    The incident's vocabulary is the character 3-grams that many of the burst's complaints write
    and the product's complaints outside the burst rarely do (the date, what broke, the error
    message). A moderate burst without such vocabulary is a busy fortnight, not an incident: nobody
    is kept; a strong one (``strong``) is an incident told in many own words: everybody is kept.

    Args:
        window: shingles of the complaints inside the burst (:func:`.shingles.shingle_batch`).
        baseline: shingles of a sample of the same product's complaints outside it.
        strong: the burst is far above the usual rate (``_STRONG_BURST``).

    Returns:
        A mask over the window's complaints.
    """
    documents = window.offsets.size - 1
    values, counts = np.unique(window.hashes, return_counts=True)
    share = counts / max(documents, 1)
    base_values, base_counts = np.unique(baseline.hashes, return_counts=True)
    base_share = np.zeros(values.size)
    found = np.isin(values, base_values)
    base_share[found] = base_counts[np.searchsorted(base_values, values[found])] / max(baseline.offsets.size - 1, 1)
    smooth = 1.0 / max(baseline.offsets.size - 1, 20)
    common = (share >= _INCIDENT_SHARE) & (counts >= _INCIDENT_DOCS)
    incident = values[common & (share >= _INCIDENT_LIFT * (base_share + smooth))]
    if incident.size < _INCIDENT_VOCABULARY:
        return np.full(documents, strong, dtype=bool)
    doc = np.repeat(np.arange(documents), window.sizes)
    hits = np.bincount(doc[np.isin(window.hashes, incident)], minlength=documents)
    keep: npt.NDArray[np.bool_] = hits >= _INCIDENT_MIN
    return keep
