"""`tousu serve`: the web application and JSON API on 127.0.0.1."""

from __future__ import annotations

from typing import Annotated

import typer

from tousu.cli.common import console, friendly_errors, runtime
from tousu.db import upgrade_schema


def register(app: typer.Typer) -> None:
    @app.command("serve")
    @friendly_errors
    def serve(
        ctx: typer.Context,
        host: Annotated[str | None, typer.Option(help="监听地址 / address (default 127.0.0.1)")] = None,
        port: Annotated[int | None, typer.Option(min=1, max=65535, help="端口 / port (default 8000)")] = None,
        demo: Annotated[
            bool,
            typer.Option("--demo", help="数据库为空时先载入合成演示数据 / load demo data into an empty database"),
        ] = False,
    ) -> None:
        """启动 Web 服务 / start the web server."""
        import uvicorn

        from tousu.cases.demo_service import load_demo, register_is_empty
        from tousu.web.app import create_app

        rt = runtime(ctx)
        if demo:
            upgrade_schema(rt.engine)
            if register_is_empty(rt.engine):
                console.print("载入合成演示数据 / loading synthetic demo data …")
                from tousu.cases.analyses import reader_for

                load_demo(
                    rt.engine,
                    complaints=20_000,
                    seed=7,
                    secret=rt.settings.secret_key,
                    console=console,
                    reader=reader_for(rt.settings),
                )
                from tousu.campaigns.service import detect_in_register

                console.print("识别疑似团伙与群体事件 / finding campaigns and group events …")
                detect_in_register(rt.sessions(), rt.settings.secret_key)
        application = create_app(rt.settings, engine=rt.engine)
        bind_host = host or rt.settings.host
        bind_port = port or rt.settings.port
        console.print(f"Tousu 已启动 / serving on http://{bind_host}:{bind_port}")
        uvicorn.run(application, host=bind_host, port=bind_port, log_level="info")
