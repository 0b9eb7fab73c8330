"""What the category and emotion benchmarks share: timing, memory, baselines and a plain-text table."""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from tousu.analysis.category.encoders import forget_embeddings


def measured(step: Callable[[], Any], traced: bool = True) -> tuple[Any, float, float]:
    """Result, wall seconds and peak traced memory (MB) of one step. Untraced (PyTorch allocates outside
    Python's view, and tracing slows a long run): the process's peak resident memory so far instead."""
    if not traced:
        start = time.perf_counter()
        result = step()
        return result, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    start = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return result, seconds, peak


def throughput(predict: Callable[[Sequence[str]], Any], texts: Sequence[str], batch: int = 1000) -> float:
    """Texts per second through ``predict`` in batches."""
    start = time.perf_counter()
    for i in range(0, len(texts), batch):
        predict(texts[i : i + batch])
    return len(texts) / (time.perf_counter() - start)


def encoder_throughput(predict: Callable[[Sequence[str]], Any], texts: Sequence[str]) -> float:
    """Texts per second of a model with a sentence encoder, cold: the embedding memo is emptied first (the texts
    may have just been embedded), and 200 texts say a transformer's speed well enough."""
    forget_embeddings()
    return throughput(predict, texts[:200], batch=100)


def add_tuning_arguments(parser: argparse.ArgumentParser, epochs: int) -> None:
    parser.add_argument("--tune-layers", type=int, default=0, help="also train a model with e5-small fine-tuned")
    parser.add_argument("--tune-epochs", type=int, default=epochs)
    parser.add_argument("--tune-holdout", type=float, default=0.1, help="share choosing the fusion weight")
    parser.add_argument("--tune-seed", type=int, default=0, help="seed of the tuned run: its split, head and solver")


def tuned_run(
    train: Callable[..., Any], texts: list[str], labels: list[str], eval_texts: list[str], args: argparse.Namespace
) -> tuple[Any, list[str], float, float, float]:
    """A model trained with e5-small fine-tuned (--tune-layers), and with the sentence-encoder block as well when
    --encoder names one: the model, its labels for the evaluation texts, training seconds, texts/s on 200 of them
    and the process's peak resident memory (MB)."""
    options = {"holdout": args.tune_holdout, "tune_layers": args.tune_layers, "tune_epochs": args.tune_epochs}
    options["seed"] = args.tune_seed
    options["encoder"] = args.encoder  # "" trains without the block
    model, seconds, peak = measured(lambda: train(texts, labels, **options), traced=False)
    predicted = [result.label for result in model.predict(eval_texts)]
    return model, predicted, seconds, encoder_throughput(model.predict, eval_texts), peak


def tuned_name(args: argparse.Namespace, model: str = "tousu trained") -> str:
    """A table's name for the tuned run."""
    if args.encoder:
        return f"{model} + {args.encoder} block + tuned head ({args.tune_layers} layers)"
    return f"{model} + e5-small tuned ({args.tune_layers} layers)"


def print_tuning(model: Any, args: argparse.Namespace) -> None:
    print(f"fine-tuning as chosen on the held-out {args.tune_holdout:.0%}: {model.info.tuning}")
    print("(peak MB of the tuned run: the process's peak resident memory; the others: traced Python memory)")


def baseline_runs(
    train_texts: list[str], train_labels: list[str], test_texts: list[str]
) -> Iterator[tuple[str, list[str], float, float, float]]:
    """The two TF-IDF character 1-3-gram + logistic-regression baselines, trained and run on the test texts.

    Yields (name, predicted labels, training seconds, texts per second, peak training MB).
    """
    baselines = {
        "baseline tfidf-char13+LR": (
            TfidfVectorizer(analyzer="char", ngram_range=(1, 3)),
            LogisticRegression(max_iter=1000),
        ),
        "baseline sublinear+balanced LR": (
            TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2),
            LogisticRegression(C=3, class_weight="balanced", max_iter=2000),
        ),
    }
    for name, (vectorizer, classifier) in baselines.items():
        fit = lambda v=vectorizer, c=classifier: c.fit(v.fit_transform(train_texts), train_labels)  # noqa: E731
        _, seconds, peak = measured(fit)
        predict = lambda texts, v=vectorizer, c=classifier: c.predict(v.transform(texts))  # noqa: E731
        yield name, list(predict(test_texts)), seconds, throughput(predict, test_texts), peak


def print_table(header: list[str], rows: list[list[str]]) -> None:
    """Columns padded to their widest cell, Chinese characters counted as two columns."""
    widths = [
        max(len(str(cell)) * (2 if any("\u4e00" <= c <= "\u9fff" for c in str(cell)) else 1) for cell in column)
        for column in zip(header, *rows, strict=True)
    ]
    for line in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)))
