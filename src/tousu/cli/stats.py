"""`tousu stats`: counts by month, channel, product and branch."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.columns import Columns
from rich.table import Table

from tousu.cli.common import console, friendly_errors, runtime
from tousu.db import session_scope
from tousu.reports.stats import register_stats


def register(app: typer.Typer) -> None:
    @app.command("stats")
    @friendly_errors
    def stats(
        ctx: typer.Context,
        top: Annotated[int, typer.Option(min=1, max=500, help="产品、机构显示前 N 名 / show the top N")] = 15,
        as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / print JSON")] = False,
    ) -> None:
        """投诉统计：按月份、渠道、产品、机构 / counts by month, channel, product and branch."""
        with session_scope(runtime(ctx).sessions()) as session:
            result = register_stats(session, top=top)
        if as_json:
            typer.echo(json.dumps(asdict(result), ensure_ascii=False))
            return
        console.print(f"投诉总数 / complaints: [bold]{result.total}[/]")
        tables = [
            _table("月份 month", result.by_month),
            _table("渠道 channel", result.by_channel),
            _table("产品 product", result.by_product),
            _table("机构 branch", result.by_branch),
        ]
        console.print(Columns(tables))


def _table(title: str, rows: list[tuple[str, int]]) -> Table:
    table = Table(title=title, show_edge=False)
    table.add_column(title.split()[0])
    table.add_column("件数 n", justify="right")
    for name, count in rows:
        table.add_row(str(name), f"{count:,}")
    return table
