"""How diverse and how fast is the synthetic demo data, next to real complaints?

Prints one table: for the demo set's ordinary complaints and for the real texts in
../shared/data/heimao_templates/unique_texts.csv, the share of 1,000 random pairs whose character
3-gram Jaccard similarity is below 0.05, the median and p99 Jaccard, text lengths. Two more rows show
pairs drawn from the same campaign (templated: high) and the same group event (own words: low).
Then generation throughput (in memory and streaming; per wall second and per CPU second, since the
machine may be shared) and the process's peak memory.

Usage: .venv/bin/python benchmarks/bench_demo_diversity.py [--complaints 20000] [--seed 7] [--pairs 1000]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = (
    Path(os.environ.get("TOUSU_SHARED_DATA", ROOT.parent / "shared" / "data")) / "heimao_templates" / "unique_texts.csv"
)


def trigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 3] for i in range(len(text) - 2))


def pair_stats(texts: list[str], pairs: int, seed: int) -> dict[str, float]:
    """Jaccard of ``pairs`` random distinct pairs: share below 0.05, median, p99."""
    rng = random.Random(seed)
    grams = [trigrams(t) for t in texts]
    values = []
    for _ in range(pairs):
        a, b = rng.sample(range(len(texts)), 2)
        union = len(grams[a] | grams[b])
        values.append(len(grams[a] & grams[b]) / union if union else 1.0)
    values.sort()
    return {
        "below": sum(v < 0.05 for v in values),
        "median": statistics.median(values),
        "p99": values[min(len(values) - 1, int(0.99 * len(values)))],
    }


def within_group_stats(groups: list[list[str]], pairs: int, seed: int) -> dict[str, float]:
    """Jaccard of random pairs drawn from the same group (same campaign, same event)."""
    rng = random.Random(seed)
    usable = [g for g in groups if len(g) >= 2]
    values = []
    for _ in range(pairs):
        texts = rng.choice(usable)
        a, b = rng.sample(texts, 2)
        ga, gb = trigrams(a), trigrams(b)
        values.append(len(ga & gb) / len(ga | gb))
    values.sort()
    return {
        "below": sum(v < 0.05 for v in values),
        "median": statistics.median(values),
        "p99": values[min(len(values) - 1, int(0.99 * len(values)))],
    }


def lengths(texts: list[str]) -> str:
    ordered = sorted(len(t) for t in texts)
    return f"{ordered[len(ordered) // 10]}/{ordered[len(ordered) // 2]}/{ordered[9 * len(ordered) // 10]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pairs", type=int, default=1_000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from tousu.demo import DemoConfig, generate_demo, iter_demo

    config = DemoConfig(complaints=args.complaints, seed=args.seed)
    start, cpu = time.perf_counter(), time.process_time()
    dataset = generate_demo(config)
    in_memory, in_memory_cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start, cpu = time.perf_counter(), time.process_time()
    streamed = sum(1 for _ in iter_demo(DemoConfig(complaints=min(args.complaints, 10_000), seed=args.seed + 1)))
    stream_seconds, stream_cpu = time.perf_counter() - start, time.process_time() - cpu

    kinds = {row.complaint_id: row.kind for row in dataset.truth}
    ordinary = [r.content for r in dataset.records if kinds[r.complaint_id] == "ordinary"]
    groups: dict[str, list[str]] = {}
    for record, row in zip(dataset.records, dataset.truth, strict=True):
        if row.kind in ("campaign", "group_event"):
            groups.setdefault(row.group_id, []).append(record.content)
    campaigns = [texts for gid, texts in sorted(groups.items()) if gid.startswith("C-")]
    events = [texts for gid, texts in sorted(groups.items()) if gid.startswith("E-")]
    with REAL.open(encoding="utf-8") as handle:
        real = [row["text"] for row in csv.DictReader(handle)]

    rows = [
        ("demo ordinary", ordinary, pair_stats(ordinary, args.pairs, 1)),
        ("demo same campaign", sum(campaigns, []), within_group_stats(campaigns, args.pairs, 2) if campaigns else None),
        ("demo same group event", sum(events, []), within_group_stats(events, args.pairs, 3) if events else None),
        ("real unique_texts.csv", real, pair_stats(real, args.pairs, 1)),
    ]
    print(
        f"demo: {args.complaints:,} complaints, seed {args.seed}; {args.pairs:,} random pairs per row; "
        "char 3-gram Jaccard"
    )
    print(f"{'texts':<26}{'n':>8}{'pairs<0.05':>12}{'median':>9}{'p99':>8}{'len p10/50/90':>16}")
    for name, texts, stats in rows:
        if stats is None:
            continue
        print(
            f"{name:<26}{len(texts):>8,}{stats['below']:>8}/{args.pairs:<4}{stats['median']:>8.3f}"
            f"{stats['p99']:>8.3f}{lengths(texts):>16}"
        )
    print()
    print(f"{'generation':<26}{'complaints':>12}{'seconds':>9}{'per second':>12}{'per CPU second':>16}")
    for name, count, wall, used in (
        ("generate_demo (in memory)", args.complaints, in_memory, in_memory_cpu),
        ("iter_demo (streaming)", streamed, stream_seconds, stream_cpu),
    ):
        print(f"{name:<26}{count:>12,}{wall:>9.2f}{count / wall:>12,.0f}{count / used:>16,.0f}")
    print(f"peak memory (process, after generate_demo): {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
