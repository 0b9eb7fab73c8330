"""Emotion in complaints: the default lexicon model on hand-labelled 黑猫 complaints and CFPB narratives.

Usage: .venv/bin/python benchmarks/bench_emotion_complaints.py [--data ../shared/data] [--labels FILE ...]

The labels give each complaint one emotion of the default model's label set and a strength from 0 (neutral) to 3.
Chinese: benchmarks/labels/emotion_zh.csv and emotion_zh_test.csv (100 黑猫 complaints each, by file and row of
heimao_fin/category_*.csv), both used in development, and emotion_zh_test2.csv (200), held out. English:
emotion_en.csv (120 CFPB narratives, by Complaint ID) and emotion_en_test.csv (60), both used in development,
emotion_en_test2.csv (80), held out until a round of changes it shaped was measured and not kept, and
emotion_en_test3.csv (100), held out. How they were made and used: benchmarks/labels/README.md. Texts are read from
the shared data folder, never copied here.

Printed per label: precision, recall, F1 and support; "emotional" is any label but neutral against neutral;
macro-F1 is over the labels present in the set. Intensity is compared with the labelled strength by Spearman's rank
correlation. The Chinese lexicon's own tuning set is the Weibo posts of bench_emotion.py; these complaints measure
it on the text it is for.
"""

from __future__ import annotations

import argparse
import csv
import os
from pathlib import Path

from scipy.stats import spearmanr
from sklearn.metrics import f1_score, precision_recall_fscore_support

from tousu.analysis.emotion import load_emotion_model

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TOUSU_SHARED_DATA", ROOT.parent / "shared" / "data"))
LABELS = [
    ROOT / "benchmarks" / "labels" / name
    for name in (
        "emotion_zh.csv",
        "emotion_zh_test.csv",
        "emotion_zh_test2.csv",
        "emotion_en.csv",
        "emotion_en_test.csv",
        "emotion_en_test2.csv",
        "emotion_en_test3.csv",
    )
]
NEUTRAL = "neutral"


def complaint_texts(data: Path) -> dict[str, str]:
    """Every labelled text by its key: ``file:row`` for the 黑猫 corpus, the Complaint ID for the CFPB export."""
    texts: dict[str, str] = {}
    for name in ("category_dev.csv", "category_train.csv"):
        with (data / "heimao_fin" / name).open(encoding="utf-8", newline="") as handle:
            texts.update({f"{name}:{row}": record[0] for row, record in enumerate(csv.reader(handle))})
    with (data / "cfpb" / "complaints_sample_2019_2020.csv").open(encoding="utf-8", newline="") as handle:
        texts.update({row["Complaint ID"]: row["Consumer complaint narrative"] for row in csv.DictReader(handle)})
    return texts


def key(row: dict[str, str]) -> str:
    return row["complaint_id"] if "complaint_id" in row else f"{row['file']}:{row['row']}"


def measure(labels: Path, texts: dict[str, str]) -> tuple[list[list[str]], str]:
    with labels.open(encoding="utf-8", newline="") as handle:
        gold = list(csv.DictReader(handle))
    results = load_emotion_model().predict([texts[key(row)] for row in gold])
    truth = [row["emotion"] for row in gold]
    predicted = [result.label for result in results]
    present = sorted(set(truth) - {NEUTRAL}) + [NEUTRAL]
    rows = []
    p, r, f, s = precision_recall_fscore_support(truth, predicted, labels=present, zero_division=0)
    for label, *cells in zip(present, p, r, f, s, strict=True):
        rows.append([label, *(f"{value:.3f}" for value in cells[:3]), f"{cells[3]}"])
    emotional = ["emotional" if label != NEUTRAL else NEUTRAL for label in truth]
    read = ["emotional" if label != NEUTRAL else NEUTRAL for label in predicted]
    p, r, f, s = precision_recall_fscore_support(emotional, read, labels=["emotional"], zero_division=0)
    rows.append(["emotional (any)", f"{p[0]:.3f}", f"{r[0]:.3f}", f"{f[0]:.3f}", f"{s[0]}"])
    macro = f1_score(truth, predicted, labels=present, average="macro", zero_division=0)
    rho = spearmanr([int(row["strength"]) for row in gold], [result.intensity for result in results]).statistic
    summary = f"macro-F1 over the {len(present)} labels present {macro:.3f}; intensity vs strength Spearman {rho:.3f}"
    return rows, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--labels", type=Path, action="append", help="label file(s); default: every shipped set")
    args = parser.parse_args()
    texts = complaint_texts(args.data)
    print(f"default emotion model {load_emotion_model().version} on labelled complaints")
    for labels in args.labels or LABELS:
        rows, summary = measure(labels, texts)
        print(f"\n{labels.name}")
        print(f"{'label':<18}{'P':>8}{'R':>8}{'F1':>8}{'n':>6}")
        for label, *cells in rows:
            print(f"{label:<18}" + "".join(f"{cell:>8}" for cell in cells[:3]) + f"{cells[3]:>6}")
        print(summary)


if __name__ == "__main__":
    main()
