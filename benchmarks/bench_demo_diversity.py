"""How diverse and how fast is the synthetic demo data, next to real complaints?

Prints one table: for the demo set's ordinary complaints and for the real texts in
../shared/data/heimao_templates/unique_texts.csv, the share of 1,000 random pairs whose character
3-gram Jaccard similarity is below 0.05, the median and p99 Jaccard, text lengths; for the demo set
also generation throughput (in memory and streaming) and the process's peak memory.

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
    start = time.perf_counter()
    dataset = generate_demo(config)
    in_memory = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    streamed = sum(1 for _ in iter_demo(DemoConfig(complaints=min(args.complaints, 10_000), seed=args.seed + 1)))
    stream_rate = streamed / (time.perf_counter() - start)

    kinds = {row.complaint_id: row.kind for row in dataset.truth}
    ordinary = [r.content for r in dataset.records if kinds[r.complaint_id] == "ordinary"]
    campaign = [r.content for r in dataset.records if kinds[r.complaint_id] == "campaign"]
    with REAL.open(encoding="utf-8") as handle:
        real = [row["text"] for row in csv.DictReader(handle)]

    rows = [
        ("demo ordinary", ordinary, pair_stats(ordinary, args.pairs, 1)),
        ("demo campaign (any pair)", campaign, pair_stats(campaign, args.pairs, 2) if len(campaign) > 1 else None),
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
    print(f"{'generation':<26}{'complaints':>12}{'seconds':>9}{'per second':>12}")
    print(
        f"{'generate_demo (in memory)':<26}{args.complaints:>12,}{in_memory:>9.2f}{args.complaints / in_memory:>12,.0f}"
    )
    print(f"{'iter_demo (streaming)':<26}{streamed:>12,}{streamed / stream_rate:>9.2f}{stream_rate:>12,.0f}")
    print(f"peak memory (process, after generate_demo): {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
