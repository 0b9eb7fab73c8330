"""What an emotion model returns, what every emotion model offers, and how intensity is read from cues."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from tousu.analysis.emotion.lexicon import EmotionCues

NEUTRAL_NAMES = frozenset({"neutral", "none", "other", "中性", "无", "无情绪", "平静", "其他"})
_INSULT_WEIGHT = 0.8
_ACCUSATION_WEIGHT = 0.6
_MARK_WEIGHT = 0.15
_MARK_CAP = 6
_INTENSIFIER_CAP = 4
_SCALE = 2.5
NEUTRAL_CEILING = 0.3


@dataclass(frozen=True)
class EmotionResult:
    """The emotion of one complaint.

    label: a label of the model's label set. intensity: how strong, in [0, 1]. confidence: in [0, 1].
    cues: why: the cue words counted ("anger:骗子", "negated:生气", "exclamations:3").
    """

    label: str
    intensity: float
    confidence: float
    cues: tuple[str, ...] = ()


class EmotionModel(Protocol):
    """A default (lexicon) or trained emotion model; `version` is recorded with every analysis."""

    @property
    def version(self) -> str: ...

    @property
    def labels(self) -> tuple[str, ...]: ...

    def predict(self, texts: Sequence[str]) -> list[EmotionResult]: ...

    def save(self, path: Path | str) -> Path: ...


def arousal(cues: EmotionCues, emotion_score: float) -> float:
    """Strength of feeling behind a complaint: the emotion's cue score plus insults, accusations, emphasis."""
    return (
        emotion_score
        + _INSULT_WEIGHT * cues.insults
        + _ACCUSATION_WEIGHT * cues.accusations
        + _MARK_WEIGHT * min(cues.exclamations, _MARK_CAP)
        + _MARK_WEIGHT * min(cues.intensifiers, _INTENSIFIER_CAP)
    )


def intensity_from(strength: float) -> float:
    """Map an unbounded strength to [0, 1) with diminishing returns: 1 - exp(-strength / 2.5)."""
    return round(1.0 - math.exp(-max(strength, 0.0) / _SCALE), 3)


def cue_summary(cues: EmotionCues, unread: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The first ten cue words and the exclamation count, to show why; cues of the emotions in ``unread`` (those
    a model never answers with, such as the default's joy) are left out, as they explain nothing it says."""
    marks = (f"exclamations:{cues.exclamations}",) if cues.exclamations else ()
    shown = [cue for cue in cues.evidence if cue_parts(cue)[1] not in unread] if unread else cues.evidence
    return (*shown[:10], *marks)


def cue_parts(cue: str) -> tuple[str, str, str]:
    """A cue tag read back: its kind, what it speaks for and its words. ``joy:好`` -> (joy, joy, 好),
    ``emoticon:joy:[哈哈]`` -> (emoticon, joy, [哈哈]), ``insults:骗子`` -> (insults, insults, 骗子)."""
    kind, _, words = cue.partition(":")
    if kind == "emoticon":
        emotion, _, words = words.partition(":")
        return kind, emotion, words
    return kind, kind, words


def is_neutral_label(label: str) -> bool:
    return label.strip().lower() in NEUTRAL_NAMES
