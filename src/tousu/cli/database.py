"""`tousu init`: create or upgrade the schema."""

from __future__ import annotations

import typer

from tousu.cli.common import console, friendly_errors, runtime
from tousu.db import upgrade_schema


def register(app: typer.Typer) -> None:
    @app.command("init")
    @friendly_errors
    def init(ctx: typer.Context) -> None:
        """创建或升级数据库结构 / create or upgrade the database schema."""
        rt = runtime(ctx)
        revision = upgrade_schema(rt.engine)
        console.print(f"数据库已就绪（结构版本 {revision}）/ database ready at schema {revision}: {_safe_url(rt)}")


def _safe_url(rt: object) -> str:
    from sqlalchemy.engine import make_url

    return make_url(rt.settings.database_url).render_as_string(hide_password=True)  # type: ignore[attr-defined]
