"""A category model learned from an institution's own labelled complaints (its own taxonomy)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tousu.analysis.category.learner import TextClassifier
from tousu.analysis.category.results import CategoryResult
from tousu.analysis.category.taxonomy import Taxonomy
from tousu.analysis.category.training import ModelInfo, save_model_file

_RUNNERS_UP = 2


@dataclass(frozen=True)
class TrainedCategoryModel:
    """Character n-grams plus the default taxonomy's cue scores, fed to a calibrated linear SVM.

    The taxonomy cues let a few hundred labelled complaints lean on the regulators' vocabulary
    (催收, 霸王条款, 手续费 ...) while the n-grams learn the institution's own wording.
    """

    info: ModelInfo
    classifier: TextClassifier
    taxonomy: Taxonomy

    @property
    def version(self) -> str:
        return self.info.version

    @property
    def labels(self) -> tuple[str, ...]:
        return self.info.labels

    def predict(self, texts: Sequence[str], products: Sequence[str | None] | None = None) -> list[CategoryResult]:
        """Label every complaint with the institution's taxonomy.

        Args:
            texts: complaint narratives.
            products: accepted for the common interface; the product wording is prepended to the text when given.

        Returns:
            One CategoryResult per text; cues name the runner-up labels and their probabilities.
        """
        if products is not None:
            if len(products) != len(texts):
                raise ValueError(f"products must match texts in length ({len(products)} vs {len(texts)})")
            texts = [f"{product}：{text}" if product else text for product, text in zip(products, texts, strict=True)]
        if not texts:
            return []
        probabilities = self.classifier.probabilities(texts, self.taxonomy.features(texts))
        order = np.argsort(-probabilities, axis=1, kind="stable")[:, : 1 + _RUNNERS_UP]
        classes = self.classifier.classes
        results = []
        for row, ranked in enumerate(order):
            cues = tuple(f"runner-up:{classes[i]} {probabilities[row, i]:.2f}" for i in ranked[1:])
            results.append(CategoryResult(classes[ranked[0]], round(float(probabilities[row, ranked[0]]), 3), cues))
        return results

    def save(self, path: Path | str) -> Path:
        return save_model_file(path, "category", self)
