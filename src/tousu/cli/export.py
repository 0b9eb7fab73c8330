"""`tousu export FILE`: the register as CSV or XLSX, personal data masked unless asked."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tousu.cases.service import extra_columns, iter_records
from tousu.cli.common import console, err_console, fail, friendly_errors, runtime
from tousu.db import session_scope

FORMATS = (".csv", ".xlsx")


def register(app: typer.Typer) -> None:
    @app.command("export")
    @friendly_errors
    def export(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(help="输出文件 .csv 或 .xlsx / output file, by its extension")],
        unmasked: Annotated[
            bool, typer.Option("--unmasked", help="不脱敏导出个人信息 / personal data in the clear")
        ] = False,
    ) -> None:
        """导出投诉（默认脱敏）/ export complaints, personal data masked by default."""
        from tousu.intake import write_complaints

        if file.suffix.lower() not in FORMATS:
            raise fail(
                f"无法按扩展名 {file.suffix or '（无）'} 导出，请使用 .csv 或 .xlsx / use a .csv or .xlsx file",
                2,
            )
        with session_scope(runtime(ctx).sessions()) as session:
            columns = extra_columns(session)
            count = write_complaints(file, iter_records(session, unmasked=unmasked), extra_columns=columns)
        if unmasked:
            err_console.print("注意：导出文件含未脱敏个人信息，请妥善保管 / the file holds personal data in the clear")
        console.print(f"已导出 {count} 条投诉 / exported {count} complaints to {file}")
