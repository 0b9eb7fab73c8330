"""`tousu import FILE`: bring a complaint file into the register."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tousu.cases.imports import import_file
from tousu.cli.common import (
    MAX_ERRORS_SHOWN,
    console,
    file_progress,
    friendly_errors,
    print_row_errors,
    runtime,
)
from tousu.errors import ImportRejected


def register(app: typer.Typer) -> None:
    @app.command("import")
    @friendly_errors
    def import_command(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(help="CSV / XLSX / JSONL 文件 / the file to import")],
        mapping: Annotated[
            Path | None,
            typer.Option("--mapping", "-m", help="列映射文件（TOML）/ column-mapping file for foreign exports"),
        ] = None,
        skip_invalid: Annotated[
            bool,
            typer.Option("--skip-invalid", help="只导入有效行 / load the good rows, keep the bad ones aside"),
        ] = False,
        rejects: Annotated[
            Path | None,
            typer.Option("--rejects", help="无效行原样写入此文件 / write the bad rows, untouched, here"),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="输出 JSON 摘要 / print a JSON summary")] = False,
        analyse: Annotated[
            bool,
            typer.Option("--analyze/--no-analyze", help="导入时分析新增与变更的投诉 / analyse what is stored"),
        ] = True,
    ) -> None:
        """导入投诉文件（可重复导入，不会重复）/ import complaints; importing the same file twice adds nothing."""
        rt = runtime(ctx)
        factory = rt.sessions()
        from tousu.campaigns.incremental import IncrementalCheck, chain_hooks

        check = IncrementalCheck(rt.settings.secret_key)
        reading = None
        if analyse:
            from tousu.cases.analyses import analysis_hook, reader_for

            reading = analysis_hook(reader_for(rt.settings))
        hook = chain_hooks(reading, check)
        with file_progress(disable=as_json) as bar:
            task = bar.add_task(f"导入 / importing {file.name}", total=None)
            try:
                summary = import_file(
                    factory,
                    file,
                    mapping_path=mapping,
                    skip_invalid=skip_invalid,
                    rejects_path=rejects,
                    secret=rt.settings.secret_key,
                    progress=lambda done, total: bar.update(task, completed=done, total=total),
                    after_chunk=hook,
                )
            except ImportRejected as rejected:
                bar.stop()
                if as_json:
                    typer.echo(json.dumps({"error": rejected.message, "rows": rejected.errors}, ensure_ascii=False))
                else:
                    print_row_errors(rejected.errors)
                raise
        if as_json:
            typer.echo(json.dumps(summary.counts(), ensure_ascii=False))
            return
        counts = summary.counts()
        console.print(
            f"新增 inserted {counts['inserted']}，更新 updated {counts['updated']}，"
            f"未变 unchanged {counts['unchanged']}，拒绝 rejected {counts['rejected']}"
        )
        if check.joined:
            codes = sorted({joined.code for joined in check.joined})
            console.print(
                f"{len(check.joined)} 条新投诉疑似属于已知团伙 / new complaints joined known campaigns: "
                + ", ".join(codes)
            )
        if summary.rejects_file:
            console.print(f"无效行已原样写入 / bad rows written to {summary.rejects_file}")
            for line in summary.errors[:MAX_ERRORS_SHOWN]:
                console.print(f"  {line}", highlight=False, soft_wrap=True)
