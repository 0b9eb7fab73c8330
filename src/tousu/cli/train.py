"""`tousu train category|emotion`: learn an institution's own taxonomy or emotion labels from its history."""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress
from rich.table import Table

from tousu.cli.common import console, fail, friendly_errors

train_app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

_JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class LabelledRows:
    """Texts and labels read from a training file, with the file line each example starts on."""

    texts: list[str]
    labels: list[str]
    rows: list[int]


class TrainingFileError(ValueError):
    """A training file that cannot be read; the message names the row or field and what to do."""


DataOption = Annotated[
    Path,
    typer.Option("--data", help="带标签的训练数据：CSV（含表头）或 JSONL / labelled data: CSV with a header or JSONL"),
]
OutOption = Annotated[Path, typer.Option("--out", help="模型文件保存路径 / where to write the model file")]
TextField = Annotated[str, typer.Option("--text-field", help="文本字段名 / name of the text field")]
LabelField = Annotated[str, typer.Option("--label-field", help="标签字段名 / name of the label field")]
HoldoutOption = Annotated[
    float, typer.Option("--holdout", min=0.05, max=0.5, help="留出评估的比例 / share held out for scoring")
]
SeedOption = Annotated[int, typer.Option("--seed", help="随机种子 / random seed")]
JsonOption = Annotated[bool, typer.Option("--json", help="输出 JSON 摘要 / print a JSON summary")]
EncoderOption = Annotated[
    str,
    typer.Option(
        "--encoder",
        help="同时读取预训练句向量（e5-small）：更准，但训练和分析都慢得多 / also read a pretrained sentence "
        "encoder (e5-small): more accurate, far slower to train and to analyse",
    ),
]

TuneLayersOption = Annotated[
    int,
    typer.Option(
        "--tune-layers",
        min=0,
        max=12,
        help="微调 e5-small 顶部若干层并与 n-gram 模型融合（0 为不微调；需数十分钟）/ fine-tune this many top "
        "layers of e5-small and fuse them with the n-gram model (0: off; takes tens of minutes)",
    ),
]
TuneEpochsOption = Annotated[
    int,
    typer.Option(
        "--tune-epochs",
        min=1,
        max=20,
        help="微调轮数，模型保留各轮权重的平均 / fine-tuning epochs; the model keeps the mean of their weights",
    ),
]


@train_app.command("category")
@friendly_errors
def train_category_command(
    data: DataOption,
    out: OutOption,
    text_field: TextField = "text",
    label_field: LabelField = "label",
    holdout: HoldoutOption = 0.2,
    seed: SeedOption = 0,
    encoder: EncoderOption = "",
    tune_layers: TuneLayersOption = 0,
    tune_epochs: TuneEpochsOption = 3,
    as_json: JsonOption = False,
) -> None:
    """训练本机构的投诉分类模型 / learn the institution's own complaint taxonomy."""
    from tousu.analysis.category import train_category

    options = {"holdout": holdout, "seed": seed, "encoder": encoder}
    options |= {"tune_layers": tune_layers, "tune_epochs": tune_epochs}
    _train("category", train_category, data, out, text_field, label_field, options, as_json)


@train_app.command("emotion")
@friendly_errors
def train_emotion_command(
    data: DataOption,
    out: OutOption,
    text_field: TextField = "text",
    label_field: LabelField = "label",
    holdout: HoldoutOption = 0.2,
    seed: SeedOption = 0,
    encoder: EncoderOption = "",
    tune_layers: TuneLayersOption = 0,
    tune_epochs: TuneEpochsOption = 3,
    as_json: JsonOption = False,
) -> None:
    """训练本机构的情绪模型 / learn the institution's own emotion labels."""
    from tousu.analysis.emotion import train_emotion

    options = {"holdout": holdout, "seed": seed, "encoder": encoder}
    options |= {"tune_layers": tune_layers, "tune_epochs": tune_epochs}
    _train("emotion", train_emotion, data, out, text_field, label_field, options, as_json)


