"""The default complaint taxonomy (data/category_taxonomy.toml) and the rule model that needs no training.

Banks and consumer-finance firms get "business·cause" on the two axes of JR/T 0169-2018; insurers get
"dispute·product line" (理赔/销售/退保/承保 ... × 机动车辆保险/普通人寿保险 ...), the split insurers report to
the regulator. One scan of the text with a single compiled alternation of all cue words scores every axis.

Reference: JR/T 0169-2018《银行业金融机构消费者投诉统计分类及编码》; DOMAIN.md section 2.
"""

from __future__ import annotations

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
from scipy.sparse import csr_matrix

from tousu.analysis.category.results import CategoryResult
from tousu.analysis.extract.lexicon import compile_words

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

    @cached_property
    def _word_weights(self) -> tuple[dict[str, int], csr_matrix]:
        """Cue word -> row, and the (words x features) weight matrix that turns word counts into scores."""
        column = {name: i for i, name in enumerate(self.feature_names)}
        index = {word: i for i, word in enumerate(self.cues)}
        rows, cols, weights = [], [], []
        for word, entries in self.cues.items():
            for axis_key, value, weight in entries:
                rows.append(index[word])
                cols.append(column[f"{axis_key}:{value}"])
                weights.append(weight)
        matrix = csr_matrix((weights, (rows, cols)), shape=(len(index), len(column)), dtype=np.float32)
        return index, matrix

    def axis_columns(self, sector: str, axis: Axis) -> slice:
        """Where one axis's values sit among the feature columns."""
        start = self.feature_names.index(f"{sector}.{axis.name}:{axis.values[0]}")
        return slice(start, start + len(axis.values))

    def scan(self, texts: Sequence[str]) -> tuple[npt.NDArray[np.float32], list[list[str]]]:
        """Cue scores (one row per text, columns in feature_names order) and the cue words found in each text.

        The regex runs once per text; counting and weighting are one sparse matrix product for the batch.
        """
        pattern = compile_words(tuple(self.cues))
        index, weights = self._word_weights
        found = [pattern.findall(text.lower()) for text in texts]
        rows = np.repeat(np.arange(len(texts)), [len(words) for words in found])
        columns = np.fromiter((index[word] for words in found for word in words), dtype=np.int64, count=len(rows))
        counts = csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, columns)), shape=(len(texts), len(index)), dtype=np.float32
        )
        return np.asarray((counts @ weights).toarray(), dtype=np.float32), found

    def features(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Log-scaled cue scores, one row per text, columns in feature_names order (for trained models)."""
        return np.log1p(self.scan(texts)[0])


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
        return self._classify_batch(texts, products) if texts else []

    def _classify_batch(self, texts: Sequence[str], products: Sequence[str | None] | None) -> list[CategoryResult]:
        taxonomy = self.taxonomy
        scores, found = taxonomy.scan(texts)
        insurance = scores[:, 1] > scores[:, 0]  # columns 0 and 1: sector:bank, sector:insurance
        if products is not None:
            named = np.array([bool(product) for product in products])
            by_product = np.array([any(w in (p or "") for w in taxonomy.insurance_products) for p in products])
            insurance = np.where(named, by_product, insurance)
            # the product field names the product line / business more reliably than the narrative
            product_scores, product_found = taxonomy.scan([product or "" for product in products])
            scores = scores + _PRODUCT_WEIGHT * product_scores
            found = [[*extra, *words] for extra, words in zip(product_found, found, strict=True)]
        labels: dict[str, list[str]] = {}
        confidence = np.ones(len(texts), dtype=np.float64)
        for sector in AXES:
            parts, axis_confidence = self._axis_choices(scores, sector)
            labels[sector] = parts
            confidence = confidence * np.where(insurance == (sector == "insurance"), axis_confidence, 1.0)
        results = []
        for row in range(len(texts)):
            sector = "insurance" if insurance[row] else "bank"
            cues = (f"sector:{sector}", *dict.fromkeys(found[row]))[:12]
            results.append(CategoryResult(labels[sector][row], round(float(np.sqrt(confidence[row])), 3), cues))
        return results

    def _axis_choices(self, scores: npt.NDArray[np.float32], sector: str) -> tuple[list[str], npt.NDArray[np.float64]]:
        """Label of every row on one sector's two axes, and the product of the two axes' confidences."""
        names: list[list[str]] = []
        confidence = np.ones(len(scores), dtype=np.float64)
        for axis in self.taxonomy.axes[sector]:
            block = scores[:, self.taxonomy.axis_columns(sector, axis)]
            best = block.argmax(axis=1)  # ties go to the earlier value, as listed in the taxonomy
            top = block[np.arange(len(block)), best]
            total = block.sum(axis=1)
            share = np.divide(top, total, out=np.zeros_like(top), where=total > 0)
            # share of the axis's evidence behind the winner, damped when the evidence is thin
            confidence *= np.where(total > 0, share * np.minimum(1.0, 0.5 + 0.25 * top), _FALLBACK_CONFIDENCE)
            names.append([axis.values[b] if t > 0 else axis.fallback for b, t in zip(best, total, strict=True)])
        separator = self.taxonomy.separator
        return [f"{a}{separator}{b}" for a, b in zip(names[0], names[1], strict=True)], confidence

    def save(self, path: Path | str) -> Path:
        from tousu.analysis.category.training import save_model_file

        return save_model_file(path, "category", self)
