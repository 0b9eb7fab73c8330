"""Training runs and model files shared by the category and emotion models.

A model file is a joblib pickle of ``{"format": "tousu-model/1", "kind": ..., "model": ...}``; the model
carries a ModelInfo (kind, version, labels, training size, held-out score, library versions). A model file is
code as much as data: load only files your institution made.
"""

from __future__ import annotations

import os
import tomllib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

import joblib
import numpy as np

from tousu.analysis.category.encoders import DEFAULT_ENGINE, Progress, sentence_encoder
from tousu.analysis.category.learner import (
    FloatMatrix,
    HoldoutScore,
    TextClassifier,
    TrainingDataError,
    check_training_data,
    content_version,
    holdout_split,
    library_versions,
    score_holdout,
    softmax,
    utc_timestamp,
)
from tousu.analysis.category.tuning import FUSION_WEIGHTS, TunedHead, TuningOptions, TuningRun, fine_tune, fuse

FORMAT = "tousu-model/1"
Rules = TypeVar("Rules")
_KIND_NAMES = {"category": "分类模型 / category model", "emotion": "情绪模型 / emotion model"}


@dataclass(frozen=True)
class ModelInfo:
    """What a trained model is and how it was made; recorded with every analysis it produces."""

    kind: str
    version: str
    labels: tuple[str, ...]
    label_counts: dict[str, int]
    training_size: int
    trained_at: str
    holdout: HoldoutScore | None
    libraries: dict[str, str]
    options: dict[str, object]
    tuning: dict[str, object] | None = None  # the fine-tuned head: epoch and fusion weight chosen, their scores


def train_classifier(
    kind: str,
    texts: Sequence[str],
    labels: Sequence[str],
    extras: Callable[[Sequence[str]], FloatMatrix],
    *,
    rows: Sequence[int] | None = None,
    holdout: float = 0.2,
    seed: int = 0,
    c: float = 0.3,
    extra_weight: float = 1.0,
    lsa_dims: int = 0,
    nb_scaling: float = 0.0,
    encoder: str = "",
    encoder_weight: float = 1.0,
    refit: bool = True,
    tuning: TuningOptions | None = None,
    progress: Progress | None = None,
) -> tuple[TextClassifier, ModelInfo]:
    """Check the data, score a model on a stratified held-out share, then (by default) refit on everything.

    Args:
        kind: "category" or "emotion".
        texts, labels: the labelled history.
        extras: dense features of a batch of texts (the lexicon cues).
        rows: row numbers of the examples in the user's file, for error messages.
        holdout: share of texts held out to score the model (and calibrate its confidence).
        seed: makes the split and the solver reproducible.
        c, extra_weight, lsa_dims, nb_scaling, encoder, encoder_weight: see TextClassifier.
        refit: train the final model on all texts (True) or keep the one scored on the held-out share.
        tuning: also fine-tune e5-small's top layers on the training share (see tuning.py); the head keeps the
            mean of its epochs' weights, the held-out share chooses the fusion weight, and the held-out score is
            then that of the fused model. The head is not refitted on the held-out share.
        progress: called with (units done, all units) while a sentence encoder reads the training texts and
            while the transformer is fine-tuned.

    Returns:
        The classifier and its ModelInfo.
    """
    texts = [str(text) for text in texts]
    labels = [str(label).strip() for label in labels]
    check_training_data(texts, labels, rows)
    settings: dict[str, Any] = {"c": c, "extra_weight": extra_weight, "lsa_dims": lsa_dims, "nb_scaling": nb_scaling}
    if encoder:  # a model without an encoder keeps the version it had before the option existed
        settings |= {"encoder": encoder, "encoder_weight": encoder_weight, "encoder_engine": DEFAULT_ENGINE}
    tuning_settings = {f"tune_{name}": value for name, value in asdict(tuning).items()} if tuning else {}

    def untrained() -> TextClassifier:
        return TextClassifier(seed=seed, **settings)

    model = untrained()  # checks the options before the slow part
    dense = extras(texts)
    embedded = sentence_encoder(encoder, DEFAULT_ENGINE).encode(texts, progress) if encoder else None  # both fits
    train, held = holdout_split(len(texts), labels, holdout, seed)
    train_embedded = None if embedded is None else embedded[train]
    model.fit([texts[i] for i in train], dense[train], [labels[i] for i in train], train_embedded)
    score = None
    tuned: tuple[TunedHead, float] | None = None
    tuned_summary: dict[str, object] | None = None
    if tuning is not None and not len(held):
        raise TrainingDataError(
            "微调需要留出集来选择融合权重，请增加每个标签的样本或调大 --holdout / fine-tuning needs held-out texts "
            "to choose its fusion weight: give more examples per label or a larger --holdout"
        )
    if len(held):
        held_texts = [texts[i] for i in held]
        held_labels = [labels[i] for i in held]
        scores = model.decision(held_texts, dense[held], None if embedded is None else embedded[held])
        predicted = [model.classes[i] for i in scores.argmax(axis=1)]
        score = score_holdout(held_labels, predicted, model.classes)
        model.calibrate(scores, held_labels)
        if tuning is not None:
            run = fine_tune(
                [texts[i] for i in train], [labels[i] for i in train], model.classes, held_texts, tuning, progress
            )
            ngram = softmax(scores * model.temperature)
            weight, fused_score, tuned_summary = choose_fusion(ngram, run, held_labels, score)
            tuned, score = (run.head, weight), fused_score
    if refit and len(held):
        temperature = model.temperature
        model = untrained().fit(texts, dense, labels, embedded)
        model.temperature = temperature
    if tuned is not None:
        model.attach_tuned(*tuned)
    options: dict[str, object] = {"holdout": holdout, "seed": seed, **settings, **tuning_settings}
    info = ModelInfo(
        kind=kind,
        version=content_version(kind, texts, labels, options),
        labels=model.classes,
        label_counts=dict(sorted(Counter(labels).items())),
        training_size=len(texts),
        trained_at=utc_timestamp(),
        holdout=score,
        libraries=library_versions(),
        options=options,
        tuning=tuned_summary,
    )
    return model, info


