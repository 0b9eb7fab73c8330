"""The JSON API over real HTTP: health, list and fetch, masking by role."""

from __future__ import annotations

from typing import Any

import httpx

from tests.web.conftest import COMPLIANCE_TOKEN, HANDLER_TOKEN


def _as_viewer_and_as_compliance(server: str, complaint_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The complaint as a viewer gets it (masked), then as compliance asks for it in the clear."""
    masked = httpx.get(f"{server}/api/complaints/{complaint_id}").json()
    clear = httpx.get(
        f"{server}/api/complaints/{complaint_id}",
        params={"unmasked": True},
        headers={"Authorization": f"Bearer {COMPLIANCE_TOKEN}"},
    ).json()
    return masked, clear


def test_health_reports_the_database_and_its_complaints(server: str) -> None:
    body = httpx.get(f"{server}/health").json()
    assert body["status"] == "ok" and body["database"] == "sqlite" and body["complaints"] == 25


def test_the_list_pages_newest_first(server: str) -> None:
    page = httpx.get(f"{server}/api/complaints", params={"size": 10, "page": 2}).json()
    assert page["total"] == 25 and len(page["items"]) == 10
    times = [item["received_at"] for item in page["items"]]
    assert times == sorted(times, reverse=True)


def test_a_complaint_is_masked_for_a_viewer_and_clear_for_compliance(server: str) -> None:
    masked, clear = _as_viewer_and_as_compliance(server, "T-000000")
    assert masked["masked"] is True and masked["phone"] != "13812345678" and "*" in masked["phone"]
    assert masked["complainant_name"] != "张伟"
    assert clear["masked"] is False and clear["phone"] == "13812345678" and clear["complainant_name"] == "张伟"
    assert masked["extra"]["备用手机"] == "137****1111" and clear["extra"]["备用手机"] == "13700001111"
    assert masked["received_at"].endswith("+08:00")


def test_a_complaint_shows_its_stored_analysis_with_personal_entities_masked(server: str) -> None:
    masked, clear = (side["analysis"] for side in _as_viewer_and_as_compliance(server, "T-000000"))

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


def test_a_complaint_shows_the_words_behind_its_threats_masked_for_a_viewer(server: str) -> None:
    masked, clear = (side["evidence"] for side in _as_viewer_and_as_compliance(server, "T-000000"))

    assert [hit["kind"] for hit in masked["threats"]] == ["regulator"]
    assert masked["threats"][0]["done"] is False
    assert "12378" in masked["threats"][0]["words"] and "张*" in masked["threats"][0]["words"]
    assert "张伟" in clear["threats"][0]["words"]
    assert "insults:骗子" in masked["emotion"]


def test_the_complainants_own_name_is_masked_wherever_the_text_writes_it(server: str) -> None:
    content = httpx.get(f"{server}/api/complaints/T-000000").json()["content"]
    assert "张伟" not in content and "我张*再不退钱" in content


def test_the_list_carries_each_complaints_analysis_and_narrows_by_it(server: str) -> None:
    everything = httpx.get(f"{server}/api/complaints", params={"size": 200}).json()
    angry = httpx.get(f"{server}/api/complaints", params={"size": 200, "emotion": "anger"}).json()
    first = next(item for item in everything["items"] if item["complaint_id"] == "T-000000")

    assert first["analysis"]["threats"] == ["regulator"] and first["analysis"]["emotion"] == "anger"
    assert all(item["analysis"] is not None for item in everything["items"])
    assert 0 < angry["total"] < everything["total"]
    assert {item["analysis"]["emotion"] for item in angry["items"]} == {"anger"}
    category = first["analysis"]["category"]
    same = httpx.get(f"{server}/api/complaints", params={"size": 200, "category": category}).json()
    assert "T-000000" in {item["complaint_id"] for item in same["items"]}
    assert {item["analysis"]["category"] for item in same["items"]} == {category}


def test_an_unknown_channel_is_refused_with_the_channels_there_are(server: str) -> None:
    response = httpx.get(f"{server}/api/complaints", params={"channel": "fax"})
    assert response.status_code == 422
    assert "fax" in response.json()["detail"] and "regulator" in response.json()["detail"]
