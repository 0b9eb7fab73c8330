"""Template normalisation, character 3-gram shingles and MinHash signatures, vectorised per batch.

A ghost-written template is slot-filled (names, amounts, dates, policy numbers), lightly paraphrased
(synonym swaps) and cut or reordered by sentence. Normalising the slots to placeholders and the
synonyms to one canonical form before shingling makes copies of one template share most of their
character 3-grams, whatever the slot values.

Reference: A. Broder, "On the resemblance and containment of documents" (1997) for shingling and
resemblance/containment; MinHash via the ``rensa`` library (R-MinHash).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt
import rensa

from .identity import AGENT_NAME, PERSONAL_VALUE

U32 = npt.NDArray[np.uint32]
I64 = npt.NDArray[np.int64]

#: Placeholders written in place of slot values.
NUMBER_MARK = "#"
NAME_MARK = "某"

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
_NOT_TOKEN = re.compile(r"[^\w#\x00]+")
_SEPARATOR = "\x00"
_FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})
#: Financial Chinese numerals (大写) only appear in amounts; ordinary ones (一二三) also form words.
_FINANCIAL_NUMERALS = np.array([ord(c) for c in "零〇壹贰叁肆伍陆柒捌玖拾佰仟"], dtype=np.uint32)
_HASH = np.uint32(ord(NUMBER_MARK))


@dataclass(frozen=True, slots=True)
class ShingleBatch:
    """Unique 32-bit shingle hashes of a batch of documents, flat with row offsets.

    ``hashes[offsets[i]:offsets[i + 1]]`` are the sorted unique shingles of document ``i``.
    """

    hashes: U32
    offsets: I64

    def row(self, i: int) -> U32:
        """The shingles of document ``i``."""
        return self.hashes[self.offsets[i] : self.offsets[i + 1]]

    def take(self, rows: I64) -> ShingleBatch:
        """The documents ``rows`` (in that order) as a batch of their own."""
        sizes = self.sizes[rows]
        offsets = np.zeros(rows.size + 1, np.int64)
        np.cumsum(sizes, out=offsets[1:])
        flat = np.repeat(self.offsets[rows] - offsets[:-1], sizes) + np.arange(offsets[-1])
        return ShingleBatch(self.hashes[flat], offsets)

    @property
    def sizes(self) -> I64:
        """Number of unique shingles per document."""
        return np.diff(self.offsets)


@lru_cache(maxsize=1)
def synonym_table() -> tuple[tuple[str, str], ...]:
    """(variant, canonical) pairs from ``campaign_synonyms.toml``, longest variant first.

    Raises:
        ValueError: when a variant is part of a canonical form (replacing it would corrupt the text).
    """
    raw = resources.files("tousu.analysis").joinpath("data/campaign_synonyms.toml").read_text("utf-8")
    table = tomllib.loads(raw)["canonical"]
    pairs: list[tuple[str, str]] = []
    for canonical, variants in table.items():
        for variant in variants:
            if any(variant in other for other in table):
                raise ValueError(
                    f"synonym variant {variant!r} is part of a canonical form; remove it from "
                    "campaign_synonyms.toml or list the longer phrase instead"
                )
            pairs.append((variant, canonical))
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


def _prepare(texts: Sequence[str], names: Sequence[Sequence[str]]) -> str:
    """Mask names and swap synonyms, per text; return the texts joined by the separator."""
    prepared: list[str] = []
    for i, text in enumerate(texts):
        clean = text.replace(_SEPARATOR, " ")
        if names:
            for name in names[i]:
                if len(name) >= 2:
                    clean = clean.replace(name, NAME_MARK)
        prepared.append(clean)
    joined = AGENT_NAME.sub(r"\1某", PERSONAL_VALUE.sub(r"\1", _SEPARATOR.join(prepared)))
    for variant, canonical in synonym_table():
        if variant in joined:
            joined = joined.replace(variant, canonical)
    return joined


def normalise_text(text: str, names: Sequence[str] = ()) -> str:
    """One text normalised as the shingles see it, with its punctuation kept (for sentence evidence).

    Personal values after their label (``联系地址：…``, ``身份证号：…``) are dropped, names become
    ``某``, synonyms their canonical form (``campaign_synonyms.toml``), full-width characters
    half-width, Latin letters lower case, every number (dates, amounts, policy numbers) ``#``.

    Args:
        text: the raw text.
        names: names to mask (complainant, agent, salesperson).

    Returns:
        The normalised text.
    """
    out = _prepare([text], [names]).translate(_FULLWIDTH).lower()
    return _DIGITS.sub(NUMBER_MARK, out)


def split_sentences(normalised: str, min_chars: int = 6) -> list[str]:
    """The sentences of a normalised text, punctuation removed, dropping ones shorter than ``min_chars``."""
    out: list[str] = []
    for part in _SENTENCE_END.split(normalised):
        token = _NOT_TOKEN.sub("", part)
        if len(token) >= min_chars:
            out.append(token)
    return out


def _token_codes(joined: str) -> npt.NDArray[np.uint32]:
    """Code points of the joined batch reduced to shingle tokens, vectorised.

    Full-width forms become ASCII, letters lower case, digit runs and financial numerals one ``#``;
    everything that is not a CJK ideograph, a letter, ``#``, ``某`` or the separator is dropped.
    """
    c = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).copy()
    wide = (c >= 0xFF01) & (c <= 0xFF5E)
    c[wide] -= np.uint32(0xFEE0)
    upper = (c >= 65) & (c <= 90)
    c[upper] += np.uint32(32)
    numeric = ((c >= 48) & (c <= 57)) | np.isin(c, _FINANCIAL_NUMERALS)
    c[numeric] = _HASH
    keep = (
        (c == 0)
        | (c == _HASH)
        | ((c >= 0x4E00) & (c <= 0x9FFF))
        | ((c >= 0x3400) & (c <= 0x4DBF))
        | ((c >= 97) & (c <= 122))
    )
    c = c[keep]
    if c.size:
        repeat = np.zeros(c.size, dtype=bool)
        repeat[1:] = (c[1:] == _HASH) & (c[:-1] == _HASH)
        c = c[~repeat]
    out: npt.NDArray[np.uint32] = c
    return out


def _mix64(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """Fibonacci multiplicative mix: fixed and seedless, so hashes agree across processes."""
    x = x ^ (x >> np.uint64(31))
    return x * np.uint64(0x9E3779B97F4A7C15)


def shingle_batch(texts: Sequence[str], names: Sequence[Sequence[str]] = (), *, unique: bool = True) -> ShingleBatch:
    """Character 3-gram shingles of texts, normalised for templates, as unique 32-bit hashes.

    Normalisation is that of :func:`normalise_text` (names, synonyms, full width, case, numbers);
    punctuation and spaces are dropped so that shingles span sentence boundaries whatever
    punctuation a copy uses. Vectorised over the batch: one numpy pass over all code points.

    Args:
        texts: the raw texts.
        names: per text, names to mask; empty for none.
        unique: sort and de-duplicate each document's shingles (needed for exact Jaccard; MinHash
            does not need it, and skipping it halves the cost).

    Returns:
        The per-document shingle hashes.
    """
    n = len(texts)
    codes = _token_codes(_prepare(texts, names) + _SEPARATOR).astype(np.uint64)
    if n == 0 or codes.size < 3:
        return ShingleBatch(np.zeros(0, np.uint32), np.zeros(n + 1, np.int64))
    zero = codes == 0
    doc_of_char = np.cumsum(zero) - zero
    valid = ~(zero[:-2] | zero[1:-1] | zero[2:])
    grams = codes[:-2] | (codes[1:-1] << np.uint64(21)) | (codes[2:] << np.uint64(42))
    hashed = (_mix64(grams[valid]) >> np.uint64(32)).astype(np.uint32)
    doc = doc_of_char[:-2][valid]
    if unique:
        keys = np.unique((doc.astype(np.uint64) << np.uint64(32)) | hashed)
        doc = (keys >> np.uint64(32)).astype(np.int64)
        hashed = (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    offsets = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(doc, minlength=n), out=offsets[1:])
    return ShingleBatch(hashed, offsets)


def minhash_signatures(batch: ShingleBatch, num_perm: int, seed: int) -> U32:
    """MinHash signatures (``len(batch) x num_perm``, uint32) of a shingle batch.

    Documents without shingles get an all-``0xFFFFFFFF`` row, which matches nothing.

    Args:
        batch: shingles from :func:`shingle_batch`.
        num_perm: number of permutations.
        seed: permutation seed (the same seed must be used for every batch that is compared).

    Returns:
        The signature matrix.
    """
    n = batch.offsets.size - 1
    if n == 0 or batch.hashes.size == 0:
        return np.full((n, num_perm), 0xFFFFFFFF, dtype=np.uint32)
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
        batch.hashes.astype(np.uint64), batch.offsets.astype(np.uint64), num_perm, seed
    )
    empty = np.diff(batch.offsets) == 0
    sig = np.asarray(matrix.to_rows(), dtype=np.uint32).reshape(n, num_perm)
    sig[empty] = 0xFFFFFFFF
    return sig
