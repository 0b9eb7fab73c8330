"""The default complaint taxonomy (data/category_taxonomy.toml) and the rule model that needs no training.

Banks and consumer-finance firms get "business·cause" on the two axes of JR/T 0169-2018; insurers get
"dispute·product line" (理赔/销售/退保/承保 ... × 机动车辆保险/普通人寿保险 ...), the split insurers report to
the regulator. One scan of the text with a single compiled alternation of all cue words scores every axis.

Reference: JR/T 0169-2018《银行业金融机构消费者投诉统计分类及编码》; DOMAIN.md section 2.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.resources import files
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from tousu.analysis.category.results import CategoryResult

AXES = {"bank": ("business", "cause"), "insurance": ("dispute", "line")}
_TIERS = {"strong": 1.0, "mild": 0.5}
_FALLBACK_CONFIDENCE = 0.2
_PRODUCT_WEIGHT = 2.0


@dataclass(frozen=True)
class Axis:
    """One classification axis: its values with cue words, and the value used when no cue is found."""

    name: str
    fallback: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    """A two-axis taxonomy per sector and the cue words that score each value."""

    version: str
    separator: str
    insurance_products: tuple[str, ...]
    axes: Mapping[str, tuple[Axis, Axis]]
    cues: Mapping[str, tuple[tuple[str, str, float], ...]]  # word -> ((axis key, value, weight), ...)

    @classmethod
    def from_toml(cls, document: Mapping[str, Any]) -> Taxonomy:
        cues: dict[str, list[tuple[str, str, float]]] = {}
        sectors = document["sectors"]
        for sector in AXES:
            for word in sectors.get(f"{sector}_terms", []):
                cues.setdefault(word.lower(), []).append(("sector", sector, 1.0))
        axes: dict[str, tuple[Axis, Axis]] = {}
        for sector, names in AXES.items():
            built = []
            for name in names:
                table = document[sector][name]
                values = tuple(key for key in table if key != "fallback")
                for value in values:
                    for tier, words in table[value].items():
                        if tier not in _TIERS:
                            raise ValueError(f"unknown tier {tier!r} under {sector}.{name}.{value}; use strong or mild")
                        for word in words:
                            cues.setdefault(word.lower(), []).append((f"{sector}.{name}", value, _TIERS[tier]))
                built.append(Axis(name, str(table["fallback"]), values))
            axes[sector] = (built[0], built[1])
        meta = document["meta"]
        return cls(
            version=str(meta["version"]),
            separator=str(meta.get("separator", "·")),
            insurance_products=tuple(sectors.get("insurance_products", [])),
            axes=axes,
            cues={word: tuple(entries) for word, entries in sorted(cues.items())},
        )

    @cached_property
    def feature_names(self) -> tuple[str, ...]:
        """Names of the dense cue features (sector and every axis value), in matrix column order."""
        names = [f"sector:{sector}" for sector in AXES]
        for sector, axes in self.axes.items():
            names += [f"{sector}.{axis.name}:{value}" for axis in axes for value in axis.values]
        return tuple(names)

    @cached_property
    def labels(self) -> tuple[str, ...]:
        labels = []
        for axes in self.axes.values():
            first = (*axes[0].values, axes[0].fallback)
            second = (*axes[1].values, axes[1].fallback)
            labels += [f"{a}{self.separator}{b}" for a, b in product(first, second)]
        return tuple(sorted(set(labels)))

    def scan(self, text: str) -> tuple[dict[str, float], list[str]]:
        """Score of every feature name in one text, and the cue words found (for evidence)."""
        scores: dict[str, float] = {}
        found: list[str] = []
        for match in _pattern(tuple(self.cues)).finditer(text):
            word = match.group(0).lower()  # cue words are stored lower-case; the pattern ignores case
            found.append(word)
            for axis_key, value, weight in self.cues[word]:
                name = f"{axis_key}:{value}"
                scores[name] = scores.get(name, 0.0) + weight
        return scores, found

    def features(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Log-scaled cue scores, one row per text, columns in feature_names order (for trained models)."""
        column = {name: i for i, name in enumerate(self.feature_names)}
        matrix = np.zeros((len(texts), len(column)), dtype=np.float32)
        for row, text in enumerate(texts):
            for name, score in self.scan(text)[0].items():
                matrix[row, column[name]] = score
        return np.log1p(matrix)


@lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=lambda w: (-len(w), w))), re.IGNORECASE)


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The taxonomy shipped with Tousu (data/category_taxonomy.toml)."""
    text = files("tousu.analysis").joinpath("data", "category_taxonomy.toml").read_text(encoding="utf-8")
    return Taxonomy.from_toml(tomllib.loads(text))


@dataclass(frozen=True)
class TaxonomyCategoryModel:
    """The default category model: the regulators' taxonomy scored from cue words, no training needed."""

    taxonomy: Taxonomy

    @property
    def version(self) -> str:
        return self.taxonomy.version

    @property
    def labels(self) -> tuple[str, ...]:
        return self.taxonomy.labels

    def predict(self, texts: Sequence[str], products: Sequence[str | None] | None = None) -> list[CategoryResult]:
        """Label every complaint "first axis·second axis".

        Args:
            texts: complaint narratives.
            products: the product field of each complaint (None or missing: the sector is read from the text).

        Returns:
            One CategoryResult per text; cues name the words that decided each axis.
        """
        if products is not None and len(products) != len(texts):
            raise ValueError(f"products must match texts in length ({len(products)} vs {len(texts)})")
        return [self._classify(text, products[i] if products is not None else None) for i, text in enumerate(texts)]

    def _classify(self, text: str, product_name: str | None) -> CategoryResult:
        scores, found = self.taxonomy.scan(text)
        sector = self._sector(scores, product_name)
        if product_name:  # the product field names the product line / business more reliably than the text
            product_scores, product_cues = self.taxonomy.scan(product_name)
            for name, score in product_scores.items():
                scores[name] = scores.get(name, 0.0) + _PRODUCT_WEIGHT * score
            found = [*product_cues, *found]
        parts, confidences = [], []
        for axis in self.taxonomy.axes[sector]:
            key = f"{sector}.{axis.name}:"
            ranked = sorted(
                ((score, name[len(key) :]) for name, score in scores.items() if name.startswith(key)),
                key=lambda pair: (-pair[0], axis.values.index(pair[1])),
            )
            if not ranked:
                parts.append(axis.fallback)
                confidences.append(_FALLBACK_CONFIDENCE)
                continue
            parts.append(ranked[0][1])
            total = sum(score for score, _ in ranked)
            # share of the axis's evidence behind the winner, damped when the evidence is thin
            confidences.append(ranked[0][0] / total * min(1.0, 0.5 + 0.25 * ranked[0][0]))
        label = self.taxonomy.separator.join(parts)
        cues = (f"sector:{sector}", *dict.fromkeys(found))[:12]
        return CategoryResult(label, round(float(np.sqrt(confidences[0] * confidences[1])), 3), cues)

    def _sector(self, scores: Mapping[str, float], product_name: str | None) -> str:
        if product_name:
            return "insurance" if any(word in product_name for word in self.taxonomy.insurance_products) else "bank"
        return "insurance" if scores.get("sector:insurance", 0.0) > scores.get("sector:bank", 0.0) else "bank"

    def save(self, path: Path | str) -> Path:
        from tousu.analysis.category.training import save_model_file

        return save_model_file(path, "category", self)
