"""The emotion lexicon (data/emotion_lexicon.toml) and one scan of a complaint for its emotion cues.

One compiled alternation of every cue, longest first, finds all cues of a text in a single pass of the
regex engine; a cue right after a negator ("不生气", "并没有着急") is set aside as negated. The scan keeps
the cue words it counted so every label and intensity can say what produced it.

A complaint written in English is scanned with the lexicon's English tables instead: whole words only, and a
negator up to one softener before the cue ("I am not really upset"). Latin-script cues of the Chinese tables
("tm", "sb") count only as words of their own, so "ATM机" is no insult.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import numpy as np
import numpy.typing as npt

from tousu.analysis.english import is_english
from tousu.analysis.extract.lexicon import compile_words, trie_regex

EMOTIONS = ("anger", "anxiety", "sadness", "disappointment", "joy", "surprise")
TIER_WEIGHTS = {"strong": 1.0, "mild": 0.5, "weak": 0.25, "faint": 0.1}
_INTENSITY_KINDS = ("insults", "accusations", "intensifiers")
# "这不是高利贷是啥", "难道不是诈骗吗": a negated cue asked back as a question affirms it.
_RHETORICAL = re.compile(r"[^，。！？,.!?]{0,4}?(?:是什么|是啥|吗)")
_PLAIN = "plain"  # a word that holds a cue but is none (麻烦 holds 烦): matched, so the cue inside is not
EMOTICON = "emoticon:"
_EXCLAMATION = re.compile(r"[!！]")
_QUESTION = re.compile(r"[?？]")
_NEGATION_WINDOW = 4
_EXCLAMATION_CAP = 6
_ENGLISH_NEGATION_WINDOW = 40
# Words that may stand between an English negator and its cue: "not very upset", "wasn't really worried".
_SOFTENERS = (
    "very|really|too|so|that|at all|even|particularly|overly|a bit|be|been|being|feel|feeling|get|getting".split("|")
)


@dataclass(frozen=True)
class EmotionCues:
    """What one scan found in one complaint.

    scores: weighted cue strength per emotion, aligned with EMOTIONS (negated cues excluded).
    emoticons: the part of each score that came from emoticon tokens such as ``[怒]``.
    insults, accusations, intensifiers, negated: counts. exclamations, questions: marks in the text.
    evidence: the cue words counted, in order of appearance (``"anger:骗子"``, ``"negated:生气"``).
    """

    scores: tuple[float, ...]
    emoticons: tuple[float, ...]
    insults: int
    accusations: int
    intensifiers: int
    negated: int
    exclamations: int
    questions: int
    evidence: tuple[str, ...]

    def score(self, emotion: str) -> float:
        return self.scores[EMOTIONS.index(emotion)]


@dataclass(frozen=True)
class EmotionLexicon:
    """Cue words mapped to what they signal, compiled into one pattern.

    Args:
        version: the lexicon's version, recorded with every analysis it produces.
        labels: the default model's label set; `neutral` is the label given when no emotion is strong enough.
        threshold: the least emotion score that is not neutral.
        entries: cue word -> ((kind, weight), ...) where kind is an emotion or an intensity kind.
        negators: words that negate the cue right after them.
        language: "zh", or "en" for the English tables (whole-word cues, word-level negation).
        english: the English tables, which read every complaint written in English (None: all read as Chinese).
        anger_per_exclamation: anger score each exclamation mark adds (up to six marks); 0 leaves marks to intensity.
    """

    version: str
    labels: tuple[str, ...]
    neutral: str
    threshold: float
    entries: Mapping[str, tuple[tuple[str, float], ...]]
    negators: tuple[str, ...]
    language: str = "zh"
    english: EmotionLexicon | None = None
    anger_per_exclamation: float = 0.0

    def __post_init__(self) -> None:
        if self.neutral not in self.labels:
            raise ValueError(f"neutral label {self.neutral!r} must be one of the labels {self.labels}")
        if not self.threshold > 0:
            raise ValueError(f"threshold must be > 0, got {self.threshold}")
        unknown = sorted({label for label in self.labels if label not in EMOTIONS and label != self.neutral})
        if unknown:
            raise ValueError(f"labels {unknown} have no cue words; known emotions: {EMOTIONS}")

    @classmethod
    def from_toml(cls, document: Mapping[str, Any], *, language: str = "zh") -> EmotionLexicon:
        """Build the lexicon from the parsed TOML document (see data/emotion_lexicon.toml).

        The ``[english]`` table, when present, is built the same way into ``english``; it takes the label set,
        threshold and version of the document's ``[meta]``.
        """
        entries: dict[str, list[tuple[str, float]]] = {}
        for emotion, tiers in document.get("emotions", {}).items():
            if emotion not in EMOTIONS:
                raise ValueError(f"unknown emotion {emotion!r} in the lexicon; use one of {EMOTIONS}")
            for tier, words in tiers.items():
                if tier not in TIER_WEIGHTS:
                    raise ValueError(f"unknown tier {tier!r} for {emotion}; use strong, mild, weak or faint")
                for word in words:
                    _add(entries, word.lower(), emotion, TIER_WEIGHTS[tier])
        for emotion, tokens in document.get("emoticons", {}).items():
            for token in tokens:
                _add(entries, token.lower(), f"{EMOTICON}{emotion}", 1.0)
        for word in document.get("plain", {}).get("words", []):
            if word.lower() not in entries:  # a cue word listed here too stays a cue
                _add(entries, word.lower(), _PLAIN, 0.0)
        intensity = document.get("intensity", {})
        for kind in _INTENSITY_KINDS:
            for word in intensity.get(kind, []):
                _add(entries, word.lower(), kind, 1.0)
        meta = document["meta"]
        english = document.get("english")
        return cls(
            version=str(meta["version"]),
            labels=tuple(meta["labels"]),
            neutral=str(meta["neutral"]),
            threshold=float(meta["threshold"]),
            entries={word: tuple(kinds) for word, kinds in sorted(entries.items())},
            negators=tuple(word.lower() for word in intensity.get("negators", [])),
            language=language,
            anger_per_exclamation=float(document.get("emphasis", {}).get("anger_per_exclamation", 0.0)),
            english=cls.from_toml({**english, "meta": meta}, language="en") if english else None,
        )

    def scan(self, text: str) -> EmotionCues:
        """Find every cue in one complaint (raw or normalised text); English text is read by ``english``."""
        if self.english is not None and is_english(text):
            return self.english.scan(text)
        english = self.language == "en"
        window = _ENGLISH_NEGATION_WINDOW if english else _NEGATION_WINDOW
        pattern, negation, negator_chars, plan = _compiled(self)
        text = text.lower()  # cue words are stored lower-case
        totals = [0.0] * _SLOT_COUNT
        evidence: list[str] = []
        for match in pattern.finditer(text):
            word = match.group(0)
            negatable, label, updates = plan[word]
            if not label:  # a plain word: it only keeps the cue inside it from matching
                continue
            start = match.start()
            if not english and word.isascii() and _inside_a_latin_word(text, start, match.end()):
                continue
            if english and negatable and _SOMEONE_ELSE.search(text, max(0, start - window), start):
                evidence.append(f"others:{word}")  # "she got really angry": the agent's feeling, not the complainant's
                continue
            # the set test is a cheap filter: most windows hold no negator character at all
            before = text[max(0, start - window) : start]
            if negatable and (english or not negator_chars.isdisjoint(before)):
                if negation.search(before) and not (not english and _RHETORICAL.match(text, match.end())):
                    totals[_NEGATED] += 1
                    evidence.append(f"negated:{word}")
                    continue
            for slot, weight in updates:
                totals[slot] += weight
            evidence.append(label)
        exclamations = len(_EXCLAMATION.findall(text))
        if self.anger_per_exclamation and exclamations:
            totals[_ANGER] += self.anger_per_exclamation * min(exclamations, _EXCLAMATION_CAP)
            evidence.append("anger:!")
        n = len(EMOTIONS)
        return EmotionCues(
            scores=tuple(totals[:n]),
            emoticons=tuple(totals[n : 2 * n]),
            insults=int(totals[2 * n]),
            accusations=int(totals[2 * n + 1]),
            intensifiers=int(totals[2 * n + 2]),
            negated=int(totals[_NEGATED]),
            exclamations=exclamations,
            questions=len(_QUESTION.findall(text)),
            evidence=tuple(evidence),
        )

    def features(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Cue counts as a dense matrix, one row per text, for trained models (log-scaled counts)."""
        return cue_matrix([self.scan(text) for text in texts])


