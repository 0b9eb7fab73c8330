"""Character n-gram TF-IDF features computed for a whole batch in a few numpy passes.

Why not scikit-learn's ``TfidfVectorizer(analyzer="char")``: it slices every n-gram as a Python string, which
costs about 0.4 ms for a 300-character complaint, more than the whole per-complaint budget of the batch
analyser. Here the batch is joined into one array of code points; each n-gram (n <= 3) becomes one exact
64-bit key (21 bits per code point), and keys are looked up in the sorted vocabulary with ``searchsorted``.
The result is the same kind of matrix: sublinear term frequency times smoothed idf, rows L2-normalised.

Reference: Salton & Buckley, "Term-weighting approaches in automatic text retrieval" (1988); the smoothed idf
is scikit-learn's ``log((1 + n) / (1 + df)) + 1``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix

_SEPARATOR = 0  # code point U+0000 never occurs in a normalised complaint; it ends every text in the batch
_BITS = 21  # every Unicode code point fits in 21 bits, so three of them fit in one 64-bit key exactly
_MAX_N = 3

_MIX_1 = np.uint64(0x9E3779B97F4A7C15)
_MIX_2 = np.uint64(0xC2B2AE3D27D4EB4F)

KeyArray = npt.NDArray[np.uint64]


def _code_points(texts: Sequence[str]) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
    """All texts as one code-point array (each followed by a separator) and the row of every position."""
    joined = "\x00".join(texts) + "\x00"
    points = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    is_separator = points == _SEPARATOR
    rows = np.cumsum(is_separator) - is_separator  # a separator belongs to the text it ends
    return points, rows.astype(np.int64)


def ngram_keys(texts: Sequence[str], max_n: int = _MAX_N) -> tuple[KeyArray, npt.NDArray[np.int64]]:
    """The exact key of every character n-gram (1 <= n <= max_n) of every text, and the text it came from.

    Keys of different lengths never collide: an n-gram's key carries n in its top bits.
    """
    if not 1 <= max_n <= _MAX_N:
        raise ValueError(f"max_n must be in [1, {_MAX_N}], got {max_n}")
    points, rows = _code_points(texts)
    separators = np.concatenate([[0], np.cumsum(points == _SEPARATOR)])
    all_keys: list[KeyArray] = []
    all_rows: list[npt.NDArray[np.int64]] = []
    key = np.zeros(len(points), dtype=np.uint64)
    for n in range(1, max_n + 1):
        size = len(points) - n + 1
        key = (key[:size] << np.uint64(_BITS)) | points[n - 1 :]
        # an n-gram is kept when none of its n characters is a separator
        keep = separators[n - 1 + 1 : n - 1 + 1 + size] - separators[:size] == 0
        # unigrams carry bit 62, bigrams bit 63; a trigram's first code point fills bits 42-62 (no separator)
        tagged = key[keep] | (np.uint64(n) << np.uint64(62)) if n < _MAX_N else key[keep]
        all_keys.append(tagged)
        all_rows.append(rows[:size][keep])
    return np.concatenate(all_keys), np.concatenate(all_rows)


@dataclass
class CharNgramTfidf:
    """Learns a vocabulary of character n-grams and idf weights; turns a batch of texts into a sparse matrix.

    Args:
        max_n: longest n-gram (1 to 3).
        min_df: an n-gram must occur in at least this many training texts.
        max_df: drop n-grams found in more than this share of training texts (too common to tell labels apart).
    """

    max_n: int = 3
    min_df: int = 2
    max_df: float = 0.5
    vocabulary: KeyArray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64), repr=False)
    idf: npt.NDArray[np.float32] = field(default_factory=lambda: np.zeros(0, dtype=np.float32), repr=False)

    def __post_init__(self) -> None:
        if self.min_df < 1:
            raise ValueError(f"min_df must be >= 1, got {self.min_df}")
        if not 0.0 < self.max_df <= 1.0:
            raise ValueError(f"max_df must be in (0, 1], got {self.max_df}")

    @property
    def n_features(self) -> int:
        return len(self.vocabulary)

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_table", None)  # rebuilt from the vocabulary on first use: keeps model files small
        return state

    def _lookup(self) -> _KeyTable:
        table: _KeyTable | None = self.__dict__.get("_table")
        if table is None:
            table = _KeyTable.build(self.vocabulary)
            self.__dict__["_table"] = table
        return table

    def fit(self, texts: Sequence[str]) -> CharNgramTfidf:
        """Count in how many texts each n-gram occurs; keep those between min_df and max_df."""
        keys, rows = ngram_keys(texts, self.max_n)
        pairs = np.unique(np.stack([keys, rows.astype(np.uint64)]), axis=1) if len(keys) else np.zeros((2, 0))
        vocabulary, df = np.unique(pairs[0].astype(np.uint64), return_counts=True)
        n_texts = max(len(texts), 1)
        keep = (df >= self.min_df) & (df <= self.max_df * n_texts)
        self.vocabulary = vocabulary[keep]
        self.idf = (np.log((1 + n_texts) / (1 + df[keep])) + 1).astype(np.float32)
        self.__dict__.pop("_table", None)
        return self

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        """One L2-normalised row per text: (1 + log tf) * idf over the learned vocabulary."""
        keys, rows = ngram_keys(texts, self.max_n)
        columns = self._lookup().find(keys)
        known = columns >= 0
        counts = csr_matrix(
            (np.ones(int(known.sum()), dtype=np.float32), (rows[known], columns[known])),
            shape=(len(texts), self.n_features),
            dtype=np.float32,
        )
        counts.sum_duplicates()
        counts.data = (1.0 + np.log(counts.data)) * self.idf[counts.indices]
        norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        counts.data /= np.repeat(norms, np.diff(counts.indptr)).astype(np.float32)
        return counts


@dataclass(frozen=True)
class _KeyTable:
    """Exact key -> column lookup with two hash tables (two choices per key), gathered in one numpy pass.

    A sorted-array binary search costs ~17 cache misses per n-gram; this costs two. A vocabulary key whose
    two slots are both taken by other keys is dropped (a handful out of ~10^5; it only loses one feature).
    """

    vocabulary: KeyArray
    first: npt.NDArray[np.int32]
    second: npt.NDArray[np.int32]
    shift: np.uint64

    @classmethod
    def build(cls, vocabulary: KeyArray) -> _KeyTable:
        bits = max(10, int(np.ceil(np.log2(max(len(vocabulary), 1) * 16))))
        shift = np.uint64(64 - bits)
        first = np.full(1 << bits, -1, dtype=np.int32)
        second = np.full(1 << bits, -1, dtype=np.int32)
        columns = np.arange(len(vocabulary), dtype=np.int32)
        slot_1 = (vocabulary * _MIX_1) >> shift
        # the first key to claim a slot keeps it (np.unique returns first occurrences)
        _, winners = np.unique(slot_1, return_index=True)
        first[slot_1[winners]] = columns[winners]
        losers = np.setdiff1d(columns, winners)
        slot_2 = (vocabulary[losers] * _MIX_2) >> shift
        _, winners_2 = np.unique(slot_2, return_index=True)
        second[slot_2[winners_2]] = losers[winners_2]
        return cls(vocabulary, first, second, shift)

    def find(self, keys: KeyArray) -> npt.NDArray[np.int32]:
        """The column of every key, or -1 when the key is not in the vocabulary."""
        if not len(self.vocabulary):
            return np.full(len(keys), -1, dtype=np.int32)
        columns: npt.NDArray[np.int32] = self.first[(keys * _MIX_1) >> self.shift]
        missing = (columns < 0) | (self.vocabulary[np.maximum(columns, 0)] != keys)
        retry = self.second[(keys[missing] * _MIX_2) >> self.shift]
        retry[(retry >= 0) & (self.vocabulary[np.maximum(retry, 0)] != keys[missing])] = -1
        columns[missing] = retry
        return columns
