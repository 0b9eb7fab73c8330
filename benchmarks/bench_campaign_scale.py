"""Speed and memory of campaign detection at 10k, 100k and 1M complaints, and incremental check latency.

Each size runs in its own process (so peak memory is that size's own): the demo set is streamed
and turned into ``CampaignInput`` (HMAC-hashed identifiers; timed apart as "prepare"), then
``detect_campaigns`` runs on all but the newest ``--holdout`` complaints (timed: "detect"). A
``CampaignIndex`` is built from the result and each held-out complaint is checked one at a time
(latency p50/p95/p99), then added; the share of held-out campaign letters matched to the
campaign that holds most of their truth group is reported as "check recall".

Peak memory is the process's peak resident set, inputs included. With ``--cache DIR`` the prepared
inputs are pickled there and reused by later runs ("prepare" is then the time to load them).

Usage: .venv/bin/python benchmarks/bench_campaign_scale.py [--sizes 10000 100000 1000000] [--holdout 2000]
       [--cache /tmp/tousu-bench]
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

SECRET = b"bench-campaign-scale-secret-0123456789"


def prepared(size: int, seed: int, cache: Path | None) -> tuple[list[Any], list[str], float]:
    """The demo set as campaign inputs and campaign truth ids, read from ``cache`` when it was written before."""
    from tousu.analysis.campaigns import CampaignInput
    from tousu.demo import DemoConfig, iter_demo

    start = time.perf_counter()
    path = cache / f"campaign-inputs-{size}-{seed}.pkl" if cache else None
    if path and path.exists():
        with path.open("rb") as handle:
            items, truth = pickle.load(handle)
        return items, truth, time.perf_counter() - start
    items, truth = [], []
    for record, row in iter_demo(DemoConfig(complaints=size, seed=seed)):
        items.append(CampaignInput.from_record(record, SECRET))
        truth.append(row.group_id if row.kind == "campaign" else "")
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            pickle.dump((items, truth), handle, protocol=pickle.HIGHEST_PROTOCOL)
    return items, truth, time.perf_counter() - start


def run_one(size: int, holdout: int, seed: int, cache: Path | None = None) -> dict[str, float]:
    """One size, in this process."""
    from tousu.analysis.campaigns import CampaignIndex, detect_campaigns

    items, truth, prepare = prepared(size + holdout, seed, cache)
    base, new = items[:size], items[size:]
    start = time.perf_counter()
    detection = detect_campaigns(base)
    detect = time.perf_counter() - start
    start = time.perf_counter()
    index = CampaignIndex.from_detection(detection, base)
    build = time.perf_counter() - start
    majority = {}
    position = {cid: i for i, cid in enumerate(detection.complaint_ids)}
    for c in detection.campaigns:
        groups = Counter(truth[position[m]] for m in c.members)
        majority[c.id] = groups.most_common(1)[0][0]
    latencies, hits, wanted = [], 0, 0
    for item, group in zip(new, truth[size:], strict=True):
        t0 = time.perf_counter()
        match = index.check(item)
        latencies.append((time.perf_counter() - t0) * 1000)
        index.add(item)
        if group and group in majority.values():
            wanted += 1
            hits += int(match is not None and majority.get(match.campaign_id) == group)
    lat = np.array(latencies)
    return {
        "size": size,
        "prepare_s": prepare,
        "detect_s": detect,
        "per_s": size / detect,
        "peak_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2,
        "campaigns": len(detection.campaigns),
        "index_s": build,
        "p50_ms": float(np.percentile(lat, 50)),
        "p95_ms": float(np.percentile(lat, 95)),
        "p99_ms": float(np.percentile(lat, 99)),
        "check_recall": hits / wanted if wanted else float("nan"),
        "checked": len(new),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--holdout", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--cache", type=Path, help="directory to keep the prepared demo inputs in between runs")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.holdout, args.seed, args.cache)))
        return
    print("| complaints | prepare s | detect s | complaints/s | peak RSS GB | campaigns | index build s "
          "| check p50 ms | p95 ms | p99 ms | check recall |")  # fmt: skip
    print("|" + "---|" * 11)
    for size in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(size), "--holdout", str(args.holdout), "--seed", str(args.seed)]
        cmd += ["--cache", str(args.cache)] if args.cache else []
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        r = json.loads(out)
        print(
            f"| {r['size']:,} | {r['prepare_s']:.1f} | {r['detect_s']:.1f} | {r['per_s']:,.0f} | {r['peak_gb']:.2f} "
            f"| {r['campaigns']} | {r['index_s']:.1f} | {r['p50_ms']:.2f} | {r['p95_ms']:.2f} | {r['p99_ms']:.2f} "
            f"| {r['check_recall']:.3f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