def cue_matrix(scans: Sequence[EmotionCues]) -> npt.NDArray[np.float32]:
    """The dense feature matrix of already scanned texts (see EmotionLexicon.features)."""
    rows = []
    for cues in scans:
        counts = (cues.insults, cues.accusations, cues.intensifiers, cues.negated, cues.exclamations)
        rows.append((*cues.scores, *cues.emoticons, *counts, cues.questions))
    return np.log1p(np.asarray(rows, dtype=np.float32).reshape(len(scans), 2 * len(EMOTIONS) + 6))


# Accumulator layout of one scan: emotion scores, emoticon scores, the intensity kinds, then negated cues.
_SLOT_COUNT = 2 * len(EMOTIONS) + len(_INTENSITY_KINDS) + 1
_NEGATED = _SLOT_COUNT - 1
_ANGER = EMOTIONS.index("anger")

_Plan = dict[str, tuple[bool, str, tuple[tuple[int, float], ...]]]
_Compiled = tuple[re.Pattern[str], re.Pattern[str], frozenset[str], _Plan]
_COMPILED: dict[int, tuple[EmotionLexicon, _Compiled]] = {}


def _compiled(lexicon: EmotionLexicon) -> _Compiled:
    """The lexicon made ready to scan, once per lexicon: the cue pattern, the negation pattern, the characters of
    its negators, and per cue word whether a negator cancels it, its evidence label and the (slot, weight) updates
    to apply, so the per-match loop of a scan only adds numbers."""
    cached = _COMPILED.get(id(lexicon))
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    n = len(EMOTIONS)
    plan: _Plan = {}
    for word, kinds in lexicon.entries.items():
        updates: list[tuple[int, float]] = []
        if kinds[0][0] == _PLAIN:
            plan[word] = (False, "", ())
            continue
        for kind, weight in kinds:
            if kind in EMOTIONS:
                updates.append((EMOTIONS.index(kind), weight))
            elif kind.startswith(EMOTICON):  # an emoticon is a strong cue, and a feature of its own
                emotion = EMOTIONS.index(kind[len(EMOTICON) :])
                updates += [(emotion, weight), (n + emotion, weight)]
            else:
                updates.append((2 * n + _INTENSITY_KINDS.index(kind), 1.0))
        plan[word] = (kinds[0][0] != "intensifiers", f"{kinds[0][0]}:{word}", tuple(updates))
    if lexicon.language == "en":
        pattern = re.compile(rf"\b(?:{trie_regex(lexicon.entries)})\b")  # whole words only
        negation = _english_negation(lexicon.negators)
    else:
        pattern, negation = compile_words(tuple(lexicon.entries)), _negation(lexicon.negators)
    compiled = (pattern, negation, frozenset("".join(lexicon.negators)), plan)
    _COMPILED[id(lexicon)] = (lexicon, compiled)
    return compiled