def _train(
    kind: str,
    trainer: Callable[..., Any],
    data: Path,
    out: Path,
    text_field: str,
    label_field: str,
    options: dict[str, Any],
    as_json: bool,
) -> None:
    if out.is_dir():  # said before training, which can take minutes
        raise fail(
            f"--out 指向一个文件夹，请给出文件名 / --out is a folder: give a file name, e.g. {out / 'model.joblib'}"
        )
    try:
        examples = read_labelled(data, text_field, label_field)
        slow = bool(options["encoder"]) or bool(options["tune_layers"])
        with _encoding_progress(slow and not as_json) as progress:
            model = trainer(examples.texts, examples.labels, rows=examples.rows, progress=progress, **options)
    except ValueError as error:  # bad input: one sentence naming the row or field, never a traceback
        raise fail(str(error), 2) from None
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    info = model.info
    if as_json:
        summary = {
            "kind": kind,
            "version": info.version,
            "path": str(out),
            "training_size": info.training_size,
            "label_counts": info.label_counts,
            "holdout_macro_f1": info.holdout.macro_f1 if info.holdout else None,
            "holdout_per_label_f1": info.holdout.per_label_f1 if info.holdout else None,
            "tuning": info.tuning,
        }
        typer.echo(json.dumps(summary, ensure_ascii=False))
        return
    console.print(_label_table(info))
    if info.holdout is not None:
        console.print(
            f"留出集宏平均 F1 / held-out macro-F1: [bold]{info.holdout.macro_f1:.3f}[/]"
            f"（{info.holdout.size} 条留出 / texts held out）"
        )
    if info.tuning is not None:
        tuning = info.tuning
        console.print(
            f"微调 / fine-tuned: {tuning['layers']} 层 layers，{tuning['epochs_averaged']} 轮权重平均 epochs averaged，"
            f"融合权重 fusion weight "
            f"{tuning['weight']:.1f}；留出 F1 held-out: n-gram {tuning['ngram_macro_f1']:.3f} → "
            f"{tuning['fused_macro_f1']:.3f}"
        )
    console.print(
        f"模型已保存 / model saved: {out}  版本 / version: [bold]{info.version}[/]", highlight=False, soft_wrap=True
    )


@contextmanager
def _encoding_progress(shown: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar while the sentence encoder reads the training texts or the transformer is fine-tuned (it
    takes minutes), else nothing."""
    if not shown:
        yield None
        return
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("编码与微调 / encoding and fine-tuning", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _label_table(info: Any) -> Table:
    table = Table(title=f"{info.kind} 训练数据 / training data ({info.training_size:,})", show_edge=False)
    table.add_column("标签 label")
    table.add_column("样本 n", justify="right")
    table.add_column("留出 F1 held-out F1", justify="right")
    for label, count in info.label_counts.items():
        score = info.holdout.per_label_f1.get(label) if info.holdout else None
        table.add_row(label, f"{count:,}", "-" if score is None else f"{score:.3f}")
    return table


def read_labelled(path: Path, text_field: str, label_field: str) -> LabelledRows:
    """Read `text_field` and `label_field` from a CSV with a header or a JSON Lines file.

    Raises:
        TrainingFileError: the file is missing or empty, a field is missing, a line is not JSON.
    """
    if not path.is_file():
        raise TrainingFileError(f"找不到训练数据文件 {path} / training data not found: {path}")
    text = _decode(path)
    if not text.strip():
        raise TrainingFileError(f"训练数据文件 {path} 是空的 / the training data file {path} is empty")
    reader = _json_lines if path.suffix.lower() in _JSON_SUFFIXES else _csv_rows
    texts, labels, rows = [], [], []
    for row, record in reader(text, text_field, label_field):
        texts.append(record[text_field])
        labels.append(record[label_field])
        rows.append(row)
    if not texts:
        raise TrainingFileError(f"{path} 只有表头，没有数据行 / {path} has a header but no rows")
    return LabelledRows(texts, labels, rows)


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in _ENCODINGS:
        try:
            return codecs.decode(raw, encoding)
        except UnicodeDecodeError:
            continue
    raise TrainingFileError(f"{path} 不是 UTF-8 或 GB18030 编码 / {path} is neither UTF-8 nor GB18030 text")


def _csv_rows(text: str, text_field: str, label_field: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(text.splitlines(keepends=True))
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    for field in (text_field, label_field):
        if field not in header:
            raise TrainingFileError(
                f"表头（第 1 行）没有“{field}”列，现有列：{', '.join(header)}；"
                "请用 --text-field / --label-field 指定 / "
                f"the header (row 1) has no {field!r} column (found: {', '.join(header)}); "
                "name the columns with --text-field / --label-field"
            )
    start = reader.line_num + 1
    for record in reader:
        if record.get(text_field) is None or record.get(label_field) is None:
            raise TrainingFileError(
                f"第 {start} 行的列数少于表头，缺少“{text_field}”或“{label_field}” / "
                f"row {start} has fewer columns than the header: {text_field!r} or {label_field!r} is missing"
            )
        yield start, {text_field: record[text_field].strip(), label_field: record[label_field].strip()}
        start = reader.line_num + 1


def _json_lines(text: str, text_field: str, label_field: str) -> Iterator[tuple[int, dict[str, str]]]:
    for row, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise TrainingFileError(
                f"第 {row} 行不是有效的 JSON，请每行写一个 JSON 对象 / row {row} is not valid JSON: "
                "write one JSON object per line"
            ) from None
        if not isinstance(record, dict):
            raise TrainingFileError(f"第 {row} 行不是 JSON 对象 / row {row} is not a JSON object")
        for field in (text_field, label_field):
            if field not in record or record[field] is None:
                raise TrainingFileError(
                    f"第 {row} 行缺少字段“{field}”，现有字段：{', '.join(map(str, record))}；"
                    f"请补全或用 --text-field / --label-field 指定 / row {row} has no {field!r} field "
                    f"(found: {', '.join(map(str, record))}); "
                    "add it or name the fields with --text-field / --label-field"
                )
        yield row, {text_field: str(record[text_field]).strip(), label_field: str(record[label_field]).strip()}
