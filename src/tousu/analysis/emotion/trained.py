"""An emotion model learned from an institution's own labelled texts (its own label set).

The classifier reads character n-grams and the lexicon's cue counts. Intensity still comes from the cues
(insults, accusations, emphasis) and rises with the model's confidence: 1 - (1 - cue intensity) *
(1 - 0.5 * confidence) for an emotional label; a neutral-like label ("neutral", "none", "中性") stays <= 0.3.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tousu.analysis.category.learner import TextClassifier
from tousu.analysis.category.training import ModelInfo, save_model_file
from tousu.analysis.emotion.lexicon import EMOTIONS, EmotionLexicon, cue_matrix
from tousu.analysis.emotion.results import (
    NEUTRAL_CEILING,
    EmotionResult,
    arousal,
    cue_summary,
    intensity_from,
    is_neutral_label,
)

_CONFIDENCE_SHARE = 0.5
_MARKUP = re.compile(
    r"//@[^:：\s]{1,30}[:：]"  # a repost chain "//@someone:"
    r"|@[^\s:：，,。]{1,30}"  # a mention
    r"|https?://\S+"  # a link
    r"|#[^#\n]{1,40}#"  # a topic tag "#...#"
    r"|【[^】\n]{0,60}】"  # a bracketed headline
)


def strip_markup(text: str) -> str:
    """Drop reposts, mentions, links, topic tags and headlines: they name what a text is about, not how the
    writer feels, and tie a model to the period it was trained on."""
    if "@" not in text and "#" not in text and "http" not in text and "【" not in text:
        return text
    stripped = _MARKUP.sub(" ", text)
    return stripped if stripped.strip() else text  # a post that is only a tag keeps its tag


@dataclass(frozen=True)
class TrainedEmotionModel:
    """Calibrated linear SVM over character n-grams and lexicon cues, with a cue-based intensity."""

    info: ModelInfo
    classifier: TextClassifier
    lexicon: EmotionLexicon

    @property
    def version(self) -> str:
        return self.info.version

    @property
    def labels(self) -> tuple[str, ...]:
        return self.info.labels

    def predict(self, texts: Sequence[str]) -> list[EmotionResult]:
        """One EmotionResult per text, labelled with the institution's own label set."""
        if not texts:
            return []
        texts = [strip_markup(text) for text in texts]
        cues = [self.lexicon.scan(text) for text in texts]
        probabilities = self.classifier.probabilities(texts, cue_matrix(cues))
        best = probabilities.argmax(axis=1)
        results = []
        for row, column in enumerate(best):
            label = self.classifier.classes[column]
            confidence = float(probabilities[row, column])
            found = cues[row]
            strongest = max(found.scores[: EMOTIONS.index("joy")])
            cue_intensity = intensity_from(arousal(found, strongest))
            if is_neutral_label(label):
                intensity = min(cue_intensity * 0.5, NEUTRAL_CEILING)
            else:
                intensity = 1.0 - (1.0 - cue_intensity) * (1.0 - _CONFIDENCE_SHARE * confidence)
            results.append(
                EmotionResult(
                    label, round(min(max(float(intensity), 0.0), 1.0), 3), round(confidence, 3), cue_summary(found)
                )
            )
        return results

    def save(self, path: Path | str) -> Path:
        return save_model_file(path, "emotion", self)
