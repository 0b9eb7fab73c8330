"""The schedule of a demo set: which complaint is which kind, in which group, received when.

Built with numpy so a million-complaint plan costs a few arrays, not a million objects; the records
themselves are generated later, one at a time, in time order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import numpy as np

from tousu.demo.config import DemoConfig

ORDINARY, CAMPAIGN, GROUP_EVENT, REPEAT = 0, 1, 2, 3
KIND_NAMES: tuple[str, ...] = ("ordinary", "campaign", "group_event", "repeat")
SHANGHAI = timezone(timedelta(hours=8))
DAY = 86_400


@dataclass(frozen=True)
class Plan:
    """Arrays in time order: kind code, group index (-1 for ordinary), member index, local seconds."""

    start: datetime
    days: int
    kind: np.ndarray
    group: np.ndarray
    member: np.ndarray
    seconds: np.ndarray
    group_sizes: dict[int, np.ndarray]

    def __len__(self) -> int:
        return int(self.kind.shape[0])

    def received_at(self, i: int) -> datetime:
        """Receipt time of complaint ``i`` (timezone-aware, Asia/Shanghai)."""
        return self.start + timedelta(seconds=int(self.seconds[i]))


def split_sizes(rng: np.random.Generator, total: int, low: int, high: int) -> np.ndarray:
    """Group sizes drawn log-uniformly from [low, high] that add up to ``total`` exactly."""
    if total <= 1:
        return np.zeros(0, dtype=np.int64)
    sizes: list[int] = []
    left = total
    while left > 0:
        size = int(round(low * (high / low) ** rng.random()))
        size = min(size, left)
        if left - size < low and left - size > 0:
            size = left if left <= high else left - low
        sizes.append(size)
        left -= size
    return np.array(sizes, dtype=np.int64)


def _office_seconds(rng: np.random.Generator, kind: np.ndarray) -> np.ndarray:
    """Seconds into a day: mostly office hours (campaign filings almost always), else any waking hour."""
    n = kind.size
    office = np.where(kind == CAMPAIGN, 0.9, 0.6)
    work = rng.uniform(8.5 * 3600, 18 * 3600, n)
    anytime = rng.uniform(6.5 * 3600, 24 * 3600 - 60, n)
    return np.where(rng.random(n) < office, work, anytime).astype(np.int64)


def _weekday_days(rng: np.random.Generator, n: int, days: int, start_weekday: int) -> np.ndarray:
    """Uniform days of the window, thinned on weekends (fewer complaints are received then)."""
    out = rng.integers(0, days, n)
    weekend = ((out + start_weekday) % 7) >= 5
    redraw = weekend & (rng.random(n) < 0.45)
    out[redraw] = rng.integers(0, days, int(redraw.sum()))
    return out


def build_plan(config: DemoConfig) -> Plan:
    """Decide every complaint's kind, group and receipt time for ``config`` (deterministic per seed)."""
    rng = np.random.default_rng([config.seed & 0xFFFFFFFF, 0xDE30])
    start_day = config.start
    days = (config.end - start_day).days + 1
    start = datetime(start_day.year, start_day.month, start_day.day, tzinfo=SHANGHAI)
    n = config.complaints
    counts = {
        k: int(round(n * s))
        for k, s in (
            (CAMPAIGN, config.campaign_share),
            (GROUP_EVENT, config.group_event_share),
            (REPEAT, config.repeat_share),
        )
    }
    sizes = {
        CAMPAIGN: split_sizes(rng, counts[CAMPAIGN], config.min_campaign_size, config.max_campaign_size),
        GROUP_EVENT: split_sizes(rng, counts[GROUP_EVENT], 12, 350),
        REPEAT: split_sizes(rng, counts[REPEAT], 3, 12),
    }
    kinds, groups, members, day_parts = [], [], [], []
    for kind, group_sizes in sizes.items():
        if not group_sizes.size:
            continue
        total = int(group_sizes.sum())
        group = np.repeat(np.arange(group_sizes.size), group_sizes)
        member = np.arange(total) - np.repeat(np.cumsum(group_sizes) - group_sizes, group_sizes)
        kinds.append(np.full(total, kind, dtype=np.int8))
        groups.append(group)
        members.append(member)
        day_parts.append(_group_days(rng, kind, group_sizes, group, member, days))
    n_ordinary = n - sum(int(s.sum()) for s in sizes.values())
    kinds.append(np.zeros(n_ordinary, dtype=np.int8))
    groups.append(np.full(n_ordinary, -1))
    members.append(np.zeros(n_ordinary, dtype=np.int64))
    day_parts.append(_weekday_days(rng, n_ordinary, days, start_day.weekday()))
    kind_codes = np.concatenate(kinds)
    day = np.concatenate(day_parts)
    seconds = day * DAY + _office_seconds(rng, kind_codes)
    group_index = np.concatenate(groups)
    member_index = np.concatenate(members)
    order = np.lexsort((np.arange(n), seconds))
    return Plan(start, days, kind_codes[order], group_index[order], member_index[order], seconds[order], sizes)


def _group_days(
    rng: np.random.Generator, kind: int, sizes: np.ndarray, group: np.ndarray, member: np.ndarray, days: int
) -> np.ndarray:
    """Days of group members: campaign bursts, event clusters after the incident, repeats spread over months."""
    n = group.size
    if kind == REPEAT:
        first = rng.integers(0, max(1, int(days * 0.6)), sizes.size)
        gaps = np.maximum(1, rng.exponential(22.0, n)).astype(np.int64)
        gaps[member == 0] = 0
        offset = np.cumsum(gaps) - np.repeat(np.cumsum(gaps)[np.cumsum(sizes) - sizes] - 0, sizes)
        return np.asarray(np.minimum(days - 1, first[group] + offset), dtype=np.int64)
    onset = rng.integers(0, max(1, days - 20), sizes.size)
    if kind == CAMPAIGN:
        spread = rng.gamma(1.6, 2.5, n) + (rng.random(n) < 0.08) * rng.uniform(5, 40, n)
    else:
        spread = rng.exponential(3.5, n) + (rng.random(n) < 0.1) * rng.uniform(5, 30, n)
    return np.asarray(np.minimum(days - 1, onset[group] + spread.astype(np.int64)), dtype=np.int64)
