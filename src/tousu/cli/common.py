"""What every command shares: the settings, the database and one way to report errors."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tousu.config import Settings
from tousu.db import make_engine, make_sessionmaker, require_schema
from tousu.errors import TousuError

console = Console()
err_console = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Runtime:
    """The per-invocation state a command needs, made lazily so `--help` never touches a database."""

    settings: Settings
    _engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.settings.database_url)
        return self._engine

    def sessions(self, *, require_current_schema: bool = True) -> sessionmaker[Session]:
        if require_current_schema:
            require_schema(self.engine)
        return make_sessionmaker(self.engine)


def runtime(ctx: typer.Context) -> Runtime:
    root = ctx.find_root()
    if not isinstance(root.obj, Runtime):
        root.obj = Runtime(Settings.from_env())
    return root.obj


def fail(message: str, code: int = 1) -> typer.Exit:
    err_console.print(f"[bold red]错误 / Error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def friendly_errors(command: F) -> F:
    """Turn domain errors (and any surprise) into one clear sentence and a non-zero exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except TousuError as error:
            raise fail(error.message, error.exit_code) from None
        except KeyboardInterrupt:
            raise fail("已中断，本次操作未写入任何数据 / interrupted: nothing was written", 130) from None
        except Exception as error:  # the edge: a person gets a sentence, not a traceback
            if os.environ.get("TOUSU_DEBUG"):
                raise
            raise fail(
                f"意外错误：{type(error).__name__}: {error}（设置 TOUSU_DEBUG=1 查看详情）/ unexpected error",
                70,
            ) from None

    return wrapper  # type: ignore[return-value]


#: How many row errors a command prints before saying how many more there are.
MAX_ERRORS_SHOWN = 20


def file_progress(*, disable: bool) -> Progress:
    """The progress bar of a command that works through a file, on stderr so stdout stays machine-readable."""
    return Progress(
        TextColumn("[bold]{task.description}[/]"),
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=err_console,
        disable=disable,
        transient=True,
    )


def print_row_errors(errors: list[str]) -> None:
    """The first row errors of a refused file, one per line, and how many more there are."""
    for line in errors[:MAX_ERRORS_SHOWN]:
        err_console.print(f"  {line}", highlight=False, soft_wrap=True)
    if len(errors) > MAX_ERRORS_SHOWN:
        err_console.print(f"  …另有 {len(errors) - MAX_ERRORS_SHOWN} 条 / more")


def is_interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")
