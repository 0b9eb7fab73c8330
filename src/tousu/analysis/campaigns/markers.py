"""Agent markers: cue phrases organised complaint agents leave in the letters they write.

Each marker (``agent_markers.toml``) feeds one campaign signal: power of attorney / "contact my
agent" (``proxy_letter``), refusal of phone contact (``phone_refusal``), agent-typical demands
(``agent_demand``), threats of regulator, petition, media or lawsuit (``regulator_threats``) and a
high density of law citations (``law_citations``). Markers describe a letter, not a person: a
genuine delegated complaint carries them too (Art 14), so they only add weight to a cluster that
is already linked by a template or a shared identifier.

Reference: DOMAIN.md section 3 (signals reported by regulators, courts and the press).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt

_FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})


@dataclass(frozen=True)
class MarkerTable:
    """Compiled cue tables: one alternation per marker, the signal each feeds, and the law-citation rule."""

    names: tuple[str, ...]
    signals: tuple[str, ...]
    labels: dict[str, tuple[str, str]]
    patterns: tuple[re.Pattern[str], ...]
    law_patterns: tuple[re.Pattern[str], ...]
    law_per_1000: float
    law_min: int
    kinds: tuple[tuple[str, re.Pattern[str]], ...]


@lru_cache(maxsize=1)
def marker_table() -> MarkerTable:
    """The marker table from ``agent_markers.toml`` and ``campaign_kinds.toml``."""
    data = resources.files("tousu.analysis").joinpath("data")
    table = tomllib.loads(data.joinpath("agent_markers.toml").read_text("utf-8"))
    kinds = tomllib.loads(data.joinpath("campaign_kinds.toml").read_text("utf-8"))["kinds"]
    names, signals, patterns = [], [], []
    labels: dict[str, tuple[str, str]] = {}
    for name, marker in sorted(table["markers"].items()):
        names.append(name)
        signals.append(str(marker["signal"]))
        labels[name] = (str(marker["label_zh"]), str(marker["label_en"]))
        patterns.append(_alternation(marker["cues"]))
    law = table["law_citations"]
    labels["law_citations"] = (str(law["label_zh"]), str(law["label_en"]))
    return MarkerTable(
        names=tuple(names),
        signals=tuple(signals),
        labels=labels,
        patterns=tuple(patterns),
        law_patterns=tuple(re.compile(p) for p in law["patterns"]),
        law_per_1000=float(law["per_1000_chars"]),
        law_min=int(law["min_citations"]),
        kinds=tuple((kind, _alternation(spec["cues"])) for kind, spec in kinds.items()),
    )


def _alternation(cues: Sequence[str]) -> re.Pattern[str]:
    """One regex matching any cue, longest first so that a cue inside a longer one is not double counted."""
    ordered = sorted({c.translate(_FULLWIDTH) for c in cues}, key=lambda c: (-len(c), c))
    return re.compile("|".join(re.escape(c) for c in ordered))


@dataclass(frozen=True, slots=True)
class MarkerScan:
    """Markers found in a batch of texts.

    ``present[i, j]`` is true when text ``i`` carries signal ``signals[j]``; ``cues[i]`` counts the
    cue phrases found in text ``i`` (for evidence).
    """

    signals: tuple[str, ...]
    present: npt.NDArray[np.bool_]
    cues: tuple[Counter[str], ...]


def marker_signals() -> tuple[str, ...]:
    """The distinct signals markers feed, sorted, with ``law_citations`` last."""
    table = marker_table()
    return (*sorted(set(table.signals)), "law_citations")


def scan_markers(texts: Sequence[str]) -> MarkerScan:
    """Find agent markers in texts.

    Args:
        texts: complaint texts (title, content and demand).

    Returns:
        Per text, which signals are present and which cues were found. Law citations count as
        present when a text holds at least ``min_citations`` citations and ``per_1000_chars`` per
        1,000 characters.
    """
    table = marker_table()
    signals = marker_signals()
    column = {s: j for j, s in enumerate(signals)}
    present = np.zeros((len(texts), len(signals)), dtype=bool)
    found: list[Counter[str]] = []
    for i, raw in enumerate(texts):
        text = raw.translate(_FULLWIDTH)
        counts: Counter[str] = Counter()
        for signal, pattern in zip(table.signals, table.patterns, strict=True):
            hits = pattern.findall(text)
            if hits:
                present[i, column[signal]] = True
                counts.update(hits)
        citations = sum(len(p.findall(text)) for p in table.law_patterns)
        if citations >= table.law_min and citations * 1000 >= table.law_per_1000 * max(len(text), 1):
            present[i, column["law_citations"]] = True
            counts["法条引用"] += citations
        found.append(counts)
    return MarkerScan(signals, present, tuple(found))


def guess_kind(texts: Sequence[str], has_agent_markers: bool) -> str:
    """The campaign kind (代理退保, 反催收, 债务优化, 代理维权 or unknown) whose cues the letters carry most.

    Each letter scores, per kind, the number of distinct cues of ``campaign_kinds.toml`` it holds;
    the totals decide (ties: the kind listed first).
    """
    table = marker_table()
    best, best_score = "", 0
    for kind, pattern in table.kinds:
        score = sum(len(set(pattern.findall(t))) for t in texts)
        if score > best_score:
            best, best_score = kind, score
    if best and best_score >= len(texts):
        return best
    return "代理维权" if has_agent_markers else "unknown"
