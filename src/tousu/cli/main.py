"""The `tousu` command line."""

from __future__ import annotations

from typing import Annotated

import typer

from tousu import __version__
from tousu.cli import analyze, campaigns, database, demo, export, imports, serve, stats
from tousu.cli.common import Runtime
from tousu.cli.train import train_app
from tousu.config import Settings

app = typer.Typer(
    name="tousu",
    help="Tousu 投诉风险分析平台 — complaint-risk platform for financial institutions.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tousu {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="数据库：SQLite 文件路径或 postgresql:// 地址（默认 TOUSU_DATABASE_URL 或 ./tousu.db）"
            " / database: a SQLite path or a postgresql:// URL",
            envvar="TOUSU_DATABASE_URL",
            show_envvar=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本 / show the version")
    ] = False,
) -> None:
    """Tousu 投诉风险分析平台."""
    from tousu.cli.common import fail
    from tousu.errors import ConfigError

    try:
        ctx.obj = Runtime(Settings.from_env(database_url=db))
    except ConfigError as error:
        raise fail(error.message, error.exit_code) from None


for module in (database, imports, demo, export, stats, analyze, campaigns, serve):
    module.register(app)

app.add_typer(train_app, name="train", help="训练本机构的分类与情绪模型 / train category and emotion models")

__all__ = ["app"]
