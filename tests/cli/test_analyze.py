"""`tousu analyze`: one interchange object per complaint, masked by default, bad rows reported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tests.builders import HEADER_ZH, write_csv
from tousu.analysis.emotion import load_emotion_model, train_emotion
from tousu.cli.main import app

runner = CliRunner()

ROWS = [
    [
        "A-1",
        "2026-03-05 14:20",
        "12378转办",
        "深圳分行",
        "信用卡",
        "张伟",
        "11010519491231002X",
        "13812345678",
        "",
        "我是七十多岁的退休老人，信用卡被莫名扣了年费和分期手续费共计1200元，客服态度恶劣！！"
        "要求退还这1200元，否则我就向金融监管总局投诉，并且去法院起诉你们。我的电话13812345678。",
    ],
    [
        "A-2",
        "2026-03-06",
        "电话",
        "成都分行",
        "个人消费贷",
        "王芳",
        "",
        "13900001111",
        "",
        "请问提前还款需要什么手续？客服说可以去法院咨询，我只是想了解一下流程。",
    ],
]

KEYS = {
    "complaint_id",
    "category",
    "emotion",
    "threats",
    "demand_amount",
    "entities",
    "vulnerable",
    "risk",
    "campaign",
    "group_event",
    "repeat",
}


def analyze(tmp_path: Path, *extra: str, rows: list[list[str]] = ROWS) -> tuple[int, str, list[dict]]:
    source = write_csv(tmp_path / "in.csv", rows, header=HEADER_ZH)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["analyze", str(source), "--out", str(out), *extra])
    lines = [json.loads(line) for line in out.open(encoding="utf-8")] if out.exists() else []
    return result.exit_code, result.output, lines


def test_each_complaint_becomes_one_interchange_object(tmp_path: Path) -> None:
    code, output, lines = analyze(tmp_path)

    assert code == 0, output
    assert [line["complaint_id"] for line in lines] == ["A-1", "A-2"]
    assert all(KEYS <= set(line) for line in lines)
    first, second = lines
    assert first["threats"] == ["regulator", "litigation"]
    assert second["threats"] == []
    assert "elderly" in first["vulnerable"]
    assert first["demand_amount"] == 1200.0
    assert 0.0 <= first["emotion"]["intensity"] <= 1.0
    assert first["emotion"]["intensity"] > second["emotion"]["intensity"]
    assert first["category"]["label"] and 0.0 <= first["category"]["confidence"] <= 1.0
    assert first["models"]["category"] and first["models"]["emotion"]


def test_phones_in_the_output_are_masked_unless_asked_for(tmp_path: Path) -> None:
    _, _, masked = analyze(tmp_path)
    _, _, clear = analyze(tmp_path, "--unmasked")

    assert masked[0]["entities"]["phones"] == ["138****5678"]
    assert clear[0]["entities"]["phones"] == ["13812345678"]
    assert "13812345678" not in json.dumps(masked, ensure_ascii=False)


def test_a_bad_row_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    rows = [list(ROWS[0]), list(ROWS[1])]
    rows[1][1] = "去年秋天"

    code, output, lines = analyze(tmp_path, rows=rows)

    assert code == 4
    assert "第 3 行" in output and "受理时间" in output
    assert lines == [] and not (tmp_path / "out.jsonl").exists()


def test_skip_invalid_analyses_the_good_rows_and_keeps_the_bad_one_aside(tmp_path: Path) -> None:
    rows = [list(ROWS[0]), list(ROWS[1])]
    rows[1][1] = "去年秋天"
    rejects = tmp_path / "rejects.csv"

    code, output, lines = analyze(tmp_path, "--skip-invalid", "--rejects", str(rejects), rows=rows)

    assert code == 0, output
    assert [line["complaint_id"] for line in lines] == ["A-1"]
    assert "去年秋天" in rejects.read_text(encoding="utf-8")


def test_a_model_file_that_does_not_exist_is_one_clear_sentence(tmp_path: Path) -> None:
    code, output, _ = analyze(tmp_path, "--category-model", str(tmp_path / "missing.joblib"))

    assert code == 2
    assert "missing.joblib" in output and "Traceback" not in output


def test_a_model_that_reads_the_sentence_encoder_answers_in_worker_processes_as_it_does_in_process(
    tmp_path: Path,
) -> None:
    texts = ["你们这帮骗子，气死我了！", "太过分了，简直是诈骗！！", "请问信用卡账单日是哪天", "我想咨询一下贷款利率"]
    model = train_emotion(texts * 3, ["angry", "angry", "neutral", "neutral"] * 3, holdout=0.25, encoder="e5-small")
    model_path = model.save(tmp_path / "emotion.joblib")
    source, out = write_csv(tmp_path / "in.csv", ROWS, header=HEADER_ZH), tmp_path / "out.jsonl"

    command = [str(Path(sys.executable).with_name("tousu")), "analyze", str(source), "--out", str(out)]
    command += ["--emotion-model", str(model_path), "--workers", "2", "--no-group"]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)  # a fresh process, as users run it

    assert finished.returncode == 0, finished.stdout + finished.stderr
    lines = [json.loads(line) for line in out.open(encoding="utf-8")]
    expected = load_emotion_model(model_path).predict([row[-1] for row in ROWS])
    assert [line["emotion"]["label"] for line in lines] == [result.label for result in expected]
    assert [line["models"]["emotion"] for line in lines] == [model.version] * 2
