"""Surface noise real complaints carry: pinyin typos, traditional characters, full-width digits."""

from __future__ import annotations

from functools import lru_cache
from random import Random

from tousu.demo.narratives.vocab import TYPOS

_FULL_WIDTH = str.maketrans("0123456789%", "０１２３４５６７８９％")


@lru_cache(maxsize=1)
def _to_traditional():  # type: ignore[no-untyped-def]
    from opencc import OpenCC

    return OpenCC("s2t").convert


def add_noise(rng: Random, text: str) -> tuple[str, tuple[str, ...]]:
    """Return ``text`` with occasional noise and the names of the kinds applied."""
    applied: list[str] = []
    if rng.random() < 0.10:
        wrong, right = TYPOS[int(rng.random() * len(TYPOS))][::-1]
        if right in text:
            text = text.replace(right, wrong, 1)
            applied.append("typo")
    if rng.random() < 0.05:
        text = text.translate(_FULL_WIDTH)
        applied.append("full_width")
    if rng.random() < 0.015:
        text = _to_traditional()(text)
        applied.append("traditional")
    return text, tuple(applied)
