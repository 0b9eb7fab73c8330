"""The JSON API over real HTTP: health, list and fetch, masking by role."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from tests.builders import HEADER_ZH, complaint_rows, write_csv
from tousu.analysis.pipeline import ComplaintReader
from tousu.cases.analyses import analysis_hook
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
    url = f"sqlite:///{tmp_path / 'web.db'}"
    engine = make_engine(url)
    upgrade_schema(engine)
    rows = [[*row, ""] for row in complaint_rows(25)]
    rows[0][-1] = "13700001111"
    rows[0][7] = "13812345678"
    rows[0][5] = "张伟"
    rows[0][9] = "信用卡分期手续费乱收，你们就是骗子！再不退钱我就去12378投诉。回电13812345678。"
    hook = analysis_hook(ComplaintReader())
    path = write_csv(tmp_path / "in.csv", rows, header=[*HEADER_ZH, "备用手机"])
    import_file(make_sessionmaker(engine), path, after_chunk=hook)
    settings = Settings(database_url=url, api_tokens={COMPLIANCE_TOKEN: "compliance", HANDLER_TOKEN: "handler"})
    port = _free_port()
    config = uvicorn.Config(create_app(settings, engine=engine), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not instance.started:
        assert time.monotonic() < deadline, "the server did not start within 10 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


def test_health_reports_the_database_and_its_complaints(server: str) -> None:
    body = httpx.get(f"{server}/health").json()
    assert body["status"] == "ok" and body["database"] == "sqlite" and body["complaints"] == 25


def test_the_list_pages_newest_first(server: str) -> None:
    page = httpx.get(f"{server}/api/complaints", params={"size": 10, "page": 2}).json()
    assert page["total"] == 25 and len(page["items"]) == 10
    times = [item["received_at"] for item in page["items"]]
    assert times == sorted(times, reverse=True)


def test_a_complaint_is_masked_for_a_viewer_and_clear_for_compliance(server: str) -> None:
    masked = httpx.get(f"{server}/api/complaints/T-000000").json()
    clear = httpx.get(
        f"{server}/api/complaints/T-000000",
        params={"unmasked": True},
        headers={"Authorization": f"Bearer {COMPLIANCE_TOKEN}"},
    ).json()
    assert masked["masked"] is True and masked["phone"] != "13812345678" and "*" in masked["phone"]
    assert masked["complainant_name"] != "张伟"
    assert clear["masked"] is False and clear["phone"] == "13812345678" and clear["complainant_name"] == "张伟"
    assert masked["extra"]["备用手机"] == "137****1111" and clear["extra"]["备用手机"] == "13700001111"
    assert masked["received_at"].endswith("+08:00")


def test_a_complaint_shows_its_stored_analysis_with_personal_entities_masked(server: str) -> None:
    masked = httpx.get(f"{server}/api/complaints/T-000000").json()["analysis"]
    clear = httpx.get(
        f"{server}/api/complaints/T-000000",
        params={"unmasked": True},
        headers={"Authorization": f"Bearer {COMPLIANCE_TOKEN}"},
    ).json()["analysis"]

    assert masked["complaint_id"] == "T-000000"
    assert masked["threats"] == ["regulator"]
    assert masked["emotion"]["label"] == "anger"
    assert masked["category"]["label"]
    assert masked["entities"]["phones"] == ["138****5678"]
    assert clear["entities"]["phones"] == ["13812345678"]


def test_a_handler_asking_for_personal_data_is_refused(server: str) -> None:
    response = httpx.get(
        f"{server}/api/complaints/T-000000",
        params={"unmasked": True},
        headers={"Authorization": f"Bearer {HANDLER_TOKEN}"},
    )
    assert response.status_code == 403


def test_an_unknown_complaint_is_a_404_naming_it(server: str) -> None:
    response = httpx.get(f"{server}/api/complaints/NOPE-1")
    assert response.status_code == 404 and "NOPE-1" in response.json()["detail"]


def test_a_bad_token_is_a_401(server: str) -> None:
    response = httpx.get(f"{server}/api/complaints", headers={"Authorization": "Bearer wrong"})
    assert response.status_code == 401
