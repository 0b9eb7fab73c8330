"""The default emotion model: the lexicon and a few rules, no training needed.

Label: the complaint-relevant emotion (anger, anxiety, sadness, disappointment) with the highest cue score;
insults and accusations (骗子, 诈骗, 黑社会) count towards anger. Below the lexicon's threshold: neutral.
Intensity: 1 - exp(-strength / 2.5), strength = the label's cue score + 0.8 per insult + 0.6 per accusation
+ 0.15 per exclamation mark and per intensifier (each capped); a neutral complaint stays at or below 0.3.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tousu.analysis.emotion.lexicon import EMOTIONS, EmotionCues, EmotionLexicon
from tousu.analysis.emotion.results import NEUTRAL_CEILING, EmotionResult, arousal, cue_summary, intensity_from

_ANGER_PER_INSULT = 1.0
_ANGER_PER_ACCUSATION = 0.3  # a charge told plainly (高利贷, 暴力催收) leans to anger; alone it is an account
_NEUTRAL_CONFIDENCE = 0.7


@dataclass(frozen=True)
class LexiconEmotionModel:
    """Emotion from the lexicon's cue words; its version is the lexicon's (e.g. "default-emotion-3")."""

    lexicon: EmotionLexicon

    @property
    def version(self) -> str:
        return self.lexicon.version

    @property
    def labels(self) -> tuple[str, ...]:
        return self.lexicon.labels

    @cached_property
    def unread(self) -> frozenset[str]:
        """The lexicon's emotions this model never answers with (joy, surprise): features for trained models."""
        return frozenset(EMOTIONS) - frozenset(self.lexicon.labels)

    def predict(self, texts: Sequence[str]) -> list[EmotionResult]:
        """One EmotionResult per complaint (raw or normalised text); cues list the words counted."""
        return [self._classify(self.lexicon.scan(text)) for text in texts]

    def _classify(self, cues: EmotionCues) -> EmotionResult:
        scores = self.label_scores(cues)
        ranked = sorted(scores.items(), key=lambda item: -item[1])  # stable: ties keep the label order
        label, top = ranked[0] if ranked else (self.lexicon.neutral, 0.0)
        if top < self.lexicon.threshold:
            strength = intensity_from(arousal(cues, top))
            confidence = _NEUTRAL_CONFIDENCE * (1.0 - 0.5 * top / self.lexicon.threshold)
            neutral = self.lexicon.neutral
            return EmotionResult(neutral, min(strength, NEUTRAL_CEILING), round(confidence, 3), self._why(cues))
        total = sum(score for _, score in ranked)
        intensity = intensity_from(arousal(cues, cues.score(label) if label in scores else top))
        confidence = top / (total + 0.5) * min(1.0, 0.6 + 0.2 * top)
        return EmotionResult(label, intensity, round(confidence, 3), self._why(cues))

    def _why(self, cues: EmotionCues) -> tuple[str, ...]:
        return cue_summary(cues, self.unread)

    def label_scores(self, cues: EmotionCues) -> dict[str, float]:
        """Cue score of every non-neutral label; insults and accusations are evidence of anger."""
        scores = {label: cues.score(label) for label in self.labels if label != self.lexicon.neutral}
        if "anger" in scores:
            scores["anger"] += _ANGER_PER_INSULT * cues.insults + _ANGER_PER_ACCUSATION * cues.accusations
        return scores

    def save(self, path: Path | str) -> Path:
        from tousu.analysis.category.training import save_model_file

        return save_model_file(path, "emotion", self)
