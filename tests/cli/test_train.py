"""`tousu train category|emotion` on a person's own files: tables, model files, one-sentence errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from tousu.analysis.category import load_category_model
from tousu.analysis.emotion import load_emotion_model
from tousu.cli.main import app

runner = CliRunner()

LENDERS = ["招联消费金融", "捷信", "某银行信用卡中心", "马上消费金融", "中邮消费金融", "宜信普惠"]
TEMPLATES = {
    "催收": "{}的催收人员打电话骚扰我的家人，还威胁要上门",
    "收费": "{}私自扣取服务费，利息太高，要求退还多收的费用",
    "营销": "{}业务员承诺零利息诱导我办理，属于虚假宣传",
}


def history() -> list[tuple[str, str]]:
    return [
        (template.format(lender) + f"（第{i + 1}次）", label)
        for label, template in TEMPLATES.items()
        for i, lender in enumerate(LENDERS)
    ]


def tousu(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def write_csv(path: Path, header: list[str], rows: list[tuple[str, ...]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_train_category_from_a_csv_with_custom_columns_prints_counts_and_a_held_out_score(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "history.csv", ["投诉内容", "投诉类别"], history())
    out = tmp_path / "models" / "category.joblib"
    code, output = tousu(
        "train",
        "category",
        "--data",
        str(data),
        "--out",
        str(out),
        "--text-field",
        "投诉内容",
        "--label-field",
        "投诉类别",
    )
    assert code == 0, output
    assert "催收" in output and "收费" in output and "营销" in output
    assert "held-out macro-F1" in output
    model = load_category_model(out)
    assert model.labels == ("催收", "收费", "营销")
    assert model.version in output
    assert model.predict(["催收电话骚扰我的家人"])[0].label == "催收"


def test_train_category_from_jsonl_with_custom_fields_prints_a_json_summary(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "history.jsonl", [{"content": t, "cat": label} for t, label in history()])
    out = tmp_path / "category.joblib"
    code, output = tousu(
        "train",
        "category",
        "--data",
        str(data),
        "--out",
        str(out),
        "--text-field",
        "content",
        "--label-field",
        "cat",
        "--json",
    )
    assert code == 0, output
    summary = json.loads(output)
    assert summary["training_size"] == 18
    assert summary["label_counts"] == {"催收": 6, "收费": 6, "营销": 6}
    assert 0.0 <= summary["holdout_macro_f1"] <= 1.0
    assert summary["version"] == load_category_model(out).version


def test_train_emotion_writes_an_emotion_model(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "emotion.csv", ["text", "label"], history())
    out = tmp_path / "emotion.joblib"
    code, output = tousu("train", "emotion", "--data", str(data), "--out", str(out))
    assert code == 0, output
    assert load_emotion_model(out).version.startswith("emotion-")


def test_train_emotion_with_the_sentence_encoder_records_it_in_the_model(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "emotion.csv", ["text", "label"], history())
    out = tmp_path / "emotion.joblib"
    code, output = tousu("train", "emotion", "--data", str(data), "--out", str(out), "--encoder", "e5-small")
    assert code == 0, output
    model = load_emotion_model(out)
    assert model.info.options["encoder"] == "e5-small"
    assert model.predict(["催收人员骚扰我的家人"])[0].label == "催收"


def test_train_category_with_fine_tuning_prints_and_stores_the_epochs_and_weight_it_chose(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "history.csv", ["text", "label"], history())
    out = tmp_path / "category.joblib"
    args = ("train", "category", "--data", str(data), "--out", str(out), "--tune-layers", "1", "--tune-epochs", "1")
    code, output = tousu(*args)
    assert code == 0, output
    assert "fine-tuned: 1 层 layers，1 轮权重平均 epochs averaged" in output
    model = load_category_model(out)
    assert model.info.tuning is not None and model.info.tuning["epochs_averaged"] == 1
    assert model.info.options["tune_layers"] == 1 and model.info.options["tune_max_tokens"] == 256
    assert model.predict(["催收人员骚扰我的家人"])[0].label == "催收"

    code, output = tousu(*args, "--json")
    assert code == 0, output
    assert json.loads(output)["tuning"]["layers"] == 1


def test_more_tuned_layers_than_the_model_has_are_refused_by_the_option(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "history.csv", ["text", "label"], history())
    code, output = tousu("train", "emotion", "--data", str(data), "--out", str(tmp_path / "m"), "--tune-layers", "13")
    assert code == 2 and "--tune-layers" in output and "Traceback" not in output


def test_an_unknown_encoder_is_refused_before_any_training(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "history.csv", ["text", "label"], history())
    out = tmp_path / "m.joblib"
    code, output = tousu("train", "category", "--data", str(data), "--out", str(out), "--encoder", "bert")
    assert code == 2
    assert "no sentence encoder named 'bert'; known: e5-small" in output and "Traceback" not in output
    assert not out.exists()


def test_an_out_path_that_is_a_folder_is_refused_before_any_training(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "history.csv", ["text", "label"], history())
    code, output = tousu("train", "category", "--data", str(data), "--out", str(tmp_path))
    assert code != 0
    assert "--out is a folder" in output and "Traceback" not in output


def test_a_missing_column_names_the_header_and_the_option_to_use(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "history.csv", ["投诉内容", "投诉类别"], history())
    code, output = tousu("train", "category", "--data", str(data), "--out", str(tmp_path / "m.joblib"))
    assert code == 2
    assert "'text'" in output and "--text-field" in output and "投诉内容" in output
    assert "Traceback" not in output


def test_a_jsonl_row_without_the_label_field_is_named(tmp_path: Path) -> None:
    records = [{"text": t, "label": label} for t, label in history()]
    del records[3]["label"]
    data = write_jsonl(tmp_path / "history.jsonl", records)
    code, output = tousu("train", "category", "--data", str(data), "--out", str(tmp_path / "m.joblib"))
    assert code == 2
    assert "row 4 has no 'label' field" in output


def test_a_line_that_is_not_json_is_named(tmp_path: Path) -> None:
    data = tmp_path / "history.jsonl"
    data.write_text('{"text": "催收骚扰", "label": "催收"}\n{"text": 催收\n', encoding="utf-8")
    code, output = tousu("train", "category", "--data", str(data), "--out", str(tmp_path / "m.joblib"))
    assert code == 2
    assert "row 2 is not valid JSON" in output


def test_an_empty_file_is_one_sentence(tmp_path: Path) -> None:
    data = tmp_path / "empty.csv"
    data.write_text("", encoding="utf-8")
    code, output = tousu("train", "category", "--data", str(data), "--out", str(tmp_path / "m.joblib"))
    assert code == 2
    assert "is empty" in output and "Traceback" not in output


def test_a_single_label_is_refused_with_what_to_do(tmp_path: Path) -> None:
    rows = [(text, "催收") for text, _ in history()]
    data = write_csv(tmp_path / "one.csv", ["text", "label"], rows)
    code, output = tousu("train", "category", "--data", str(data), "--out", str(tmp_path / "m.joblib"))
    assert code == 2
    assert "at least 2 different labels" in output
    assert not (tmp_path / "m.joblib").exists()


def test_a_label_with_one_example_names_its_row_in_the_file(tmp_path: Path) -> None:
    rows = [*history(), ("信用卡被盗刷两万元", "资金安全")]
    data = write_csv(tmp_path / "history.csv", ["text", "label"], rows)
    code, output = tousu("train", "category", "--data", str(data), "--out", str(tmp_path / "m.joblib"))
    assert code == 2
    assert "'资金安全' has only 1 example (row 20)" in output  # row 1 is the header


def test_an_empty_label_names_its_row(tmp_path: Path) -> None:
    rows = history()
    rows[0] = (rows[0][0], "")
    data = write_csv(tmp_path / "history.csv", ["text", "label"], rows)
    code, output = tousu("train", "category", "--data", str(data), "--out", str(tmp_path / "m.joblib"))
    assert code == 2
    assert "row 2: the label is empty" in output


def test_a_missing_data_file_is_named(tmp_path: Path) -> None:
    code, output = tousu("train", "emotion", "--data", str(tmp_path / "nowhere.csv"), "--out", str(tmp_path / "m"))
    assert code == 2
    assert "nowhere.csv" in output and "Traceback" not in output
