"""Ordinary demo complaints are as varied as real ones; campaign letters are templated, as much as asked."""

from __future__ import annotations

import random
import statistics
from collections import defaultdict

from tousu.demo import DemoConfig, DemoDataset, generate_demo


def jaccard(a: str, b: str) -> float:
    x = {a[i : i + 3] for i in range(len(a) - 2)}
    y = {b[i : i + 3] for i in range(len(b) - 2)}
    return len(x & y) / len(x | y)


def _campaign_similarity(dataset: DemoDataset, pairs: int = 200) -> float:
    """Median Jaccard of random pairs of letters from the same campaign."""
    groups: dict[str, list[str]] = defaultdict(list)
    for record, row in zip(dataset.records, dataset.truth, strict=True):
        if row.kind == "campaign":
            groups[row.group_id].append(record.content)
    rng = random.Random(3)
    big = [texts for texts in groups.values() if len(texts) >= 2]
    values = []
    for _ in range(pairs):
        texts = rng.choice(big)
        a, b = rng.sample(texts, 2)
        values.append(jaccard(a, b))
    return statistics.median(values)


def test_two_ordinary_complaints_rarely_share_a_sentence(demo_set: DemoDataset) -> None:
    ordinary = [r.content for r, t in zip(demo_set.records, demo_set.truth, strict=True) if t.kind == "ordinary"]
    rng = random.Random(17)
    scores = [jaccard(*rng.sample(ordinary, 2)) for _ in range(300)]
    assert sum(s < 0.05 for s in scores) >= 291


def test_letters_of_one_campaign_are_far_more_alike_than_ordinary_complaints(demo_set: DemoDataset) -> None:
    assert _campaign_similarity(demo_set) > 0.15


def test_paraphrase_strength_controls_how_much_campaign_members_differ() -> None:
    similarity = {
        p: _campaign_similarity(generate_demo(DemoConfig(complaints=600, seed=4, paraphrase=p, campaign_share=0.3)))
        for p in (0.0, 0.5, 1.0)
    }
    assert similarity[0.0] > similarity[0.5] > similarity[1.0]
    assert similarity[0.0] > 0.5


def test_without_paraphrase_members_differ_only_in_their_personal_details() -> None:
    dataset = generate_demo(DemoConfig(complaints=400, seed=8, paraphrase=0.0, campaign_share=0.3))
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for record, row in zip(dataset.records, dataset.truth, strict=True):
        if row.kind == "campaign":
            groups[row.group_id].append((record.content, record.complainant_name or ""))
    letters = max(groups.values(), key=len)
    (first, name_a), (second, name_b) = letters[0], letters[1]
    assert name_a != name_b
    assert first.count("\n") == second.count("\n")
    assert jaccard(first.replace(name_a, ""), second.replace(name_b, "")) > 0.45
