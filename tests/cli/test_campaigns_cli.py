"""`tousu campaigns` run as a person would: list, detect, show, export, decide, and an unknown code."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from tousu.cases.imports import import_records
from tousu.cli import campaigns
from tousu.cli.common import Runtime
from tousu.config import Settings
from tousu.db import make_engine, make_sessionmaker, upgrade_schema
from tousu.demo import DemoConfig, DemoDataset, generate_demo

runner = CliRunner()


def root_app() -> typer.Typer:
    """A root command shaped like `tousu` (a --db option), with the campaigns group registered."""
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

    @app.callback()
    def main(ctx: typer.Context, db: Annotated[str, typer.Option("--db")]) -> None:
        ctx.obj = Runtime(Settings(database_url=db))

    campaigns.register(app)
    return app


APP = root_app()


def tousu(db: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(APP, ["--db", db, *args], env={"COLUMNS": "200"})
    return result.exit_code, result.output


@lru_cache(maxsize=1)
def demo() -> DemoDataset:
    return generate_demo(DemoConfig(complaints=400, seed=5, months=2, campaign_share=0.2, group_event_share=0.1))


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(url)
    upgrade_schema(engine)
    import_records(make_sessionmaker(engine), demo().records, source_name="demo")
    engine.dispose()
    return url


def test_before_any_detection_the_list_says_to_run_detect(db: str) -> None:
    code, output = tousu(db, "campaigns")
    assert code == 0
    assert "tousu campaigns detect" in output


def test_detect_then_list_shows_each_campaign_with_its_code_score_and_status(db: str) -> None:
    code, output = tousu(db, "campaigns", "detect", "--json")
    summary = json.loads(output)
    listed_code, listing = tousu(db, "campaigns")
    as_json = json.loads(tousu(db, "campaigns", "--json")[1])

    assert code == 0 and listed_code == 0
    assert summary["complaints"] == len(demo().records) and summary["campaigns"] >= 1
    assert "CMP-1" in listing and "待核实 suspected" in listing
    assert [i["code"] for i in as_json["items"] if i["group_type"] == "campaign"] == [
        i["code"] for i in as_json["items"][: summary["campaigns"]]
    ]


def test_show_explains_why_with_points_members_and_shared_identifiers_masked(db: str) -> None:
    tousu(db, "campaigns", "detect")
    code, output = tousu(db, "campaigns", "show", "cmp-1")
    detail = json.loads(tousu(db, "campaigns", "show", "CMP-1", "--json")[1])

    assert code == 0
    assert "识别理由" in output and "template" in output and "共享标识" in output and "时间线" in output
    top = max(detail["dossier"]["reasons"], key=lambda r: r["points"])
    assert f"{top['points']:.1f}" in output
    assert detail["members"][0]["complaint_id"] in output
    clear_phones = {r.phone for r in demo().records if r.phone}
    assert not [p for p in clear_phones if p in output]


def test_export_writes_the_three_files_of_the_evidence_pack(db: str, tmp_path: Path) -> None:
    tousu(db, "campaigns", "detect")
    code, output = tousu(db, "campaigns", "export", "CMP-1", "--out", str(tmp_path / "pack"))

    assert code == 0, output
    written = sorted(p.name for p in (tmp_path / "pack").iterdir())
    assert written == ["CMP-1-evidence.xlsx", "CMP-1-report.html", "CMP-1-report.md"]
    assert "已脱敏" in output


def test_confirm_records_who_and_why_and_a_second_confirm_is_refused(db: str) -> None:
    tousu(db, "campaigns", "detect")
    code, output = tousu(db, "campaigns", "confirm", "CMP-1", "--by", "法务 陈律师", "--reason", "同一代理电话")
    again, refusal = tousu(db, "campaigns", "confirm", "CMP-1", "--by", "法务 陈律师", "--reason", "重复")
    listing = json.loads(tousu(db, "campaigns", "--json", "--status", "confirmed")[1])

    assert code == 0 and "已确认" in output
    assert again != 0 and "confirmed" in refusal and "Traceback" not in refusal
    assert [(i["code"], i["decided_by"], i["decision_reason"]) for i in listing["items"]] == [
        ("CMP-1", "法务 陈律师", "同一代理电话")
    ]


@pytest.mark.parametrize("command", [("show", "CMP-77"), ("export", "CMP-77", "--out", "x"), ("dismiss", "CMP-77")])
def test_an_unknown_code_is_one_clear_sentence_and_a_non_zero_exit(db: str, command: tuple[str, ...]) -> None:
    tousu(db, "campaigns", "detect")
    extra = ("--by", "张三", "--reason", "测试") if command[0] == "dismiss" else ()
    code, output = tousu(db, "campaigns", *command, *extra)

    assert code == 3
    assert "找不到编号为 CMP-77" in output and "Traceback" not in output
    assert len([line for line in output.splitlines() if line.strip()]) == 1
