"""`tousu demo`: load the synthetic demo data set (labelled as synthetic everywhere)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tousu.cases.demo_service import load_demo
from tousu.cli.common import console, friendly_errors, runtime


def register(app: typer.Typer) -> None:
    @app.command("demo")
    @friendly_errors
    def demo(
        ctx: typer.Context,
        complaints: Annotated[int, typer.Option("--complaints", "-n", min=1, help="投诉条数 / how many")] = 20_000,
        seed: Annotated[int, typer.Option(help="随机种子 / seed")] = 7,
        paraphrase: Annotated[
            float, typer.Option(min=0.0, max=1.0, help="团伙模板改写强度 / paraphrase strength in campaigns")
        ] = 0.5,
        truth: Annotated[
            Path | None,
            typer.Option(help="写出真值文件（CSV）/ write which complaint belongs to which campaign"),
        ] = None,
        analyse: Annotated[
            bool, typer.Option("--analyze/--no-analyze", help="载入时分析每条投诉 / analyse what is stored")
        ] = True,
        detect: Annotated[
            bool,
            typer.Option("--detect/--no-detect", help="载入后识别疑似团伙与群体事件 / find campaigns afterwards"),
        ] = True,
    ) -> None:
        """生成并载入合成演示数据 / generate and load synthetic demo complaints."""
        from tousu.cases.analyses import reader_for

        rt = runtime(ctx)
        summary = load_demo(
            rt.engine,
            complaints=complaints,
            seed=seed,
            paraphrase=paraphrase,
            truth_path=truth,
            secret=rt.settings.secret_key,
            console=console,
            reader=reader_for(rt.settings) if analyse else None,
        )
        console.print(
            f"[bold]合成演示数据 / SYNTHETIC demo data[/]: 新增 {summary.inserted}，未变 {summary.unchanged}，"
            f"更新 {summary.updated}"
        )
        if truth:
            console.print(f"真值已写入 / truth written to {truth}")
        if detect:
            from tousu.campaigns.service import detect_in_register

            found = detect_in_register(rt.sessions(), rt.settings.secret_key)
            console.print(
                f"疑似团伙 / campaigns {found.campaigns}，群体事件 / group events {found.group_events}，"
                f"重复投诉人 / repeat complainants {found.repeats}（{found.duration_seconds:.1f} s）"
            )
