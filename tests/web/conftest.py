"""A real web server on a free port over a SQLite register of 25 analysed complaints."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from tests.builders import HEADER_ZH, complaint_rows, write_csv
from tousu.analysis.pipeline import ComplaintReader
from tousu.campaigns.service import detect_in_register
from tousu.cases.analyses import analysis_hook
from tousu.cases.demo_service import load_demo
from tousu.cases.imports import import_file
from tousu.config import Settings
from tousu.db import make_engine, make_sessionmaker, upgrade_schema
from tousu.web.app import create_app

COMPLIANCE_TOKEN = "compliance-token-0123456789"
HANDLER_TOKEN = "handler-token-0123456789abc"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """The server's address. T-000000 is an angry complaint by 张伟 threatening the regulator, with his phone in
    the text; T-000001 is by a 78-year-old; the rest are ordinary."""
    url = f"sqlite:///{tmp_path / 'web.db'}"
    engine = make_engine(url)
    upgrade_schema(engine)
    rows = [[*row, ""] for row in complaint_rows(25)]
    rows[0][-1] = "13700001111"
    rows[0][7] = "13812345678"
    rows[0][5] = "张伟"
    rows[0][9] = "信用卡分期手续费乱收，你们就是骗子！我张伟再不退钱就去12378投诉。回电13812345678。"
    rows[1][9] = "我今年78岁，业务员把存款说成理财卖给我，我看不懂合同，要求退还本金5万元。"
    hook = analysis_hook(ComplaintReader())
    path = write_csv(tmp_path / "in.csv", rows, header=[*HEADER_ZH, "备用手机"])
    import_file(make_sessionmaker(engine), path, after_chunk=hook)
    settings = Settings(database_url=url, api_tokens={COMPLIANCE_TOKEN: "compliance", HANDLER_TOKEN: "handler"})
    with _serving(create_app(settings, engine=engine)) as address:
        yield address


@pytest.fixture
def unanalysed_server(tmp_path: Path) -> Iterator[str]:
    """The address of a server over three complaints imported without analysis (tousu import --no-analyze)."""
    url = f"sqlite:///{tmp_path / 'plain.db'}"
    engine = make_engine(url)
    upgrade_schema(engine)
    import_file(make_sessionmaker(engine), write_csv(tmp_path / "in.csv", complaint_rows(3)))
    with _serving(create_app(Settings(database_url=url), engine=engine)) as address:
        yield address


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a server over 600 analysed demo complaints after campaign detection: at least one suspected
    campaign and one group event."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    engine = make_engine(url)
    load_demo(engine, complaints=600, seed=7, reader=ComplaintReader())
    detect_in_register(make_sessionmaker(engine))
    with _serving(create_app(Settings(database_url=url), engine=engine)) as address:
        yield address


@contextmanager
def _serving(app: FastAPI) -> Iterator[str]:
    port = _free_port()
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not instance.started:
        assert time.monotonic() < deadline, "the server did not start within 10 s"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)
