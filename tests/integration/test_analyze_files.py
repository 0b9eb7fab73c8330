"""`tousu analyze` on real files: the CFPB export through its mapping (English) and real Chinese complaints."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import SHARED_DATA
from tousu.cli.main import app

MAPPINGS = Path(__file__).resolve().parents[2] / "src" / "tousu" / "intake" / "mappings"
runner = CliRunner()


def analyze(source: Path, out: Path, *args: str) -> list[dict]:
    result = runner.invoke(app, ["analyze", str(source), "--out", str(out), "--json", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in out.open(encoding="utf-8")]


def test_the_cfpb_export_is_analysed_through_its_mapping_with_what_applies_to_english(tmp_path: Path) -> None:
    source = SHARED_DATA / "cfpb" / "complaints_sample_2019_2020.csv"
    with source.open(encoding="utf-8", newline="") as handle:
        narrated = {row["Complaint ID"] for row in csv.DictReader(handle) if row["Consumer complaint narrative"]}

    lines = analyze(source, tmp_path / "cfpb.jsonl", "--mapping", str(MAPPINGS / "cfpb.toml"))

    assert len(lines) == 6_623
    assert len({line["complaint_id"] for line in lines}) == 6_623
    assert all(line["category"]["label"] and 0 <= line["emotion"]["intensity"] <= 1 for line in lines)
    stories = [line for line in lines if line["complaint_id"] in narrated]
    threats = Counter(kind for line in stories for kind in line["threats"])
    assert all(threats[kind] >= 15 for kind in ("regulator", "litigation", "police")), threats
    assert sum(bool(line["entities"]["amounts"]) for line in stories) > len(stories) * 0.25
    laws = Counter(law for line in stories for law in line["entities"]["laws"])
    assert laws["FCRA"] > 50 and laws["FDCPA"] > 10, laws
    dates = [day for line in stories for day in line["entities"]["dates"]]
    assert dates and all(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", day) for day in dates)


def test_real_chinese_complaints_are_read_for_threats_amounts_and_masked_numbers(tmp_path: Path) -> None:
    source = SHARED_DATA / "heimao_templates" / "unique_texts.csv"

    lines = analyze(source, tmp_path / "real.jsonl", "--mapping", str(MAPPINGS / "undated.toml"))

    with source.open(encoding="utf-8", newline="") as handle:
        assert len(lines) == sum(1 for _ in csv.DictReader(handle))
    with_threats = [line for line in lines if line["threats"]]
    with_amounts = [line for line in lines if line["demand_amount"] is not None]
    assert len(with_threats) > len(lines) * 0.05
    assert len(with_amounts) > len(lines) * 0.05
    phones = [phone for line in lines for phone in line["entities"]["phones"]]
    assert phones and all("****" in phone for phone in phones)
    assert {line["emotion"]["label"] for line in lines} >= {"anger", "neutral"}
