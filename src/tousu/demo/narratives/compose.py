"""Turns sentence roles into one narrative: picks roles, orders them, glues them with colloquial joins."""

from __future__ import annotations

from functools import lru_cache
from random import Random

from tousu.demo.grammar import Context, Grammar
from tousu.demo.narratives.style import ENDINGS, JOINS


def weighted(rng: Random, table: tuple[tuple[str, float], ...]) -> str:
    """Pick a text from (text, weight) pairs."""
    x = rng.random() * _total(table)
    for text, weight in table:
        x -= weight
        if x < 0:
            return text
    return table[-1][0]


@lru_cache(maxsize=64)
def _total(table: tuple[tuple[str, float], ...]) -> float:
    return sum(w for _, w in table)


def join_sentences(rng: Random, grammar: Grammar, ctx: Context, sentences: list[str]) -> str:
    """Glue sentences with varied punctuation, occasional fillers, connectors and asides."""
    parts: list[str] = []
    kept = [t for t in (s.rstrip("，。！；、 ") for s in sentences) if t]
    last = len(kept) - 1
    for i, sentence in enumerate(kept):
        if i and rng.random() < 0.12:
            sentence = grammar.say("filler", rng, ctx) + sentence
        elif i and rng.random() < 0.12:
            sentence = grammar.say("then", rng, ctx) + "，" + sentence
        if rng.random() < 0.05:
            sentence += grammar.say("aside", rng, ctx)
        parts.append(sentence)
        if sentence.endswith(("：", "：\n")):
            continue
        join = weighted(rng, ENDINGS) if i >= last else weighted(rng, JOINS)
        parts.append(join.lstrip("。，；") if sentence.endswith(("？", "?")) else join)
    text = "".join(parts).strip()
    # Optional slots can leave doubled commas behind ("我张三，，就…"); people do not type those.
    return text.replace("，，", "，").replace("，。", "。") if "，，" in text or "，。" in text else text


def maybe(rng: Random, p: float) -> bool:
    return rng.random() < p
