"""Settings of campaign detection, validated when they are made; weights come from ``campaign_scoring.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

#: Every signal a campaign score can carry, in the order reasons are listed.
SIGNALS: tuple[str, ...] = (
    "template",
    "shared_phone",
    "shared_agent",
    "shared_email",
    "shared_address",
    "proxy_letter",
    "phone_refusal",
    "agent_demand",
    "law_citations",
    "regulator_threats",
    "burst",
    "regulator_channel",
)


@lru_cache(maxsize=1)
def _scoring_table() -> dict[str, Any]:
    raw = resources.files("tousu.analysis").joinpath("data/campaign_scoring.toml").read_text("utf-8")
    return tomllib.loads(raw)


def default_weights() -> dict[str, float]:
    """Signal weights of ``campaign_scoring.toml`` (the institution may edit the file)."""
    return {k: float(v) for k, v in _scoring_table()["weights"].items()}


def _threshold(name: str, fallback: float) -> float:
    return float(_scoring_table().get("thresholds", {}).get(name, fallback))


def _fraction(name: str, value: float, *, open_low: bool = False) -> None:
    low_ok = value > 0 if open_low else value >= 0
    if not (low_ok and value <= 1):
        bound = "(0, 1]" if open_low else "[0, 1]"
        raise ValueError(f"{name} 须在 {bound} 之内 / {name} must be in {bound}, got {value}")


def _at_least(name: str, value: int, low: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ValueError(f"{name} 须为不小于 {low} 的整数 / {name} must be a whole number >= {low}, got {value!r}")


@dataclass(frozen=True)
class CampaignSettings:
    """How campaigns, group events and repeats are found and scored.

    Template similarity: MinHash (``num_perm`` permutations, ``bands`` LSH bands) over normalised
    character 3-grams; an LSH candidate pair is a template link when its estimated Jaccard
    similarity reaches ``template_jaccard``. A linked family is kept whole only while every member
    agrees with the family's consensus signature on at least ``core_agreement`` of the
    permutations; otherwise it is split (no single-link chaining through stock phrases).
    Two families that share an identifier are one cluster only when their consensus signatures
    agree on ``family_merge`` of positions (else: one gang, two letters, two related campaigns).
    A family whose letters come in waves more than ``wave_gap_days`` apart is one campaign per wave.
    A linked group larger than ``max_family`` is not taken as one letter: it is split again under
    stricter links (as is a group without consensus). ``max_bucket`` caps an LSH bucket: a bucket
    holding more documents is boilerplate, not a template.

    Identifier links: a hashed phone, e-mail, address, agent or account shared by two different
    complainants links them; one shared by more than ``max_identifier_share`` complaints (a branch
    hotline, a placeholder) is ignored.

    A cluster is a campaign when it spans at least ``min_persons`` different complainants and its
    score (noisy-or of the weighted signals) reaches ``campaign_score``.

    Group events: a product (or branch) whose complaints in ``event_window_days`` days reach
    ``event_min_size`` distinct complainants and ``event_burst_ratio`` times its usual rate.
    Repeats: one complainant (same ID number, account, or name with the same phone, e-mail or
    address) with at least ``repeat_min`` complaints.
    """

    num_perm: int = 128
    bands: int = 32
    seed: int = 20240301
    template_jaccard: float = 0.22
    core_agreement: float = 0.20
    max_bucket: int = 5_000
    max_family: int = 3_000
    family_merge: float = 0.25
    wave_gap_days: float = 30.0
    max_identifier_share: int = 2_000
    min_persons: int = field(default_factory=lambda: int(_threshold("min_persons", 3)))
    campaign_score: float = field(default_factory=lambda: _threshold("campaign_score", 0.6))
    weights: dict[str, float] = field(default_factory=default_weights)
    event_window_days: int = 14
    event_min_size: int = 10
    event_burst_ratio: float = 2.0
    repeat_min: int = 2
    marker_sample: int = 20_000
    chunk_size: int = 20_000

    def __post_init__(self) -> None:
        _at_least("num_perm", self.num_perm, 16)
        _at_least("bands", self.bands, 1)
        if self.num_perm % self.bands:
            raise ValueError(
                f"num_perm 须能被 bands 整除 / num_perm must be a multiple of bands, got {self.num_perm} and "
                f"{self.bands}; e.g. num_perm=128, bands=32"
            )
        _fraction("template_jaccard", self.template_jaccard, open_low=True)
        _fraction("core_agreement", self.core_agreement, open_low=True)
        _fraction("family_merge", self.family_merge, open_low=True)
        if not self.wave_gap_days > 0:
            raise ValueError(f"wave_gap_days 须大于 0 / wave_gap_days must be > 0, got {self.wave_gap_days}")
        _fraction("campaign_score", self.campaign_score, open_low=True)
        _at_least("max_bucket", self.max_bucket, 2)
        _at_least("max_family", self.max_family, 2)
        _at_least("max_identifier_share", self.max_identifier_share, 2)
        _at_least("min_persons", self.min_persons, 2)
        _at_least("event_window_days", self.event_window_days, 1)
        _at_least("event_min_size", self.event_min_size, 2)
        _at_least("repeat_min", self.repeat_min, 2)
        _at_least("marker_sample", self.marker_sample, 100)
        _at_least("chunk_size", self.chunk_size, 100)
        if self.event_burst_ratio < 1:
            raise ValueError(
                f"event_burst_ratio 须 >= 1 / event_burst_ratio must be >= 1, got {self.event_burst_ratio}"
            )
        unknown = sorted(set(self.weights) - set(SIGNALS))
        if unknown:
            raise ValueError(f"未知信号 / unknown signal(s) {unknown} in weights; known signals are {list(SIGNALS)}")
        for name, weight in self.weights.items():
            _fraction(f"weights[{name!r}]", weight)

    @property
    def rows(self) -> int:
        """Signature rows per LSH band."""
        return self.num_perm // self.bands
