"""Accuracy and speed of the rule-based reading: threats, demanded amount, entities, vulnerability, masking.

Usage: .venv/bin/python benchmarks/bench_extraction.py [--data ../shared/data/heimao_fin] [--cfpb FILE] [--repeat 3]

Accuracy is measured on the labelled set benchmarks/labels/threats_amounts.csv (310 real 黑猫投诉 complaints,
labels in benchmarks/labels/README.md; texts are read from the shared data folder, never copied here), which the
rules were developed against, on threats_amounts_test.csv to _test5.csv (1,400 more, each held out for one
measurement and then used to develop the rules too), and on threats_amounts_test6.csv (300 more, from the texts of
heimao_fin/mechanism_*.csv that are in neither category split, held out):
threat precision/recall/F1 (micro over kinds, per kind, and exact match of each complaint's kind set) and
exact match of the demanded amount (both empty counts as a match). The same measures are printed for English
complaints on benchmarks/labels/threats_en.csv (120 CFPB narratives of cfpb/complaints_sample_2019_2020.csv)
and, threats only, threats_en_round2.csv (40 more), both used in developing the English rules, and
threats_en_test.csv (50 more, held out: never used so). Vulnerability kinds are measured the same way on
vulnerable_zh*.csv (600 黑猫 complaints) and vulnerable_en*.csv (250 CFPB narratives): the files before each
language's held-out one shaped the rules; the held-out ones are `vulnerable_zh_test3.csv` and `vulnerable_en_test2.csv`.

Speed is measured on every complaint of the corpus (category_train + category_dev), and apart on those of
250-350 characters (the size the throughput target is set for): one complaint is normalised, then read by
extract, detect_threats and detect_vulnerable, as the batch analyser does. Latency percentiles are per
complaint; masking (mask_text) is timed apart. Peak memory is the Python heap peak of
one pass (tracemalloc) and the process's peak RSS. The machine is shared: timings are pessimistic.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path

from tousu.analysis.normalize import normalize_text
from tousu.analysis.pipeline import read_rules
from tousu.analysis.privacy import mask_text
from tousu.analysis.threats import THREAT_KINDS, threat_kinds
from tousu.analysis.vulnerable import VULNERABLE_KINDS

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "benchmarks" / "labels" / "threats_amounts.csv"
LABELS_TEST = ROOT / "benchmarks" / "labels" / "threats_amounts_test.csv"  # held out once, then development
LABELS_TEST2 = ROOT / "benchmarks" / "labels" / "threats_amounts_test2.csv"  # held out once, then development
LABELS_TEST3 = ROOT / "benchmarks" / "labels" / "threats_amounts_test3.csv"  # held out once, then development
LABELS_TEST4 = ROOT / "benchmarks" / "labels" / "threats_amounts_test4.csv"  # held out once, then development
LABELS_TEST5 = ROOT / "benchmarks" / "labels" / "threats_amounts_test5.csv"  # held out once (mechanism_*.csv rows)
LABELS_TEST6 = ROOT / "benchmarks" / "labels" / "threats_amounts_test6.csv"  # held out (mechanism_*.csv rows)
LABELS_EN = ROOT / "benchmarks" / "labels" / "threats_en.csv"
LABELS_EN_ROUND2 = ROOT / "benchmarks" / "labels" / "threats_en_round2.csv"  # threats only
LABELS_EN_TEST = ROOT / "benchmarks" / "labels" / "threats_en_test.csv"  # threats only, held out
VULNERABLE_SETS = tuple(  # each language: the development sets, then the held-out one
    ROOT / "benchmarks" / "labels" / f"vulnerable_{name}.csv"
    for name in ("zh", "zh_test", "zh_test2", "zh_test3", "en", "en_test", "en_test2")
)
SHARED = Path(os.environ.get("TOUSU_SHARED_DATA", ROOT.parent / "shared" / "data"))
DEFAULT_DATA = SHARED / "heimao_fin"
CFPB = SHARED / "cfpb" / "complaints_sample_2019_2020.csv"
FILES = ("category_dev.csv", "category_train.csv")  # the speed corpus
LABELLED_FILES = (*FILES, "mechanism_dev.csv", "mechanism_train.csv")  # where labelled rows may come from
ON = date(2026, 1, 1)


def load_texts(data: Path) -> dict[str, list[str]]:
    texts: dict[str, list[str]] = {}
    for name in LABELLED_FILES:
        with (data / name).open(encoding="utf-8", newline="") as handle:
            texts[name] = [record[0] for record in csv.reader(handle)]
    return texts


def read_one(raw: str) -> tuple[list[str], float | None]:
    """The whole rule-based reading of one complaint, as the batch analyser runs it."""
    reading = read_rules(normalize_text(raw), at=ON)
    return threat_kinds(reading.threats), reading.extraction.demand_amount


Labelled = list[tuple[str, set[str], float | None]]  # text, threat kinds, demanded amount
Row = tuple[str, str, str, str, str]  # measure, precision, recall, F1 or accuracy, support


def chinese_labels(texts: dict[str, list[str]], labels: Path = LABELS) -> Labelled:
    with labels.open(encoding="utf-8", newline="") as handle:
        return [(texts[row["file"]][int(row["row"])], *gold(row)) for row in csv.DictReader(handle)]


def english_labels(cfpb: Path, labels: Path = LABELS_EN) -> Labelled:
    narratives = cfpb_narratives(cfpb)
    with labels.open(encoding="utf-8", newline="") as handle:
        return [(narratives[row["complaint_id"]], *gold(row)) for row in csv.DictReader(handle)]


def gold(row: dict[str, str]) -> tuple[set[str], float | None]:
    kinds = {kind for kind in row["threats"].split(";") if kind}
    return kinds, float(row["demand_amount"]) if row.get("demand_amount") else None


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def kind_scores(pairs: list[tuple[set[str], set[str]]], kinds: tuple[str, ...], what: str) -> list[Row]:
    """Precision, recall and F1 over ``kinds`` (micro, then per kind) and the exact match of each complaint's set,
    from (predicted, gold) pairs."""
    counts = {kind: [0, 0, 0, 0] for kind in kinds}  # tp, fp, fn, support
    for predicted, gold_kinds in pairs:
        for kind in kinds:
            counts[kind][0] += kind in predicted and kind in gold_kinds
            counts[kind][1] += kind in predicted and kind not in gold_kinds
            counts[kind][2] += kind in gold_kinds and kind not in predicted
            counts[kind][3] += kind in gold_kinds
    micro = [sum(values[i] for values in counts.values()) for i in range(4)]
    precision, recall, f1 = prf(*micro[:3])
    table = [(f"{what}, micro", f"{precision:.3f}", f"{recall:.3f}", f"{f1:.3f}", str(micro[3]))]
    for kind, (tp, fp, fn, support) in counts.items():
        precision, recall, f1 = prf(tp, fp, fn)
        table.append((f"  {kind}", f"{precision:.3f}", f"{recall:.3f}", f"{f1:.3f}", str(support)))
    exact = sum(predicted == gold_kinds for predicted, gold_kinds in pairs) / len(pairs)
    table.append((f"{what} kind-set exact match", "", "", f"{exact:.3f}", str(len(pairs))))
    return table


def accuracy(labelled: Labelled, amounts: bool = True) -> list[Row]:
    readings = [(read_one(text), gold_kinds, gold_amount) for text, gold_kinds, gold_amount in labelled]
    table = kind_scores([(set(kinds), gold_kinds) for (kinds, _), gold_kinds, _ in readings], THREAT_KINDS, "threats")
    if amounts:
        hits = sum(_same_amount(amount, gold_amount) for (_, amount), _, gold_amount in readings)
        table.append(("demand amount exact match", "", "", f"{hits / len(readings):.3f}", str(len(readings))))
    return table


def _same_amount(amount: float | None, gold_amount: float | None) -> bool:
    if amount is None or gold_amount is None:
        return amount is None and gold_amount is None
    return abs(amount - gold_amount) < 0.005


def vulnerable_accuracy(labelled: list[tuple[str, set[str]]]) -> list[Row]:
    """Vulnerability kinds as the batch analyser reads them (the text only: the sets hold no ID numbers)."""
    pairs = []
    for text, gold_kinds in labelled:
        hits = read_rules(normalize_text(text), at=ON).vulnerable
        pairs.append(({hit.kind for hit in hits}, gold_kinds))
    return kind_scores(pairs, VULNERABLE_KINDS, "vulnerable")


def vulnerable_labels(
    texts: dict[str, list[str]], narratives: dict[str, str], labels: Path
) -> list[tuple[str, set[str]]]:
    """A Chinese set names its complaints by file and row, an English one by CFPB Complaint ID."""
    with labels.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        (
            narratives[row["complaint_id"]] if "complaint_id" in row else texts[row["file"]][int(row["row"])],
            {kind for kind in row["vulnerable"].split(";") if kind},
        )
        for row in rows
    ]


def cfpb_narratives(cfpb: Path) -> dict[str, str]:
    with cfpb.open(encoding="utf-8", newline="") as handle:
        return {row["Complaint ID"]: row["Consumer complaint narrative"] for row in csv.DictReader(handle)}


def timed(run: Callable[[str], object], corpus: list[str], repeat: int) -> tuple[float, float, list[float]]:
    """Complaints per wall-clock second and per CPU second of this process over ``repeat`` passes, and every
    per-complaint latency in ms (the CPU rate shows what other work on a shared machine takes away)."""
    latencies: list[float] = []
    clock = time.perf_counter
    start, cpu_start = clock(), time.process_time()
    for _ in range(repeat):
        for raw in corpus:
            begin = clock()
            run(raw)
            latencies.append((clock() - begin) * 1000)
    done = len(corpus) * repeat
    return done / (clock() - start), done / (time.process_time() - cpu_start), latencies


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def print_table(labels: Path, table: list[Row]) -> None:
    print(f"Accuracy on {labels.relative_to(ROOT)}")
    print(f"{'measure':<32} {'precision':>9} {'recall':>7} {'F1/acc':>7} {'n':>5}")
    for name, precision, recall, f1, support in table:
        print(f"{name:<32} {precision:>9} {recall:>7} {f1:>7} {support:>5}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cfpb", type=Path, default=CFPB)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = load_texts(args.data)
    corpus = [text for name in FILES for text in texts[name]]
    read_one(corpus[0])  # load lexicons and OpenCC tables before timing

    sets = (
        (LABELS, chinese_labels(texts)),
        (LABELS_TEST, chinese_labels(texts, LABELS_TEST)),
        (LABELS_TEST2, chinese_labels(texts, LABELS_TEST2)),
        (LABELS_TEST3, chinese_labels(texts, LABELS_TEST3)),
        (LABELS_TEST4, chinese_labels(texts, LABELS_TEST4)),
        (LABELS_TEST5, chinese_labels(texts, LABELS_TEST5)),
        (LABELS_TEST6, chinese_labels(texts, LABELS_TEST6)),
        (LABELS_EN, english_labels(args.cfpb)),
        (LABELS_EN_ROUND2, english_labels(args.cfpb, LABELS_EN_ROUND2)),
        (LABELS_EN_TEST, english_labels(args.cfpb, LABELS_EN_TEST)),
    )
    for labels, labelled in sets:
        with_amounts = labels not in (LABELS_EN_ROUND2, LABELS_EN_TEST)
        print_table(labels, accuracy(labelled, amounts=with_amounts))
    narratives = cfpb_narratives(args.cfpb)
    for labels in VULNERABLE_SETS:
        print_table(labels, vulnerable_accuracy(vulnerable_labels(texts, narratives, labels)))

    mean_chars = statistics.fmean(len(text) for text in corpus)
    tracemalloc.start()
    for raw in corpus:
        read_one(raw)
    heap_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"Speed, {args.repeat} passes, 1 core ({len(corpus)} complaints, {mean_chars:.0f} characters on average)")
    print(f"{'stage':<38} {'texts':<14} {'per s':>8} {'per CPU s':>9} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    long_ones = [text for text in corpus if 250 <= len(text) <= 350]
    stages: list[tuple[str, Callable[[str], object]]] = [
        ("normalise+extract+threats+vulnerable", read_one),
        ("mask_text (raw text)", mask_text),
    ]
    for name, run in stages:
        for label, texts_used in (("all", corpus), (f"250-350 ch ({len(long_ones)})", long_ones)):
            rate, cpu_rate, latencies = timed(run, texts_used, args.repeat)
            p50, p95, p99 = (percentile(latencies, share) for share in (0.5, 0.95, 0.99))
            print(f"{name:<38} {label:<14} {rate:>8.0f} {cpu_rate:>9.0f} {p50:>7.3f} {p95:>7.3f} {p99:>7.3f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: Python heap during one pass {heap_peak:.1f} MB; process peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
