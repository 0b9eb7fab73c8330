"""Batch analysis throughput: `tousu analyze --no-group` on demo-data files of growing size.

Usage: .venv/bin/python benchmarks/bench_analyze.py [--rows 10000,50000] [--group]

Each run is its own `tousu analyze` process (start-up and model loading included). Peak memory is the child's
maximum resident set; it should stay flat as the file grows, because the file is streamed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
TOUSU = [sys.executable, "-m", "tousu.cli"]


def make_file(rows: int, chars: int | None) -> Path:
    """A demo-data CSV of ``rows`` complaints; with ``chars``, only complaints within 50 characters of it."""
    from itertools import islice

    from tousu.demo import DemoConfig, iter_demo
    from tousu.intake import write_complaints

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / (f"analyze_{rows}.csv" if chars is None else f"analyze_{rows}_{chars}ch.csv")
    if not path.exists():
        pool = rows if chars is None else rows * 8
        records = (record for record, _ in iter_demo(DemoConfig(complaints=pool, seed=202)))
        if chars is not None:
            records = (r for r in records if abs(len(r.content) - chars) <= 50)
        write_complaints(path, islice(records, rows))
    return path


def mean_chars(path: Path) -> float:
    import csv

    with path.open(encoding="utf-8-sig") as handle:
        lengths = [len(row["投诉内容"]) for row, _ in zip(csv.DictReader(handle), range(2000), strict=False)]
    return sum(lengths) / len(lengths)


def run_child(args: list[str]) -> tuple[float, float, dict[str, int]]:
    """Wall seconds, peak RSS in MB of the busiest process (the command or one of its workers), its summary."""
    wrapper = (
        "import resource, runpy, sys; sys.argv = ['tousu'] + sys.argv[1:]\n"
        "try:\n    runpy.run_module('tousu.cli', run_name='__main__')\n"
        "finally:\n    print('PEAK', max(resource.getrusage(who).ru_maxrss for who in "
        "(resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)), file=sys.stderr)\n"
    )
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", wrapper, *args], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    peak_line = [line for line in done.stderr.splitlines() if line.startswith("PEAK")]
    if done.returncode != 0 or not peak_line:
        raise SystemExit(f"tousu {' '.join(args)} failed:\n{done.stderr}")
    return seconds, int(peak_line[-1].split()[1]) / 1024, json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="10000,50000", help="comma-separated file sizes")
    parser.add_argument("--group", action="store_true", help="also find campaigns, events and repeats")
    parser.add_argument("--chars", type=int, default=None, help="only complaints of about this many characters")
    options = parser.parse_args()
    sizes = [int(part) for part in options.rows.split(",")]

    results = []
    for rows in sizes:
        source = make_file(rows, options.chars)
        with tempfile.TemporaryDirectory() as workdir:
            out = Path(workdir) / "out.jsonl"
            args = ["analyze", str(source), "--out", str(out), "--json"]
            if not options.group:
                args.append("--no-group")
            seconds, peak, summary = run_child(args)
            lines = sum(1 for _ in out.open(encoding="utf-8"))
        results.append((rows, mean_chars(source), seconds, peak, summary, lines))

    mode = "with grouping" if options.group else "without campaign grouping (--no-group)"
    print(f"\nAnalyse benchmark: `tousu analyze` {mode}, {os.cpu_count()} cores, one process per run")
    print(f"{'rows':>9}{'mean chars':>12}{'seconds':>10}{'complaints/s':>14}{'peak RSS MB':>14}  output lines")
    for rows, chars, seconds, peak, summary, lines in results:
        print(f"{rows:>9,}{chars:>12.0f}{seconds:>10.1f}{rows / seconds:>14,.0f}{peak:>14.0f}  {lines:,} {summary}")
    best = max(rows / seconds for rows, _, seconds, *_ in results)
    print(f"target: >= 2,000 complaints/s -> {'met' if best >= 2000 else 'NOT met'} (best {best:,.0f}/s)")


if __name__ == "__main__":
    main()
