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


def burst_windows(days: F64, span_days: float, settings: CampaignSettings) -> list[tuple[float, float]]:
    """Merged periods where one product's complaints run ``event_burst_ratio`` times above its usual rate.

    Args:
        days: receipt times of one product's complaints, in days, sorted.
        span_days: length of the whole corpus period in days.
        settings: window length, minimum size and burst ratio.

    Returns:
        ``(start, end)`` day ranges, each holding at least ``event_min_size`` complaints.
    """
    window = float(settings.event_window_days)
    if days.size < settings.event_min_size:
        return []
    expected = days.size * window / max(span_days, window)
    need = max(settings.event_min_size, settings.event_burst_ratio * expected)
    ends = np.searchsorted(days, days + window, side="right")
    counts = ends - np.arange(days.size)
    hot = np.flatnonzero(counts >= need)
    periods: list[tuple[float, float]] = []
    for i in hot:
        start, end = float(days[i]), float(days[ends[i] - 1])
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
) -> list[tuple[str, I64, float]]:
    """Group events: per product, the complaints inside its burst periods.

    Args:
        products: product (or branch when there is no product) of each complaint.
        days: receipt time of each complaint in days.
        person: complainant label of each complaint.
        excluded: complaints already explained otherwise (campaign members).
        settings: burst settings.

    Returns:
        ``(product, member indices, rate ratio)`` per event, ordered by first member.
    """
    if days.size == 0:
        return []
    span = float(days.max() - days.min()) + 1.0
    keys = np.array([p or "" for p in products], dtype=object)
    out: list[tuple[str, I64, float]] = []
    for product in sorted(set(keys[~excluded]) - {""}):
        idx = np.flatnonzero((keys == product) & ~excluded)
        idx = idx[np.argsort(days[idx], kind="stable")]
        d = days[idx]
        rate = idx.size / span
        for start, end in burst_windows(d, span, settings):
            members = idx[(d >= start) & (d <= end)]
            if np.unique(person[members]).size < settings.event_min_size:
                continue
            ratio = members.size / max(rate * (end - start + 1), 1e-9)
            out.append((str(product), np.sort(members), float(ratio)))
    out.sort(key=lambda e: int(e[1][0]))
    return out
