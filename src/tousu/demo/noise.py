"""Surface noise real complaints carry: pinyin typos, traditional characters, full-width digits."""

from __future__ import annotations

from functools import lru_cache
from random import Random

from tousu.demo.narratives.vocab import TYPOS

_FULL_WIDTH = str.maketrans("0123456789%", "０１２３４５６７８９％")


@lru_cache(maxsize=1)
def _traditional_table() -> dict[int, str]:
    """Character map simplified -> traditional, built once from OpenCC over the common CJK block.

    A per-character map is enough for noise and converts a text with one ``str.translate``.
    """
    from opencc import OpenCC

    convert = OpenCC("s2t").convert
    table: dict[int, str] = {}
    for start in range(0x4E00, 0x9FA6, 512):
        chunk = "".join(chr(c) for c in range(start, min(start + 512, 0x9FA6)))
        converted = convert(chunk)
        pairs = zip(chunk, converted, strict=True) if len(converted) == len(chunk) else ((c, convert(c)) for c in chunk)
        table.update({ord(a): b for a, b in pairs if a != b and len(b) == 1})
    return table


def add_noise(rng: Random, text: str) -> tuple[str, tuple[str, ...]]:
    """Return ``text`` with occasional noise and the names of the kinds applied."""
    applied: list[str] = []
    if rng.random() < 0.25:
        wrong, right = TYPOS[int(rng.random() * len(TYPOS))][::-1]
        if right in text:
            text = text.replace(right, wrong, 1)
            applied.append("typo")
    if rng.random() < 0.05:
        text = text.translate(_FULL_WIDTH)
        applied.append("full_width")
    if rng.random() < 0.015:
        text = text.translate(_traditional_table())
        applied.append("traditional")
    return text, tuple(applied)
