"""Accuracy of campaign detection on the demo set (ground truth) and on real near-duplicate candidates.

Demo: for several seeds and paraphrase strengths, precision / recall / F1 of the campaign flag,
B-cubed F1 of the campaign grouping, false-flag rates on genuine group-event complaints and on
repeat complaints, plus how well group events and repeats are recovered.
Real: the 109 candidate pairs of ../shared/data/heimao_templates (silver: TF-IDF char-3-gram
cosine >= 0.6): the share of pairs placed in one template family per cosine band, and the size
of the largest family (chaining check).

Usage: .venv/bin/python benchmarks/bench_campaigns.py [--complaints 5000] [--seeds 1 2 3]
       [--paraphrase 0.2 0.5 0.8] [--data ../shared/data/heimao_templates]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from tousu.analysis.campaigns import CampaignInput, CampaignSettings, detect_campaigns
from tousu.analysis.campaigns.templates import signatures, template_families, template_links

SECRET = b"bench-campaigns-secret-0123456789"


def bcubed_f1(pred: dict[str, str], gold: dict[str, str], items: Sequence[str]) -> float:
    """B-cubed F1 over ``items``; an item missing from a mapping is a singleton."""
    pred_groups: dict[str, set[str]] = defaultdict(set)
    gold_groups: dict[str, set[str]] = defaultdict(set)
    for i in items:
        pred_groups[pred.get(i, "_" + i)].add(i)
        gold_groups[gold.get(i, "_" + i)].add(i)
    precision = recall = 0.0
    for i in items:
        p = pred_groups[pred.get(i, "_" + i)]
        g = gold_groups[gold.get(i, "_" + i)]
        both = len(p & g)
        precision += both / len(p)
        recall += both / len(g)
    precision /= max(len(items), 1)
    recall /= max(len(items), 1)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate_demo(complaints: int, seed: int, paraphrase: float, settings: CampaignSettings) -> dict[str, float]:
    """Generate one demo set, detect, and score against its truth rows."""
    from tousu.demo import DemoConfig, generate_demo

    demo = generate_demo(DemoConfig(complaints=complaints, seed=seed, paraphrase=paraphrase))
    items = [CampaignInput.from_record(r, SECRET) for r in demo.records]
    start = time.perf_counter()
    detection = detect_campaigns(items, settings)
    seconds = time.perf_counter() - start
    truth = {t.complaint_id: t for t in demo.truth}
    flagged = {cid for c in detection.campaigns for cid in c.members}
    gold = {cid for cid, t in truth.items() if t.kind == "campaign"}
    p, r, f = prf(len(flagged & gold), len(flagged - gold), len(gold - flagged))
    pred_group = {cid: c.id for c in detection.campaigns for cid in c.members}
    gold_group = {cid: t.group_id for cid, t in truth.items() if t.kind == "campaign"}
    b3 = bcubed_f1(pred_group, gold_group, sorted(flagged | gold))
    events = {cid for cid, t in truth.items() if t.kind == "group_event"}
    repeats = {cid for cid, t in truth.items() if t.kind == "repeat"}
    in_event = {cid for e in detection.group_events for cid in e.members}
    in_repeat = {cid for rp in detection.repeats for cid in rp.members}
    ep, er, _ = prf(len(in_event & events), len(in_event - events), len(events - in_event))
    rp_, rr, _ = prf(len(in_repeat & repeats), len(in_repeat - repeats), len(repeats - in_repeat))
    kinds_right = 0
    for c in detection.campaigns:
        types = Counter(truth[m].group_type for m in c.members if truth[m].kind == "campaign")
        kinds_right += int(bool(types) and types.most_common(1)[0][0] == c.kind)
    return {
        "precision": p,
        "recall": r,
        "f1": f,
        "bcubed_f1": b3,
        "false_flag_event": len(flagged & events) / max(len(events), 1),
        "false_flag_repeat": len(flagged & repeats) / max(len(repeats), 1),
        "event_precision": ep,
        "event_recall": er,
        "repeat_recall": rr,
        "repeat_precision": rp_,
        "kind_accuracy": kinds_right / max(len(detection.campaigns), 1),
        "campaigns": float(len(detection.campaigns)),
        "true_campaigns": float(len({t.group_id for t in truth.values() if t.kind == "campaign"})),
        "seconds": seconds,
    }


def evaluate_heimao(
    folder: Path, settings: CampaignSettings
) -> tuple[list[tuple[str, int, int, float]], dict[str, float]]:
    """Recall of the silver pairs per cosine band, and how alike the families' own pairs are.

    Recall: the share of the candidate pairs (TF-IDF char-3-gram cosine, HOW_DERIVED.md) placed in
    one family. Silver precision: every pair inside a family scored with the same TF-IDF cosine;
    the share at >= 0.6 (the file's own cut) and >= 0.4, and the largest family (chaining check).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    with (folder / "unique_texts.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    texts = [r[1] for r in rows]
    position = {r[0]: i for i, r in enumerate(rows)}
    sig = signatures(texts, settings)
    families = template_families(sig, template_links(sig, settings), settings)
    label = np.full(len(texts), -1)
    for k, f in enumerate(families):
        label[f] = k
    with (folder / "near_duplicate_pairs.csv").open(encoding="utf-8") as handle:
        pairs = list(csv.DictReader(handle))
    out = []
    for low, high in ((0.9, 1.01), (0.8, 0.9), (0.7, 0.8), (0.6, 0.7)):
        band = [p for p in pairs if low <= float(p["cosine_char3"]) < high]
        same = sum(
            1
            for p in band
            if label[position[p["id_a"]]] >= 0 and label[position[p["id_a"]]] == label[position[p["id_b"]]]
        )
        out.append((f"{low:.1f}-{min(high, 1.0):.1f}", len(band), same, same / max(len(band), 1)))
    tfidf = TfidfVectorizer(analyzer="char", ngram_range=(3, 3), min_df=2).fit_transform(texts)
    cosines = []
    for f in families:
        block = tfidf[f] @ tfidf[f].T
        upper = np.triu_indices(f.size, 1)
        cosines += np.asarray(block.todense())[upper].tolist()
    cos = np.array(cosines)
    stats = {
        "families": float(len(families)),
        "largest": float(max((f.size for f in families), default=0)),
        "texts": float(len(texts)),
        "pairs": float(cos.size),
        "at_0.6": float((cos >= 0.6).mean()) if cos.size else 0.0,
        "at_0.4": float((cos >= 0.4).mean()) if cos.size else 0.0,
        "median": float(np.median(cos)) if cos.size else 0.0,
    }
    return out, stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=5000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--paraphrase", type=float, nargs="+", default=[0.2, 0.5, 0.8])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/heimao_templates"
    )
    args = parser.parse_args()
    settings = CampaignSettings()
    cols = ("precision", "recall", "f1", "bcubed_f1", "false_flag_event", "false_flag_repeat",
            "event_precision", "event_recall", "repeat_recall", "kind_accuracy")  # fmt: skip
    print(f"Demo data, {args.complaints} complaints per run")
    print(f"| seed | paraphrase | {' | '.join(cols)} | campaigns found/true | seconds |")
    print("|" + "---|" * (len(cols) + 4))
    results = []
    for paraphrase in args.paraphrase:
        for seed in args.seeds:
            m = evaluate_demo(args.complaints, seed, paraphrase, settings)
            results.append(m)
            vals = " | ".join(f"{m[c]:.3f}" for c in cols)
            found = f"{m['campaigns']:.0f}/{m['true_campaigns']:.0f}"
            print(f"| {seed} | {paraphrase} | {vals} | {found} | {m['seconds']:.1f} |", flush=True)
    means = " | ".join(f"{statistics.mean(m[c] for m in results):.3f}" for c in cols)
    worst = " | ".join(f"{(max if c.startswith('false') else min)(m[c] for m in results):.3f}" for c in cols)
    print(f"| mean | all | {means} | | |")
    print(f"| worst | all | {worst} | | |")
    if args.data.exists():
        bands, stats = evaluate_heimao(args.data, settings)
        print(f"\nReal near-duplicate candidates ({args.data}): recall of the silver pairs")
        print("| cosine band | pairs | same family | share |")
        print("|---|---|---|---|")
        for band, count, same, share in bands:
            print(f"| {band} | {count} | {same} | {share:.2f} |")
        print("\nPairs inside the families found, scored by the same TF-IDF char-3-gram cosine (silver precision)")
        print("| texts | families | largest | pairs | cosine >= 0.6 | cosine >= 0.4 | median cosine |")
        print("|---|---|---|---|---|---|---|")
        print(
            f"| {stats['texts']:.0f} | {stats['families']:.0f} | {stats['largest']:.0f} | {stats['pairs']:.0f} "
            f"| {stats['at_0.6']:.3f} | {stats['at_0.4']:.3f} | {stats['median']:.3f} |"
        )


if __name__ == "__main__":
    main()
