"""Campaign score: a noisy-or of weighted signal strengths, split into points each reason can show.

Each signal has a strength ``s`` in [0, 1] (mostly the share of a cluster's members that carry it,
lifted above the corpus base rate) and a weight ``w`` (``campaign_scoring.toml``). The score is
``1 - prod(1 - w*s)``: independent pieces of evidence, each able to convince alone in proportion to
its weight. The score's 100 points are shared among the reasons in proportion to
``-log(1 - w*s)``, so the reasons add up to the score.

Reference: J. Pearl, *Probabilistic Reasoning in Intelligent Systems* (1988), section 4.3.2 (noisy-or).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

from .dossier import Reason
from .settings import SIGNALS


@lru_cache(maxsize=1)
def messages() -> dict[str, dict[str, str]]:
    """Reason and event explanations from ``campaign_messages.toml``."""
    raw = resources.files("tousu.analysis").joinpath("data/campaign_messages.toml").read_text("utf-8")
    table = tomllib.loads(raw)
    return {**table["reasons"], "events": table["events"]}


def lift(share: float, base: float) -> float:
    """How far a cluster's share of a marker stands above the corpus base rate, in [0, 1]."""
    if base >= 1:
        return 0.0
    return max(0.0, min(1.0, (share - base) / (1 - base)))


def noisy_or(strengths: Mapping[str, float], weights: Mapping[str, float]) -> tuple[float, dict[str, float]]:
    """The score and each signal's points (0-100, summing to ``100 * score``).

    Args:
        strengths: signal -> strength in [0, 1].
        weights: signal -> weight in [0, 1].

    Returns:
        The score in [0, 1] and the points per signal.
    """
    logs = {}
    for signal in SIGNALS:
        p = weights.get(signal, 0.0) * strengths.get(signal, 0.0)
        logs[signal] = -math.log1p(-min(p, 0.999999))
    total = sum(logs.values())
    score = 1 - math.exp(-total)
    if total == 0:
        return 0.0, dict.fromkeys(SIGNALS, 0.0)
    return score, {s: round(100 * score * v / total, 1) for s, v in logs.items()}


def explain(
    strengths: Mapping[str, float],
    shares: Mapping[str, float],
    base: Mapping[str, float],
    weights: Mapping[str, float],
    context: Mapping[str, object],
) -> tuple[float, tuple[Reason, ...]]:
    """Score a cluster and write its reasons (only signals that scored), strongest first.

    Args:
        strengths: signal -> strength in [0, 1].
        shares: signal -> share of members carrying it (for the explanation).
        base: signal -> corpus base rate (markers and channel).
        weights: signal -> weight.
        context: values the explanations quote (persons, similarity, days).

    Returns:
        The score and the reasons.
    """
    score, points = noisy_or(strengths, weights)
    table = messages()
    reasons = []
    for signal in SIGNALS:
        if points[signal] <= 0:
            continue
        values = {
            **context,
            "share": round(100 * shares.get(signal, 0.0)),
            "base": round(100 * base.get(signal, 0.0), 1),
        }
        reasons.append(
            Reason(
                signal=signal,
                points=points[signal],
                strength=round(strengths[signal], 3),
                explanation_zh=table[signal]["zh"].format(**values),
                explanation_en=table[signal]["en"].format(**values),
            )
        )
    reasons.sort(key=lambda r: (-r.points, r.signal))
    return score, tuple(reasons)
