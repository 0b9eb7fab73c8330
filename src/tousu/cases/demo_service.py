"""Use case: put the synthetic demo data set into a database (created or upgraded first)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import Progress
from sqlalchemy import Engine, func, select

from tousu.cases.imports import ImportSummary, import_records
from tousu.cases.models import Complaint
from tousu.db import make_sessionmaker, session_scope, upgrade_schema

if TYPE_CHECKING:
    from tousu.analysis.pipeline import ComplaintReader

DEMO_SOURCE = "tousu demo（合成演示数据 / synthetic）"


def load_demo(
    engine: Engine,
    *,
    complaints: int,
    seed: int,
    paraphrase: float = 0.5,
    truth_path: Path | None = None,
    secret: str | None = None,
    console: Console | None = None,
    reader: ComplaintReader | None = None,
) -> ImportSummary:
    """Generate the demo set for ``seed`` and store it, analysed by ``reader`` when one is given.

    Loading the same seed again changes nothing.
    """
    from tousu.demo import DemoConfig, generate_demo, write_truth

    upgrade_schema(engine)
    config = DemoConfig(complaints=complaints, seed=seed, paraphrase=paraphrase)
    with Progress(console=console, transient=True, disable=console is None) as bar:
        bar.add_task("生成演示数据 / generating demo data", total=None)
        dataset = generate_demo(config)
    if truth_path is not None:
        write_truth(truth_path, dataset.truth)
    hook = None
    if reader is not None:
        from tousu.cases.analyses import analysis_hook

        hook = analysis_hook(reader)
    return import_records(
        make_sessionmaker(engine), dataset.records, source_name=DEMO_SOURCE, secret=secret, after_chunk=hook
    )


def register_is_empty(engine: Engine) -> bool:
    with session_scope(make_sessionmaker(engine)) as session:
        return not session.scalar(select(func.count(Complaint.id)))
