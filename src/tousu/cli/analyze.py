"""`tousu analyze INPUT --out OUT.jsonl`: read every complaint of a file, write the interchange output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tousu.cli.common import (
    console,
    file_progress,
    friendly_errors,
    print_row_errors,
    runtime,
)
from tousu.errors import ImportRejected


def register(app: typer.Typer) -> None:
    @app.command("analyze")
    @friendly_errors
    def analyze(
        ctx: typer.Context,
        source: Annotated[Path, typer.Argument(help="CSV / XLSX / JSONL 投诉文件 / complaint file")],
        out: Annotated[Path, typer.Option("--out", "-o", help="输出 JSONL 文件 / output JSON Lines file")],
        mapping: Annotated[
            Path | None, typer.Option("--mapping", "-m", help="列映射文件（TOML）/ column mapping for foreign exports")
        ] = None,
        category_model: Annotated[
            Path | None, typer.Option("--category-model", help="分类模型文件 / trained category model")
        ] = None,
        emotion_model: Annotated[
            Path | None, typer.Option("--emotion-model", help="情绪模型文件 / trained emotion model")
        ] = None,
        unmasked: Annotated[
            bool, typer.Option("--unmasked", help="输出不脱敏的个人信息 / personal data in the clear")
        ] = False,
        skip_invalid: Annotated[
            bool, typer.Option("--skip-invalid", help="只分析有效行 / analyse the good rows, keep the bad ones aside")
        ] = False,
        rejects: Annotated[
            Path | None, typer.Option("--rejects", help="无效行原样写入此文件 / write the bad rows, untouched, here")
        ] = None,
        group: Annotated[
            bool,
            typer.Option("--group/--no-group", help="识别团伙、群体事件与重复投诉 / find campaigns, events, repeats"),
        ] = True,
        workers: Annotated[
            int | None,
            typer.Option("--workers", min=1, max=64, help="并行进程数（默认按 CPU 核数）/ worker processes"),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="输出 JSON 摘要 / print a JSON summary")] = False,
    ) -> None:
        """分析投诉文件，逐条输出 JSON / analyse a complaint file into one JSON object per complaint."""
        from tousu.batch.analyze import analyze_file

        settings = runtime(ctx).settings
        with file_progress(disable=as_json) as bar:
            task = bar.add_task(source.name, total=None)
            try:
                summary = analyze_file(
                    source,
                    out,
                    mapping_path=mapping,
                    category_model=category_model,
                    emotion_model=emotion_model,
                    unmasked=unmasked,
                    skip_invalid=skip_invalid,
                    rejects_path=rejects,
                    group=group,
                    secret=settings.secret_key,
                    workers=workers,
                    progress=lambda stage, done, total: bar.update(
                        task, description=f"{stage} {source.name}", completed=done, total=total
                    ),
                )
            except ImportRejected as rejected:
                bar.stop()
                print_row_errors(rejected.errors)
                raise
        if as_json:
            typer.echo(json.dumps(summary.counts(), ensure_ascii=False))
            return
        table = Table(title=f"分析结果 / analysis of {source.name}")
        table.add_column("项目 / item")
        table.add_column("数量 / count", justify="right")
        labels = {
            "analyzed": "已分析 / analysed",
            "rejected": "无效行 / rejected",
            "campaigns": "疑似团伙 / suspected campaigns",
            "group_events": "群体事件 / group events",
            "repeats": "重复投诉人 / repeat complainants",
        }
        for key, value in summary.counts().items():
            table.add_row(labels[key], str(value))
        console.print(table)
        console.print(f"模型版本 / models: {summary.versions}")
        console.print(f"结果已写入 / written to {out}" + ("" if unmasked else "（已脱敏 / masked）"))
        if summary.rejects_file:
            console.print(f"无效行已原样写入 / bad rows written to {summary.rejects_file}")