def _add(entries: dict[str, list[tuple[str, float]]], word: str, kind: str, weight: float) -> None:
    """Record what a cue word signals; a word listed twice for one kind keeps its strongest tier."""
    kinds = entries.setdefault(word, [])
    for i, (known, known_weight) in enumerate(kinds):
        if known == kind:
            kinds[i] = (kind, max(weight, known_weight))
            return
    kinds.append((kind, weight))


def _negation(negators: tuple[str, ...]) -> re.Pattern[str]:
    """A negator right before a cue, allowing one softener: "不生气", "不太生气", "没有很着急"."""
    if not negators:
        return re.compile("(?!)")
    alternation = "|".join(re.escape(word) for word in sorted(negators, key=lambda w: (-len(w), w)))
    return re.compile(f"(?:{alternation})(?:太|很|是|会|在)?$")


def _inside_a_latin_word(text: str, start: int, end: int) -> bool:
    """Whether a Latin-script cue of the Chinese tables is only part of a longer word ("tm" in "ATM")."""
    return (start > 0 and text[start - 1].isascii() and text[start - 1].isalnum()) or (
        end < len(text) and text[end].isascii() and text[end].isalnum()
    )


# An English feeling that someone else has: "she got really angry", "the agent became upset". "She was rude" stays a
# cue: it says how the complainant was treated, and is their judgement, so only verbs of becoming count here.
_SOMEONE_ELSE = re.compile(
    r"\b(?:he|she|they|the (?:agent|representative|rep|collector|supervisor|caller|manager))"
    r"\s+(?:got|gets|get|getting|became|becomes|sounded|seemed|felt)\s+(?:(?:very|really|so|quite|extremely)\s+)?$"
)


def _english_negation(negators: tuple[str, ...]) -> re.Pattern[str]:
    """An English negator right before a cue, allowing one softener; "do not" is a demand, not a negation."""
    if not negators:
        return re.compile("(?!)")
    alternation = "|".join(re.escape(word) for word in sorted(negators, key=lambda w: (-len(w), w)))
    softener = "|".join(re.escape(word) for word in _SOFTENERS)
    return re.compile(rf"(?<!\bdo )\b(?:{alternation})(?:\s+(?:{softener}))?\s+$")


@lru_cache(maxsize=1)
def default_lexicon() -> EmotionLexicon:
    """The lexicon shipped with Tousu (data/emotion_lexicon.toml)."""
    text = files("tousu.analysis").joinpath("data", "emotion_lexicon.toml").read_text(encoding="utf-8")
    return EmotionLexicon.from_toml(tomllib.loads(text))