def choose_fusion(
    ngram: FloatMatrix, run: TuningRun, truth: Sequence[str], ngram_score: HoldoutScore
) -> tuple[float, HoldoutScore, dict[str, object]]:
    """The fusion weight of the averaged head with the best held-out macro-F1 (ties: the smaller weight).

    Returns:
        The weight, the fused model's held-out score and a summary for ModelInfo, which also records how the head
        scored alone after each epoch and averaged.
    """
    classes = run.head.classes

    def scored(probabilities: FloatMatrix) -> HoldoutScore:
        return score_holdout(truth, [classes[i] for i in probabilities.argmax(axis=1)], classes)

    best: tuple[float, HoldoutScore] | None = None
    for weight in FUSION_WEIGHTS:
        score = scored(fuse(ngram, run.held, weight))
        if best is None or score.macro_f1 > best[1].macro_f1:
            best = (weight, score)
    assert best is not None  # FUSION_WEIGHTS is not empty
    weight, score = best
    summary: dict[str, object] = {
        "layers": run.head.layers,
        "epochs_averaged": run.head.epoch,
        "weight": weight,
        "ngram_macro_f1": ngram_score.macro_f1,
        "head_macro_f1_by_epoch": [scored(probabilities).macro_f1 for _, probabilities in run.by_epoch],
        "head_macro_f1": scored(run.held).macro_f1,
        "fused_macro_f1": score.macro_f1,
    }
    return weight, score, summary


def save_model_file(path: Path | str, kind: str, model: object) -> Path:
    """Write a model file (compressed joblib); the parent folder must exist."""
    path = Path(path)
    temporary = path.with_name(path.name + ".part")
    joblib.dump({"format": FORMAT, "kind": kind, "model": model}, temporary, compress=3)
    os.replace(temporary, path)
    return path


def load_model_file(path: Path | str, kind: str) -> Any:
    """Read a model file of the given kind.

    Raises:
        ValueError: the file is missing, is not a Tousu model, or holds a model of the other kind.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"找不到模型文件 {path} / model file not found: {path}")
    try:
        payload = joblib.load(path)
    except Exception as error:  # any unreadable file is one message for the person, whatever broke
        raise ValueError(f"{path} 不是 Tousu 模型文件 / {path} is not a Tousu model file") from error
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ValueError(f"{path} 不是 Tousu 模型文件 / {path} is not a Tousu model file")
    if payload.get("kind") != kind:
        found = _KIND_NAMES.get(str(payload.get("kind")), str(payload.get("kind")))
        raise ValueError(
            f"{path} 是{found.split(' / ')[0]}，不是{_KIND_NAMES[kind].split(' / ')[0]} / "
            f"{path} holds a {found.split(' / ')[1]}, not a {_KIND_NAMES[kind].split(' / ')[1]}"
        )
    return payload["model"]


def class_index(classes: Sequence[str]) -> dict[str, int]:
    return {label: i for i, label in enumerate(classes)}


def top_choices(probabilities: FloatMatrix) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Best column and its probability for every row."""
    best = probabilities.argmax(axis=1)
    return best, probabilities[np.arange(len(best)), best]


def read_rule_file(path: Path, parse: Callable[[dict[str, Any]], Rules]) -> Rules:
    """A rule table (taxonomy, lexicon) in the format of the shipped data file, with a clear message when it
    cannot be read; ``parse`` builds it from the parsed TOML."""
    try:
        return parse(tomllib.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ValueError(f"找不到规则文件 {path} / rule file not found: {path}") from None
    except (tomllib.TOMLDecodeError, KeyError, ValueError, UnicodeDecodeError) as error:
        raise ValueError(f"规则文件 {path} 无法读取：{error} / the rule file {path} cannot be read: {error}") from None
